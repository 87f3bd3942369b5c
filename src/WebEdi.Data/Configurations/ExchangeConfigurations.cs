using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WebEdi.Data.Exchange;
using WebEdi.Domain.Companies;

namespace WebEdi.Data.Configurations;

internal sealed class BuyerExchangeConfiguration : IEntityTypeConfiguration<BuyerExchange>
{
    public void Configure(EntityTypeBuilder<BuyerExchange> b)
    {
        b.ToTable("BuyerExchanges");
        b.HasKey(e => e.BuyerId);
        b.Property(e => e.BuyerId).ValueGeneratedNever();
        b.Property(e => e.ProfileJson).HasMaxLength(BuyerExchange.MaxProfileLength);
        b.Property(e => e.ProfileName).HasMaxLength(100);
        b.Property(e => e.RunRequestedBy).HasMaxLength(100);
        b.Property(e => e.LeaseOwner).HasMaxLength(100);
        b.Property(e => e.UpdatedBy).HasMaxLength(100);

        // Two admins saving the profile at once, or an export advancing the watermark while another did: one of them loses, loudly.
        b.Property(e => e.UpdatedAt).IsConcurrencyToken();
        b.HasOne<Company>().WithOne().HasForeignKey<BuyerExchange>(e => e.BuyerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ExchangeRunConfiguration : IEntityTypeConfiguration<ExchangeRun>
{
    public void Configure(EntityTypeBuilder<ExchangeRun> b)
    {
        b.ToTable("ExchangeRuns");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.Direction).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.Trigger).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.StartedBy).HasMaxLength(100);
        b.Property(r => r.FileName).HasMaxLength(400);
        b.Property(r => r.ContentHash).HasMaxLength(64);
        b.Property(r => r.Message).HasMaxLength(ExchangeRun.MaxMessageLength);
        b.Ignore(r => r.Duration);
        b.HasOne<Company>().WithMany().HasForeignKey(r => r.BuyerId).OnDelete(DeleteBehavior.Restrict);

        // The history, newest first; "was this file imported before?"; an export left unfinished by a dead process.
        b.HasIndex(r => new { r.BuyerId, r.StartedAt });
        b.HasIndex(r => new { r.BuyerId, r.ContentHash });
        b.HasIndex(r => new { r.BuyerId, r.Direction, r.Status });
    }
}
