namespace WebEdi.Data.Outbox;

/// <summary>
/// An outbox document the fan-out has not turned into deliveries yet: the fan-out's work list, apart from the documents
/// themselves so that taking a document off it deletes one narrow row instead of rewriting the document's row and
/// every index on it.
/// </summary>
/// <remarks>
/// A trigger on <c>OutboxMessages</c> (migration <c>20261204120000_FanOutQueue</c>) adds the entry in the statement
/// that inserts the document, whoever writes it — EF, the bulk writer's COPY, a seed script — so no document can miss
/// the queue; nothing in the application inserts entries. There is no foreign key: the entries come straight from the
/// rows just inserted, and a key check per document would cost the intake more than the entry itself. Outbox rows are
/// never deleted; a retention job that deletes some must delete their entries too, or the oldest-unfanned position
/// (<c>DeliveryScheduler.UnfannedFromAsync</c>) would stay on a document that no longer exists.
/// </remarks>
public sealed class FanOutQueueEntry
{
    private FanOutQueueEntry()
    {
    }

    /// <summary>The document's <see cref="OutboxMessage.Sequence"/>.</summary>
    public long Sequence { get; private set; }

    /// <summary>The name of the trigger that fills the queue (declared on the table for EF, created by the migration).</summary>
    public const string Trigger = "OutboxMessages_EnterFanOutQueue";

    /// <summary>
    /// The trigger that takes a document off the queue when an <c>adapters</c> process of the previous release claims it
    /// by its <c>DispatchedAt</c> during a rolling upgrade, so that this release does not fan it out a second time.
    /// </summary>
    public const string LegacyClaimTrigger = "OutboxMessages_LeaveFanOutQueue";
}
