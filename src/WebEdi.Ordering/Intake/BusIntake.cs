using System.Net.Mime;
using System.Text.Json;
using MassTransit;
using MassTransit.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WebEdi.Contracts;
using WebEdi.Data;
using WebEdi.Domain.Companies;

namespace WebEdi.Ordering.Intake;

/// <summary>
/// The marker type every message on a buyer's intake queue is consumed as. The body is read by
/// <see cref="BuyerIntakeConsumer"/> itself, so plain JSON from any AMQP client and MassTransit envelopes take the
/// same strict path.
/// </summary>
public sealed class IntakeDocument;

/// <summary>
/// Names and topology of the per-buyer queues. ERP credentials may write only to the buyer's intake exchange and read
/// only its reply queue (see the provisioning command), so the queue a message arrives on identifies the buyer.
/// </summary>
public static class BuyerQueues
{
    public const string IntakePrefix = "webedi.intake.";

    /// <summary>Messages applied together in one transaction at most.</summary>
    public const int BatchSize = 100;

    public static string Intake(string buyerCode) => IntakePrefix + buyerCode;

    public static string? BuyerOf(Uri inputAddress)
    {
        var name = inputAddress.AbsolutePath.TrimEnd('/').Split('/')[^1];
        return name.StartsWith(IntakePrefix, StringComparison.Ordinal) ? name[IntakePrefix.Length..] : null;
    }

    /// <summary>
    /// Configures one buyer's intake endpoint: durable (quorum where the bus says so), every body read raw whatever its
    /// content type, bounded retries for transient failures. (Unreadable messages are recorded as rejections by
    /// <see cref="UnreadableMessageObserver"/>, connected to the running endpoint.)
    /// </summary>
    public static void ConfigureIntake(IReceiveEndpointConfigurator endpoint, IServiceProvider services, bool quorum)
    {
        // Endpoints connected while the bus runs do not inherit the bus-wide queue type: say it here.
        if (quorum && endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
        {
            rabbit.SetQuorumQueue();
        }

        // Up to BatchSize messages are applied in one transaction (two batches at a time), so the broker must hand
        // out that many at once; a batch also closes after a few milliseconds so a lone message never waits.
        if (endpoint is IRabbitMqReceiveEndpointConfigurator prefetch)
        {
            prefetch.PrefetchCount = 2 * BatchSize;
        }

        endpoint.ConcurrentMessageLimit = 2 * BatchSize;
        endpoint.ConfigureConsumeTopology = false;
        endpoint.ClearSerialization();
        var json = new RawBodyFactory(new ContentType("application/json"));
        endpoint.AddSerializer(json);
        endpoint.SerializerContentType = json.ContentType;
        endpoint.AddDeserializer(json, isDefault: true);
        endpoint.AddDeserializer(new RawBodyFactory(new ContentType("application/vnd.masstransit+json")));
        endpoint.DefaultContentType = new ContentType("application/json");
        endpoint.UseMessageRetry(r => r.Exponential(5, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(500)));
        endpoint.Consumer(() => new BuyerIntakeConsumer(services), consumer => consumer.Options<BatchOptions>(batch => batch
            .SetMessageLimit(BatchSize)
            .SetTimeLimit(TimeSpan.FromMilliseconds(20))
            .SetConcurrencyLimit(2)));
    }

    /// <summary>
    /// Hands the body through untouched: MassTransit's raw deserializer accepting any message type, registered for
    /// both JSON content types, so an envelope reaches <see cref="BuyerIntakeConsumer"/> as bytes too.
    /// </summary>
    private sealed class RawBodyFactory(ContentType contentType) : ISerializerFactory
    {
        public ContentType ContentType => contentType;

        public IMessageSerializer CreateSerializer() => new SystemTextJsonRawMessageSerializer(RawSerializerOptions.AnyMessageType);

        public IMessageDeserializer CreateDeserializer() => new SystemTextJsonRawMessageSerializer(RawSerializerOptions.AnyMessageType);
    }
}

/// <summary>
/// Reads the ERP messages of a buyer's intake queue, as many as have arrived (see <see cref="BuyerQueues.BatchSize"/>),
/// and hands them to <see cref="PurchaseOrderIntake"/> to be applied in one transaction.
/// </summary>
public sealed partial class BuyerIntakeConsumer(IServiceProvider services) : IConsumer<Batch<IntakeDocument>>
{
    private const string EnvelopeMediaType = "application/vnd.masstransit+json";

    public async Task Consume(ConsumeContext<Batch<IntakeDocument>> context)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WebEdiDbContext>();
        var intake = scope.ServiceProvider.GetRequiredService<PurchaseOrderIntake>();
        var buyer = await BuyerAsync(db, context.ReceiveContext.InputAddress, context.CancellationToken);

        var messages = context.Message.Select(message =>
        {
            var (body, messageType, envelope) = Unwrap(message);
            return IntakeMessage.From(ContractReader.Read(body, messageType, envelope), messageType);
        }).ToList();
        var replies = await intake.ApplyBatchAsync(buyer, messages, context.CancellationToken);

        var logger = scope.ServiceProvider.GetRequiredService<ILogger<BuyerIntakeConsumer>>();
        LogHandled(logger, buyer.Code, replies.Count, replies.Count(r => r.IsRejected));
    }

    internal static async Task<Company> BuyerAsync(WebEdiDbContext db, Uri inputAddress, CancellationToken cancellationToken)
    {
        var code = BuyerQueues.BuyerOf(inputAddress)
            ?? throw new InvalidOperationException($"{inputAddress} is not a buyer intake queue.");
        return await db.Companies.AsNoTracking().SingleOrDefaultAsync(c => c.Code == code && c.IsBuyer, cancellationToken)
            ?? throw new InvalidOperationException($"No buyer {code} for intake queue {inputAddress}.");
    }

    /// <summary>
    /// The command and its name: plain JSON names itself in the AMQP <c>type</c> property; a MassTransit envelope in its
    /// <c>messageType</c> URNs (urn:message:WebEdi.Contracts:SubmitPurchaseOrder) around the <c>message</c>.
    /// </summary>
    private static (ReadOnlyMemory<byte> Body, string? MessageType, bool Envelope) Unwrap(ConsumeContext context)
    {
        var body = context.ReceiveContext.Body.GetBytes();
        if (context.ReceiveContext.ContentType?.MediaType != EnvelopeMediaType)
        {
            var type = context.TryGetPayload<RabbitMqBasicConsumeContext>(out var amqp) ? amqp.Properties.Type : null;
            return (body, string.IsNullOrEmpty(type) ? context.ReceiveContext.TransportHeaders.Get<string>("MessageType") : type, false);
        }

        using var envelope = JsonDocument.Parse(body);
        var root = envelope.RootElement;
        var urn = root.TryGetProperty("messageType", out var types) && types.ValueKind == JsonValueKind.Array && types.GetArrayLength() > 0
            ? types[0].GetString()
            : null;
        var name = urn?.Split(':')[^1];
        var message = root.TryGetProperty("message", out var m) ? System.Text.Encoding.UTF8.GetBytes(m.GetRawText()) : [];
        return (message, name, true);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Intake {Buyer}: {Count} messages applied, {Rejected} rejected.")]
    private static partial void LogHandled(ILogger logger, string buyer, int count, int rejected);
}

/// <summary>
/// A message MassTransit could not even deserialize (not JSON at all) goes to the error queue; this also records it as
/// a <see cref="PurchaseOrderRejected"/> the buyer can see, so nothing vanishes silently.
/// </summary>
internal sealed partial class UnreadableMessageObserver(IServiceProvider services) : IReceiveObserver
{
    public Task PreReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType)
        where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception)
        where T : class => IsInterruption(exception, context.CancellationToken)
            ? Task.CompletedTask
            : RecordAsync(context.ReceiveContext, $"the message could not be processed after retries: {exception.GetBaseException().Message}");

    /// <summary>Only a body that cannot be deserialized is the sender's fault; anything else here is ours and is retried.</summary>
    public Task ReceiveFault(ReceiveContext context, Exception exception) =>
        exception is System.Runtime.Serialization.SerializationException || exception.GetBaseException() is JsonException
            ? RecordAsync(context, $"the message is not valid JSON: {exception.GetBaseException().Message}")
            : Task.CompletedTask;

    /// <summary>
    /// A broker shutting down or a process stopping cancels messages in flight; they go back to the queue and are
    /// processed again, so they must not be reported to the buyer as rejected.
    /// </summary>
    internal static bool IsInterruption(Exception exception, CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested
        || exception.GetBaseException() is OperationCanceledException
            or RabbitMQ.Client.Exceptions.AlreadyClosedException
            or RabbitMQ.Client.Exceptions.OperationInterruptedException;

    private async Task RecordAsync(ReceiveContext context, string message)
    {
        await using var scope = services.CreateAsyncScope();
        var logger = scope.ServiceProvider.GetRequiredService<ILogger<UnreadableMessageObserver>>();
        try
        {
            var db = scope.ServiceProvider.GetRequiredService<WebEdiDbContext>();
            var buyer = await BuyerIntakeConsumer.BuyerAsync(db, context.InputAddress, CancellationToken.None);
            var (orderNumber, revision) = ContractReader.Peek(context.Body.GetBytes());
            await scope.ServiceProvider.GetRequiredService<PurchaseOrderIntake>().RejectAsync(
                buyer, "(unreadable)", orderNumber, revision, [new Problem { Path = "$", Code = ProblemCodes.InvalidJson, Message = message }]);
        }
        catch (Exception e)
        {
            // The message itself is safe in the error queue; only its rejection document could not be written.
            LogNotRecorded(logger, context.InputAddress, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A poison message on {Queue} is in the error queue, but its rejection could not be recorded: {Reason}")]
    private static partial void LogNotRecorded(ILogger logger, Uri queue, string reason);
}
