namespace WebEdi.Integration.Exchange.Profiles;

/// <summary>
/// How one buyer's ERP writes its nightly order file and reads the answers and shipments back: folders, schedule, the
/// CSV dialect and the column mappings. Configuration, not code — a buyer admin edits it in the browser or imports it
/// as JSON (<see cref="ExchangeProfileJson"/>); two built-in profiles (<see cref="BuiltInProfiles"/>) are the starting
/// points. A profile is checked as a whole by <see cref="ExchangeProfileRules.Validate"/> before it is stored.
/// </summary>
public sealed record ExchangeProfile
{
    /// <summary>A name for people ("WebEdi standard", "基幹システム（夜間）"); 1–100 characters.</summary>
    public required string Name { get; init; }

    /// <summary>The folders inside the buyer's exchange folder (<c>{ExchangeRoot}/{BUYER}/…</c>).</summary>
    public ExchangeFolders Folders { get; init; } = new();

    /// <summary>
    /// When the exchange runs: a five-field cron expression (minute hour day-of-month month day-of-week) read in
    /// <see cref="TimeZone"/>, e.g. <c>0 2 * * *</c> for 02:00 every day. Null runs it only on demand.
    /// </summary>
    public string? Schedule { get; init; } = "0 2 * * *";

    /// <summary>The IANA time zone the schedule and the file's dates are read in; null means the buyer company's own.</summary>
    public string? TimeZone { get; init; }

    /// <summary>The language of the error reports written beside rejected files: <c>ja</c> (default) or <c>en</c>.</summary>
    public string Language { get; init; } = "ja";

    /// <summary>The CSV dialect, shared by the inbound and outbound files.</summary>
    public CsvDialect Format { get; init; } = new();

    public InboundSettings Inbound { get; init; } = new();

    public OutboundSettings Outbound { get; init; } = new();
}

/// <summary>
/// Folder names relative to the buyer's own exchange folder. Buyers never choose absolute paths: the operator decides
/// where <c>WebEdi:Integration:ExchangeRoot</c> is, and a name may not leave it (no rooted paths, no <c>..</c>).
/// </summary>
public sealed record ExchangeFolders
{
    /// <summary>Where the ERP drops its order files.</summary>
    public string Inbound { get; init; } = "nightly/in";

    /// <summary>Where WebEdi writes the answers and shipments files for the ERP.</summary>
    public string Outbound { get; init; } = "nightly/out";

    /// <summary>Where imported order files are moved (with a timestamp prefix).</summary>
    public string Archive { get; init; } = "nightly/archive";

    /// <summary>Where rejected order files are moved, each with its error report beside it.</summary>
    public string Error { get; init; } = "nightly/error";
}

public enum FileEncoding
{
    /// <summary>Shift_JIS as Windows writes it (CP932), with NEC and IBM extensions (①, ㈱, 髙).</summary>
    ShiftJis,

    /// <summary>UTF-8 without a byte order mark (a BOM on an inbound file is accepted and skipped).</summary>
    Utf8,

    /// <summary>UTF-8 with a byte order mark, which Excel needs to recognise UTF-8.</summary>
    Utf8WithBom,
}

public enum LineEnding
{
    /// <summary>CR LF, as Windows writes text (outbound; inbound accepts both).</summary>
    CrLf,

    /// <summary>LF alone.</summary>
    Lf,
}

/// <summary>When a field is written in quotes (outbound; inbound accepts quoted and unquoted fields alike).</summary>
public enum QuoteMode
{
    /// <summary>Only fields that hold the delimiter, a quote or a line break.</summary>
    AsNeeded,

    /// <summary>Every field, as many Japanese ERPs write them.</summary>
    All,
}

/// <summary>The CSV dialect of the files.</summary>
public sealed record CsvDialect
{
    public FileEncoding Encoding { get; init; } = FileEncoding.Utf8WithBom;

    /// <summary>The field separator: one character, usually <c>,</c> or a tab (<c>\t</c>).</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>The quote character; a quote inside a quoted field is written twice.</summary>
    public char Quote { get; init; } = '"';

    public QuoteMode Quoting { get; init; } = QuoteMode.AsNeeded;

    /// <summary>Whether the first record names the columns. Without one, mappings name columns by position (1, 2, …).</summary>
    public bool HasHeader { get; init; } = true;

    /// <summary>The .NET format of dates, e.g. <c>yyyy-MM-dd</c>, <c>yyyyMMdd</c> or <c>yyyy/MM/dd</c>.</summary>
    public string DateFormat { get; init; } = "yyyy-MM-dd";

    /// <summary>The decimal separator of numbers: <c>.</c> (Japan) or <c>,</c>. Thousands separators are never written or accepted.</summary>
    public char DecimalSeparator { get; init; } = '.';

    /// <summary>The record separator written (outbound).</summary>
    public LineEnding LineEnding { get; init; } = LineEnding.CrLf;
}

/// <summary>How WebEdi knows the ERP has finished writing a file, so it never reads half a file.</summary>
public enum FileCompletion
{
    /// <summary>
    /// The ERP writes under another name and renames the file to <c>*.csv</c> when done: only <c>*.csv</c> files are
    /// picked up (<c>.tmp</c>, <c>.part</c> and the like are ignored).
    /// </summary>
    RenameToCsv,

    /// <summary>The ERP writes <c>NAME.csv</c> and then an empty <c>NAME.csv.done</c>: a file without its marker is left alone.</summary>
    DoneMarker,
}

/// <summary>
/// The last record of a file, when the ERP writes one (トレーラーレコード): its first field is <see cref="Marker"/> and the
/// field at <see cref="CountColumn"/> holds the number of data records, so a truncated file is noticed.
/// </summary>
public sealed record TrailerRecord
{
    /// <summary>The value of the first field that marks the trailer, e.g. <c>E</c>, <c>TRL</c> or <c>合計</c>.</summary>
    public required string Marker { get; init; }

    /// <summary>The 1-based position of the field holding the count of data records (not counting header and trailer); 2 or more, since the marker is field 1.</summary>
    public int CountColumn { get; init; } = 2;
}

/// <summary>One column of a file: which WebEdi field it holds, or (outbound) a constant.</summary>
public sealed record ColumnMapping
{
    /// <summary>
    /// The ERP's column: its header text when the file has a header (compared after trimming, case-sensitive), else
    /// its 1-based position ("1", "2", …).
    /// </summary>
    public required string Column { get; init; }

    /// <summary>The WebEdi field (<see cref="ExchangeFields"/>): an order field inbound, an answer or shipment field outbound.</summary>
    public string? Field { get; init; }

    /// <summary>Outbound only, instead of <see cref="Field"/>: a constant every row holds, e.g. a record type <c>D</c>.</summary>
    public string? Value { get; init; }

    /// <summary>A date format for this column alone, when it differs from the profile's.</summary>
    public string? DateFormat { get; init; }
}

/// <summary>Inbound: a value for an order field that no column of the ERP's file holds, e.g. <c>currency = JPY</c>.</summary>
public sealed record FixedValue
{
    public required string Field { get; init; }

    public required string Value { get; init; }
}

/// <summary>
/// The order file: which columns hold which order fields. Rows with the same order number form one order and must be
/// consecutive; order-level fields (supplier, order date, …) are repeated on every row and must agree.
/// </summary>
public sealed record InboundSettings
{
    public FileCompletion Completion { get; init; } = FileCompletion.RenameToCsv;

    public IReadOnlyList<ColumnMapping> Columns { get; init; } = [];

    /// <summary>Values for order fields no column holds.</summary>
    public IReadOnlyList<FixedValue> Defaults { get; init; } = [];

    /// <summary>
    /// Code translations from the ERP's codes to WebEdi's, per order field: <c>{"unit": {"PC": "個"}}</c>. A value
    /// the map does not list is taken as it is.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Codes { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();

    /// <summary>The trailer record the ERP ends its file with, or null when it writes none.</summary>
    public TrailerRecord? Trailer { get; init; }
}

/// <summary>What an export does when nothing new happened since the last one.</summary>
public enum EmptyExport
{
    /// <summary>Write a file with the header (and trailer) only, so the ERP sees the exchange ran.</summary>
    WriteEmptyFile,

    /// <summary>Write nothing.</summary>
    WriteNothing,
}

/// <summary>The two files an export writes: the answers (回答) and the shipments (出荷), each with its own columns.</summary>
public sealed record OutboundSettings
{
    public OutboundFile Answers { get; init; } = new() { FileName = "answers_{timestamp}.csv" };

    public OutboundFile Shipments { get; init; } = new() { FileName = "shipments_{timestamp}.csv" };

    public EmptyExport WhenEmpty { get; init; } = EmptyExport.WriteEmptyFile;

    /// <summary>
    /// Code translations from WebEdi's codes to the ERP's, per answer or shipment field:
    /// <c>{"answer": {"Accepted": "1"}, "rejectionReason": {"PriceNotAgreed": "R02"}}</c>. Unlisted values are written as they are.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Codes { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();

    public TrailerRecord? Trailer { get; init; }
}

/// <summary>One outbound file: its name and its columns, in order.</summary>
public sealed record OutboundFile
{
    /// <summary>
    /// The file name; <c>{timestamp}</c> becomes the export's time (yyyyMMddHHmmss in the profile's time zone) and
    /// <c>{buyer}</c> the buyer code. Must end in <c>.csv</c>.
    /// </summary>
    public required string FileName { get; init; }

    /// <summary>The columns in file order.</summary>
    public IReadOnlyList<ColumnMapping> Columns { get; init; } = [];
}
