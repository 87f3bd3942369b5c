using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WebEdi.Domain.Companies;
using WebEdi.Domain.Orders;

namespace WebEdi.Data.Configurations;

internal sealed class PurchaseOrderConfiguration : IEntityTypeConfiguration<PurchaseOrder>
{
    public void Configure(EntityTypeBuilder<PurchaseOrder> b)
    {
        b.ToTable("PurchaseOrders");
        b.HasKey(o => o.Id);
        b.Property(o => o.OrderNumber).HasMaxLength(40);
        b.Property(o => o.Currency).HasMaxLength(3);
        b.Property(o => o.DeliveryLocation).HasMaxLength(100);
        b.Property(o => o.BuyerContact).HasMaxLength(100);
        b.Property(o => o.Remarks).HasMaxLength(1000);
        b.Property(o => o.CancellationReason).HasMaxLength(500);
        // The default only serves the migration that added the column; every order the domain writes sets its own.
        b.Property(o => o.SearchText).HasDefaultValue("");
        b.Property(o => o.Status).HasConversion<string>().HasMaxLength(24);
        b.Property(o => o.Version).IsConcurrencyToken();
        b.HasOne<Company>().WithMany().HasForeignKey(o => o.BuyerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Company>().WithMany().HasForeignKey(o => o.SupplierId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<TradingRelationship>().WithMany().HasForeignKey(o => o.TradingRelationshipId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(o => o.Lines).WithOne(l => l.Order).HasForeignKey(l => l.PurchaseOrderId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(o => o.Revisions).WithOne().HasForeignKey(r => r.PurchaseOrderId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(o => o.ActiveLines);

        b.HasIndex(o => new { o.BuyerId, o.OrderNumber }).IsUnique();
        // The supplier's inbox: tabs by status, newest first; and every tab by delivery date, in the inbox's order (the
        // order number breaks ties), so PostgreSQL reads the first page of a large supplier's tab from the index
        // instead of sorting all of its orders.
        b.HasIndex(o => new { o.SupplierId, o.Status, o.OrderDate });
        b.HasIndex(o => new { o.SupplierId, o.NextDeliveryDate, o.OrderNumber });
        // Every column the tab counts read, so counting a supplier's orders reads only the index (PostgreSQL index-only scan).
        b.HasIndex(o => new { o.SupplierId, o.Status, o.NextDeliveryDate, o.ViewedAt });
        b.HasIndex(o => o.TradingRelationshipId);
    }
}

internal sealed class PurchaseOrderLineConfiguration : IEntityTypeConfiguration<PurchaseOrderLine>
{
    public void Configure(EntityTypeBuilder<PurchaseOrderLine> b)
    {
        b.ToTable("PurchaseOrderLines");
        b.HasKey(l => l.Id);
        b.Property(l => l.BuyerItemCode).HasMaxLength(40);
        b.Property(l => l.SupplierItemCode).HasMaxLength(40);
        b.Property(l => l.ItemName).HasMaxLength(200);
        b.Property(l => l.Specification).HasMaxLength(200);
        b.Property(l => l.Unit).HasMaxLength(10);
        b.Property(l => l.DeliveryLocation).HasMaxLength(100);
        b.Property(l => l.Remarks).HasMaxLength(500);
        b.Property(l => l.CurrentAnswer).HasConversion<string>().HasMaxLength(24);
        b.HasMany(l => l.Responses).WithOne().HasForeignKey(r => r.PurchaseOrderLineId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(l => new { l.PurchaseOrderId, l.LineNumber }).IsUnique();
        b.Ignore(l => l.NeedsAnswer);
        b.Ignore(l => l.IsAccepted);
        b.Ignore(l => l.OpenQuantity);
        b.Ignore(l => l.CurrentResponse);
        b.Ignore(l => l.Status);
        b.Ignore(l => l.EffectiveDeliveryLocation);
    }
}

internal sealed class PurchaseOrderRevisionConfiguration : IEntityTypeConfiguration<PurchaseOrderRevision>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<PurchaseOrderRevision> b)
    {
        b.ToTable("PurchaseOrderRevisions");
        b.HasKey(r => r.Id);
        // A snapshot is written once and read for history and diffs, never queried by field: JSON text is enough.
        b.Property(r => r.Snapshot).HasConversion(
            s => JsonSerializer.Serialize(s, Json),
            s => JsonSerializer.Deserialize<OrderSnapshot>(s, Json)!);
        b.HasIndex(r => new { r.PurchaseOrderId, r.Number }).IsUnique();
    }
}

internal sealed class OrderResponseConfiguration : IEntityTypeConfiguration<OrderResponse>
{
    public void Configure(EntityTypeBuilder<OrderResponse> b)
    {
        b.ToTable("OrderResponses");
        b.HasKey(r => r.Id);
        b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(24);
        b.Property(r => r.RejectionReason).HasConversion<string>().HasMaxLength(24);
        b.Property(r => r.Comment).HasMaxLength(500);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasMany(r => r.Deliveries).WithOne().HasForeignKey(d => d.OrderResponseId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => new { r.PurchaseOrderLineId, r.IsCurrent });
    }
}

internal sealed class ScheduledDeliveryConfiguration : IEntityTypeConfiguration<ScheduledDelivery>
{
    public void Configure(EntityTypeBuilder<ScheduledDelivery> b)
    {
        b.ToTable("ScheduledDeliveries");
        b.HasKey(d => d.Id);
        b.HasIndex(d => d.OrderResponseId);
    }
}
