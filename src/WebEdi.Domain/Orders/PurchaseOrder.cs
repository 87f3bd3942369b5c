using System.Text.RegularExpressions;
using WebEdi.Domain.Companies;

namespace WebEdi.Domain.Orders;

/// <summary>
/// A purchase order (注文), keyed by (buyer, order number), with every revision the buyer sent, its lines and the
/// supplier's answers. All changes go through its methods, which validate first and change nothing on error.
/// </summary>
public sealed partial class PurchaseOrder : IVersioned
{
    public const int MaxLines = 999;

    private PurchaseOrder()
    {
        OrderNumber = null!;
        Currency = null!;
    }

    public Guid Id { get; private set; }

    public Guid BuyerId { get; private set; }

    public Guid SupplierId { get; private set; }

    public Guid TradingRelationshipId { get; private set; }

    /// <summary>The buyer's order number (注文番号), unique per buyer.</summary>
    public string OrderNumber { get; private set; }

    /// <summary>The newest revision received (版数), starting at 1 or wherever the ERP starts.</summary>
    public int Revision { get; private set; }

    public DateOnly OrderDate { get; private set; }

    public string Currency { get; private set; }

    public string? DeliveryLocation { get; private set; }

    public string? BuyerContact { get; private set; }

    public string? Remarks { get; private set; }

    public OrderStatus Status { get; private set; }

    public DateTime ReceivedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    /// <summary>When somebody at the supplier first opened the order.</summary>
    public DateTime? ViewedAt { get; private set; }

    public DateTime? CancelledAt { get; private set; }

    public string? CancellationReason { get; private set; }

    public int Version { get; set; }

    public List<PurchaseOrderLine> Lines { get; private set; } = [];

    public List<PurchaseOrderRevision> Revisions { get; private set; } = [];

    /// <summary>The earliest requested delivery date among open lines, kept for the inbox's date sort and overdue tab.</summary>
    public DateOnly? NextDeliveryDate { get; private set; }

    /// <summary>
    /// The order number and every line's item codes and name, one per text line: the inbox searches this one column
    /// of the order instead of looking up every line of every order of the supplier.
    /// </summary>
    public string SearchText { get; private set; } = "";

    public IEnumerable<PurchaseOrderLine> ActiveLines => Lines.Where(l => !l.IsCancelled);

    public PurchaseOrderLine Line(int lineNumber) =>
        Lines.SingleOrDefault(l => l.LineNumber == lineNumber)
        ?? throw new DomainRuleException($"lines[{lineNumber}]", "unknown_line", $"order {OrderNumber} has no line {lineNumber}.");

    /// <summary>
    /// Every problem a revision has on its own, before any stored order or relationship is consulted: the checks
    /// <see cref="Receive"/> and <see cref="Revise"/> make of the message itself. The nightly file exchange runs it on
    /// every order of a file before importing any, so one bad line rejects the whole file.
    /// </summary>
    public static IReadOnlyList<DomainError> Check(string? orderNumber, int revision, OrderHeader header, IReadOnlyList<OrderLineData> lines)
    {
        var errors = new DomainErrorCollector();
        errors.Check(OrderNumberPattern().IsMatch(orderNumber ?? ""), "orderNumber", "invalid_order_number",
            "must be 1 to 40 characters without spaces or control characters.");
        errors.Check(revision >= 0, "revision", "invalid_revision", "must be zero or more.");
        Validate(errors, header, lines);
        return errors.Errors;
    }

    /// <summary>Accepts the first revision of an order from the buyer's ERP.</summary>
    public static PurchaseOrder Receive(
        TradingRelationship relationship, string orderNumber, int revision, OrderHeader header,
        IReadOnlyList<OrderLineData> lines, DateTime at)
    {
        var errors = new DomainErrorCollector();
        errors.Check(relationship.Status == TradingRelationshipStatus.Active, "supplier", "relationship_inactive",
            $"the trading relationship with supplier {relationship.SupplierCode} is {relationship.Status}; it takes no new orders.");
        errors.Check(OrderNumberPattern().IsMatch(orderNumber ?? ""), "orderNumber", "invalid_order_number",
            "must be 1 to 40 characters without spaces or control characters.");
        errors.Check(revision >= 0, "revision", "invalid_revision", "must be zero or more.");
        Validate(errors, header, lines);
        errors.ThrowIfAny();

        var order = new PurchaseOrder
        {
            Id = Guid.CreateVersion7(),
            BuyerId = relationship.BuyerId,
            SupplierId = relationship.SupplierId,
            TradingRelationshipId = relationship.Id,
            OrderNumber = orderNumber!,
            Revision = revision,
            ReceivedAt = Instant.Require(at),
            UpdatedAt = at,
        };
        var snapshot = Normalize(header, lines);
        order.ApplyHeader(snapshot.Header);
        foreach (var data in snapshot.Lines)
        {
            order.Lines.Add(PurchaseOrderLine.Create(order, data, revision));
        }

        order.Revisions.Add(PurchaseOrderRevision.Create(order.Id, revision, snapshot, at));
        order.Refresh();
        return order;
    }

    /// <summary>
    /// Applies a full new revision. Unchanged lines keep their answers; changed and added lines need a new answer if the
    /// supplier had already answered; lines missing from the revision are cancelled. A revision that was already
    /// received is a duplicate and an older one is stale: both change nothing.
    /// </summary>
    public RevisionOutcome Revise(int revision, OrderHeader header, IReadOnlyList<OrderLineData> lines, DateTime at)
    {
        if (revision == Revision)
        {
            return RevisionOutcome.Duplicate;
        }

        if (revision < Revision)
        {
            return RevisionOutcome.Stale;
        }

        var errors = new DomainErrorCollector();
        errors.Check(CancelledAt is null, "", "order_cancelled", $"order {OrderNumber} is cancelled and cannot be changed.");
        Validate(errors, header, lines);
        // Duplicate line numbers are reported by Validate; keep the first so the shipped-line checks can still run.
        var incoming = lines.DistinctBy(l => l.LineNumber).ToDictionary(l => l.LineNumber);
        foreach (var line in Lines.Where(l => l.ShippedQuantity > 0))
        {
            if (!incoming.TryGetValue(line.LineNumber, out var data))
            {
                errors.Add($"lines[{line.LineNumber}]", "line_shipped",
                    $"line {line.LineNumber} has shipments ({line.ShippedQuantity}) and cannot be removed.");
            }
            else if (data.Quantity < line.ShippedQuantity)
            {
                errors.Add($"lines[{line.LineNumber}].quantity", "below_shipped",
                    $"cannot be less than the {line.ShippedQuantity} already shipped.");
            }
        }

        errors.ThrowIfAny();

        Instant.Require(at);
        // A line still awaiting a re-answer counts as answered: a second change must not make the order look unanswered.
        var wasAnswered = Lines.Any(l => l.CurrentAnswer is not null || l.AwaitingAnswerAfterChange);
        var snapshot = Normalize(header, lines);
        ApplyHeader(snapshot.Header);
        foreach (var data in snapshot.Lines)
        {
            var existing = Lines.SingleOrDefault(l => l.LineNumber == data.LineNumber);
            if (existing is null)
            {
                var added = PurchaseOrderLine.Create(this, data, revision);
                added.MarkChanged(reopen: wasAnswered);
                Lines.Add(added);
            }
            else
            {
                existing.Apply(data, revision, wasAnswered, at);
            }
        }

        foreach (var removed in Lines.Where(l => !l.IsCancelled && !incoming.ContainsKey(l.LineNumber)))
        {
            removed.Cancel(at);
        }

        Revision = revision;
        UpdatedAt = at;
        Revisions.Add(PurchaseOrderRevision.Create(Id, revision, snapshot, at));
        Refresh();
        return RevisionOutcome.Applied;
    }

    /// <summary>Cancels the whole order. Refused once anything has been shipped.</summary>
    public void Cancel(string? reason, DateTime at)
    {
        var errors = new DomainErrorCollector();
        errors.Check(CancelledAt is null, "", "already_cancelled", $"order {OrderNumber} is already cancelled.");
        foreach (var line in Lines.Where(l => l.ShippedQuantity > 0))
        {
            errors.Add($"lines[{line.LineNumber}]", "line_shipped",
                $"line {line.LineNumber} has been shipped ({line.ShippedQuantity}); a shipped order cannot be cancelled.");
        }

        Text.Optional(errors, "reason", reason, 500);
        errors.ThrowIfAny();

        Instant.Require(at);
        foreach (var line in ActiveLines)
        {
            line.Cancel(at);
        }

        CancelledAt = Instant.Require(at);
        CancellationReason = Text.Clean(reason);
        UpdatedAt = at;
        Refresh();
    }

    /// <summary>Cancels some lines. Refused for lines that have been shipped or are already cancelled.</summary>
    public void CancelLines(IReadOnlyCollection<int> lineNumbers, string? reason, DateTime at)
    {
        var errors = new DomainErrorCollector();
        errors.Check(lineNumbers.Count > 0, "lineNumbers", "required", "name at least one line to cancel.");
        errors.Check(CancelledAt is null, "", "order_cancelled", $"order {OrderNumber} is already cancelled.");
        Text.Optional(errors, "reason", reason, 500);
        foreach (var number in lineNumbers)
        {
            var line = Lines.SingleOrDefault(l => l.LineNumber == number);
            if (line is null)
            {
                errors.Add($"lines[{number}]", "unknown_line", $"order {OrderNumber} has no line {number}.");
            }
            else if (line.IsCancelled)
            {
                errors.Add($"lines[{number}]", "already_cancelled", $"line {number} is already cancelled.");
            }
            else if (line.ShippedQuantity > 0)
            {
                errors.Add($"lines[{number}]", "line_shipped", $"line {number} has been shipped ({line.ShippedQuantity}) and cannot be cancelled.");
            }
        }

        errors.ThrowIfAny();

        Instant.Require(at);
        foreach (var number in lineNumbers)
        {
            Line(number).Cancel(at);
        }

        if (!ActiveLines.Any())
        {
            CancelledAt = Instant.Require(at);
            CancellationReason = Text.Clean(reason);
        }

        UpdatedAt = Instant.Require(at);
        Refresh();
    }

    /// <summary>Records that the supplier opened the order; only the first time counts.</summary>
    public void MarkViewed(DateTime at)
    {
        ViewedAt ??= Instant.Require(at);
        Refresh();
    }

    /// <summary>Answers one line. A new answer replaces the line's previous one, which stays in the history.</summary>
    public OrderResponse Answer(int lineNumber, OrderAnswer answer, Guid? answeredBy, DateTime at)
    {
        if (CancelledAt is not null)
        {
            throw new DomainRuleException("", "order_cancelled", $"order {OrderNumber} is cancelled; it cannot be answered.");
        }

        var response = Line(lineNumber).Answer(answer, Revision, answeredBy, at);
        ViewedAt ??= at;
        UpdatedAt = at;
        Refresh();
        return response;
    }

    /// <summary>Accepts every line that still needs an answer (一括受諾); answered lines keep their answers.</summary>
    public IReadOnlyList<OrderResponse> AcceptAll(Guid? answeredBy, DateTime at)
    {
        var open = ActiveLines.Where(l => l.NeedsAnswer).ToList();
        if (open.Count == 0)
        {
            throw new DomainRuleException("", "nothing_to_answer", $"order {OrderNumber} has no line waiting for an answer.");
        }

        return open.Select(l => Answer(l.LineNumber, new OrderAnswer.Accept(), answeredBy, at)).ToList();
    }

    /// <summary>Re-derives the status and the next delivery date after any change to the order or its lines.</summary>
    internal void Refresh()
    {
        Status = DeriveStatus();
        SearchText = string.Join('\n', Lines.OrderBy(l => l.LineNumber)
            .SelectMany(l => new[] { l.BuyerItemCode, l.SupplierItemCode ?? "", l.ItemName }).Prepend(OrderNumber));
        NextDeliveryDate = ActiveLines
            .Where(l => l.CurrentAnswer != ResponseKind.Rejected && l.ShippedQuantity < l.Quantity)
            .Select(l => (DateOnly?)l.RequestedDeliveryDate)
            .Min();
    }

    private OrderStatus DeriveStatus()
    {
        var active = ActiveLines.ToList();
        if (CancelledAt is not null || active.Count == 0)
        {
            return OrderStatus.Cancelled;
        }

        if (active.Any(l => l.AwaitingAnswerAfterChange))
        {
            return OrderStatus.ChangedAwaitingAnswer;
        }

        var answered = active.Count(l => l.CurrentAnswer is not null);
        var toShip = active.Where(l => l.IsAccepted).ToList();
        if (answered == active.Count && toShip.Count > 0 && toShip.All(l => l.ShippedQuantity == l.Quantity))
        {
            return toShip.All(l => l.ReceivedQuantity == l.Quantity) ? OrderStatus.Completed : OrderStatus.Shipped;
        }

        if (toShip.Any(l => l.ShippedQuantity > 0))
        {
            return OrderStatus.PartiallyShipped;
        }

        if (answered == active.Count)
        {
            return OrderStatus.Answered;
        }

        if (answered > 0)
        {
            return OrderStatus.PartiallyAnswered;
        }

        return ViewedAt is null ? OrderStatus.New : OrderStatus.Viewed;
    }

    private void ApplyHeader(OrderHeader header)
    {
        OrderDate = header.OrderDate;
        Currency = header.Currency;
        DeliveryLocation = header.DeliveryLocation;
        BuyerContact = header.BuyerContact;
        Remarks = header.Remarks;
    }

    private static OrderSnapshot Normalize(OrderHeader header, IReadOnlyList<OrderLineData> lines)
    {
        var cleanHeader = header with
        {
            DeliveryLocation = Text.Clean(header.DeliveryLocation),
            BuyerContact = Text.Clean(header.BuyerContact),
            Remarks = Text.Clean(header.Remarks),
        };
        return new OrderSnapshot(
            cleanHeader,
            lines.Select(l => PurchaseOrderLine.Normalize(l, header.Currency)).OrderBy(l => l.LineNumber).ToList());
    }

    private static void Validate(DomainErrorCollector errors, OrderHeader header, IReadOnlyList<OrderLineData> lines)
    {
        errors.Check(Currencies.IsKnown(header.Currency), "currency", "unknown_currency",
            $"'{header.Currency}' is not a supported ISO 4217 currency code.");
        Text.Optional(errors, "deliveryLocation", header.DeliveryLocation, 100);
        Text.Optional(errors, "buyerContact", header.BuyerContact, 100);
        Text.Optional(errors, "remarks", header.Remarks, 1000);
        errors.Check(lines.Count > 0, "lines", "required", "an order needs at least one line.");
        errors.Check(lines.Count <= MaxLines, "lines", "too_many", $"an order has at most {MaxLines} lines (has {lines.Count}).");

        foreach (var duplicate in lines.GroupBy(l => l.LineNumber).Where(g => g.Count() > 1))
        {
            errors.Add($"lines[{duplicate.Key}].lineNumber", "duplicate_line", $"line number {duplicate.Key} appears {duplicate.Count()} times.");
        }

        foreach (var line in lines)
        {
            PurchaseOrderLine.Validate(errors, line, header);
        }
    }

    [GeneratedRegex(@"^[^\s\p{C}]{1,40}$")]
    private static partial Regex OrderNumberPattern();
}
