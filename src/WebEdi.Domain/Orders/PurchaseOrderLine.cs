namespace WebEdi.Domain.Orders;

/// <summary>One line (明細) of a purchase order with its answer and shipping progress.</summary>
public sealed class PurchaseOrderLine
{
    private PurchaseOrderLine()
    {
        BuyerItemCode = null!;
        ItemName = null!;
        Unit = null!;
        Order = null!;
    }

    public Guid Id { get; private set; }

    public Guid PurchaseOrderId { get; private set; }

    public PurchaseOrder Order { get; private set; }

    public int LineNumber { get; private set; }

    public string BuyerItemCode { get; private set; }

    public string? SupplierItemCode { get; private set; }

    public string ItemName { get; private set; }

    public string? Specification { get; private set; }

    public decimal Quantity { get; private set; }

    public string Unit { get; private set; }

    public decimal UnitPrice { get; private set; }

    public decimal Amount { get; private set; }

    public decimal TaxRate { get; private set; }

    public DateOnly RequestedDeliveryDate { get; private set; }

    public string? DeliveryLocation { get; private set; }

    public string? Remarks { get; private set; }

    /// <summary>The revision that last added or changed this line.</summary>
    public int ChangedInRevision { get; private set; }

    public bool IsCancelled { get; private set; }

    public DateTime? CancelledAt { get; private set; }

    /// <summary>The kind of the current answer, or null while the line waits for one.</summary>
    public ResponseKind? CurrentAnswer { get; private set; }

    /// <summary>True when the buyer added or changed the line after the supplier had answered the order.</summary>
    public bool AwaitingAnswerAfterChange { get; private set; }

    /// <summary>Quantity on shipments that are not cancelled.</summary>
    public decimal ShippedQuantity { get; private set; }

    /// <summary>Quantity the buyer has confirmed receiving.</summary>
    public decimal ReceivedQuantity { get; private set; }

    public List<OrderResponse> Responses { get; private set; } = [];

    public bool NeedsAnswer => !IsCancelled && CurrentAnswer is null;

    public bool IsAccepted => CurrentAnswer is ResponseKind.Accepted or ResponseKind.AcceptedWithChanges;

    /// <summary>What may still be shipped: accepted quantity not yet on a shipment.</summary>
    public decimal OpenQuantity => !IsCancelled && IsAccepted && !AwaitingAnswerAfterChange ? Quantity - ShippedQuantity : 0;

    public OrderResponse? CurrentResponse => Responses.SingleOrDefault(r => r.IsCurrent);

    public LineStatus Status => this switch
    {
        { IsCancelled: true } => LineStatus.Cancelled,
        { AwaitingAnswerAfterChange: true } => LineStatus.ChangedAwaitingAnswer,
        { CurrentAnswer: ResponseKind.Rejected } => LineStatus.Rejected,
        { CurrentAnswer: null } => LineStatus.Open,
        _ when ReceivedQuantity == Quantity => LineStatus.Completed,
        _ when ShippedQuantity == Quantity => LineStatus.Shipped,
        _ when ShippedQuantity > 0 => LineStatus.PartiallyShipped,
        _ => LineStatus.Accepted,
    };

    /// <summary>The delivery location that applies: the line's own, else the order's.</summary>
    public string? EffectiveDeliveryLocation => DeliveryLocation ?? Order.DeliveryLocation;

    /// <param name="data">A line already passed through <see cref="Normalize"/>.</param>
    internal static PurchaseOrderLine Create(PurchaseOrder order, OrderLineData data, int revision)
    {
        var line = new PurchaseOrderLine
        {
            Id = Guid.CreateVersion7(),
            PurchaseOrderId = order.Id,
            Order = order,
            LineNumber = data.LineNumber,
        };
        line.CopyFrom(data);
        line.ChangedInRevision = revision;
        return line;
    }

    internal static void Validate(DomainErrorCollector errors, OrderLineData line, OrderHeader header)
    {
        var p = $"lines[{line.LineNumber}]";
        errors.Check(line.LineNumber is >= 1 and <= 99999, $"{p}.lineNumber", "out_of_range", "must be between 1 and 99999.");
        Text.Required(errors, $"{p}.buyerItemCode", line.BuyerItemCode, 40);
        Text.Optional(errors, $"{p}.supplierItemCode", line.SupplierItemCode, 40);
        Text.Required(errors, $"{p}.itemName", line.ItemName, 200);
        Text.Optional(errors, $"{p}.specification", line.Specification, 200);
        Text.Required(errors, $"{p}.unit", line.Unit, 10);
        Text.Optional(errors, $"{p}.deliveryLocation", line.DeliveryLocation, 100);
        Text.Optional(errors, $"{p}.remarks", line.Remarks, 500);
        errors.Check(line.Quantity > 0, $"{p}.quantity", "not_positive", $"must be greater than zero (is {line.Quantity}).");
        errors.Check(line.Quantity.Scale <= 3 || decimal.Round(line.Quantity, 3) == line.Quantity, $"{p}.quantity", "too_precise",
            "may have at most 3 decimal places.");
        errors.Check(line.Quantity < 1_000_000_000m, $"{p}.quantity", "too_large", "must be less than 1,000,000,000.");
        errors.Check(line.UnitPrice >= 0, $"{p}.unitPrice", "negative", $"must not be negative (is {line.UnitPrice}).");
        errors.Check(line.UnitPrice < 1_000_000_000_000m, $"{p}.unitPrice", "too_large", "must be less than 1,000,000,000,000.");
        errors.Check(line.TaxRate is >= 0 and <= 100, $"{p}.taxRate", "out_of_range", $"must be a percentage from 0 to 100 (is {line.TaxRate}).");
        errors.Check(line.RequestedDeliveryDate >= header.OrderDate, $"{p}.requestedDeliveryDate", "before_order_date",
            $"{line.RequestedDeliveryDate:yyyy-MM-dd} is before the order date {header.OrderDate:yyyy-MM-dd}.");

        if (line.Amount is { } amount && Currencies.IsKnown(header.Currency))
        {
            // ERPs round amounts their own way (切り捨て, 四捨五入, 切り上げ); anything within one minor unit is theirs to decide.
            var tolerance = MinorUnit(header.Currency);
            var expected = line.Quantity * line.UnitPrice;
            errors.Check(Math.Abs(amount - expected) < tolerance, $"{p}.amount", "amount_mismatch",
                $"{amount} does not match quantity × unit price = {expected} (allowed difference: less than {tolerance}).");
        }
    }

    /// <summary>Applies the line as a new revision states it; reopens the answer if anything changed.</summary>
    internal void Apply(OrderLineData data, int revision, bool orderWasAnswered, DateTime at)
    {
        var changes = new List<FieldChange>();
        OrderSnapshot.CompareLines(changes, ToData(), data);
        if (changes.Count == 0 && !IsCancelled)
        {
            return;
        }

        CopyFrom(data);
        ChangedInRevision = revision;
        IsCancelled = false;
        CancelledAt = null;
        MarkChanged(reopen: orderWasAnswered);
        foreach (var response in Responses.Where(r => r.IsCurrent))
        {
            response.Supersede(at);
        }

        CurrentAnswer = null;
    }

    internal void MarkChanged(bool reopen) => AwaitingAnswerAfterChange = reopen;

    internal void Cancel(DateTime at)
    {
        IsCancelled = true;
        CancelledAt = Instant.Require(at);
        AwaitingAnswerAfterChange = false;
    }

    internal OrderResponse Answer(OrderAnswer answer, int revision, Guid? answeredBy, DateTime at)
    {
        var errors = new DomainErrorCollector();
        var p = $"lines[{LineNumber}]";
        errors.Check(!IsCancelled, p, "line_cancelled", $"line {LineNumber} is cancelled and cannot be answered.");
        errors.Check(answer is not OrderAnswer.Reject || ShippedQuantity == 0, p, "line_shipped",
            $"line {LineNumber} has shipments ({ShippedQuantity}) and cannot be rejected.");
        if (CurrentAnswer is not null && CurrentResponse is null)
        {
            throw new InvalidOperationException("The line's responses were not loaded; load the order with its lines and responses.");
        }

        var response = OrderResponse.Create(this, answer, revision, answeredBy, at, errors);
        errors.ThrowIfAny();

        CurrentResponse?.Supersede(at);
        Responses.Add(response!);
        CurrentAnswer = response!.Kind;
        AwaitingAnswerAfterChange = false;
        return response;
    }

    internal void RecordShipment(decimal quantity) => ShippedQuantity += quantity;

    internal void ReverseShipment(decimal quantity) => ShippedQuantity -= quantity;

    internal void RecordReceipt(decimal quantity) => ReceivedQuantity += quantity;

    /// <summary>The line as revision data: the starting point when a buyer's change is built from the current order.</summary>
    public OrderLineData ToData() => new(
        LineNumber, BuyerItemCode, SupplierItemCode, ItemName, Specification, Quantity, Unit, UnitPrice, Amount, TaxRate,
        RequestedDeliveryDate, DeliveryLocation, Remarks);

    /// <summary>
    /// The line as it is stored and compared: text trimmed, empty optional text null, the amount computed when the ERP
    /// left it out. Comparing normalised lines keeps "ABC " and "ABC" from counting as a change.
    /// </summary>
    internal static OrderLineData Normalize(OrderLineData data, string currency) => data with
    {
        BuyerItemCode = data.BuyerItemCode.Trim(),
        SupplierItemCode = Text.Clean(data.SupplierItemCode),
        ItemName = data.ItemName.Trim(),
        Specification = Text.Clean(data.Specification),
        Unit = data.Unit.Trim(),
        Amount = data.Amount ?? decimal.Round(data.Quantity * data.UnitPrice, Currencies.MinorUnits(currency), MidpointRounding.AwayFromZero),
        DeliveryLocation = Text.Clean(data.DeliveryLocation),
        Remarks = Text.Clean(data.Remarks),
    };

    private void CopyFrom(OrderLineData data)
    {
        BuyerItemCode = data.BuyerItemCode;
        SupplierItemCode = data.SupplierItemCode;
        ItemName = data.ItemName;
        Specification = data.Specification;
        Quantity = data.Quantity;
        Unit = data.Unit;
        UnitPrice = data.UnitPrice;
        Amount = data.Amount!.Value;
        TaxRate = data.TaxRate;
        RequestedDeliveryDate = data.RequestedDeliveryDate;
        DeliveryLocation = data.DeliveryLocation;
        Remarks = data.Remarks;
    }

    /// <summary>One unit of the currency's smallest denomination: 1 for JPY, 0.01 for USD.</summary>
    private static decimal MinorUnit(string currency) => new(1, 0, 0, false, (byte)Currencies.MinorUnits(currency));
}
