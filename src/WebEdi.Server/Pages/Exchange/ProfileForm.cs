using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using WebEdi.Integration.Exchange.Profiles;

namespace WebEdi.Server.Pages.Exchange;

/// <summary>
/// The profile editor's form: every setting of an <see cref="ExchangeProfile"/> as plain inputs, so a buyer admin
/// never writes JSON. Tables of columns come with blank rows to add more; a blank row is ignored. Code maps are one
/// textarea per direction, a line <c>field: FROM=TO</c> each. The one place that maps form ⇄ profile, both ways.
/// </summary>
public sealed partial class ProfileForm
{
    /// <summary>Blank rows offered under each column table.</summary>
    public const int BlankRows = 5;

    public string Name { get; set; } = "";

    /// <summary>Empty: runs only when someone presses "run now".</summary>
    public string? Schedule { get; set; }

    /// <summary>Empty: the buyer company's own zone.</summary>
    public string? TimeZone { get; set; }

    public string Language { get; set; } = "ja";

    public FileEncoding Encoding { get; set; } = FileEncoding.Utf8WithBom;

    /// <summary>A key of <see cref="Delimiters"/>, or another single character an imported profile used.</summary>
    public string Delimiter { get; set; } = "comma";

    public QuoteMode Quoting { get; set; }

    public bool HasHeader { get; set; } = true;

    public string DateFormat { get; set; } = "yyyy-MM-dd";

    public string DecimalSeparator { get; set; } = ".";

    public LineEnding LineEnding { get; set; }

    public FileCompletion Completion { get; set; }

    public string InboundFolder { get; set; } = "";

    public string OutboundFolder { get; set; } = "";

    public string ArchiveFolder { get; set; } = "";

    public string ErrorFolder { get; set; } = "";

    public List<ColumnRow> InboundColumns { get; set; } = [];

    public List<DefaultRow> Defaults { get; set; } = [];

    public string? InboundCodes { get; set; }

    public string? InboundTrailerMarker { get; set; }

    public int? InboundTrailerCount { get; set; }

    public string AnswersFileName { get; set; } = "";

    public List<ColumnRow> AnswerColumns { get; set; } = [];

    public string ShipmentsFileName { get; set; } = "";

    public List<ColumnRow> ShipmentColumns { get; set; } = [];

    public EmptyExport WhenEmpty { get; set; }

    public string? OutboundCodes { get; set; }

    public string? OutboundTrailerMarker { get; set; }

    public int? OutboundTrailerCount { get; set; }

    /// <summary>The delimiters the select offers: key, character.</summary>
    public static IReadOnlyList<(string Key, char Character)> Delimiters { get; } = [("comma", ','), ("tab", '\t'), ("semicolon", ';'), ("pipe", '|')];

    public static ProfileForm From(ExchangeProfile profile) => new ProfileForm
    {
        Name = profile.Name,
        Schedule = profile.Schedule,
        TimeZone = profile.TimeZone,
        Language = profile.Language,
        Encoding = profile.Format.Encoding,
        Delimiter = Delimiters.FirstOrDefault(d => d.Character == profile.Format.Delimiter).Key ?? profile.Format.Delimiter.ToString(),
        Quoting = profile.Format.Quoting,
        HasHeader = profile.Format.HasHeader,
        DateFormat = profile.Format.DateFormat,
        DecimalSeparator = profile.Format.DecimalSeparator.ToString(),
        LineEnding = profile.Format.LineEnding,
        Completion = profile.Inbound.Completion,
        InboundFolder = profile.Folders.Inbound,
        OutboundFolder = profile.Folders.Outbound,
        ArchiveFolder = profile.Folders.Archive,
        ErrorFolder = profile.Folders.Error,
        InboundColumns = [.. profile.Inbound.Columns.Select(ColumnRow.From)],
        Defaults = [.. profile.Inbound.Defaults.Select(d => new DefaultRow { Field = d.Field, Value = d.Value })],
        InboundCodes = WriteCodes(profile.Inbound.Codes),
        InboundTrailerMarker = profile.Inbound.Trailer?.Marker,
        InboundTrailerCount = profile.Inbound.Trailer?.CountColumn,
        AnswersFileName = profile.Outbound.Answers.FileName,
        AnswerColumns = [.. profile.Outbound.Answers.Columns.Select(ColumnRow.From)],
        ShipmentsFileName = profile.Outbound.Shipments.FileName,
        ShipmentColumns = [.. profile.Outbound.Shipments.Columns.Select(ColumnRow.From)],
        WhenEmpty = profile.Outbound.WhenEmpty,
        OutboundCodes = WriteCodes(profile.Outbound.Codes),
        OutboundTrailerMarker = profile.Outbound.Trailer?.Marker,
        OutboundTrailerCount = profile.Outbound.Trailer?.CountColumn,
    }.WithBlankRows();

    /// <summary>Adds the blank rows the page offers under each table (after trimming any already there).</summary>
    public ProfileForm WithBlankRows()
    {
        InboundColumns = Pad(InboundColumns, BlankRows, r => r.IsBlank);
        AnswerColumns = Pad(AnswerColumns, BlankRows, r => r.IsBlank);
        ShipmentColumns = Pad(ShipmentColumns, BlankRows, r => r.IsBlank);
        Defaults = Pad(Defaults, 3, r => r.IsBlank);
        return this;
    }

    /// <summary>
    /// The profile the form describes, and the problems the form itself has (a code map line that does not read, a
    /// delimiter that is not one character). Paths of the profile's lists index the non-blank rows: <see cref="FormKey"/>
    /// maps them back onto the inputs.
    /// </summary>
    public (ExchangeProfile Profile, List<string> Problems) ToProfile()
    {
        var problems = new List<string>();
        var inboundCodes = ReadCodes(InboundCodes, "inbound.codes", problems);
        var outboundCodes = ReadCodes(OutboundCodes, "outbound.codes", problems);
        var delimiter = Delimiters.FirstOrDefault(d => d.Key == Delimiter).Key is not null
            ? Delimiters.First(d => d.Key == Delimiter).Character
            : Delimiter is { Length: 1 } other ? other[0] : Fail(problems, "format.delimiter", $"'{Delimiter}' is not one character.", ',');
        var decimalSeparator = DecimalSeparator is { Length: 1 } d0 ? d0[0] : Fail(problems, "format.decimalSeparator", "choose '.' or ','.", '.');
        var profile = new ExchangeProfile
        {
            Name = Text(Name) ?? "",
            Schedule = Text(Schedule),
            TimeZone = Text(TimeZone),
            Language = Language,
            Folders = new ExchangeFolders { Inbound = Text(InboundFolder) ?? "", Outbound = Text(OutboundFolder) ?? "", Archive = Text(ArchiveFolder) ?? "", Error = Text(ErrorFolder) ?? "" },
            Format = new CsvDialect
            {
                Encoding = Encoding,
                Delimiter = delimiter,
                Quoting = Quoting,
                HasHeader = HasHeader,
                DateFormat = Text(DateFormat) ?? "",
                DecimalSeparator = decimalSeparator,
                LineEnding = LineEnding,
            },
            Inbound = new InboundSettings
            {
                Completion = Completion,
                Columns = [.. InboundColumns.Where(r => !r.IsBlank).Select(r => r.ToMapping())],
                Defaults = [.. Defaults.Where(r => !r.IsBlank).Select(r => new FixedValue { Field = Text(r.Field) ?? "", Value = r.Value?.Trim() ?? "" })],
                Codes = inboundCodes,
                Trailer = Trailer(InboundTrailerMarker, InboundTrailerCount),
            },
            Outbound = new OutboundSettings
            {
                Answers = new OutboundFile { FileName = Text(AnswersFileName) ?? "", Columns = [.. AnswerColumns.Where(r => !r.IsBlank).Select(r => r.ToMapping())] },
                Shipments = new OutboundFile { FileName = Text(ShipmentsFileName) ?? "", Columns = [.. ShipmentColumns.Where(r => !r.IsBlank).Select(r => r.ToMapping())] },
                WhenEmpty = WhenEmpty,
                Codes = outboundCodes,
                Trailer = Trailer(OutboundTrailerMarker, OutboundTrailerCount),
            },
        };
        return (profile, problems);
    }

    /// <summary>
    /// The form input a problem's JSON path names (<c>inbound.columns[3].field</c> → <c>Form.InboundColumns[4].Field</c>
    /// when row 1 is blank), or null when it names the whole profile or a table as a whole.
    /// </summary>
    public string? FormKey(string problem)
    {
        var path = problem.Split(':', 2)[0].Trim();
        if (Simple.TryGetValue(path, out var key))
        {
            return "Form." + key;
        }

        if (path.StartsWith("inbound.codes", StringComparison.Ordinal))
        {
            return "Form." + nameof(InboundCodes);
        }

        if (path.StartsWith("outbound.codes", StringComparison.Ordinal))
        {
            return "Form." + nameof(OutboundCodes);
        }

        if (ListPath().Match(path) is not { Success: true } match)
        {
            return null;
        }

        var index = int.Parse(match.Groups["index"].Value, CultureInfo.InvariantCulture);
        var (list, row) = match.Groups["list"].Value switch
        {
            "inbound.columns" => (nameof(InboundColumns), RowOf(InboundColumns, r => r.IsBlank, index)),
            "inbound.defaults" => (nameof(Defaults), RowOf(Defaults, r => r.IsBlank, index)),
            "outbound.answers.columns" => (nameof(AnswerColumns), RowOf(AnswerColumns, r => r.IsBlank, index)),
            "outbound.shipments.columns" => (nameof(ShipmentColumns), RowOf(ShipmentColumns, r => r.IsBlank, index)),
            _ => ((string?)null, (int?)null),
        };
        if (list is null || row is null)
        {
            return null;
        }

        var member = match.Groups["member"].Value switch
        {
            "column" => nameof(ColumnRow.Column),
            "field" => nameof(ColumnRow.Field),
            "value" => nameof(ColumnRow.Value),
            "dateFormat" => nameof(ColumnRow.DateFormat),
            _ => list == nameof(Defaults) ? nameof(DefaultRow.Field) : nameof(ColumnRow.Column),
        };
        return $"Form.{list}[{row}].{member}";
    }

    /// <summary>The position in <paramref name="rows"/> of the <paramref name="index"/>th non-blank row.</summary>
    private static int? RowOf<T>(List<T> rows, Func<T, bool> isBlank, int index)
    {
        var seen = -1;
        for (var i = 0; i < rows.Count; i++)
        {
            if (!isBlank(rows[i]) && ++seen == index)
            {
                return i;
            }
        }

        return null;
    }

    private static readonly Dictionary<string, string> Simple = new(StringComparer.Ordinal)
    {
        ["name"] = nameof(Name),
        ["schedule"] = nameof(Schedule),
        ["timeZone"] = nameof(TimeZone),
        ["language"] = nameof(Language),
        ["folders.inbound"] = nameof(InboundFolder),
        ["folders.outbound"] = nameof(OutboundFolder),
        ["folders.archive"] = nameof(ArchiveFolder),
        ["folders.error"] = nameof(ErrorFolder),
        ["format.delimiter"] = nameof(Delimiter),
        ["format.dateFormat"] = nameof(DateFormat),
        ["format.decimalSeparator"] = nameof(DecimalSeparator),
        ["inbound.trailer.marker"] = nameof(InboundTrailerMarker),
        ["inbound.trailer.countColumn"] = nameof(InboundTrailerCount),
        ["outbound.trailer.marker"] = nameof(OutboundTrailerMarker),
        ["outbound.trailer.countColumn"] = nameof(OutboundTrailerCount),
        ["outbound.answers.fileName"] = nameof(AnswersFileName),
        ["outbound.shipments.fileName"] = nameof(ShipmentsFileName),
    };

    [GeneratedRegex(@"^(?<list>[a-z.]+)\[(?<index>\d+)\](\.(?<member>\w+))?$")]
    private static partial Regex ListPath();

    /// <summary>One line per code, grouped by field: <c>unit: PCS=個</c>.</summary>
    private static string WriteCodes(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> codes)
    {
        var text = new StringBuilder();
        foreach (var (field, map) in codes)
        {
            foreach (var (from, to) in map)
            {
                text.Append(field).Append(": ").Append(from).Append('=').Append(to).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>Reads <c>field: FROM=TO</c> lines; empty lines and lines starting with <c>#</c> are skipped.</summary>
    private static Dictionary<string, IReadOnlyDictionary<string, string>> ReadCodes(string? text, string path, List<string> problems)
    {
        var maps = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        var lines = (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var equals = colon < 0 ? -1 : line.IndexOf('=', colon);
            if (colon <= 0 || equals < 0)
            {
                problems.Add($"{path}: line {i + 1} '{line}' is not 'field: FROM=TO', e.g. 'unit: PCS=個'.");
                continue;
            }

            var field = line[..colon].Trim();
            var from = line[(colon + 1)..equals].Trim();
            var to = line[(equals + 1)..].Trim();
            if (from.Length == 0)
            {
                problems.Add($"{path}: line {i + 1} '{line}' has no code before '='.");
                continue;
            }

            var map = maps.TryGetValue(field, out var existing) ? existing : maps[field] = new Dictionary<string, string>(StringComparer.Ordinal);
            if (!map.TryAdd(from, to))
            {
                problems.Add($"{path}: line {i + 1}: '{field}' translates '{from}' already.");
            }
        }

        return maps.ToDictionary(m => m.Key, m => (IReadOnlyDictionary<string, string>)m.Value, StringComparer.Ordinal);
    }

    private static TrailerRecord? Trailer(string? marker, int? count) =>
        Text(marker) is null && count is null ? null : new TrailerRecord { Marker = Text(marker) ?? "", CountColumn = count ?? 2 };

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static char Fail(List<string> problems, string path, string message, char fallback)
    {
        problems.Add($"{path}: {message}");
        return fallback;
    }

    /// <summary>Appends blank rows until each table ends with enough of them; rows keep their places, as the posted inputs are named by index.</summary>
    public ProfileForm EnsureBlankRows()
    {
        Append(InboundColumns, BlankRows, r => r.IsBlank);
        Append(AnswerColumns, BlankRows, r => r.IsBlank);
        Append(ShipmentColumns, BlankRows, r => r.IsBlank);
        Append(Defaults, 3, r => r.IsBlank);
        return this;
    }

    private static void Append<T>(List<T> rows, int blanks, Func<T, bool> isBlank)
        where T : new()
    {
        var trailing = rows.AsEnumerable().Reverse().TakeWhile(isBlank).Count();
        rows.AddRange(Enumerable.Range(0, Math.Max(0, blanks - trailing)).Select(_ => new T()));
    }

    private static List<T> Pad<T>(List<T> rows, int blanks, Func<T, bool> isBlank)
        where T : new()
    {
        var kept = rows.Where(r => !isBlank(r)).ToList();
        kept.AddRange(Enumerable.Range(0, blanks).Select(_ => new T()));
        return kept;
    }
}

/// <summary>One column of a file: the ERP's column (header text or position) and a field — or, outbound, a constant.</summary>
public sealed class ColumnRow
{
    public string? Column { get; set; }

    public string? Field { get; set; }

    public string? Value { get; set; }

    public string? DateFormat { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Column) && string.IsNullOrWhiteSpace(Field) && string.IsNullOrWhiteSpace(Value) && string.IsNullOrWhiteSpace(DateFormat);

    public static ColumnRow From(ColumnMapping mapping) => new() { Column = mapping.Column, Field = mapping.Field, Value = mapping.Value, DateFormat = mapping.DateFormat };

    // The value is kept as typed (a constant may be a space-padded code); the other texts are trimmed.
    public ColumnMapping ToMapping() => new()
    {
        Column = Column?.Trim() ?? "",
        Field = string.IsNullOrWhiteSpace(Field) ? null : Field.Trim(),
        Value = string.IsNullOrEmpty(Value) ? null : Value,
        DateFormat = string.IsNullOrWhiteSpace(DateFormat) ? null : DateFormat.Trim(),
    };
}

/// <summary>A value for an order field no column holds.</summary>
public sealed class DefaultRow
{
    public string? Field { get; set; }

    public string? Value { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Field) && string.IsNullOrWhiteSpace(Value);
}
