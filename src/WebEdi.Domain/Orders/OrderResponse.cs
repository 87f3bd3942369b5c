namespace WebEdi.Domain.Orders;

/// <summary>
/// A supplier's answer to one order line in one revision (注文回答). Answers are never edited: a new answer supersedes
/// the previous one, so the history of what was promised stays visible to both sides.
/// </summary>
public sealed class OrderResponse : IVersioned
{
    public const int MaxDeliveries = 99;

    private OrderResponse()
    {
    }

    public Guid Id { get; private set; }

    public Guid PurchaseOrderLineId { get; private set; }

    /// <summary>The order revision this answer was given to.</summary>
    public int Revision { get; private set; }

    public ResponseKind Kind { get; private set; }

    public DateOnly? PromisedDate { get; private set; }

    public decimal? PromisedUnitPrice { get; private set; }

    public RejectionReason? RejectionReason { get; private set; }

    public string? Comment { get; private set; }

    public DateTime AnsweredAt { get; private set; }

    /// <summary>The user who answered; null when the answer came from a file or an integration.</summary>
    public Guid? AnsweredBy { get; private set; }

    public bool IsCurrent { get; private set; }

    public DateTime? SupersededAt { get; private set; }

    public int Version { get; set; }

    public List<ScheduledDelivery> Deliveries { get; private set; } = [];

    internal static OrderResponse? Create(
        PurchaseOrderLine line, OrderAnswer answer, int revision, Guid? answeredBy, DateTime at, DomainErrorCollector errors)
    {
        var p = $"lines[{line.LineNumber}]";
        var response = new OrderResponse
        {
            Id = Guid.CreateVersion7(),
            PurchaseOrderLineId = line.Id,
            Revision = revision,
            AnsweredAt = Instant.Require(at),
            AnsweredBy = answeredBy,
            IsCurrent = true,
            Comment = Text.Clean(answer switch
            {
                OrderAnswer.Accept a => a.Comment,
                OrderAnswer.AcceptWithChanges c => c.Comment,
                OrderAnswer.Reject r => r.Comment,
                _ => null,
            }),
        };
        Text.Optional(errors, $"{p}.comment", response.Comment, 500);

        switch (answer)
        {
            case OrderAnswer.Accept:
                response.Kind = ResponseKind.Accepted;
                break;

            case OrderAnswer.AcceptWithChanges changes:
                response.Kind = ResponseKind.AcceptedWithChanges;
                ValidateChanges(line, changes, errors, p);
                response.PromisedDate = changes.PromisedDate;
                response.PromisedUnitPrice = changes.UnitPrice;
                response.Deliveries.AddRange((changes.Deliveries ?? [])
                    .OrderBy(d => d.Date)
                    .Select(d => new ScheduledDelivery(response.Id, d.Date, d.Quantity)));
                break;

            case OrderAnswer.Reject reject:
                response.Kind = ResponseKind.Rejected;
                errors.Check(Enum.IsDefined(reject.Reason), $"{p}.reason", "unknown_reason", $"'{reject.Reason}' is not a rejection reason.");
                errors.Check(reject.Reason != Orders.RejectionReason.Other || response.Comment is not null, $"{p}.comment", "required",
                    "explain the rejection when the reason is 'other'.");
                response.RejectionReason = reject.Reason;
                break;

            default:
                throw new ArgumentOutOfRangeException(nameof(answer), answer, "Unknown kind of answer.");
        }

        return errors.HasErrors ? null : response;
    }

    internal void Supersede(DateTime at)
    {
        IsCurrent = false;
        SupersededAt = Instant.Require(at);
    }

    private static void ValidateChanges(PurchaseOrderLine line, OrderAnswer.AcceptWithChanges changes, DomainErrorCollector errors, string p)
    {
        var deliveries = changes.Deliveries ?? [];
        var changesDate = changes.PromisedDate is { } date && date != line.RequestedDeliveryDate;
        var changesPrice = changes.UnitPrice is { } price && price != line.UnitPrice;
        var splits = deliveries.Count > 1 || (deliveries.Count == 1 && deliveries[0].Date != line.RequestedDeliveryDate);
        errors.Check(changesDate || changesPrice || splits, p, "no_change",
            "an acceptance with changes must change something: a promised date other than the requested one, a different " +
            "unit price, or scheduled deliveries; otherwise accept as ordered.");
        errors.Check(changes.PromisedDate is null || deliveries.Count == 0, $"{p}.promisedDate", "date_and_deliveries",
            "give either one promised date or scheduled deliveries, each with its own date, not both.");
        errors.Check(changes.UnitPrice is null or >= 0, $"{p}.unitPrice", "negative", $"must not be negative (is {changes.UnitPrice}).");
        errors.Check(changes.PromisedDate is null || changes.PromisedDate >= line.Order.OrderDate, $"{p}.promisedDate", "before_order_date",
            $"{changes.PromisedDate:yyyy-MM-dd} is before the order date {line.Order.OrderDate:yyyy-MM-dd}.");
        if (deliveries.Count == 0)
        {
            return;
        }

        errors.Check(deliveries.Count <= MaxDeliveries, $"{p}.deliveries", "too_many", $"at most {MaxDeliveries} scheduled deliveries.");
        for (var i = 0; i < deliveries.Count; i++)
        {
            var d = deliveries[i];
            errors.Check(d.Quantity > 0, $"{p}.deliveries[{i}].quantity", "not_positive", $"must be greater than zero (is {d.Quantity}).");
            errors.Check(d.Date >= line.Order.OrderDate, $"{p}.deliveries[{i}].date", "before_order_date",
                $"{d.Date:yyyy-MM-dd} is before the order date {line.Order.OrderDate:yyyy-MM-dd}.");
        }

        foreach (var sameDay in deliveries.GroupBy(d => d.Date).Where(g => g.Count() > 1))
        {
            errors.Add($"{p}.deliveries", "duplicate_date", $"{sameDay.Key:yyyy-MM-dd} appears {sameDay.Count()} times; combine them into one delivery.");
        }

        var total = deliveries.Sum(d => d.Quantity);
        errors.Check(total == line.Quantity, $"{p}.deliveries", "quantity_mismatch",
            $"the scheduled quantities add up to {total}, but {line.Quantity} were ordered.");
    }
}

/// <summary>One planned partial delivery (分納) of an accepted line.</summary>
public sealed class ScheduledDelivery
{
    private ScheduledDelivery()
    {
    }

    internal ScheduledDelivery(Guid orderResponseId, DateOnly date, decimal quantity)
    {
        Id = Guid.CreateVersion7();
        OrderResponseId = orderResponseId;
        Date = date;
        Quantity = quantity;
    }

    public Guid Id { get; private set; }

    public Guid OrderResponseId { get; private set; }

    public DateOnly Date { get; private set; }

    public decimal Quantity { get; private set; }
}
