using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using WebEdi.Data;
using WebEdi.Data.Outbox;
using WebEdi.Ordering.Intake;

namespace WebEdi.Ordering.Replies;

/// <summary>
/// Moves outbox documents to each buyer's reply queue (<c>webedi.replies.BUYER</c>) as plain JSON: AMQP <c>type</c> =
/// the message name, <c>message_id</c> = the document id, persistent, mandatory, publisher-confirmed. A row is marked
/// dispatched only after the broker confirmed it, so a crash in between sends it again (the buyer dedupes by id).
/// Several instances can run: rows are claimed with a lease first.
/// </summary>
public sealed partial class ReplyDispatcher(
    IServiceProvider services, ReplyDispatcherOptions options, TimeProvider clock, ILogger<ReplyDispatcher> logger) : BackgroundService
{
    /// <summary>Who holds a lease: readable in the table for an operator (process and machine).</summary>
    private readonly string _instance = $"{Environment.ProcessId}@{Environment.MachineName}" is var id && id.Length > 60 ? id[..60] : id;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogPaused(logger, e.GetBaseException().Message);
                await Task.Delay(options.RetryDelay, clock, stoppingToken);
            }
        }
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        var factory = new ConnectionFactory { Uri = options.AmqpUri, ClientProvidedName = "webedi-reply-dispatcher", AutomaticRecoveryEnabled = false };
        await using var connection = await factory.CreateConnectionAsync(stoppingToken);
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), stoppingToken);
        var declared = new HashSet<string>(StringComparer.Ordinal);
        while (!stoppingToken.IsCancellationRequested)
        {
            var sent = await DispatchBatchAsync(channel, declared, stoppingToken);
            if (sent == 0)
            {
                await Task.Delay(options.PollInterval, clock, stoppingToken);
            }
        }
    }

    /// <summary>Claims and sends one batch; returns how many documents it handled.</summary>
    internal async Task<int> DispatchBatchAsync(IChannel channel, HashSet<string> declared, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WebEdiDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var leaseUntil = now + options.Lease;

        // A fresh token per batch identifies exactly the rows this batch won (comparing lease times would not:
        // PostgreSQL keeps microseconds, .NET ticks are finer).
        var token = $"{_instance}/{Guid.NewGuid():N}";

        var candidates = await db.OutboxMessages
            .Where(m => m.DispatchedAt == null && (m.LeaseExpiresAt == null || m.LeaseExpiresAt < now))
            .OrderBy(m => m.Sequence).Select(m => m.Sequence).Take(options.BatchSize).ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return 0;
        }

        // The same condition again in the UPDATE: of two instances racing for a row, only one gets it.
        await db.OutboxMessages
            .Where(m => candidates.Contains(m.Sequence) && m.DispatchedAt == null && (m.LeaseExpiresAt == null || m.LeaseExpiresAt < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseOwner, token).SetProperty(m => m.LeaseExpiresAt, leaseUntil), cancellationToken);
        var claimed = await db.OutboxMessages
            .Where(m => candidates.Contains(m.Sequence) && m.LeaseOwner == token)
            .OrderBy(m => m.Sequence).ToListAsync(cancellationToken);
        var buyers = await db.Companies.Where(c => claimed.Select(m => m.BuyerId).Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Code, cancellationToken);

        foreach (var message in claimed)
        {
            var queue = BuyerQueues.Replies(buyers[message.BuyerId]);
            try
            {
                if (declared.Add(queue))
                {
                    await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
                        arguments: BuyerQueues.ReplyQueueArguments(options.UseQuorumQueues), cancellationToken: cancellationToken);
                }

                await PublishAsync(channel, queue, message, cancellationToken);
                message.MarkDispatched(clock.GetUtcNow().UtcDateTime);
            }
            catch (PublishException e)
            {
                declared.Remove(queue);
                message.MarkFailed($"the broker did not accept the document for {queue} (returned: {e.IsReturn}).");
                LogFailed(logger, message.Id, queue, e.Message);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return claimed.Count;
    }

    private static async Task PublishAsync(IChannel channel, string queue, OutboxMessage message, CancellationToken cancellationToken)
    {
        var properties = new BasicProperties
        {
            ContentType = "application/json",
            ContentEncoding = "utf-8",
            Type = message.MessageType,
            MessageId = message.Id.ToString(),
            DeliveryMode = DeliveryModes.Persistent,
            Timestamp = new AmqpTimestamp(new DateTimeOffset(message.CreatedAt).ToUnixTimeSeconds()),
        };
        await channel.BasicPublishAsync(string.Empty, queue, mandatory: true, properties, Encoding.UTF8.GetBytes(message.Payload), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reply dispatch paused ({Reason}); retrying.")]
    private static partial void LogPaused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Document {DocumentId} for {Queue} not delivered: {Reason}; it will be retried.")]
    private static partial void LogFailed(ILogger logger, Guid documentId, string queue, string reason);
}

/// <summary>Where and how fast the reply dispatcher works; built from <c>WebEdi:Bus</c> by the server.</summary>
public sealed record ReplyDispatcherOptions(Uri AmqpUri, bool UseQuorumQueues)
{
    public int BatchSize { get; init; } = 100;

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(2);
}
