using Microsoft.EntityFrameworkCore;
using WebEdi.Data.Outbox;
using WebEdi.Domain;

namespace WebEdi.Data.Deliveries;

/// <summary>Where one document stands on one channel.</summary>
public enum DeliveryState
{
    /// <summary>Waiting to be handed to its adapter: just created, replayed, held behind an earlier document of the same order, or its channel is switched off.</summary>
    Pending,

    /// <summary>Handed to the adapter's queue; an adapter process will take it.</summary>
    Queued,

    /// <summary>An adapter is sending it now.</summary>
    Sending,

    /// <summary>The buyer's side accepted it (broker confirm, HTTP 2xx, file renamed into place).</summary>
    Delivered,

    /// <summary>An attempt failed; the next one is due at <see cref="Delivery.NextAttemptAt"/>.</summary>
    Retrying,

    /// <summary>Every attempt within the channel's retry window failed, or the document cannot be sent at all; waits for a replay.</summary>
    Dead,
}

/// <summary>
/// One document (an <see cref="OutboxMessage"/>) on its way to one of its buyer's channels: the state a buyer admin
/// reads in the delivery log, and the record that keeps delivery at least once and in order per purchase order.
/// </summary>
/// <remarks>
/// The dispatcher moves rows from Pending/Retrying to Queued and adapters from Queued to Sending with conditional bulk
/// updates (a fresh <see cref="Token"/> each time), so of two processes racing for a row exactly one wins; the methods
/// here record what an attempt came to.
/// </remarks>
public sealed class Delivery
{
    public const int MaxErrorLength = 2000;

    private Delivery()
    {
        MessageType = null!;
    }

    /// <summary>Position among all deliveries; the log's order.</summary>
    public long Sequence { get; private set; }

    public long OutboxSequence { get; private set; }

    /// <summary>The document id: the idempotency key the buyer deduplicates by.</summary>
    public Guid DocumentId { get; private set; }

    public Guid ChannelId { get; private set; }

    public Guid BuyerId { get; private set; }

    public ChannelKind Kind { get; private set; }

    public string MessageType { get; private set; }

    /// <summary>The buyer's order number, when the document concerns one: deliveries of one order on one channel go out in order.</summary>
    public string? OrderNumber { get; private set; }

    public DeliveryState State { get; private set; }

    /// <summary>Attempts since it was created or last replayed.</summary>
    public int Attempts { get; private set; }

    public DateTime CreatedAt { get; private set; }

    /// <summary>When the first attempt (since the last replay) started: the retry window is counted from here.</summary>
    public DateTime? FirstAttemptAt { get; private set; }

    /// <summary>Retrying: when the next attempt is due.</summary>
    public DateTime? NextAttemptAt { get; private set; }

    /// <summary>Queued or Sending: the token of the hand-over that holds the row; a message with another token is stale.</summary>
    public Guid? Token { get; private set; }

    /// <summary>Queued or Sending: after this the row is taken back and queued again (its message or its sender was lost).</summary>
    public DateTime? LeaseExpiresAt { get; private set; }

    public DateTime? DeliveredAt { get; private set; }

    /// <summary>The adapter process that delivered it (process id and machine).</summary>
    public string? DeliveredBy { get; private set; }

    public DateTime? DeadAt { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>How often a person sent it again with a replay.</summary>
    public int Replays { get; private set; }

    public DateTime? ReplayedAt { get; private set; }

    public List<DeliveryAttempt> AttemptLog { get; private set; } = [];

    /// <summary>
    /// A new delivery of the document at outbox position <paramref name="outboxSequence"/> on <paramref name="channel"/>:
    /// pending, or with <paramref name="handOver"/> queued at once under that hand-over (nothing stands before it).
    /// </summary>
    public static Delivery Create(
        long outboxSequence, Guid documentId, string messageType, string? orderNumber, BuyerChannel channel, DateTime at, Guid? handOver = null) => new()
    {
        OutboxSequence = outboxSequence,
        DocumentId = documentId,
        ChannelId = channel.Id,
        BuyerId = channel.BuyerId,
        Kind = channel.Kind,
        MessageType = messageType,
        OrderNumber = orderNumber,
        State = handOver is null ? DeliveryState.Pending : DeliveryState.Queued,
        Token = handOver,
        CreatedAt = Instant.Require(at),
    };

    /// <summary>
    /// The buyer's side has the document. A success writes no attempt row — the delivery itself records when and by
    /// whom (<see cref="DeliveredAt"/>, <see cref="DeliveredBy"/>) — so that the usual case costs one row update;
    /// <see cref="DeliveryUpdates.MarkDeliveredAsync"/> does the same to a whole batch.
    /// </summary>
    public void Succeeded(DateTime startedAt, DateTime at, string instance)
    {
        Instant.Require(startedAt, nameof(startedAt));
        Attempts++;
        FirstAttemptAt ??= startedAt;
        Token = null;
        LeaseExpiresAt = null;
        State = DeliveryState.Delivered;
        DeliveredAt = Instant.Require(at);
        DeliveredBy = instance;
        NextAttemptAt = null;
        LastError = null;
    }

    /// <summary>
    /// The attempt failed. Another is scheduled after <paramref name="delay"/> unless that falls outside the channel's
    /// retry window, or the failure is <paramref name="permanent"/> (retrying cannot help): then the delivery is dead.
    /// </summary>
    public void Failed(DateTime startedAt, DateTime at, int? statusCode, string error, TimeSpan delay, TimeSpan window, bool permanent, string instance)
    {
        Instant.Require(startedAt, nameof(startedAt));
        Instant.Require(at);
        Attempts++;
        FirstAttemptAt ??= startedAt;
        Token = null;
        LeaseExpiresAt = null;
        AttemptLog.Add(new DeliveryAttempt(Sequence, Attempts, startedAt, at, statusCode, Truncate(error), instance));
        LastError = Truncate(error);
        var next = at + delay;
        if (permanent || next > FirstAttemptAt!.Value + window)
        {
            State = DeliveryState.Dead;
            DeadAt = at;
            NextAttemptAt = null;
        }
        else
        {
            State = DeliveryState.Retrying;
            NextAttemptAt = next;
        }
    }

    /// <summary>Sends the same document (same id) again from the start, with a fresh retry window: after a buyer fixed its endpoint, say.</summary>
    public bool Replay(DateTime at)
    {
        if (State is DeliveryState.Queued or DeliveryState.Sending or DeliveryState.Pending)
        {
            return false;
        }

        State = DeliveryState.Pending;
        Attempts = 0;
        FirstAttemptAt = null;
        NextAttemptAt = null;
        DeadAt = null;
        Replays++;
        Token = null;
        LeaseExpiresAt = null;
        ReplayedAt = Instant.Require(at);
        return true;
    }

    private static string Truncate(string error) => error.Length > MaxErrorLength ? error[..MaxErrorLength] : error;
}

/// <summary>Bulk transitions of many deliveries at once, for an adapter that delivered a whole batch.</summary>
public static class DeliveryUpdates
{
    /// <summary>
    /// What <see cref="Delivery.Succeeded"/> does to each row, as one UPDATE for all of them: the bus adapter confirms
    /// hundreds of documents at a time, and tracking each row would cost more than sending it. Only rows that still
    /// carry <paramref name="claim"/> change (one taken back meanwhile belongs to another adapter now); returns how many.
    /// </summary>
    public static Task<int> MarkDeliveredAsync(
        this IQueryable<Delivery> rows, Guid claim, DateTime startedAt, DateTime at, string instance, CancellationToken cancellationToken)
    {
        DateTime? started = Instant.Require(startedAt, nameof(startedAt));
        DateTime? delivered = Instant.Require(at);
        return rows.Where(d => d.Token == claim).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.State, DeliveryState.Delivered)
            .SetProperty(d => d.Attempts, d => d.Attempts + 1)
            .SetProperty(d => d.FirstAttemptAt, d => d.FirstAttemptAt ?? started)
            .SetProperty(d => d.DeliveredAt, delivered)
            .SetProperty(d => d.DeliveredBy, instance)
            .SetProperty(d => d.NextAttemptAt, (DateTime?)null)
            .SetProperty(d => d.LastError, (string?)null)
            .SetProperty(d => d.Token, (Guid?)null)
            .SetProperty(d => d.LeaseExpiresAt, (DateTime?)null), cancellationToken);
    }
}

/// <summary>One failed try to deliver: when, how long, and what the other side said.</summary>
public sealed class DeliveryAttempt
{
    private DeliveryAttempt()
    {
        Error = null!;
        Instance = null!;
    }

    internal DeliveryAttempt(long deliverySequence, int number, DateTime startedAt, DateTime finishedAt, int? statusCode, string error, string instance)
    {
        DeliverySequence = deliverySequence;
        Number = number;
        StartedAt = startedAt;
        DurationMilliseconds = (int)Math.Clamp((finishedAt - startedAt).TotalMilliseconds, 0, int.MaxValue);
        StatusCode = statusCode;
        Error = error;
        Instance = instance;
    }

    public long Id { get; private set; }

    public long DeliverySequence { get; private set; }

    /// <summary>1 for the first attempt since the delivery was created or replayed.</summary>
    public int Number { get; private set; }

    public DateTime StartedAt { get; private set; }

    public int DurationMilliseconds { get; private set; }

    /// <summary>Webhook: the HTTP status the buyer's endpoint answered, if it answered.</summary>
    public int? StatusCode { get; private set; }

    public string Error { get; private set; }

    /// <summary>The adapter process that made the attempt (process id and machine).</summary>
    public string Instance { get; private set; }
}
