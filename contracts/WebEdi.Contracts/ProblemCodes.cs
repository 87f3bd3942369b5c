namespace WebEdi.Contracts;

/// <summary>
/// The stable codes of <see cref="Problem.Code"/>. A code is never renamed or given a new meaning; new codes may be
/// added, so treat an unknown one as "refused, see the message".
/// </summary>
public static class ProblemCodes
{
    /// <summary>The body is not JSON, or a value has the wrong type or format (a date not <c>yyyy-MM-dd</c>, a number in quotes).</summary>
    public const string InvalidJson = "invalid_json";

    /// <summary>The message has a field the contract does not define. Field names are camelCase and case-sensitive.</summary>
    public const string UnknownField = "unknown_field";

    /// <summary>A required field is missing, null or blank; or a cancellation of lines names none.</summary>
    public const string Required = "required";

    /// <summary>The AMQP <c>type</c> property or the route names no message WebEdi accepts.</summary>
    public const string UnknownMessageType = "unknown_message_type";

    /// <summary>The message's <c>buyerCode</c> is not the buyer the credentials or the queue belong to.</summary>
    public const string BuyerMismatch = "buyer_mismatch";

    /// <summary>The buyer has no trading relationship (取引関係) with a supplier of that supplier code.</summary>
    public const string UnknownSupplier = "unknown_supplier";

    /// <summary>The trading relationship with the supplier is suspended or ended; it takes no new orders.</summary>
    public const string RelationshipInactive = "relationship_inactive";

    /// <summary>A change or cancellation names an order number WebEdi has not received from this buyer.</summary>
    public const string UnknownOrder = "unknown_order";

    /// <summary>The order number is empty, longer than 40 characters, or contains spaces or control characters.</summary>
    public const string InvalidOrderNumber = "invalid_order_number";

    /// <summary>The revision is negative.</summary>
    public const string InvalidRevision = "invalid_revision";

    /// <summary>The currency is not an ISO 4217 code WebEdi supports.</summary>
    public const string UnknownCurrency = "unknown_currency";

    /// <summary>A text is longer than its field allows.</summary>
    public const string TooLong = "too_long";

    /// <summary>A text contains control characters (tab, CR and LF are allowed).</summary>
    public const string ControlCharacter = "control_character";

    /// <summary>A number is outside its range (a line number outside 1–99999, a tax rate outside 0–100).</summary>
    public const string OutOfRange = "out_of_range";

    /// <summary>A quantity is zero or negative.</summary>
    public const string NotPositive = "not_positive";

    /// <summary>A quantity has more than 3 decimal places.</summary>
    public const string TooPrecise = "too_precise";

    /// <summary>A quantity or unit price is too large.</summary>
    public const string TooLarge = "too_large";

    /// <summary>A unit price is negative.</summary>
    public const string Negative = "negative";

    /// <summary>A requested delivery date is before the order date.</summary>
    public const string BeforeOrderDate = "before_order_date";

    /// <summary>A line amount differs from quantity × unit price by one minor unit of the currency or more.</summary>
    public const string AmountMismatch = "amount_mismatch";

    /// <summary>An order has more than 999 lines.</summary>
    public const string TooMany = "too_many";

    /// <summary>Two lines of an order have the same line number.</summary>
    public const string DuplicateLine = "duplicate_line";

    /// <summary>A cancellation names a line number the order does not have.</summary>
    public const string UnknownLine = "unknown_line";

    /// <summary>The order is cancelled: it cannot be changed or cancelled again.</summary>
    public const string OrderCancelled = "order_cancelled";

    /// <summary>The order or the line is already cancelled.</summary>
    public const string AlreadyCancelled = "already_cancelled";

    /// <summary>A line has been shipped (出荷済): it cannot be cancelled or removed by a change.</summary>
    public const string LineShipped = "line_shipped";

    /// <summary>A change reduces a line's quantity below what has already been shipped.</summary>
    public const string BelowShipped = "below_shipped";
}
