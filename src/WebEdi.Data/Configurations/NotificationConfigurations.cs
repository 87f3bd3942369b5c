using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WebEdi.Data.Notifications;
using WebEdi.Domain.Companies;

namespace WebEdi.Data.Configurations;

internal sealed class NotificationAddressConfiguration : IEntityTypeConfiguration<NotificationAddress>
{
    public void Configure(EntityTypeBuilder<NotificationAddress> b)
    {
        b.ToTable("NotificationAddresses");
        b.HasKey(a => a.Id);
        b.Property(a => a.Id).ValueGeneratedNever();
        b.Property(a => a.Email).HasMaxLength(256);
        b.HasOne<Company>().WithMany().HasForeignKey(a => a.CompanyId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(a => new { a.CompanyId, a.Email }).IsUnique();
    }
}

internal sealed class DigestWatermarkConfiguration : IEntityTypeConfiguration<DigestWatermark>
{
    public void Configure(EntityTypeBuilder<DigestWatermark> b)
    {
        b.ToTable("DigestWatermarks");
        b.HasKey(w => w.RecipientId);
        b.Property(w => w.RecipientId).ValueGeneratedNever();
        b.Property(w => w.LastSequence).IsConcurrencyToken();
        b.HasOne<Company>().WithMany().HasForeignKey(w => w.SupplierId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SupplierDigestConfiguration : IEntityTypeConfiguration<SupplierDigest>
{
    public void Configure(EntityTypeBuilder<SupplierDigest> b)
    {
        b.ToTable("SupplierDigests");
        b.HasKey(d => d.Id);
        b.Property(d => d.Id).ValueGeneratedNever();
        b.Property(d => d.RecipientKind).HasConversion<string>().HasMaxLength(16);
        b.Property(d => d.Recipient).HasMaxLength(256);
        b.Property(d => d.RecipientName).HasMaxLength(200);
        b.Property(d => d.Language).HasMaxLength(8);
        b.Property(d => d.Subject).HasMaxLength(500);
        b.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(d => d.LastError).HasMaxLength(2000);
        b.Property(d => d.LeaseOwner).HasMaxLength(100);
        b.HasOne<Company>().WithMany().HasForeignKey(d => d.SupplierId).OnDelete(DeleteBehavior.Restrict);
        // The sender's scan: what is due, oldest first; and the log: a company's digests, newest first.
        b.HasIndex(d => new { d.Status, d.NextAttemptAt });
        b.HasIndex(d => new { d.SupplierId, d.CreatedAt });
    }
}
