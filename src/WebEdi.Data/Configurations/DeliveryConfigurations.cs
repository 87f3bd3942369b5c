using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WebEdi.Data.Deliveries;
using WebEdi.Domain.Companies;

namespace WebEdi.Data.Configurations;

internal sealed class BuyerChannelConfiguration : IEntityTypeConfiguration<BuyerChannel>
{
    public void Configure(EntityTypeBuilder<BuyerChannel> b)
    {
        b.ToTable("BuyerChannels");
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.Url).HasMaxLength(BuyerChannel.MaxUrlLength);
        b.Property(c => c.Secret).HasMaxLength(100);
        b.Property(c => c.PreviousSecret).HasMaxLength(100);
        b.Property(c => c.Encoding).HasConversion<string>().HasMaxLength(16);
        b.Ignore(c => c.RetryWindow);
        b.Ignore(c => c.Timeout);
        b.HasOne<Company>().WithMany().HasForeignKey(c => c.BuyerId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => new { c.BuyerId, c.Kind }).IsUnique();
    }
}

internal sealed class DeliveryConfiguration : IEntityTypeConfiguration<Delivery>
{
    public void Configure(EntityTypeBuilder<Delivery> b)
    {
        b.ToTable("Deliveries");
        b.HasKey(d => d.Sequence);
        b.Property(d => d.Sequence).ValueGeneratedOnAdd();
        b.Property(d => d.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(d => d.State).HasConversion<string>().HasMaxLength(16);
        b.Property(d => d.MessageType).HasMaxLength(64);
        b.Property(d => d.OrderNumber).HasMaxLength(40);
        b.Property(d => d.LastError).HasMaxLength(Delivery.MaxErrorLength);
        b.Property(d => d.DeliveredBy).HasMaxLength(100);

        // An adapter records an attempt only while it still holds the row: a row taken back and handed to another
        // adapter in the meantime makes the late save a concurrency conflict instead of a silent overwrite.
        b.Property(d => d.Token).IsConcurrencyToken();

        // No foreign keys to the document, the channel or the buyer: only the fan-out writes deliveries, from rows it
        // has just read and that are never deleted, and checking the keys row by row (locking each document's row on
        // the way) took a third of the time PostgreSQL spent writing a delivery. Migration 20261204140000.
        b.HasMany(d => d.AttemptLog).WithOne().HasForeignKey(a => a.DeliverySequence).OnDelete(DeleteBehavior.Cascade);

        // One delivery per document and channel, whatever two fan-out processes do.
        b.HasIndex(d => new { d.OutboxSequence, d.ChannelId }).IsUnique();

        // The dispatcher's scans: what is due, oldest first; what was handed over and not finished. (Not partial indexes
        // over the rows not delivered, tried twice: statistics gathered while everything was delivered make PostgreSQL
        // believe them empty, and it then walks them for every candidate — 2 s per scheduler pass — instead of using
        // the keys. docs/benchmarks.md, Deliveries.)
        b.HasIndex(d => new { d.State, d.Sequence });

        // "Is an earlier document of this order still on its way on this channel?"
        b.HasIndex(d => new { d.ChannelId, d.OrderNumber, d.OutboxSequence });

        // The buyer's delivery log, newest first, by state.
        b.HasIndex(d => new { d.BuyerId, d.Sequence });
        b.HasIndex(d => new { d.BuyerId, d.State, d.Sequence });
    }
}

internal sealed class DeliveryAttemptConfiguration : IEntityTypeConfiguration<DeliveryAttempt>
{
    public void Configure(EntityTypeBuilder<DeliveryAttempt> b)
    {
        b.ToTable("DeliveryAttempts");
        b.HasKey(a => a.Id);
        b.Property(a => a.Id).ValueGeneratedOnAdd();
        b.Property(a => a.Error).HasMaxLength(Delivery.MaxErrorLength);
        b.Property(a => a.Instance).HasMaxLength(100);
        b.HasIndex(a => a.DeliverySequence);
    }
}

internal sealed class DeliveryHandOverConfiguration : IEntityTypeConfiguration<DeliveryHandOver>
{
    public void Configure(EntityTypeBuilder<DeliveryHandOver> b)
    {
        b.ToTable("DeliveryHandOvers");
        b.HasKey(h => h.Id);
        b.Property(h => h.Id).ValueGeneratedNever();
        b.Property(h => h.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(h => h.ClaimedBy).HasMaxLength(100);

        // The sweep for hand-overs whose message or sender was lost.
        b.HasIndex(h => h.LeaseExpiresAt);
    }
}
