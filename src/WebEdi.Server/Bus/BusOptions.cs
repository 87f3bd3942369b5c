namespace WebEdi.Server.Bus;

public enum BusTransport
{
    /// <summary>In-process; the embedded default. Messages do not survive a restart.</summary>
    InMemory,

    /// <summary>RabbitMQ with durable quorum queues and publisher confirms: production.</summary>
    RabbitMq,
}

/// <summary>Section <c>WebEdi:Bus</c>.</summary>
public sealed class BusOptions
{
    public const string Section = "WebEdi:Bus";

    public BusTransport Transport { get; set; } = BusTransport.InMemory;

    public RabbitMqOptions RabbitMq { get; set; } = new();

    public IEnumerable<string> Validate()
    {
        if (!Enum.IsDefined(Transport))
        {
            yield return $"{Section}:Transport must be InMemory or RabbitMq.";
        }

        if (Transport != BusTransport.RabbitMq)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(RabbitMq.Uri))
        {
            yield return $"{Section}:RabbitMq:Uri is required when {Section}:Transport is RabbitMq (e.g. amqp://user:password@host:5672/vhost).";
        }
        else if (!Uri.TryCreate(RabbitMq.Uri, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps"))
        {
            yield return $"{Section}:RabbitMq:Uri must be an amqp:// or amqps:// URL.";
        }
    }
}

/// <summary>Section <c>WebEdi:Bus:RabbitMq</c>.</summary>
public sealed class RabbitMqOptions
{
    /// <summary><c>amqp://user:password@host:5672/vhost</c>.</summary>
    public string? Uri { get; set; }

    /// <summary>The management API (for <c>webedi buyers provision-bus</c>); empty means http://{amqp host}:15672.</summary>
    public string? ManagementUri { get; set; }

    /// <summary>Declare queues as quorum queues (replicated; needs RabbitMQ 3.8 or later).</summary>
    public bool UseQuorumQueues { get; set; } = true;
}
