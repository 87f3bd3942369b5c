namespace WebEdi.Domain.Orders;

/// <summary>A supplier's answer to one order line (回答).</summary>
public abstract record OrderAnswer
{
    private OrderAnswer()
    {
    }

    /// <summary>Accepted as ordered: quantity, price and requested date (受諾).</summary>
    public sealed record Accept(string? Comment = null) : OrderAnswer;

    /// <summary>
    /// Accepted with changes (条件付き受諾): a promised date, a different unit price, and/or the quantity split into
    /// scheduled deliveries (分納) that add up to the ordered quantity. A promised date and scheduled deliveries
    /// exclude each other (each delivery carries its own date).
    /// </summary>
    public sealed record AcceptWithChanges(
        DateOnly? PromisedDate,
        decimal? UnitPrice,
        IReadOnlyList<ScheduledDeliveryData>? Deliveries,
        string? Comment = null) : OrderAnswer;

    /// <summary>Rejected (辞退) with a reason; a comment is required for <see cref="RejectionReason.Other"/>.</summary>
    public sealed record Reject(RejectionReason Reason, string? Comment) : OrderAnswer;
}

/// <summary>One planned partial delivery of a line (分納予定).</summary>
public sealed record ScheduledDeliveryData(DateOnly Date, decimal Quantity);

public enum ResponseKind
{
    Accepted,
    AcceptedWithChanges,
    Rejected,
}

/// <summary>Why a supplier declines a line. The codes travel to the buyer's ERP, so they never change meaning.</summary>
public enum RejectionReason
{
    /// <summary>欠品・在庫なし</summary>
    OutOfStock,

    /// <summary>生産終了</summary>
    Discontinued,

    /// <summary>納期対応不可</summary>
    DateNotPossible,

    /// <summary>価格不一致</summary>
    PriceDisagreement,

    /// <summary>数量対応不可</summary>
    QuantityNotPossible,

    /// <summary>重複注文</summary>
    DuplicateOrder,

    /// <summary>その他 (comment required)</summary>
    Other,
}
