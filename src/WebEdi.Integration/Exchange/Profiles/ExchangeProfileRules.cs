using System.Globalization;
using Cronos;

namespace WebEdi.Integration.Exchange.Profiles;

/// <summary>
/// Checks a profile as a whole before it is stored or used: every problem, in English, each starting with the JSON
/// path of the setting (<c>inbound.columns[3].field: …</c>), so an admin editing the JSON finds it.
/// </summary>
public static class ExchangeProfileRules
{
    private static readonly char[] InvalidFolderChars = [.. Path.GetInvalidPathChars(), ':', '*', '?', '"', '<', '>', '|'];

    /// <summary>Every problem of <paramref name="profile"/>; empty when it can be used.</summary>
    public static IReadOnlyList<string> Validate(ExchangeProfile profile)
    {
        var problems = new List<string>();
        void Problem(string path, string message) => problems.Add($"{path}: {message}");

        if (string.IsNullOrWhiteSpace(profile.Name) || profile.Name.Length > 100)
        {
            Problem("name", "must be 1 to 100 characters.");
        }

        ValidateFolders(profile.Folders, Problem);

        if (profile.Schedule is { } schedule && !CronExpression.TryParse(schedule, CronFormat.Standard, out _))
        {
            Problem("schedule", $"'{schedule}' is not a five-field cron expression (minute hour day-of-month month day-of-week), e.g. '0 2 * * *'.");
        }

        if (profile.TimeZone is { } zone && !IsIanaZone(zone))
        {
            Problem("timeZone", $"'{zone}' is not a known IANA time zone, e.g. 'Asia/Tokyo'.");
        }

        if (profile.Language is not ("ja" or "en"))
        {
            Problem("language", $"'{profile.Language}' is not a language of the error reports; use 'ja' or 'en'.");
        }

        ValidateFormat(profile.Format, Problem);
        ValidateInbound(profile.Inbound, profile.Format, Problem);
        ValidateOutbound(profile.Outbound, Problem);
        return problems;
    }

    /// <summary>Whether <paramref name="format"/> writes a date that it reads back as the same date.</summary>
    public static bool IsDateFormat(string? format)
    {
        if (string.IsNullOrWhiteSpace(format))
        {
            return false;
        }

        var sample = new DateOnly(2026, 12, 31);
        try
        {
            var text = sample.ToString(format, CultureInfo.InvariantCulture);
            return DateOnly.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var back) && back == sample
                && DateOnly.TryParseExact(new DateOnly(2027, 1, 2).ToString(format, CultureInfo.InvariantCulture), format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var other)
                && other == new DateOnly(2027, 1, 2);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static bool IsIanaZone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out _) && (id == "UTC" || TimeZoneInfo.TryConvertIanaIdToWindowsId(id, out _));

    private static void ValidateFolders(ExchangeFolders folders, Action<string, string> problem)
    {
        var names = new[] { ("folders.inbound", folders.Inbound), ("folders.outbound", folders.Outbound), ("folders.archive", folders.Archive), ("folders.error", folders.Error) };
        foreach (var (path, name) in names)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                problem(path, "must name a folder.");
            }
            else if (Path.IsPathRooted(name) || name.StartsWith('/') || name.StartsWith('\\') || name.Contains(':', StringComparison.Ordinal))
            {
                problem(path, $"'{name}' must be relative to the buyer's exchange folder, not an absolute path.");
            }
            else if (name.Split('/', '\\').Any(s => s is ".." or "." or ""))
            {
                problem(path, $"'{name}' may not contain '..', '.' or empty segments.");
            }
            else if (name.IndexOfAny(InvalidFolderChars) >= 0)
            {
                problem(path, $"'{name}' holds a character a folder name cannot have.");
            }
        }

        var normalized = names.Where(n => !string.IsNullOrWhiteSpace(n.Item2)).GroupBy(n => n.Item2.Replace('\\', '/').TrimEnd('/'), StringComparer.OrdinalIgnoreCase);
        foreach (var same in normalized.Where(g => g.Count() > 1))
        {
            problem(same.First().Item1, $"'{same.Key}' is also {string.Join(" and ", same.Skip(1).Select(s => s.Item1))}; the four folders must differ.");
        }
    }

    private static void ValidateFormat(CsvDialect format, Action<string, string> problem)
    {
        if (format.Delimiter is '\r' or '\n' || format.Delimiter == format.Quote || format.Delimiter > 127)
        {
            problem("format.delimiter", $"'{format.Delimiter}' cannot separate fields; use an ASCII character other than the quote and line breaks, e.g. ',' or '\\t'.");
        }

        if (format.Quote != '"')
        {
            problem("format.quote", $"'{format.Quote}' is not supported; files are quoted with '\"'.");
        }

        if (!IsDateFormat(format.DateFormat))
        {
            problem("format.dateFormat", $"'{format.DateFormat}' is not a date format that reads back the date it writes, e.g. 'yyyy-MM-dd' or 'yyyyMMdd'.");
        }

        if (format.DecimalSeparator is not ('.' or ','))
        {
            problem("format.decimalSeparator", $"'{format.DecimalSeparator}' is not a decimal separator; use '.' or ','.");
        }
        else if (format.DecimalSeparator == format.Delimiter)
        {
            problem("format.decimalSeparator", $"'{format.DecimalSeparator}' is also the delimiter; numbers could not be told from fields.");
        }
    }

    private static void ValidateInbound(InboundSettings inbound, CsvDialect format, Action<string, string> problem)
    {
        var fields = new Dictionary<string, int>(StringComparer.Ordinal);
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < inbound.Columns.Count; i++)
        {
            var column = inbound.Columns[i];
            var path = $"inbound.columns[{i}]";
            if (string.IsNullOrWhiteSpace(column.Column))
            {
                problem($"{path}.column", "must name the ERP's column.");
            }
            else if (!columns.TryAdd(column.Column.Trim(), i))
            {
                problem($"{path}.column", $"'{column.Column}' is mapped already by inbound.columns[{columns[column.Column.Trim()]}]; map each column once.");
            }
            else if (!format.HasHeader && !(int.TryParse(column.Column, NumberStyles.None, CultureInfo.InvariantCulture, out var position) && position >= 1))
            {
                problem($"{path}.column", $"'{column.Column}' is not a position; a file without a header names columns by position, 1 for the first.");
            }

            if (column.Value is not null)
            {
                problem($"{path}.value", "a constant is for outbound files; an order field no column holds takes a default (inbound.defaults).");
            }

            if (ExchangeFields.FindOrder(column.Field) is not { } field)
            {
                problem($"{path}.field", $"'{column.Field}' is not an order field; the fields are {ExchangeFields.Names(ExchangeFields.Order)}.");
                continue;
            }

            if (!fields.TryAdd(field.Name, i))
            {
                problem($"{path}.field", $"'{field.Name}' is mapped already by inbound.columns[{fields[field.Name]}]; map each field once.");
            }

            ValidateColumnDateFormat(column, field, path, problem);
        }

        var defaulted = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < inbound.Defaults.Count; i++)
        {
            var fixedValue = inbound.Defaults[i];
            var path = $"inbound.defaults[{i}]";
            if (ExchangeFields.FindOrder(fixedValue.Field) is not { } field)
            {
                problem($"{path}.field", $"'{fixedValue.Field}' is not an order field; the fields are {ExchangeFields.Names(ExchangeFields.Order)}.");
                continue;
            }

            if (fields.ContainsKey(field.Name))
            {
                problem($"{path}.field", $"'{field.Name}' is mapped to a column already; a default is for a field no column holds.");
            }

            if (!defaulted.Add(field.Name))
            {
                problem($"{path}.field", $"'{field.Name}' has a default already.");
            }

            if (!FieldValues.IsValid(field, fixedValue.Value, format.DateFormat, format.DecimalSeparator))
            {
                problem($"{path}.value", $"'{fixedValue.Value}' is not a valid {field.Name} ({Expected(field, format.DateFormat)}).");
            }
        }

        foreach (var required in ExchangeFields.Order.Where(f => f.Required && !fields.ContainsKey(f.Name) && !defaulted.Contains(f.Name)))
        {
            problem("inbound.columns", $"the required field '{required.Name}' is neither mapped to a column nor given a default.");
        }

        ValidateCodes(inbound.Codes, "inbound.codes", ExchangeFields.Order, "an order field", problem);
        ValidateTrailer(inbound.Trailer, "inbound.trailer", problem);
    }

    private static void ValidateOutbound(OutboundSettings outbound, Action<string, string> problem)
    {
        ValidateFile(outbound.Answers, "outbound.answers", ExchangeFields.Answer, "an answer field", problem);
        ValidateFile(outbound.Shipments, "outbound.shipments", ExchangeFields.Shipment, "a shipment field", problem);
        if (string.Equals(outbound.Answers.FileName, outbound.Shipments.FileName, StringComparison.OrdinalIgnoreCase))
        {
            problem("outbound.shipments.fileName", $"'{outbound.Shipments.FileName}' is also the answers file's name; the two files need different names.");
        }

        var known = ExchangeFields.Answer.Concat(ExchangeFields.Shipment).DistinctBy(f => f.Name).ToList();
        ValidateCodes(outbound.Codes, "outbound.codes", known, "an answer or shipment field", problem);
        ValidateTrailer(outbound.Trailer, "outbound.trailer", problem);
    }

    private static void ValidateFile(OutboundFile file, string path, IReadOnlyList<ExchangeField> catalogue, string what, Action<string, string> problem)
    {
        if (string.IsNullOrWhiteSpace(file.FileName) || !file.FileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            problem($"{path}.fileName", $"'{file.FileName}' must end with '.csv'.");
        }
        else if (file.FileName.IndexOfAny(['/', '\\', ':']) >= 0 || file.FileName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            problem($"{path}.fileName", $"'{file.FileName}' must be a file name alone, without a folder or characters a file name cannot have.");
        }

        if (file.Columns.Count == 0)
        {
            problem($"{path}.columns", "the file needs at least one column.");
        }

        var headers = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < file.Columns.Count; i++)
        {
            var column = file.Columns[i];
            var at = $"{path}.columns[{i}]";
            if (string.IsNullOrWhiteSpace(column.Column))
            {
                problem($"{at}.column", "must name the column (its header text, or its position when the file has no header).");
            }
            else if (!headers.TryAdd(column.Column.Trim(), i))
            {
                problem($"{at}.column", $"'{column.Column}' is the header of {path}.columns[{headers[column.Column.Trim()]}] too; each column needs its own.");
            }

            if ((column.Field is null) == (column.Value is null))
            {
                problem(at, "give either a field or a constant value, not both and not neither.");
                continue;
            }

            if (column.Field is not null)
            {
                if (ExchangeFields.Find(catalogue, column.Field) is not { } field)
                {
                    problem($"{at}.field", $"'{column.Field}' is not {what}; the fields are {ExchangeFields.Names(catalogue)}.");
                }
                else
                {
                    ValidateColumnDateFormat(column, field, at, problem);
                }
            }
        }
    }

    private static void ValidateColumnDateFormat(ColumnMapping column, ExchangeField field, string path, Action<string, string> problem)
    {
        if (column.DateFormat is null)
        {
            return;
        }

        if (field.Kind is not (ExchangeFieldKind.Date or ExchangeFieldKind.Instant))
        {
            problem($"{path}.dateFormat", $"'{field.Name}' is not a date; only date columns take a date format.");
        }
        else if (field.Kind == ExchangeFieldKind.Date ? !IsDateFormat(column.DateFormat) : !IsInstantFormat(column.DateFormat))
        {
            problem($"{path}.dateFormat", $"'{column.DateFormat}' is not a date format that reads back the date it writes.");
        }
    }

    private static bool IsInstantFormat(string format)
    {
        try
        {
            _ = DateTimeOffset.UnixEpoch.ToString(format, CultureInfo.InvariantCulture);
            return IsDateFormat(format) || format.Contains("yy", StringComparison.Ordinal);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static void ValidateCodes(
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> codes, string path, IReadOnlyList<ExchangeField> catalogue, string what, Action<string, string> problem)
    {
        foreach (var (field, map) in codes)
        {
            if (ExchangeFields.Find(catalogue, field) is null)
            {
                problem($"{path}.{field}", $"'{field}' is not {what}; the fields are {ExchangeFields.Names(catalogue)}.");
            }
            else if (map is null)
            {
                problem($"{path}.{field}", "must list codes, e.g. {\"PC\": \"個\"}.");
            }
        }
    }

    private static void ValidateTrailer(TrailerRecord? trailer, string path, Action<string, string> problem)
    {
        if (trailer is null)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(trailer.Marker))
        {
            problem($"{path}.marker", "must be the text the trailer's first field holds, e.g. 'E'.");
        }

        if (trailer.CountColumn < 2)
        {
            problem($"{path}.countColumn", $"{trailer.CountColumn} is not a position after the marker's; use 2 or more.");
        }
    }

    private static string Expected(ExchangeField field, string dateFormat) => field.Kind switch
    {
        ExchangeFieldKind.Integer => "a whole number",
        ExchangeFieldKind.Number => "a number",
        ExchangeFieldKind.Date => $"a date {dateFormat}",
        _ => "text of at least one character",
    };
}
