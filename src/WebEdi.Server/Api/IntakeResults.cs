using WebEdi.Contracts;
using WebEdi.Ordering.Intake;

namespace WebEdi.Server.Api;

/// <summary>
/// The answer to every POST of the ERP HTTPS API (<c>200 OK</c>): one result per order in the request, in request
/// order. Each result is also delivered to the buyer's reply channel as the document it names, so an ERP may rely on
/// either.
/// </summary>
/// <param name="Results">One entry per array element (or per order of a CSV upload); a single object gives one.</param>
public sealed record IntakeResults(IReadOnlyList<IntakeResult> Results);

/// <summary>What WebEdi did with one element of a request.</summary>
public sealed record IntakeResult
{
    /// <summary>Position of the element in the request array, from 0 (0 for a single object; for CSV, the order's position by first appearance).</summary>
    public required int Index { get; init; }

    /// <summary>The order number (注文番号) of the element, when it could be read.</summary>
    public string? OrderNumber { get; init; }

    /// <summary>The revision (版数) of the element, when it could be read; for a cancellation, the order's revision.</summary>
    public int? Revision { get; init; }

    /// <summary>
    /// <c>received</c> (stored; the supplier is told), <c>duplicate</c> (this revision was stored before; nothing
    /// changed), <c>stale</c> (a higher revision is stored; nothing changed), <c>cancelled</c> (the cancellation is
    /// applied) or <c>rejected</c> (nothing changed; see <see cref="Problems"/>). See <see cref="IntakeStatus"/>.
    /// </summary>
    public required string Status { get; init; }

    /// <summary>The id of the PurchaseOrderReceived or PurchaseOrderRejected document written for this element.</summary>
    public required Guid DocumentId { get; init; }

    /// <summary>Every problem, when <see cref="Status"/> is <c>rejected</c>; absent otherwise.</summary>
    public IReadOnlyList<Problem>? Problems { get; init; }

    public static IntakeResult From(int index, IntakeReply reply) => reply.Received is { } received
        ? new IntakeResult
        {
            Index = index,
            OrderNumber = received.OrderNumber,
            Revision = received.Revision,
            Status = IntakeStatus.Of(received.Outcome),
            DocumentId = received.DocumentId,
        }
        : new IntakeResult
        {
            Index = index,
            OrderNumber = reply.Rejected!.OrderNumber,
            Revision = reply.Rejected.Revision,
            Status = IntakeStatus.Rejected,
            DocumentId = reply.Rejected.DocumentId,
            Problems = reply.Rejected.Problems,
        };
}

/// <summary>The values of <see cref="IntakeResult.Status"/>.</summary>
public static class IntakeStatus
{
    public const string Received = "received";
    public const string Duplicate = "duplicate";
    public const string Stale = "stale";
    public const string Cancelled = "cancelled";
    public const string Rejected = "rejected";

    public static string Of(IntakeOutcome outcome) => outcome switch
    {
        IntakeOutcome.Received => Received,
        IntakeOutcome.Duplicate => Duplicate,
        IntakeOutcome.Stale => Stale,
        IntakeOutcome.Cancelled => Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };
}
