using WebEdi.Data.Deliveries;

namespace WebEdi.Integration.Channels.Files;

/// <summary>Where file-drop channels write: <c>{Root}/{BUYER}/outbound</c>; resolved from <c>WebEdi:Integration:FileDropRoot</c> by the server.</summary>
public sealed record FileDropOptions(string Root)
{
    public string OutboundFolder(string buyerCode) => Path.Combine(Root, buyerCode, "outbound");
}

/// <summary>
/// The file-drop channel: one CSV file per document in the buyer's outbound folder, named
/// <c>{MessageType}_{yyyyMMddHHmmssfff}_{documentId}.csv</c> (UTC, so names sort by time). Each file is written to a
/// hidden temporary name beside it, flushed to disk and renamed into place, so an ERP polling the folder never sees a
/// half-written file; writing the same document again replaces its file with identical content.
/// </summary>
public sealed class FileDropChannelAdapter(FileDropOptions options, TimeProvider clock) : IChannelAdapter
{
    public ChannelKind Kind => ChannelKind.FileDrop;

    public static string FileName(OutboundDocument document) =>
        $"{document.MessageType}_{document.CreatedAt:yyyyMMddHHmmssfff}_{document.DocumentId:N}.csv";

    public Task<IReadOnlyList<AttemptOutcome>> SendAsync(IReadOnlyList<OutboundDocument> documents, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AttemptOutcome>>(documents.Select(Write).ToList());

    private AttemptOutcome Write(OutboundDocument document)
    {
        var started = clock.GetUtcNow().UtcDateTime;
        byte[] bytes;
        try
        {
            bytes = DocumentCsv.Encode(document.MessageType, document.Payload, document.Channel.Encoding);
        }
        catch (DocumentCsvException e)
        {
            return new AttemptOutcome(started, clock.GetUtcNow().UtcDateTime, false, Error: e.Message, Permanent: true);
        }

        var folder = options.OutboundFolder(document.BuyerCode);
        var target = Path.Combine(folder, FileName(document));
        var temporary = Path.Combine(folder, $".{Path.GetFileName(target)}.tmp");
        try
        {
            Directory.CreateDirectory(folder);
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                file.Write(bytes);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, target, overwrite: true);
            return new AttemptOutcome(started, clock.GetUtcNow().UtcDateTime, true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            return new AttemptOutcome(started, clock.GetUtcNow().UtcDateTime, false, Error: $"could not write {target}: {e.Message}");
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The folder refused the write in the first place; a leftover hidden temporary file is harmless.
        }
    }
}
