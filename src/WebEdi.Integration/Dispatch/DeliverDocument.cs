using WebEdi.Data.Deliveries;

namespace WebEdi.Integration.Dispatch;

/// <summary>
/// "Deliver this row now": what the dispatcher puts on an adapter's queue. WebEdi processes exchange it among
/// themselves (never ERPs), and old and new processes run side by side during an upgrade, so its shape stays stable.
/// </summary>
/// <param name="DeliverySequence">The <see cref="Delivery"/> to send.</param>
/// <param name="Token">The hand-over that queued it; a message whose token the row no longer holds is stale and ignored.</param>
public sealed record DeliverDocument(long DeliverySequence, Guid Token);

/// <summary>The adapters' queues: one per kind of channel, shared by every <c>adapters</c> process.</summary>
public static class AdapterQueues
{
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
