using System.Text;
using CsvHelper;
using WebEdi.Contracts;
using WebEdi.Documents.Csv;
using WebEdi.Integration.Exchange.Profiles;

namespace WebEdi.Integration.Exchange.Inbound;

/// <summary>
/// Reads the order files a buyer's ERP drops at night, as its <see cref="ExchangeProfile"/> describes them: first
/// <see cref="Check"/> (every problem of the file, the whole file judged before anything is imported), then
/// <see cref="ReadOrders"/> over a file that passed. Both stream the file (64 KiB blocks); only the rows of the order
/// being read and the set of order numbers seen are held. The file must be seekable (a file on disk).
/// </summary>
/// <param name="profile">A profile <see cref="ExchangeProfileRules.Validate"/> accepts.</param>
/// <param name="zone">
/// The zone the file's dates are local to (the profile's or the buyer's). The file holds calendar dates, read as they
/// are; the zone is kept for the runner's reports.
/// </param>
public sealed class OrderFileReader(ExchangeProfile profile, TimeZoneInfo? zone = null)
{
    /// <summary>The most errors a check lists; one more entry says that there were more.</summary>
    public const int MaxErrors = 1000;

    /// <summary>The largest record (bytes) a file may have; a longer one is an unclosed quote.</summary>
    internal const int MaxRecordBytes = 1024 * 1024;

    private readonly OrderFileMessages messages = new(profile.Language == "en");

    public ExchangeProfile Profile => profile;

    public TimeZoneInfo Zone { get; } = zone ?? TimeZoneInfo.Utc;

    /// <summary>
    /// Every problem of the file (pass 1): its encoding, its CSV shape, the header, each value, the rows of each order
    /// together and agreeing, the trailer, and the domain's own rules for each order (<see cref="Domain.Orders.PurchaseOrder.Check"/>).
    /// Never throws for what the file holds.
    /// </summary>
    public OrderFileCheck Check(Stream file, CancellationToken ct = default)
    {
        RequireSeekable(file);
        var errors = new FileErrors(MaxErrors, messages);
        if (CheckEncoding(file, errors) is { } start)
        {
            var scan = new OrderFileScan(profile, messages, errors, checking: true);
            using (var reader = Open(file, start))
            {
                foreach (var order in scan.Orders(reader, ct))
                {
                    scan.CheckDomain(order);
                }
            }

            return new OrderFileCheck(errors.Sorted(), scan.DataRows, scan.OrderCount, scan.IgnoredColumns, scan.SupplierCodes);
        }

        return new OrderFileCheck(errors.Sorted(), 0, 0, [], new Dictionary<string, FileError>());
    }

    /// <summary>
    /// The orders of a file that passed <see cref="Check"/> (pass 2), one at a time, in file order; their
    /// <see cref="SubmitPurchaseOrder.BuyerCode"/> is null (the runner's buyer is the folder's owner).
    /// </summary>
    /// <exception cref="ExchangeFileException">The file has problems after all (it changed since the check).</exception>
    public IEnumerable<SubmitPurchaseOrder> ReadOrders(Stream file, CancellationToken ct = default)
    {
        RequireSeekable(file);
        var errors = new FileErrors(MaxErrors, messages);
        var scan = new OrderFileScan(profile, messages, errors, checking: false);
        using var reader = Open(file, CsvEncodings.StartsWithBom(file) ? 3 : 0);
        foreach (var order in scan.Orders(reader, ct))
        {
            ThrowIfErrors(errors);
            yield return OrderFileScan.ToMessage(order);
        }

        ThrowIfErrors(errors);
    }

    /// <summary>
    /// The error report written beside a rejected file: CSV in UTF-8 with a BOM (so Excel opens it, whatever the
    /// profile's encoding), header <c>行,列,値,内容</c> (<c>line,column,value,message</c> in English), one row per error;
    /// the line is empty for a problem of the whole file. Values that look like spreadsheet formulas are escaped.
    /// </summary>
    public void WriteErrorReport(IReadOnlyList<FileError> errors, Stream output)
    {
        output.Write(CsvEncodings.Bom);
        using var text = new StreamWriter(output, new UTF8Encoding(false), 64 * 1024, leaveOpen: true);
        using var csv = CsvWriter.Create(text, CsvWriterOptions.Default with { NewLine = "\r\n", Injection = CsvInjection.Escape }, leaveOpen: true);
        for (var i = 0; i < 4; i++)
        {
            csv.WriteField(messages.ReportHeader(i));
        }

        csv.EndRecord();
        foreach (var error in errors)
        {
            csv.WriteField(error.Line > 0 ? error.Line.ToString(System.Globalization.CultureInfo.InvariantCulture) : "");
            csv.WriteField(error.Column ?? "");
            csv.WriteField(error.Value ?? "");
            csv.WriteField(error.Message);
            csv.EndRecord();
        }

        csv.Flush();
    }

    private static void RequireSeekable(Stream file)
    {
        if (!file.CanSeek)
        {
            throw new ArgumentException("The order file must be seekable (a file on disk or a MemoryStream).", nameof(file));
        }
    }

    private static void ThrowIfErrors(FileErrors errors)
    {
        if (errors.Count > 0)
        {
            var first = errors.Sorted()[0];
            throw new ExchangeFileException($"the order file has problems (line {first.Line}: {first.Message}); check it before reading its orders.");
        }
    }

    private Encoding Strict => CsvEncodings.Strict(profile.Format.Encoding == FileEncoding.ShiftJis ? CsvEncoding.ShiftJis : CsvEncoding.Utf8);

    private StreamReader Open(Stream file, long start)
    {
        file.Position = start;
        return new StreamReader(file, Strict, detectEncodingFromByteOrderMarks: false, 64 * 1024, leaveOpen: true);
    }

    /// <summary>Where the text starts (after a BOM), or null (and why) when the file is not text in the profile's encoding.</summary>
    private long? CheckEncoding(Stream file, FileErrors errors)
    {
        var bom = CsvEncodings.StartsWithBom(file);
        if (file.Length == 0 || (bom && file.Length == 3))
        {
            errors.Add(0, null, null, "empty_file", messages.EmptyFile);
            return null;
        }

        var utf8 = CsvEncodings.Strict(CsvEncoding.Utf8);
        var cp932 = CsvEncodings.Strict(CsvEncoding.ShiftJis);
        if (profile.Format.Encoding == FileEncoding.ShiftJis)
        {
            // Japanese text in UTF-8 is a valid run of multi-byte sequences that Shift_JIS text practically never is;
            // read as Shift_JIS it would turn into plausible-looking nonsense (文字化け).
            if (bom || (CsvEncodings.HasNonAscii(file) && CsvEncodings.FindInvalidBytes(file, utf8) is null))
            {
                errors.Add(0, null, null, "wrong_encoding", messages.LooksLikeUtf8);
                return null;
            }

            if (CsvEncodings.FindInvalidBytes(file, cp932) is { } bad)
            {
                errors.Add(bad.Line, null, bad.Bytes, "invalid_encoding", messages.InvalidBytes("Shift_JIS", bad.Bytes, bad.Offset));
                return null;
            }

            return 0;
        }

        if (CsvEncodings.FindInvalidBytes(file, utf8) is { } invalid)
        {
            if (CsvEncodings.FindInvalidBytes(file, cp932) is null)
            {
                errors.Add(0, null, null, "wrong_encoding", messages.LooksLikeShiftJis);
            }
            else
            {
                errors.Add(invalid.Line, null, invalid.Bytes, "invalid_encoding", messages.InvalidBytes("UTF-8", invalid.Bytes, invalid.Offset));
            }

            return null;
        }

        return bom ? 3 : 0;
    }
}

/// <summary>The errors of one pass, at most a maximum, then one entry saying there were more.</summary>
internal sealed class FileErrors(int max, OrderFileMessages messages)
{
    private readonly List<FileError> errors = [];
    private bool overflowed;

    public int Count => errors.Count + (overflowed ? 1 : 0);

    public void Add(int line, string? column, string? value, string code, string message)
    {
        if (errors.Count < max)
        {
            errors.Add(new FileError(line, column, value, code, message));
        }
        else
        {
            overflowed = true;
        }
    }

    /// <summary>In line order (a stable sort: the problems of a line stay in the order found), the overflow entry last.</summary>
    public IReadOnlyList<FileError> Sorted()
    {
        var sorted = errors.OrderBy(e => e.Line).ToList();
        if (overflowed)
        {
            sorted.Add(new FileError(0, null, null, "too_many_errors", messages.MoreErrors(max)));
        }

        return sorted;
    }
}
