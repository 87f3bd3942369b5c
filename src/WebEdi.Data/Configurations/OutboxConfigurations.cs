using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WebEdi.Data.Notifications;
using WebEdi.Data.Outbox;
using WebEdi.Domain.Companies;

namespace WebEdi.Data.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        // Every insert also queues the document for the fan-out (FanOutQueueEntry).
        b.ToTable("OutboxMessages", t =>
        {
            t.HasTrigger(FanOutQueueEntry.Trigger);
            t.HasTrigger(FanOutQueueEntry.LegacyClaimTrigger);
        });
        b.HasKey(m => m.Sequence);
        b.Property(m => m.Sequence).ValueGeneratedOnAdd();
        b.HasIndex(m => m.Id).IsUnique();
        b.Property(m => m.MessageType).HasMaxLength(64);
        b.Property(m => m.OrderNumber).HasMaxLength(40);
        b.Property(m => m.LastError).HasMaxLength(2000);
        b.Property(m => m.LeaseOwner).HasMaxLength(100);
        b.HasOne<Company>().WithMany().HasForeignKey(m => m.BuyerId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(m => new { m.BuyerId, m.Sequence });

        // The order page lists the documents of one order.
        b.HasIndex(m => new { m.BuyerId, m.OrderNumber });
    }
}

internal sealed class FanOutQueueConfiguration : IEntityTypeConfiguration<FanOutQueueEntry>
{
    public void Configure(EntityTypeBuilder<FanOutQueueEntry> b)
    {
        b.ToTable("FanOutQueue");
        b.HasKey(e => e.Sequence);
        b.Property(e => e.Sequence).ValueGeneratedNever();
    }
}

internal sealed class OrderNoticeConfiguration : IEntityTypeConfiguration<OrderNotice>
{
    public void Configure(EntityTypeBuilder<OrderNotice> b)
    {
        b.ToTable("OrderNotices");
        b.HasKey(n => n.Sequence);
        b.Property(n => n.Sequence).ValueGeneratedOnAdd();
        b.HasIndex(n => n.Id).IsUnique();
        b.Property(n => n.OrderNumber).HasMaxLength(40);
        b.Property(n => n.Kind).HasConversion<string>().HasMaxLength(16);
        b.HasOne<Company>().WithMany().HasForeignKey(n => n.SupplierId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(n => new { n.SupplierId, n.Sequence });

        // The order page lists the notices of one order.
        b.HasIndex(n => n.PurchaseOrderId);
    }
}
