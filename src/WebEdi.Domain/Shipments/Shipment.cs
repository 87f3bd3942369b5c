using System.Text.RegularExpressions;
using WebEdi.Domain.Orders;

namespace WebEdi.Domain.Shipments;

public enum ShipmentStatus
{
    /// <summary>Goods are on their way (出荷済).</summary>
    Shipped,

    /// <summary>The buyer's receiving dock confirmed the delivery (受領済).</summary>
    Received,

    /// <summary>Withdrawn by the supplier before the buyer received it (取消).</summary>
    Cancelled,
}

/// <summary>What to ship: a quantity of one line of one order.</summary>
public sealed record ShipmentItem(PurchaseOrder Order, int LineNumber, decimal Quantity);

/// <summary>
/// A shipment (出荷) documented by one delivery note (納品書): lines of one buyer's orders going to one delivery
/// location. Creating it moves the lines' shipped quantity; cancelling it moves it back.
/// </summary>
public sealed partial class Shipment : IVersioned
{
    public const int MaxLines = 999;

    private Shipment()
    {
        DeliveryNoteNumber = null!;
    }

    public Guid Id { get; private set; }

    public Guid SupplierId { get; private set; }

    public Guid BuyerId { get; private set; }

    /// <summary>The delivery note number (納品書番号), unique per supplier and never reused.</summary>
    public string DeliveryNoteNumber { get; private set; }

    public DateOnly ShipDate { get; private set; }

    public string? DeliveryLocation { get; private set; }

    public ShipmentStatus Status { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public Guid? CreatedBy { get; private set; }

    public DateTime? ReceivedAt { get; private set; }

    public DateTime? CancelledAt { get; private set; }

    public int Version { get; set; }

    public List<ShipmentLine> Lines { get; private set; } = [];

    public static Shipment Create(
        string deliveryNoteNumber, DateOnly shipDate, IReadOnlyList<ShipmentItem> items, Guid? createdBy, DateTime at)
    {
        var errors = new DomainErrorCollector();
        errors.Check(IsValidDeliveryNoteNumber(deliveryNoteNumber), "deliveryNoteNumber", "invalid_number",
            "must be 1 to 20 characters of A-Z, 0-9 and '-' (they are printed as a Code 39 barcode).");
        errors.Check(items.Count > 0, "lines", "required", "a shipment needs at least one line.");
        errors.Check(items.Count <= MaxLines, "lines", "too_many", $"a shipment has at most {MaxLines} lines.");

        var orders = items.Select(i => i.Order).Distinct().ToList();
        errors.Check(orders.Select(o => o.SupplierId).Distinct().Count() <= 1, "lines", "mixed_suppliers",
            "all lines must be orders to the same supplier.");
        errors.Check(orders.Select(o => o.BuyerId).Distinct().Count() <= 1, "lines", "mixed_buyers",
            "all lines must be orders of the same buyer; make one shipment per buyer.");

        var lines = new List<(PurchaseOrderLine Line, decimal Quantity)>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var p = $"lines[{i}]";
            var line = item.Order.Lines.SingleOrDefault(l => l.LineNumber == item.LineNumber);
            if (line is null)
            {
                errors.Add(p, "unknown_line", $"order {item.Order.OrderNumber} has no line {item.LineNumber}.");
                continue;
            }

            var what = $"order {item.Order.OrderNumber} line {item.LineNumber}";
            errors.Check(item.Quantity > 0, $"{p}.quantity", "not_positive", $"must be greater than zero (is {item.Quantity}).");
            if (line.IsCancelled)
            {
                errors.Add(p, "line_cancelled", $"{what} is cancelled.");
            }
            else if (line.AwaitingAnswerAfterChange || line.CurrentAnswer is null)
            {
                errors.Add(p, "line_not_accepted", $"{what} has not been accepted yet; answer it before shipping.");
            }
            else if (line.CurrentAnswer == ResponseKind.Rejected)
            {
                errors.Add(p, "line_rejected", $"{what} was rejected and cannot be shipped.");
            }

            lines.Add((line, item.Quantity));
        }

        // Lines refused above already carry their reason; the open-quantity check is for shippable lines only.
        foreach (var group in lines.GroupBy(l => l.Line).Where(g => g.Key is { IsCancelled: false, IsAccepted: true, AwaitingAnswerAfterChange: false }))
        {
            var total = group.Sum(g => g.Quantity);
            errors.Check(total <= group.Key.OpenQuantity, "lines", "over_open_quantity",
                $"order {group.Key.Order.OrderNumber} line {group.Key.LineNumber}: shipping {total} but only {group.Key.OpenQuantity} is open.");
        }

        var locations = lines.Select(l => l.Line.EffectiveDeliveryLocation).Distinct().ToList();
        errors.Check(locations.Count <= 1, "lines", "mixed_locations",
            $"all lines must go to one delivery location (found: {string.Join(", ", locations.Select(l => l ?? "(none)"))}).");
        errors.ThrowIfAny();

        var shipment = new Shipment
        {
            Id = Guid.CreateVersion7(),
            SupplierId = orders[0].SupplierId,
            BuyerId = orders[0].BuyerId,
            DeliveryNoteNumber = deliveryNoteNumber,
            ShipDate = shipDate,
            DeliveryLocation = locations[0],
            Status = ShipmentStatus.Shipped,
            CreatedAt = Instant.Require(at),
            CreatedBy = createdBy,
        };
        foreach (var (line, quantity) in lines)
        {
            line.RecordShipment(quantity);
            shipment.Lines.Add(new ShipmentLine(shipment, line, quantity));
        }

        foreach (var order in orders)
        {
            order.Refresh();
        }

        return shipment;
    }

    /// <summary>Withdraws the shipment; its quantities become open again. Refused once the buyer received it.</summary>
    public void Cancel(DateTime at)
    {
        EnsureShipped("cancelled");
        Instant.Require(at);
        foreach (var line in Lines)
        {
            line.OrderLine.ReverseShipment(line.Quantity);
        }

        Status = ShipmentStatus.Cancelled;
        CancelledAt = Instant.Require(at);
        RefreshOrders();
    }

    /// <summary>The buyer's receiving dock confirmed the goods (受領).</summary>
    public void MarkReceived(DateTime at)
    {
        EnsureShipped("received");
        Instant.Require(at);
        foreach (var line in Lines)
        {
            line.OrderLine.RecordReceipt(line.Quantity);
        }

        Status = ShipmentStatus.Received;
        ReceivedAt = Instant.Require(at);
        RefreshOrders();
    }

    public static bool IsValidDeliveryNoteNumber(string? number) => number is not null && DeliveryNoteNumberPattern().IsMatch(number);

    private void EnsureShipped(string verb)
    {
        if (Status != ShipmentStatus.Shipped)
        {
            throw new DomainRuleException("status", $"already_{Status.ToString().ToLowerInvariant()}",
                $"delivery note {DeliveryNoteNumber} is {Status.ToString().ToLowerInvariant()} and cannot be {verb}.");
        }

        if (Lines.Any(l => l.OrderLine is null))
        {
            throw new InvalidOperationException("The shipment's order lines were not loaded; load them with the shipment.");
        }
    }

    private void RefreshOrders()
    {
        foreach (var order in Lines.Select(l => l.OrderLine.Order).Distinct())
        {
            order.Refresh();
        }
    }

    [GeneratedRegex("^[A-Z0-9-]{1,20}$")]
    private static partial Regex DeliveryNoteNumberPattern();
}

/// <summary>A quantity of one order line on a shipment.</summary>
public sealed class ShipmentLine
{
    private ShipmentLine()
    {
        OrderLine = null!;
    }

    internal ShipmentLine(Shipment shipment, PurchaseOrderLine orderLine, decimal quantity)
    {
        Id = Guid.CreateVersion7();
        ShipmentId = shipment.Id;
        PurchaseOrderLineId = orderLine.Id;
        OrderLine = orderLine;
        Quantity = quantity;
    }

    public Guid Id { get; private set; }

    public Guid ShipmentId { get; private set; }

    public Guid PurchaseOrderLineId { get; private set; }

    public PurchaseOrderLine OrderLine { get; private set; }

    public decimal Quantity { get; private set; }
}
