using WebEdi.Data.Deliveries;

namespace WebEdi.Integration.Channels;

/// <summary>A document as an adapter sends it: the outbox JSON, its id, and where it goes.</summary>
/// <param name="BuyerCode">The buyer's company code: names its reply queue and its file-drop folder.</param>
public sealed record OutboundDocument(
    long DeliverySequence, Guid DocumentId, string MessageType, string Payload, DateTime CreatedAt, string? OrderNumber,
    string BuyerCode, BuyerChannel Channel);

/// <summary>What one attempt to send one document came to.</summary>
/// <param name="StatusCode">Webhook: the HTTP status the buyer's endpoint answered, when it answered.</param>
/// <param name="Permanent">Retrying cannot help (the document cannot be written in the channel's encoding, say): give it up at once.</param>
public sealed record AttemptOutcome(DateTime StartedAt, DateTime FinishedAt, bool Succeeded, int? StatusCode = null, string? Error = null, bool Permanent = false);

/// <summary>Sends documents over one kind of channel. Each document gets an outcome, in the order given; an adapter never throws for one document's failure.</summary>
public interface IChannelAdapter
{
    ChannelKind Kind { get; }

    Task<IReadOnlyList<AttemptOutcome>> SendAsync(IReadOnlyList<OutboundDocument> documents, CancellationToken cancellationToken);
}
