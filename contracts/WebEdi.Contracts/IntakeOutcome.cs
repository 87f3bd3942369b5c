namespace WebEdi.Contracts;

/// <summary>
/// What WebEdi did with a command it accepted, in <see cref="PurchaseOrderReceived.Outcome"/>. Written in JSON as the
/// member name: <c>"Received"</c>, <c>"Duplicate"</c>, <c>"Stale"</c>, <c>"Cancelled"</c>.
/// </summary>
public enum IntakeOutcome
{
    /// <summary>The order or its new revision was stored and the supplier is told about it.</summary>
    Received,

    /// <summary>The same revision of this order is already stored; nothing changed. Safe to treat like Received.</summary>
    Duplicate,

    /// <summary>A higher revision of this order is already stored; this one was ignored and nothing changed.</summary>
    Stale,

    /// <summary>The cancellation was applied: the whole order, or the lines it named, are cancelled.</summary>
    Cancelled,
}
