using WebEdi.Data.Deliveries;

namespace WebEdi.Integration.Dispatch;

/// <summary>
/// "Deliver these rows now": what the dispatcher puts on an adapter's queue — a group of deliveries in one message
/// (up to a hundred on the bus, one channel's worth for a webhook), so the hop through the queue costs the broker
/// one message per group, not per document. WebEdi processes exchange it among themselves (never ERPs), and old and
/// new processes run side by side during an upgrade, so its shape stays stable.
/// </summary>
/// <param name="Deliveries">The <see cref="Delivery"/> rows to send, by sequence.</param>
/// <param name="Token">The hand-over that queued them; a row that no longer holds this token is stale and skipped.</param>
/// <param name="TimeoutSeconds">The longest time-out of their channels: how long the adapter may hold the rows while it sends.</param>
public sealed record DeliverDocuments(IReadOnlyList<long> Deliveries, Guid Token, int TimeoutSeconds);

/// <summary>The adapters' queues: one per kind of channel, shared by every <c>adapters</c> process.</summary>
public static class AdapterQueues
{
    /// <summary>
    /// How many deliveries one message carries: many on the bus and to files (one batch of confirms, one folder), fewer
    /// for a webhook, whose group is sent side by side to one endpoint.
    /// </summary>
    public static int GroupSize(ChannelKind kind) => kind switch
    {
        ChannelKind.Bus => 250,
        ChannelKind.FileDrop => 50,
        _ => 16,
    };

    public static string Name(ChannelKind kind) => kind switch
    {
        ChannelKind.Bus => "webedi.adapter.bus",
        ChannelKind.Webhook => "webedi.adapter.webhook",
        ChannelKind.FileDrop => "webedi.adapter.file",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown channel kind."),
    };

    public static Uri Address(ChannelKind kind) => new($"queue:{Name(kind)}");
}

/// <summary>Who does the work, as written into leases and attempt rows: readable for an operator (process and machine).</summary>
public static class AdapterInstance
{
    public static readonly string Name = $"{Environment.ProcessId}@{Environment.MachineName}" is var id && id.Length > 60 ? id[..60] : id;
}
