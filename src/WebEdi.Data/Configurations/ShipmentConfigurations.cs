using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WebEdi.Data.Shipments;
using WebEdi.Domain.Companies;
using WebEdi.Domain.Shipments;

namespace WebEdi.Data.Configurations;

internal sealed class ShipmentConfiguration : IEntityTypeConfiguration<Shipment>
{
    public void Configure(EntityTypeBuilder<Shipment> b)
    {
        b.ToTable("Shipments");
        b.HasKey(s => s.Id);
        b.Property(s => s.DeliveryNoteNumber).HasMaxLength(20);
        b.Property(s => s.DeliveryLocation).HasMaxLength(100);
        b.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.HasOne<Company>().WithMany().HasForeignKey(s => s.SupplierId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Company>().WithMany().HasForeignKey(s => s.BuyerId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(s => s.Lines).WithOne().HasForeignKey(l => l.ShipmentId).OnDelete(DeleteBehavior.Cascade);
        // The database, not only the sequence, guarantees a delivery note number is never used twice by a supplier.
        b.HasIndex(s => new { s.SupplierId, s.DeliveryNoteNumber }).IsUnique();
        b.HasIndex(s => new { s.SupplierId, s.Status, s.ShipDate });
        // The shipment list of every status, newest first.
        b.HasIndex(s => new { s.SupplierId, s.ShipDate });
        b.HasIndex(s => new { s.BuyerId, s.ShipDate });
    }
}

internal sealed class ShipmentLineConfiguration : IEntityTypeConfiguration<ShipmentLine>
{
    public void Configure(EntityTypeBuilder<ShipmentLine> b)
    {
        b.ToTable("ShipmentLines");
        b.HasKey(l => l.Id);
        b.HasOne(l => l.OrderLine).WithMany().HasForeignKey(l => l.PurchaseOrderLineId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(l => l.ShipmentId);
        b.HasIndex(l => l.PurchaseOrderLineId);
    }
}

internal sealed class DeliveryNoteSequenceConfiguration : IEntityTypeConfiguration<DeliveryNoteSequence>
{
    public void Configure(EntityTypeBuilder<DeliveryNoteSequence> b)
    {
        b.ToTable("DeliveryNoteSequences");
        b.HasKey(s => s.SupplierId);
        b.Property(s => s.Prefix).HasMaxLength(8);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.HasOne<Company>().WithOne().HasForeignKey<DeliveryNoteSequence>(s => s.SupplierId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DeliveryNotePrintConfiguration : IEntityTypeConfiguration<DeliveryNotePrint>
{
    public void Configure(EntityTypeBuilder<DeliveryNotePrint> b)
    {
        b.ToTable("DeliveryNotePrints");
        b.HasKey(p => p.Sequence);
        b.Property(p => p.Sequence).ValueGeneratedOnAdd();
        b.Property(p => p.PrintedByName).HasMaxLength(DeliveryNotePrint.MaxNameLength);
        b.HasOne<Shipment>().WithMany().HasForeignKey(p => p.ShipmentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Company>().WithMany().HasForeignKey(p => p.SupplierId).OnDelete(DeleteBehavior.Restrict);

        // A shipment's history and its reprint count: the prints of one shipment in order.
        b.HasIndex(p => new { p.ShipmentId, p.Sequence });
        b.HasIndex(p => p.SupplierId);
        b.HasIndex(p => p.BatchId);
    }
}
