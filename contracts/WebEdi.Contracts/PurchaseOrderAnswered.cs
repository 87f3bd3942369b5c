using System.ComponentModel.DataAnnotations;

namespace WebEdi.Contracts;

/// <summary>
/// Event to the buyer's ERP (注文回答): the supplier answered lines of a purchase order — in the browser, by CSV upload
/// or with "accept all". One document per answer given, listing only the lines answered then; a later document for the
/// same line replaces the earlier answer (a re-answer after a change, or a correction). Delivered at least once:
/// deduplicate by <see cref="DocumentId"/>; documents of one order are sent in the order they were given.
/// </summary>
public sealed record PurchaseOrderAnswered
{
    /// <summary>The identity of this document, the buyer's idempotency key. On RabbitMQ it is also the message id.</summary>
    public required Guid DocumentId { get; init; }

    /// <summary>The buyer's company code in WebEdi (発注企業コード).</summary>
    [StringLength(20, MinimumLength = 2)]
    [RegularExpression(ContractPatterns.CompanyCode)]
    public required string BuyerCode { get; init; }

    /// <summary>The buyer's code for the supplier (仕入先コード) that answered.</summary>
    [StringLength(20, MinimumLength = 1)]
    [RegularExpression(ContractPatterns.SupplierCode)]
    public required string SupplierCode { get; init; }

    /// <summary>The buyer's order number (注文番号).</summary>
    [StringLength(40, MinimumLength = 1)]
    public required string OrderNumber { get; init; }

    /// <summary>The revision (版数) of the order the supplier saw and answered.</summary>
    [Range(1, int.MaxValue)]
    public required int Revision { get; init; }

    /// <summary>The answered lines, by line number (at least one).</summary>
    [MinLength(1)]
    public required IReadOnlyList<AnsweredLine> Lines { get; init; }

    /// <summary>The supplier's person who answered (回答者), as shown in WebEdi; absent for answers made by a system.</summary>
    [StringLength(100)]
    public string? AnsweredBy { get; init; }

    /// <summary>When the supplier answered, in UTC (ISO 8601 with offset <c>+00:00</c>).</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}

/// <summary>The supplier's answer to one order line.</summary>
public sealed record AnsweredLine
{
    /// <summary>The line number (行番号) in the buyer's order.</summary>
    [Range(1, 99999)]
    public required int LineNumber { get; init; }

    /// <summary>Accepted as ordered, accepted with changes, or rejected.</summary>
    public required AnswerKind Answer { get; init; }

    /// <summary>
    /// When the goods will come (納期回答), for an accepted line: one entry with the requested date and the whole quantity
    /// when accepted as ordered or with a promised date; several entries (分納) whose quantities add up to the ordered
    /// quantity when the supplier split the delivery. Empty for a rejected line.
    /// </summary>
    public required IReadOnlyList<ScheduledDeliveryItem> Deliveries { get; init; }

    /// <summary>The unit price the supplier offers (回答単価) when it differs from the ordered one; absent otherwise.</summary>
    [Range(typeof(decimal), "0", "1000000000000", MaximumIsExclusive = true,
        ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public decimal? UnitPrice { get; init; }

    /// <summary>Why the supplier rejected the line; present exactly when <see cref="Answer"/> is <c>Rejected</c>.</summary>
    public RejectionReasonCode? RejectionReason { get; init; }

    /// <summary>The supplier's comment (回答コメント); required with the reason <c>Other</c>; at most 500 characters.</summary>
    [StringLength(500)]
    public string? Comment { get; init; }
}

/// <summary>One delivery the supplier promises (納入予定): a date and a quantity.</summary>
public sealed record ScheduledDeliveryItem
{
    /// <summary>The promised delivery date (納期), <c>yyyy-MM-dd</c>.</summary>
    public required DateOnly Date { get; init; }

    /// <summary>The quantity delivered on that date, greater than zero.</summary>
    [Range(typeof(decimal), "0", "1000000000", MinimumIsExclusive = true, MaximumIsExclusive = true,
        ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public required decimal Quantity { get; init; }
}

/// <summary>The kind of answer: <c>"Accepted"</c>, <c>"AcceptedWithChanges"</c> or <c>"Rejected"</c>.</summary>
public enum AnswerKind
{
    /// <summary>Accepted as ordered: quantity, price and requested date (受諾).</summary>
    Accepted,

    /// <summary>Accepted with another date, price or split deliveries (条件付き受諾).</summary>
    AcceptedWithChanges,

    /// <summary>Declined (辞退); see the reason.</summary>
    Rejected,
}

/// <summary>Why a supplier declined a line. The names never change meaning.</summary>
public enum RejectionReasonCode
{
    /// <summary>Out of stock (欠品・在庫なし).</summary>
    OutOfStock,

    /// <summary>The item is discontinued (生産終了).</summary>
    Discontinued,

    /// <summary>The date cannot be met (納期対応不可).</summary>
    DateNotPossible,

    /// <summary>The price is not acceptable (価格不一致).</summary>
    PriceDisagreement,

    /// <summary>The quantity cannot be supplied (数量対応不可).</summary>
    QuantityNotPossible,

    /// <summary>The order duplicates another (重複注文).</summary>
    DuplicateOrder,

    /// <summary>Another reason, explained in the comment (その他).</summary>
    Other,
}
