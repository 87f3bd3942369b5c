using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using WebEdi.Data.Deliveries;

namespace WebEdi.Integration.Channels.Bus;

/// <summary>Where the bus channel publishes; built from <c>WebEdi:Bus</c> by the server.</summary>
public sealed record BusChannelOptions(Uri AmqpUri, bool UseQuorumQueues);

/// <summary>
/// The bus channel: each document as plain JSON on the buyer's reply queue — AMQP <c>type</c> = the message name,
/// <c>message_id</c> = the document id, persistent, mandatory, publisher-confirmed — readable by any AMQP client. A
/// document counts as delivered only once the broker confirmed it. A reply queue that was deleted is declared again
/// on the next attempt, so a buyer who removed it by mistake loses nothing.
/// </summary>
/// <remarks>
/// A few lanes per process, each its own connection and channel, opened on first use and again after they broke:
/// as many groups as the process takes at once are published side by side.
/// </remarks>
public sealed partial class BusChannelAdapter(BusChannelOptions options, TimeProvider clock, ILogger<BusChannelAdapter> logger) : IChannelAdapter, IAsyncDisposable
{
    /// <summary>
    /// Lanes per process: the bus consumer's concurrency. Since the fan-out claims from its own queue (2026-12-04) it
    /// outruns three lanes, which each wait for their group's confirms; six kept the adapters ahead in the benchmark.
    /// </summary>
    public const int Lanes = 6;

    /// <summary>
    /// How long a group's confirms may take. RabbitMQ.Client can wait for ever for the confirm of a message published
    /// just as the broker went away; past this the lane counts the group as not delivered and opens a fresh connection.
    /// The rows' send lease is renewed while the lane waits (<see cref="Dispatch.DeliveryWork.RenewEvery"/>), so no other
    /// process takes them meanwhile.
    /// </summary>
    public static readonly TimeSpan ConfirmTimeout = TimeSpan.FromSeconds(20);

    private readonly Lane[] _lanes = [.. Enumerable.Range(0, Lanes).Select(_ => new Lane(options, clock, logger))];
    private int _next;

    public ChannelKind Kind => ChannelKind.Bus;

    public Task<IReadOnlyList<AttemptOutcome>> SendAsync(IReadOnlyList<OutboundDocument> documents, CancellationToken cancellationToken) =>
        _lanes[(int)((uint)Interlocked.Increment(ref _next) % Lanes)].SendAsync(documents, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        foreach (var lane in _lanes)
        {
            await lane.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The broker refused document {DocumentId} for {Queue} (returned: {Returned}).")]
    private static partial void LogRefused(ILogger logger, Guid documentId, string queue, bool returned);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Closing the broken bus adapter connection: {Reason}")]
    private static partial void LogCloseFailed(ILogger logger, string reason);

    /// <summary>One connection and channel with its confirms and its cache of declared queues; one group at a time.</summary>
    private sealed class Lane(BusChannelOptions options, TimeProvider clock, ILogger logger) : IAsyncDisposable
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private readonly HashSet<string> _declared = new(StringComparer.Ordinal);
        private IConnection? _connection;
        private IChannel? _channel;

        public async Task<IReadOnlyList<AttemptOutcome>> SendAsync(IReadOnlyList<OutboundDocument> documents, CancellationToken cancellationToken)
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                var started = clock.GetUtcNow().UtcDateTime;
                IChannel channel;
                try
                {
                    channel = await OpenAsync(cancellationToken);
                    foreach (var queue in documents.Select(d => BuyerReplyQueues.Name(d.BuyerCode)).Distinct().Where(q => !_declared.Contains(q)))
                    {
                        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
                            arguments: BuyerReplyQueues.Arguments(options.UseQuorumQueues), cancellationToken: cancellationToken);
                        _declared.Add(queue);
                    }
                }
                catch (Exception e) when (e is BrokerUnreachableException or OperationInterruptedException or AlreadyClosedException or IOException or TimeoutException)
                {
                    await ResetAsync();
                    var failed = clock.GetUtcNow().UtcDateTime;
                    return documents.Select(_ => new AttemptOutcome(started, failed, false, Error: $"the message broker could not be reached: {e.Message}")).ToList();
                }

                // All of the batch in flight at once; each publish completes when the broker confirmed (or returned) it.
                using var deadline = new CancellationTokenSource(ConfirmTimeout, clock);
                using var confirming = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
                var publishes = documents.Select(d => PublishAsync(channel, d, confirming.Token, cancellationToken)).ToList();
                var outcomes = new List<AttemptOutcome>(documents.Count);
                var broken = false;
                for (var i = 0; i < documents.Count; i++)
                {
                    var error = await publishes[i];
                    if (error is { Broken: true })
                    {
                        broken = true;
                    }

                    if (error is { Returned: true })
                    {
                        // The queue is gone: declare it again next time.
                        _declared.Remove(BuyerReplyQueues.Name(documents[i].BuyerCode));
                    }

                    outcomes.Add(new AttemptOutcome(started, clock.GetUtcNow().UtcDateTime, error is null, Error: error?.Message));
                }

                if (broken)
                {
                    await ResetAsync();
                }

                return outcomes;
            }
            finally
            {
                _gate.Release();
            }
        }

        public async ValueTask DisposeAsync()
        {
            await ResetAsync();
            _gate.Dispose();
        }

        private async Task<PublishError?> PublishAsync(IChannel channel, OutboundDocument document, CancellationToken confirming, CancellationToken cancellationToken)
        {
            var queue = BuyerReplyQueues.Name(document.BuyerCode);
            var properties = new BasicProperties
            {
                ContentType = "application/json",
                ContentEncoding = "utf-8",
                Type = document.MessageType,
                MessageId = document.DocumentId.ToString(),
                DeliveryMode = DeliveryModes.Persistent,
                Timestamp = new AmqpTimestamp(new DateTimeOffset(document.CreatedAt).ToUnixTimeSeconds()),
            };
            try
            {
                // Bounded here as well as through the token, so the lane hears back by the deadline whatever the client heeds.
                await channel.BasicPublishAsync(string.Empty, queue, mandatory: true, properties, Encoding.UTF8.GetBytes(document.Payload), confirming)
                    .AsTask().WaitAsync(confirming);
                return null;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return new PublishError(string.Create(CultureInfo.InvariantCulture,
                    $"the broker did not confirm the document for queue '{queue}' within {ConfirmTimeout.TotalSeconds:0} s."), Returned: false, Broken: true);
            }
            catch (PublishException e)
            {
                LogRefused(logger, document.DocumentId, queue, e.IsReturn);
                return new PublishError(e.IsReturn
                    ? $"the broker returned the document: queue '{queue}' does not exist (it is declared again on the next attempt)."
                    : $"the broker did not confirm the document for queue '{queue}'.", Returned: e.IsReturn, Broken: false);
            }
            catch (Exception e) when (e is OperationInterruptedException or AlreadyClosedException or IOException)
            {
                return new PublishError($"the connection to the message broker broke: {e.Message}", Returned: false, Broken: true);
            }
        }

        private async Task<IChannel> OpenAsync(CancellationToken cancellationToken)
        {
            if (_channel is { IsOpen: true } open)
            {
                return open;
            }

            await ResetAsync();
            var factory = new ConnectionFactory { Uri = options.AmqpUri, ClientProvidedName = "webedi-bus-adapter", AutomaticRecoveryEnabled = false };
            _connection = await factory.CreateConnectionAsync(cancellationToken);
            _channel = await _connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
            return _channel;
        }

        private async Task ResetAsync()
        {
            _declared.Clear();
            var (channel, connection) = (_channel, _connection);
            (_channel, _connection) = (null, null);
            try
            {
                if (channel is not null)
                {
                    await channel.DisposeAsync();
                }

                if (connection is not null)
                {
                    await connection.DisposeAsync();
                }
            }
            catch (Exception e) when (e is OperationInterruptedException or AlreadyClosedException or IOException or ObjectDisposedException)
            {
                LogCloseFailed(logger, e.Message);
            }
        }

        private sealed record PublishError(string Message, bool Returned, bool Broken);
    }
}

/// <summary>
/// Stands in for the bus channel when WebEdi runs on the in-memory transport (the embedded default): a buyer's bus
/// channel cannot be reached from there, and its deliveries say so instead of waiting silently.
/// </summary>
public sealed class UnavailableBusAdapter(TimeProvider clock) : IChannelAdapter
{
    public ChannelKind Kind => ChannelKind.Bus;

    public Task<IReadOnlyList<AttemptOutcome>> SendAsync(IReadOnlyList<OutboundDocument> documents, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return Task.FromResult<IReadOnlyList<AttemptOutcome>>(documents
            .Select(_ => new AttemptOutcome(now, now, false, Error: "the bus channel needs RabbitMQ (WebEdi:Bus:Transport = RabbitMq); this WebEdi runs on the in-memory transport."))
            .ToList());
    }
}
