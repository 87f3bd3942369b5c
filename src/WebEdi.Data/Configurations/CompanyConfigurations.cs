using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WebEdi.Data.Identity;
using WebEdi.Domain.Companies;

namespace WebEdi.Data.Configurations;

internal sealed class CompanyConfiguration : IEntityTypeConfiguration<Company>
{
    public void Configure(EntityTypeBuilder<Company> b)
    {
        b.ToTable("Companies");
        b.HasKey(c => c.Id);
        b.Property(c => c.Code).HasMaxLength(20);
        b.Property(c => c.Name).HasMaxLength(100);
        b.Property(c => c.TimeZoneId).HasMaxLength(64);
        // Defaults so that the migration could add the columns to existing companies: no 2FA rule, any network.
        b.Property(c => c.AllowedSignInAddresses).HasMaxLength(AddressAllowList.MaxLength).HasDefaultValue("");
        b.Property(c => c.RequiresTwoFactor).HasDefaultValue(false);
        b.HasIndex(c => c.Code).IsUnique();
        b.Ignore(c => c.TimeZone);
    }
}

internal sealed class TradingRelationshipConfiguration : IEntityTypeConfiguration<TradingRelationship>
{
    public void Configure(EntityTypeBuilder<TradingRelationship> b)
    {
        b.ToTable("TradingRelationships");
        b.HasKey(r => r.Id);
        b.Property(r => r.SupplierCode).HasMaxLength(20);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        b.HasOne<Company>().WithMany().HasForeignKey(r => r.BuyerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Company>().WithMany().HasForeignKey(r => r.SupplierId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => new { r.BuyerId, r.SupplierId }).IsUnique();
        b.HasIndex(r => new { r.BuyerId, r.SupplierCode }).IsUnique();
        b.HasIndex(r => r.SupplierId);
    }
}

internal sealed class WebEdiUserConfiguration : IEntityTypeConfiguration<WebEdiUser>
{
    public void Configure(EntityTypeBuilder<WebEdiUser> b)
    {
        b.Property(u => u.Role).HasConversion<string>().HasMaxLength(24);
        b.Property(u => u.DisplayName).HasMaxLength(100);
        b.Property(u => u.PreferredLanguage).HasMaxLength(8);
        b.HasOne<Company>().WithMany().HasForeignKey(u => u.CompanyId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(u => u.CompanyId);
    }
}
