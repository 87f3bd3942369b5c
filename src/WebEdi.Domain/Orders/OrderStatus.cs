namespace WebEdi.Domain.Orders;

/// <summary>
/// Where a purchase order stands, in words both the buyer and the supplier use. Derived from the lines after every
/// change (see <see cref="PurchaseOrder"/>), stored for the inbox queries.
/// </summary>
public enum OrderStatus
{
    /// <summary>Received; nobody at the supplier has opened it yet (未読).</summary>
    New,

    /// <summary>Opened by the supplier, not answered (既読).</summary>
    Viewed,

    /// <summary>Some open lines are answered, some are not (一部回答).</summary>
    PartiallyAnswered,

    /// <summary>Every open line is answered (回答済).</summary>
    Answered,

    /// <summary>The buyer changed lines the supplier had answered; they need a new answer (変更・再回答待ち).</summary>
    ChangedAwaitingAnswer,

    /// <summary>Part of the accepted quantity has been shipped (一部出荷).</summary>
    PartiallyShipped,

    /// <summary>All accepted quantity has been shipped, not yet all received by the buyer (出荷済).</summary>
    Shipped,

    /// <summary>Everything accepted was shipped and received (完了).</summary>
    Completed,

    /// <summary>The buyer cancelled the order or all its lines (取消).</summary>
    Cancelled,
}

/// <summary>Where one line stands.</summary>
public enum LineStatus
{
    Open,
    ChangedAwaitingAnswer,
    Accepted,
    Rejected,
    PartiallyShipped,
    Shipped,
    Completed,
    Cancelled,
}

/// <summary>The outcome of submitting a revision: the ingest answers the ERP with it.</summary>
public enum RevisionOutcome
{
    /// <summary>The revision was newer and has been applied.</summary>
    Applied,

    /// <summary>This revision was already received; nothing changed.</summary>
    Duplicate,

    /// <summary>A newer revision was already received; this older one was ignored.</summary>
    Stale,
}
