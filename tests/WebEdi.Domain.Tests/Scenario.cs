using WebEdi.Domain.Companies;
using WebEdi.Domain.Orders;
using WebEdi.Domain.Shipments;

namespace WebEdi.Domain.Tests;

/// <summary>
/// The cast and calendar every specification shares: Tokai Motor orders hex bolts from Mikawa Seiko in November 2026.
/// Instants are fixed UTC values so no test depends on the clock.
/// </summary>
internal static class Scenario
{
    public const string OrderNumber = "PO-2026-0001";

    public static readonly DateTime Received = new(2026, 11, 2, 0, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime Viewed = new(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime Answered = new(2026, 11, 3, 10, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime Revised = new(2026, 11, 4, 8, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime Reanswered = new(2026, 11, 5, 10, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime Cancelled = new(2026, 11, 6, 12, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime Shipped = new(2026, 11, 20, 7, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime Delivered = new(2026, 11, 21, 1, 0, 0, DateTimeKind.Utc);

    /// <summary>The same wall-clock moment as <see cref="Cancelled"/> without a UTC marker: a programming error.</summary>
    public static readonly DateTime NotUtc = new(2026, 11, 6, 12, 0, 0, DateTimeKind.Unspecified);

    public static readonly DateOnly OrderDate = new(2026, 11, 2);
    public static readonly DateOnly RequestedDate = new(2026, 11, 30);
    public static readonly DateOnly ShipDate = new(2026, 11, 20);

    public static readonly Guid Tanaka = new("0195a1c2-0000-7000-8000-000000000001");

    public static Company Buyer(string code = "TOKAI-MOTOR") =>
        Company.Create(code, "Tokai Motor", isBuyer: true, isSupplier: false, Received);

    public static Company Supplier(string code = "MIKAWA-SEIKO") =>
        Company.Create(code, "Mikawa Seiko", isBuyer: false, isSupplier: true, Received);

    public static TradingRelationship Relationship(Company? buyer = null, Company? supplier = null) =>
        TradingRelationship.Create(buyer ?? Buyer(), supplier ?? Supplier(), "S0001", Received);

    public static OrderHeader Header { get; } = new(OrderDate, "JPY", "Plant 1", "Sato", null);

    /// <summary>A valid line: 100 PCS of hex bolts at 120 yen, 10 % tax, wanted on 30 November; the amount left to the platform.</summary>
    public static OrderLineData Line(int number, decimal quantity = 100m, decimal unitPrice = 120m) => new(
        number, $"BOLT-{number:000}", null, "Hex bolt M8", null, quantity, "PCS", unitPrice, null, 10m, RequestedDate, null, null);

    /// <summary>Revision 1 of <see cref="OrderNumber"/> under a fresh buyer ⇄ supplier relationship.</summary>
    public static PurchaseOrder Receive(params OrderLineData[] lines) => Receive(Relationship(), lines);

    public static PurchaseOrder Receive(TradingRelationship relationship, params OrderLineData[] lines) =>
        PurchaseOrder.Receive(relationship, OrderNumber, 1, Header, lines, Received);

    /// <summary>Received, then every line accepted as ordered.</summary>
    public static PurchaseOrder ReceiveAccepted(params OrderLineData[] lines) => ReceiveAccepted(Relationship(), lines);

    public static PurchaseOrder ReceiveAccepted(TradingRelationship relationship, params OrderLineData[] lines)
    {
        var order = Receive(relationship, lines);
        order.AcceptAll(Tanaka, Answered);
        return order;
    }

    /// <summary>Sends a full revision with the usual header.</summary>
    public static RevisionOutcome ReviseTo(this PurchaseOrder order, int revision, params OrderLineData[] lines) =>
        order.Revise(revision, Header, lines, Revised);

    public static Shipment Ship(PurchaseOrder order, int lineNumber, decimal quantity) =>
        Ship(new ShipmentItem(order, lineNumber, quantity));

    public static Shipment Ship(params ShipmentItem[] items) =>
        Shipment.Create("DN-00000001", ShipDate, items, Tanaka, Shipped);

    /// <summary>
    /// Runs a command that must be refused and checks it named exactly these rules (path and code), no more, no fewer.
    /// </summary>
    public static DomainRuleException Refused(Action command, params (string Path, string Code)[] expected)
    {
        var refusal = Assert.Throws<DomainRuleException>(command);
        Assert.Equal(
            expected.Select(e => $"{e.Path} {e.Code}").Order(StringComparer.Ordinal),
            refusal.Errors.Select(e => $"{e.Path} {e.Code}").Order(StringComparer.Ordinal));
        return refusal;
    }

    /// <summary>Everything a user can see of an order and its lines, to prove that a refused command changed nothing.</summary>
    public static string Describe(this PurchaseOrder order) =>
        string.Join('\n', order.Lines.Select(Describe).Prepend(FormattableString.Invariant(
            $"rev {order.Revision} {order.Status} {order.OrderDate} {order.Currency} {order.DeliveryLocation} {order.BuyerContact} {order.Remarks} next {order.NextDeliveryDate} updated {order.UpdatedAt:O} viewed {order.ViewedAt:O} cancelled {order.CancelledAt:O} {order.CancellationReason} revisions {order.Revisions.Count}")));

    private static string Describe(PurchaseOrderLine line) => FormattableString.Invariant(
        $"line {line.LineNumber} {line.Status} {line.BuyerItemCode} {line.SupplierItemCode} {line.ItemName} {line.Specification} {line.Quantity} {line.Unit} {line.UnitPrice} {line.Amount} {line.TaxRate} {line.RequestedDeliveryDate} {line.DeliveryLocation} {line.Remarks} rev {line.ChangedInRevision} cancelled {line.IsCancelled} {line.CancelledAt:O} answer {line.CurrentAnswer} awaiting {line.AwaitingAnswerAfterChange} shipped {line.ShippedQuantity} received {line.ReceivedQuantity} responses [{string.Join(", ", line.Responses.Select(r => FormattableString.Invariant($"{r.Kind} current {r.IsCurrent} superseded {r.SupersededAt:O}")))}]");
}
