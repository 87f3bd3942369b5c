using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WebEdi.Data.ApiKeys;
using WebEdi.Domain.Companies;

namespace WebEdi.Data.Configurations;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> b)
    {
        b.ToTable("ApiKeys");
        b.HasKey(k => k.Id);
        b.Property(k => k.Id).ValueGeneratedNever();
        b.Property(k => k.Name).HasMaxLength(ApiKey.NameMaxLength);
        b.Property(k => k.KeyPrefix).HasMaxLength(ApiKey.PrefixLength);
        b.Property(k => k.SecretHash).HasMaxLength(64);
        b.Property(k => k.LastUsedFrom).HasMaxLength(ApiKey.LastUsedFromMaxLength);
        b.Property(k => k.AllowedAddresses).HasMaxLength(ApiKey.AllowedAddressesMaxLength);
        b.Ignore(k => k.IsRevoked);
        b.HasIndex(k => k.KeyPrefix).IsUnique();
        b.HasOne<Company>().WithMany().HasForeignKey(k => k.CompanyId).OnDelete(DeleteBehavior.Restrict);
    }
}
