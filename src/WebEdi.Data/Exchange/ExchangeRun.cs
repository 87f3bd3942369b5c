using WebEdi.Domain;

namespace WebEdi.Data.Exchange;

public enum ExchangeDirection
{
    /// <summary>An order file from the ERP imported.</summary>
    Inbound,

    /// <summary>Answers and shipments exported for the ERP.</summary>
    Outbound,
}

/// <summary>What started a run.</summary>
public enum ExchangeTrigger
{
    Schedule,

    /// <summary>"Run now" in the browser.</summary>
    Request,

    /// <summary><c>webedi exchange run</c>.</summary>
    Command,
}

public enum ExchangeRunStatus
{
    /// <summary>Under way (or its process died; the next run of the buyer finishes or fails it).</summary>
    Running,

    /// <summary>Imported or exported. An import may still hold orders the intake refused (see the counts).</summary>
    Succeeded,

    /// <summary>An order file with errors: nothing imported; the file is in the error folder with its report.</summary>
    Rejected,

    /// <summary>An order file with the content of one already imported: refused, moved to the error folder.</summary>
    Duplicate,

    /// <summary>An export with nothing new and a profile that writes no empty file.</summary>
    NothingNew,

    /// <summary>Broke off (a folder that cannot be written, a character Shift_JIS cannot hold); see the message.</summary>
    Failed,
}

/// <summary>
/// One run of a buyer's exchange in one direction: one order file imported, or one export — the history the buyer
/// admin reads, with counts, duration and the error report of a rejected file.
/// </summary>
public sealed class ExchangeRun
{
    public const int MaxMessageLength = 2000;

    private ExchangeRun()
    {
    }

    public Guid Id { get; private set; }

    public Guid BuyerId { get; private set; }

    public ExchangeDirection Direction { get; private set; }

    public ExchangeTrigger Trigger { get; private set; }

    /// <summary>Checked only: nothing imported, exported or moved.</summary>
    public bool DryRun { get; private set; }

    public ExchangeRunStatus Status { get; private set; }

    public DateTime StartedAt { get; private set; }

    public DateTime? FinishedAt { get; private set; }

    public string? StartedBy { get; private set; }

    /// <summary>Inbound: the order file's name. Outbound: the names of the files written, comma-separated.</summary>
    public string? FileName { get; private set; }

    /// <summary>Inbound: SHA-256 of the file's bytes (hex), by which a second copy of an imported file is recognised.</summary>
    public string? ContentHash { get; private set; }

    /// <summary>Data records read or written.</summary>
    public int Rows { get; private set; }

    /// <summary>Inbound: orders in the file. Outbound: documents exported.</summary>
    public int Documents { get; private set; }

    public int Received { get; private set; }

    public int Duplicates { get; private set; }

    public int Stale { get; private set; }

    /// <summary>Inbound: orders the intake refused (each also reached the buyer as a PurchaseOrderRejected).</summary>
    public int Refused { get; private set; }

    /// <summary>Problems found in a rejected file.</summary>
    public int Errors { get; private set; }

    /// <summary>Outbound: the outbox range (exclusive, inclusive] this export covers; fixed when it starts, so a rerun after a crash writes the same files.</summary>
    public long? WatermarkFrom { get; private set; }

    public long? WatermarkTo { get; private set; }

    public string? Message { get; private set; }

    /// <summary>A rejected file's error report (CSV, UTF-8 with BOM), for download from the history.</summary>
    public byte[]? ErrorReport { get; private set; }

    public TimeSpan? Duration => FinishedAt - StartedAt;

    public static ExchangeRun Start(Guid buyerId, ExchangeDirection direction, ExchangeTrigger trigger, bool dryRun, string? by, DateTime at) => new()
    {
        Id = Guid.CreateVersion7(),
        BuyerId = buyerId,
        Direction = direction,
        Trigger = trigger,
        DryRun = dryRun,
        Status = ExchangeRunStatus.Running,
        StartedAt = Instant.Require(at),
        StartedBy = by,
    };

    public void ForFile(string fileName, string? contentHash)
    {
        FileName = Truncate(fileName, 400);
        ContentHash = contentHash;
    }

    public void ForRange(long from, long to, string fileNames)
    {
        WatermarkFrom = from;
        WatermarkTo = to;
        FileName = Truncate(fileNames, 400);
    }

    public void Count(int rows, int documents, int received = 0, int duplicates = 0, int stale = 0, int refused = 0)
    {
        Rows = rows;
        Documents = documents;
        Received = received;
        Duplicates = duplicates;
        Stale = stale;
        Refused = refused;
    }

    public void Finish(ExchangeRunStatus status, string? message, DateTime at)
    {
        Status = status;
        Message = message is null ? null : Truncate(message, MaxMessageLength);
        FinishedAt = Instant.Require(at);
    }

    public void Reject(int errors, byte[] report, string message, DateTime at)
    {
        Errors = errors;
        ErrorReport = report;
        Finish(ExchangeRunStatus.Rejected, message, at);
    }

    private static string Truncate(string text, int length) => text.Length > length ? text[..length] : text;
}
