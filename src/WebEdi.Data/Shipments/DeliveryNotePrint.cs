using WebEdi.Domain;

namespace WebEdi.Data.Shipments;

/// <summary>
/// One printing of a shipment's delivery note set (印刷履歴): who printed it and when, alone or in a batch. The first
/// print of a shipment is the original; every later one is a reprint (再発行), and how many came before is what the
/// note prints as its reprint count — counted by <see cref="Sequence"/>, so two people printing at once get different
/// counts rather than two "originals".
/// </summary>
public sealed class DeliveryNotePrint
{
    public const int MaxNameLength = 100;

    private DeliveryNotePrint()
    {
        PrintedByName = null!;
    }

    /// <summary>Position among all prints; increases with every insert.</summary>
    public long Sequence { get; private set; }

    public Guid ShipmentId { get; private set; }

    /// <summary>The printing supplier, so the history is read without joining the shipment.</summary>
    public Guid SupplierId { get; private set; }

    public Guid PrintedBy { get; private set; }

    /// <summary>The person's display name when they printed: the history stays readable after a rename.</summary>
    public string PrintedByName { get; private set; }

    public DateTime PrintedAt { get; private set; }

    /// <summary>The batch this print was part of (several notes in one PDF), or null for a single note.</summary>
    public Guid? BatchId { get; private set; }

    public static DeliveryNotePrint Record(Guid shipmentId, Guid supplierId, Guid printedBy, string printedByName, Guid? batchId, DateTime at) => new()
    {
        ShipmentId = shipmentId,
        SupplierId = supplierId,
        PrintedBy = printedBy,
        PrintedByName = printedByName.Length > MaxNameLength ? printedByName[..MaxNameLength] : printedByName,
        PrintedAt = Instant.Require(at),
        BatchId = batchId,
    };
}
