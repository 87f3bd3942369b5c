using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using WebEdi.Data;
using WebEdi.Documents.Csv;
using WebEdi.Domain;
using WebEdi.Domain.Orders;
using WebEdi.Ordering.Answers;
using WebEdi.Server.Portal;

namespace WebEdi.Server.Pages.Orders.Csv;

/// <summary>A problem of one cell: the row as Excel numbers it (the header is row 1) and the column's name.</summary>
public sealed record CellProblem(int Row, string Column, string Message);

/// <summary>One data row of an uploaded answer file, as read and as judged.</summary>
public sealed class UploadRow
{
    public required int Row { get; init; }

    public string BuyerCode { get; set; } = "";

    public string OrderNumber { get; set; } = "";

    public int? Revision { get; set; }

    public int? LineNumber { get; set; }

    public string? ItemName { get; set; }

    public ResponseKind? Kind { get; set; }

    public OrderAnswer? Answer { get; set; }

    public string PromisedDate { get; set; } = "";

    public string PromisedPrice { get; set; } = "";

    public string Deliveries { get; set; } = "";

    public RejectionReason? Reason { get; set; }

    public string Comment { get; set; } = "";

    public Guid? OrderId { get; set; }

    /// <summary>The same answer the line already has: left alone, so a downloaded list can be uploaded again.</summary>
    public bool Unchanged { get; set; }

    public List<CellProblem> Problems { get; } = [];
}

/// <summary>What an upload holds and what is wrong with it; nothing is stored unless <see cref="Applied"/>.</summary>
public sealed class UploadCheck
{
    public List<string> FileProblems { get; } = [];

    /// <summary>The first rows with an answer or a problem, for the preview table.</summary>
    public List<UploadRow> Shown { get; } = [];

    /// <summary>The first problems in row order.</summary>
    public List<CellProblem> Listed { get; } = [];

    public int ProblemCount { get; set; }

    public int RowsWithProblems { get; set; }

    public int DataRows { get; set; }

    public int BlankRows { get; set; }

    public int UnchangedRows { get; set; }

    public int Accepts { get; set; }

    public int Changes { get; set; }

    public int Rejects { get; set; }

    public int Orders { get; set; }

    public bool Applied { get; set; }

    public int Answers => Accepts + Changes + Rejects;

    public bool CanConfirm => FileProblems.Count == 0 && ProblemCount == 0 && Answers > 0;
}

/// <summary>
/// Reads an answer CSV (docs/portal-csv.md) and checks every row: the file's encoding, the header, each cell, that the
/// order is the supplier's and still at the row's revision, and then the domain's own rules through
/// <see cref="OrderAnswering.ApplyAsync"/> — without storing anything for the preview, in one transaction on confirmation.
/// </summary>
public sealed partial class AnswerUpload(WebEdiDbContext db, OrderAnswering answering, IStringLocalizer<UploadModel> text)
{
    /// <summary>The most data rows a file may have.</summary>
    public const int MaxRows = 100_000;

    /// <summary>The most rows with an answer one upload applies (one transaction); larger files are split.</summary>
    public const int MaxAnswers = 10_000;

    /// <summary>The most rows the preview table shows.</summary>
    public const int MaxShownRows = 500;

    /// <summary>The most problems the preview lists (all are counted).</summary>
    public const int MaxListedProblems = 200;

    /// <summary>The largest file accepted (bytes).</summary>
    public const long MaxFileBytes = 32L * 1024 * 1024;

    private static readonly Dictionary<string, ResponseKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["受諾"] = ResponseKind.Accepted,
        ["条件付き受諾"] = ResponseKind.AcceptedWithChanges,
        ["辞退"] = ResponseKind.Rejected,
        ["Accept"] = ResponseKind.Accepted,
        ["Accepted"] = ResponseKind.Accepted,
        ["Change"] = ResponseKind.AcceptedWithChanges,
        ["AcceptWithChanges"] = ResponseKind.AcceptedWithChanges,
        ["AcceptedWithChanges"] = ResponseKind.AcceptedWithChanges,
        ["Reject"] = ResponseKind.Rejected,
        ["Rejected"] = ResponseKind.Rejected,
    };

    private static readonly Dictionary<string, RejectionReason> Reasons = Enum.GetValues<RejectionReason>()
        .SelectMany(r => new[] { (PortalLabels.Reason(r), r), (r.ToString(), r) })
        .ToDictionary(p => p.Item1, p => p.r, StringComparer.OrdinalIgnoreCase);

    private static readonly string[] DateFormats = ["yyyy/M/d", "yyyy-M-d", "yyyy.M.d"];

    public async Task<UploadCheck> CheckAsync(
        Stream file, CsvEncoding chosen, Guid supplierId, Answerer by, bool commit, CancellationToken cancellationToken)
    {
        var check = new UploadCheck();
        var rows = new List<UploadRow>();
        if (Decode(file, chosen, check) is not { } encoding || !await ReadAsync(file, encoding, rows, check))
        {
            return check;
        }

        await ResolveOrdersAsync(supplierId, rows, cancellationToken);
        var answers = rows.Where(r => r.Answer is not null && r.Problems.Count == 0 && r.OrderId is not null).ToList();
        if (answers.Count > MaxAnswers)
        {
            check.FileProblems.Add(text["回答が入力された行が {0:#,0} 行あります。1 回にアップロードできるのは {1:#,0} 行までです。ファイルを分けてください。", answers.Count, MaxAnswers]);
        }
        else
        {
            await CompareWithLinesAsync(answers, cancellationToken);
            answers.RemoveAll(r => r.Unchanged || r.Problems.Count > 0);
            if (answers.Count > 0)
            {
                // The domain's rules are checked even when other rows are wrong, so the clerk sees every problem at once;
                // but nothing is stored unless every row is right.
                await ApplyAsync(supplierId, answers, by, commit && rows.All(r => r.Problems.Count == 0), check, cancellationToken);
            }
        }

        Summarise(rows, check);
        return check;
    }

    /// <summary>The encoding to read the file with, or null (and why) when it is not text in the chosen one.</summary>
    private Encoding? Decode(Stream file, CsvEncoding chosen, UploadCheck check)
    {
        if (file.Length == 0 || (file.Length == 3 && CsvEncodings.StartsWithBom(file)))
        {
            check.FileProblems.Add(text["ファイルが空です。"]);
            return null;
        }

        if (file.Length > MaxFileBytes)
        {
            check.FileProblems.Add(text["ファイルが大きすぎます（{0:#,0} MB まで）。", MaxFileBytes / 1024 / 1024]);
            return null;
        }

        // A UTF-8 BOM wins over the choice: Excel's "CSV UTF-8" writes one, and nothing else starts that way.
        var encoding = CsvEncodings.StartsWithBom(file) ? CsvEncoding.Utf8 : chosen;
        var utf8 = CsvEncodings.Strict(CsvEncoding.Utf8);
        if (encoding == CsvEncoding.ShiftJis && CsvEncodings.HasNonAscii(file) && CsvEncodings.FindInvalidBytes(file, utf8) is null)
        {
            // Japanese text in UTF-8 is a valid run of multi-byte sequences that Shift_JIS text practically never is;
            // read as Shift_JIS it would turn into plausible-looking nonsense (文字化け).
            check.FileProblems.Add(text["このファイルは UTF-8 で書かれています。文字コードに UTF-8 を選んで、もう一度アップロードしてください。"]);
            return null;
        }

        var strict = CsvEncodings.Strict(encoding);
        if (CsvEncodings.FindInvalidBytes(file, strict) is { } bad)
        {
            var hint = encoding == CsvEncoding.Utf8 && CsvEncodings.FindInvalidBytes(file, CsvEncodings.Strict(CsvEncoding.ShiftJis)) is null
                ? text["Shift_JIS のファイルではありませんか？ 文字コードに Shift_JIS を選んでください。"].Value
                : text["ファイルが壊れているか、別の文字コードで保存されています。"].Value;
            check.FileProblems.Add(text["{0} の文字として読めないバイト（{1}）が {2} 行目（先頭から {3:#,0} バイト目）にあります。{4}",
                encoding == CsvEncoding.Utf8 ? "UTF-8" : "Shift_JIS", bad.Bytes, bad.Line, bad.Offset + 1, hint]);
            return null;
        }

        file.Position = encoding == CsvEncoding.Utf8 && CsvEncodings.StartsWithBom(file) ? 3 : 0;
        return strict;
    }

    /// <summary>Reads the header and every row (streaming); false when the file cannot be read as the answer CSV at all.</summary>
    private async Task<bool> ReadAsync(Stream file, Encoding encoding, List<UploadRow> rows, UploadCheck check)
    {
        static string[] Fields(CsvReader csv) => Enumerable.Range(0, csv.FieldCount).Select(csv.GetString).ToArray();

        using var decoded = new StreamReader(file, encoding, detectEncodingFromByteOrderMarks: false, 64 * 1024, leaveOpen: true);
        var options = CsvReaderOptions.Default with
        {
            Separator = ',',
            HasHeader = false,
            SkipEmptyLines = false,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            MaxRecordSize = 1024 * 1024,
        };
        await using var csv = CsvReader.Create(decoded, options, leaveOpen: true);
        try
        {
            if (!await csv.ReadAsync() || Fields(csv) is not { } header || header.All(string.IsNullOrWhiteSpace))
            {
                check.FileProblems.Add(text["ファイルが空です。"]);
                return false;
            }

            if (Header(header, check) is not { } columns)
            {
                return false;
            }

            // Rows are numbered as Excel numbers them: the header is row 1, blank rows count.
            var row = 1;
            while (await csv.ReadAsync())
            {
                row++;
                var record = Fields(csv);
                if (record.All(string.IsNullOrWhiteSpace))
                {
                    check.BlankRows++;
                    continue;
                }

                if (check.DataRows == MaxRows)
                {
                    check.FileProblems.Add(text["行数が上限（{0:#,0} 行）を超えています。ファイルを分けてください。", MaxRows]);
                    break;
                }

                check.DataRows++;
                rows.Add(ReadRow(row, record, columns));
            }
        }
        catch (CsvFormatException e)
        {
            check.FileProblems.Add(text["{0} 行目から CSV として読めません（引用符「\"」の閉じ忘れ、または長すぎるセル）。", e.LineNumber]);
            return false;
        }

        if (check.DataRows == 0)
        {
            check.FileProblems.Add(text["見出し行の後にデータ行がありません。"]);
            return false;
        }

        return true;
    }

    private Dictionary<string, int>? Header(string[] header, UploadCheck check)
    {
        var names = header.Select((h, i) => (Name: h.Trim().TrimStart('\uFEFF'), Index: i)).Where(h => h.Name.Length > 0).ToList();
        var unknown = names.Where(n => !OrderLineCsv.Columns.Contains(n.Name, StringComparer.Ordinal)).Select(n => n.Name).ToList();
        var missing = OrderLineCsv.UploadColumns.Where(c => !names.Any(n => n.Name == c)).ToList();
        var twice = names.GroupBy(n => n.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (unknown.Count > 0 || missing.Count > 0 || twice.Count > 0)
        {
            var problem = new StringBuilder(text["1 行目の見出しが回答 CSV の形式と合いません。"]);
            if (missing.Count > 0)
            {
                problem.Append(' ').Append(text["足りない列: {0}。", string.Join("、", missing)]);
            }

            if (unknown.Count > 0)
            {
                problem.Append(' ').Append(text["知らない列: {0}。", string.Join("、", unknown)]);
            }

            if (twice.Count > 0)
            {
                problem.Append(' ').Append(text["2 回以上ある列: {0}。", string.Join("、", twice)]);
            }

            problem.Append(' ').Append(text["回答テンプレートをダウンロードして、その見出し行を使ってください。"]);
            check.FileProblems.Add(problem.ToString());
            return null;
        }

        return names.ToDictionary(n => n.Name, n => n.Index, StringComparer.Ordinal);
    }

    private UploadRow ReadRow(int number, string[] record, Dictionary<string, int> columns)
    {
        string Cell(string column) => columns.TryGetValue(column, out var i) && i < record.Length ? OrderLineCsv.Untext(record[i].Trim()) : "";
        string Code(string column) => Cell(column).Normalize(NormalizationForm.FormKC).Trim();

        var row = new UploadRow { Row = number, BuyerCode = Code(OrderLineCsv.BuyerCode), OrderNumber = Code(OrderLineCsv.OrderNumber), ItemName = Cell(OrderLineCsv.ItemName) };
        void Problem(string column, string message) => row.Problems.Add(new CellProblem(number, column, message));

        if (record.Length > columns.Count && record.Skip(columns.Count).Any(c => c.Trim().Length > 0))
        {
            Problem("", text["見出しより多くのセルがあります（列がずれていませんか）。"]);
        }

        if (row.BuyerCode.Length == 0)
        {
            Problem(OrderLineCsv.BuyerCode, text["発注元コードを入力してください。"]);
        }

        if (row.OrderNumber.Length == 0)
        {
            Problem(OrderLineCsv.OrderNumber, text["注文番号を入力してください。"]);
        }

        row.Revision = Integer(Code(OrderLineCsv.Revision), OrderLineCsv.Revision, Problem);
        row.LineNumber = Integer(Code(OrderLineCsv.LineNumber), OrderLineCsv.LineNumber, Problem);
        row.PromisedDate = Code(OrderLineCsv.PromisedDate);
        row.PromisedPrice = Code(OrderLineCsv.PromisedPrice);
        row.Deliveries = Code(OrderLineCsv.Deliveries);
        row.Comment = Cell(OrderLineCsv.Comment);
        var kindText = Code(OrderLineCsv.AnswerKind);
        var reasonText = Code(OrderLineCsv.Reason);

        if (kindText.Length == 0)
        {
            if (row.PromisedDate.Length > 0 || row.PromisedPrice.Length > 0 || row.Deliveries.Length > 0 || reasonText.Length > 0 || row.Comment.Length > 0)
            {
                Problem(OrderLineCsv.AnswerKind, text["回答区分を入力してください（受諾・条件付き受諾・辞退）。"]);
            }

            return row;
        }

        if (!Kinds.TryGetValue(kindText, out var kind))
        {
            Problem(OrderLineCsv.AnswerKind, text["「{0}」は回答区分ではありません。受諾・条件付き受諾・辞退のいずれかを入力してください。", kindText]);
            return row;
        }

        row.Kind = kind;
        var comment = row.Comment.Length > 0 ? row.Comment : null;
        if (kind != ResponseKind.AcceptedWithChanges)
        {
            foreach (var (column, value) in new[] { (OrderLineCsv.PromisedDate, row.PromisedDate), (OrderLineCsv.PromisedPrice, row.PromisedPrice), (OrderLineCsv.Deliveries, row.Deliveries) })
            {
                if (value.Length > 0)
                {
                    Problem(column, kind == ResponseKind.Accepted
                        ? text["「受諾」では{0}を入力できません。納期・単価・分納を変える場合は「条件付き受諾」にしてください。", column]
                        : text["「辞退」では{0}を入力できません。", column]);
                }
            }
        }

        if (kind != ResponseKind.Rejected && reasonText.Length > 0)
        {
            Problem(OrderLineCsv.Reason, text["辞退理由は「辞退」のときだけ入力します。"]);
        }

        switch (kind)
        {
            case ResponseKind.Accepted:
                row.Answer = new OrderAnswer.Accept(comment);
                break;
            case ResponseKind.AcceptedWithChanges:
                var date = row.PromisedDate.Length == 0 ? null : ParseDate(row.PromisedDate, OrderLineCsv.PromisedDate, Problem);
                var price = row.PromisedPrice.Length == 0 ? null : ParsePrice(row.PromisedPrice, Problem);
                var deliveries = row.Deliveries.Length == 0 ? null : ParseDeliveries(row.Deliveries, Problem);
                row.Answer = new OrderAnswer.AcceptWithChanges(date, price, deliveries, comment);
                break;
            default:
                if (reasonText.Length == 0)
                {
                    Problem(OrderLineCsv.Reason, text["「辞退」では辞退理由を入力してください（{0}）。", string.Join("・", Enum.GetValues<RejectionReason>().Select(PortalLabels.Reason))]);
                }
                else if (!Reasons.TryGetValue(reasonText, out var reason))
                {
                    Problem(OrderLineCsv.Reason, text["「{0}」は辞退理由ではありません（{1}）。", reasonText, string.Join("・", Enum.GetValues<RejectionReason>().Select(PortalLabels.Reason))]);
                }
                else
                {
                    row.Reason = reason;
                    row.Answer = new OrderAnswer.Reject(reason, comment);
                }

                break;
        }

        return row;
    }

    private int? Integer(string value, string column, Action<string, string> problem)
    {
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0)
        {
            return number;
        }

        problem(column, value.Length == 0 ? text["{0}を入力してください。", column] : text["「{0}」は正しい{1}ではありません（1 以上の整数）。", value, column]);
        return null;
    }

    private DateOnly? ParseDate(string value, string column, Action<string, string> problem)
    {
        if (DateOnly.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        problem(column, text["「{0}」は日付ではありません。yyyy/MM/dd の形（例 2027/01/08）で入力してください。", value]);
        return null;
    }

    private decimal? ParsePrice(string value, Action<string, string> problem)
    {
        if (decimal.TryParse(value.TrimStart('¥', '\\'), NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var price))
        {
            return price;
        }

        problem(OrderLineCsv.PromisedPrice, text["「{0}」は数値ではありません。", value]);
        return null;
    }

    /// <summary><c>2027/01/08:100;2027/01/15:50</c> — date and quantity by a colon, deliveries by a semicolon (full-width ones too).</summary>
    private List<ScheduledDeliveryData>? ParseDeliveries(string value, Action<string, string> problem)
    {
        var deliveries = new List<ScheduledDeliveryData>();
        foreach (var part in value.Split([';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = part.LastIndexOf(':');
            if (colon < 0
                || !DateOnly.TryParseExact(part[..colon].Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                || !decimal.TryParse(part[(colon + 1)..].Trim(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var quantity))
            {
                problem(OrderLineCsv.Deliveries, text["分納「{0}」が読めません。「納期:数量」を「;」で区切って入力してください（例 2027/01/08:100;2027/01/15:50）。", part]);
                return null;
            }

            deliveries.Add(new ScheduledDeliveryData(date, quantity));
        }

        return deliveries.Count > 0 ? deliveries : null;
    }

    /// <summary>
    /// Finds each row's order among the supplier's own, a block of order numbers at a time. An order of another
    /// company reads exactly like one that does not exist.
    /// </summary>
    private async Task ResolveOrdersAsync(Guid supplierId, List<UploadRow> rows, CancellationToken cancellationToken)
    {
        var found = new Dictionary<(string Buyer, string Number), Guid>();
        foreach (var block in rows.Where(r => r.OrderNumber.Length > 0).Select(r => r.OrderNumber).Distinct(StringComparer.Ordinal).Chunk(500))
        {
            var orders = await db.PurchaseOrders.AsNoTracking()
                .Where(o => o.SupplierId == supplierId && block.Contains(o.OrderNumber))
                .Select(o => new { o.Id, o.OrderNumber, BuyerCode = db.Companies.Where(c => c.Id == o.BuyerId).Select(c => c.Code).First() })
                .ToListAsync(cancellationToken);
            foreach (var order in orders)
            {
                found[(order.BuyerCode, order.OrderNumber)] = order.Id;
            }
        }

        foreach (var row in rows.Where(r => r.BuyerCode.Length > 0 && r.OrderNumber.Length > 0))
        {
            if (found.TryGetValue((row.BuyerCode, row.OrderNumber), out var id))
            {
                row.OrderId = id;
            }
            else if (row.Kind is not null)
            {
                row.Problems.Add(new CellProblem(row.Row, OrderLineCsv.OrderNumber,
                    text["注文が見つかりません（発注元コード {0}、注文番号 {1}）。", row.BuyerCode, row.OrderNumber]));
            }
        }
    }

    /// <summary>
    /// Checks each answer against its line as it is now: the order's revision is still the row's, the line exists and
    /// has nothing shipped; an answer identical to the line's current one is left alone.
    /// </summary>
    private async Task CompareWithLinesAsync(List<UploadRow> answers, CancellationToken cancellationToken)
    {
        foreach (var block in answers.Select(r => r.OrderId!.Value).Distinct().Chunk(200))
        {
            var orders = await db.PurchaseOrders.AsNoTracking().Where(o => block.Contains(o.Id))
                .Select(o => new { o.Id, o.Revision }).ToDictionaryAsync(o => o.Id, o => o.Revision, cancellationToken);
            var lines = (await db.PurchaseOrderLines.AsNoTracking().Where(l => block.Contains(l.PurchaseOrderId))
                    .Include(l => l.Responses.Where(r => r.IsCurrent)).ThenInclude(r => r.Deliveries)
                    .AsSplitQuery()
                    .ToListAsync(cancellationToken))
                .ToDictionary(l => (l.PurchaseOrderId, l.LineNumber));
            foreach (var row in answers.Where(r => block.Contains(r.OrderId!.Value)))
            {
                var revision = orders[row.OrderId!.Value];
                if (row.Revision != revision)
                {
                    row.Problems.Add(new CellProblem(row.Row, OrderLineCsv.Revision,
                        text["発注元が注文を変更しました（現在は第{0}版、この行は第{1}版）。最新の回答テンプレートをダウンロードして回答してください。", revision, row.Revision!]));
                    continue;
                }

                if (!lines.TryGetValue((row.OrderId.Value, row.LineNumber!.Value), out var line))
                {
                    row.Problems.Add(new CellProblem(row.Row, OrderLineCsv.LineNumber, text["注文にない明細番号です。"]));
                    continue;
                }

                if (line.Responses.SingleOrDefault() is { } current && current.Revision == revision && !line.AwaitingAnswerAfterChange && Same(current, row.Answer!))
                {
                    row.Unchanged = true;
                }
                else if (line.ShippedQuantity > 0)
                {
                    row.Problems.Add(new CellProblem(row.Row, OrderLineCsv.AnswerKind, text["出荷済みの数量がある明細には回答できません。"]));
                }
            }
        }
    }

    private static bool Same(OrderResponse current, OrderAnswer answer)
    {
        static string? Clean(string? s) => s?.Trim() is { Length: > 0 } t ? t : null;
        return answer switch
        {
            OrderAnswer.Accept a => current.Kind == ResponseKind.Accepted && Clean(a.Comment) == current.Comment,
            OrderAnswer.Reject r => current.Kind == ResponseKind.Rejected && r.Reason == current.RejectionReason && Clean(r.Comment) == current.Comment,
            OrderAnswer.AcceptWithChanges c => current.Kind == ResponseKind.AcceptedWithChanges && c.PromisedDate == current.PromisedDate
                && c.UnitPrice == current.PromisedUnitPrice && Clean(c.Comment) == current.Comment
                && (c.Deliveries ?? []).OrderBy(d => d.Date).SequenceEqual(current.Deliveries.OrderBy(d => d.Date).Select(d => new ScheduledDeliveryData(d.Date, d.Quantity))),
            _ => false,
        };
    }

    private async Task ApplyAsync(Guid supplierId, List<UploadRow> answers, Answerer by, bool commit, UploadCheck check, CancellationToken cancellationToken)
    {
        var batch = answers.GroupBy(r => r.OrderId!.Value)
            .Select(g => new OrderAnswers(g.Key, null, g.Select(r => new LineAnswer(r.LineNumber!.Value, r.Answer!)).ToList(), g.First().Revision))
            .ToList();
        var outcome = await answering.ApplyAsync(supplierId, batch, by, commit, cancellationToken);
        switch (outcome)
        {
            case AnswerOutcome.Answered:
                check.Applied = commit;
                break;
            case AnswerOutcome.NotFound notFound:
                foreach (var row in answers.Where(r => r.OrderId == notFound.OrderId))
                {
                    row.Problems.Add(new CellProblem(row.Row, OrderLineCsv.OrderNumber, text["注文が見つかりません（発注元コード {0}、注文番号 {1}）。", row.BuyerCode, row.OrderNumber]));
                }

                break;
            case AnswerOutcome.Conflict conflict:
                check.FileProblems.Add(text["注文 {0} は、確認の間に他の方（または発注元）が更新しました。もう一度アップロードして確認してください。何も登録していません。", conflict.OrderNumber]);
                break;
            case AnswerOutcome.Refused refused:
                foreach (var (orderId, errors) in refused.Problems)
                {
                    foreach (var error in errors)
                    {
                        var line = AnswerErrors.LineOf(error);
                        var column = ColumnOf(error);
                        var message = AnswerErrors.Describe(error with { Path = "" }, text);
                        foreach (var row in answers.Where(r => r.OrderId == orderId && (line is null || r.LineNumber == line)))
                        {
                            row.Problems.Add(new CellProblem(row.Row, column, message));
                        }
                    }
                }

                break;
        }
    }

    private static string ColumnOf(DomainError error)
    {
        if (error.Code == "unknown_line")
        {
            return OrderLineCsv.LineNumber;
        }

        var field = LinePrefix().Replace(error.Path, "");
        return field switch
        {
            "revision" => OrderLineCsv.Revision,
            _ when field.StartsWith(".promisedDate", StringComparison.Ordinal) => OrderLineCsv.PromisedDate,
            _ when field.StartsWith(".unitPrice", StringComparison.Ordinal) => OrderLineCsv.PromisedPrice,
            _ when field.StartsWith(".deliveries", StringComparison.Ordinal) => OrderLineCsv.Deliveries,
            _ when field.StartsWith(".reason", StringComparison.Ordinal) => OrderLineCsv.Reason,
            _ when field.StartsWith(".comment", StringComparison.Ordinal) => OrderLineCsv.Comment,
            _ when error.Path.Length == 0 => OrderLineCsv.OrderNumber,
            _ => OrderLineCsv.AnswerKind,
        };
    }

    private void Summarise(List<UploadRow> rows, UploadCheck check)
    {
        foreach (var row in rows)
        {
            if (row.Problems.Count > 0)
            {
                check.RowsWithProblems++;
                check.ProblemCount += row.Problems.Count;
                foreach (var problem in row.Problems.Take(MaxListedProblems - check.Listed.Count))
                {
                    check.Listed.Add(problem);
                }
            }

            if (row.Unchanged)
            {
                check.UnchangedRows++;
            }
            else if (row.Problems.Count == 0 && row.Kind == ResponseKind.Accepted)
            {
                check.Accepts++;
            }
            else if (row.Problems.Count == 0 && row.Kind == ResponseKind.AcceptedWithChanges)
            {
                check.Changes++;
            }
            else if (row.Problems.Count == 0 && row.Kind == ResponseKind.Rejected)
            {
                check.Rejects++;
            }

            if ((row.Kind is not null || row.Problems.Count > 0) && check.Shown.Count < MaxShownRows)
            {
                check.Shown.Add(row);
            }
        }

        check.Orders = rows.Where(r => r.Kind is not null && !r.Unchanged && r.Problems.Count == 0).Select(r => r.OrderId).Distinct().Count();
        if (check.FileProblems.Count == 0 && check.ProblemCount == 0 && check.Answers == 0)
        {
            check.FileProblems.Add(check.UnchangedRows > 0
                ? text["回答が変わった行がありません（すべて現在の回答と同じです）。"]
                : text["回答区分が入力された行がありません。"]);
        }
    }

    [GeneratedRegex(@"^lines\[\d+\]")]
    private static partial Regex LinePrefix();
}
