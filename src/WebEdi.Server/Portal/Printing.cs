using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;
using WebEdi.Documents;
using WebEdi.Documents.Fonts;

namespace WebEdi.Server.Portal;

/// <summary>Why a document could not be printed, in terms a clerk can act on: which document, which order line, which field and character.</summary>
/// <param name="Document">The delivery note number, or the order number of an order sheet.</param>
/// <param name="OrderNumber">The order the problem's line belongs to; null for a header field.</param>
/// <param name="OrderLineNumber">The line of that order.</param>
/// <param name="Field">The printed field (<see cref="DocumentProblem.Field"/>), e.g. <c>ItemName</c>.</param>
/// <param name="CodePoint">The character the font or barcode cannot draw, e.g. <c>U+1F600</c>.</param>
/// <param name="Detail">The printer's own sentence (English), for problems that are not a character.</param>
public sealed record PrintProblem(string Document, string? OrderNumber, int? OrderLineNumber, string Field, string? CodePoint, string Detail);

/// <summary>What a print request produced. Only <see cref="Printed"/> carries a PDF; the others change nothing.</summary>
public abstract record PrintOutcome
{
    private PrintOutcome()
    {
    }

    /// <summary>The finished PDF in a temporary file that deletes itself when the stream is closed.</summary>
    public sealed record Printed(Stream Pdf, string FileName, int Documents, int Pages) : PrintOutcome;

    /// <summary>A document of another company, or none: one answer for both.</summary>
    public sealed record NotFound : PrintOutcome;

    /// <summary>The Japanese fonts are not installed; <paramref name="Message"/> names the file, the folders and the package.</summary>
    public sealed record FontsMissing(string Message) : PrintOutcome;

    /// <summary>Cancelled shipments were asked for; their note numbers.</summary>
    public sealed record Cancelled(IReadOnlyList<string> Numbers) : PrintOutcome;

    /// <summary>The document's content cannot be printed as it is; every problem.</summary>
    public sealed record Refused(IReadOnlyList<PrintProblem> Problems) : PrintOutcome;
}

/// <summary>The pieces every print request shares: the printer, a temporary file for the PDF, the answer to the browser, the words for problems.</summary>
public static class Printing
{
    /// <summary>The printer, or the reason there is none (fonts missing).</summary>
    public static (DocumentPrinter? Printer, PrintOutcome? Failure) Printer(DocumentPrinterLoader loader)
    {
        try
        {
            return (loader.Get(), null);
        }
        catch (Exception e) when (e is FontNotFoundException or FontFormatException)
        {
            return (null, new PrintOutcome.FontsMissing(e.Message));
        }
    }

    /// <summary>A file for one PDF, deleted when closed: a batch of notes never sits in memory whole.</summary>
    public static FileStream TemporaryFile() =>
        new(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);

    /// <summary>The printed PDF for the browser to show (inline, so the clerk prints it from the viewer).</summary>
    public static FileStreamResult Pdf(HttpResponse response, PrintOutcome.Printed printed)
    {
        printed.Pdf.Position = 0;
        var disposition = new ContentDispositionHeaderValue("inline");
        disposition.SetHttpFileName(printed.FileName);
        response.Headers.ContentDisposition = disposition.ToString();
        response.Headers.CacheControl = "no-store";
        return new FileStreamResult(printed.Pdf, "application/pdf");
    }

    /// <summary>
    /// The answer to a print request: the PDF, a 404, or null with <paramref name="errors"/> filled for the page to show
    /// again — 503 when the fonts are missing, 422 when the content cannot be printed (nothing half-printed either way).
    /// </summary>
    public static IActionResult? Answer(PageModel page, PrintOutcome outcome, IStringLocalizer text, string documentKind, List<string> errors)
    {
        switch (outcome)
        {
            case PrintOutcome.Printed printed:
                return Pdf(page.Response, printed);
            case PrintOutcome.NotFound:
                return page.NotFound();
            case PrintOutcome.FontsMissing missing:
                page.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                errors.Add(text["印刷用のフォントが見つからないため印刷できません。運用者に連絡してください。{0}", missing.Message].Value);
                return null;
            case PrintOutcome.Cancelled cancelled:
                page.Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                errors.Add(text["取消済みの出荷の納品書は印刷できません: {0}", string.Join(", ", cancelled.Numbers)].Value);
                return null;
            case PrintOutcome.Refused refused:
                page.Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                errors.AddRange(refused.Problems.Select(p => Describe(p, text, documentKind)));
                return null;
            default:
                throw new InvalidOperationException($"Unknown outcome {outcome}.");
        }
    }

    /// <summary>A file name of plain letters, digits and '-' (order numbers may hold anything but spaces).</summary>
    public static string FileName(string kind, string number) =>
        $"{kind}-{string.Concat(number.Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '_'))}.pdf";

    /// <summary>Maps the printer's problems to order lines: <paramref name="lineOf"/> gives the order line of the document's n-th line.</summary>
    public static List<PrintProblem> Problems(string document, DocumentContentException e, Func<int, (string OrderNumber, int LineNumber)?> lineOf) =>
    [
        .. e.Problems.Select(p =>
        {
            var line = p.Line is { } n ? lineOf(n) : null;
            return new PrintProblem(document, line?.OrderNumber, line?.LineNumber, p.Field, p.CodePoint, p.Message);
        }),
    ];

    /// <summary>One sentence per problem in the page's language.</summary>
    public static string Describe(PrintProblem problem, IStringLocalizer text, string documentKind)
    {
        var where = problem.OrderNumber is null
            ? text["{0} {1}", text[documentKind], problem.Document].Value
            : text["{0} {1}（注文 {2} 行 {3}）", text[documentKind], problem.Document, problem.OrderNumber, problem.OrderLineNumber ?? 0].Value;
        var field = text[FieldName(problem.Field)].Value;
        return problem.CodePoint is { } code
            ? text["{0}: {1}に「{2}」({3}) が含まれています。印刷用のフォントにない文字のため印刷できません。発注元に文字の修正を依頼してください。", where, field, Character(code), code].Value
            : text["{0}: {1} — {2}", where, field, problem.Detail].Value;
    }

    /// <summary>The character of a code point such as <c>U+1F600</c>, or the code itself for one that cannot be shown alone (a control character, a lone surrogate).</summary>
    public static string Character(string codePoint)
    {
        var value = int.Parse(codePoint.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return value is < 0x20 or (>= 0x7F and < 0xA0) or (>= 0xD800 and <= 0xDFFF) ? codePoint : char.ConvertFromUtf32(value);
    }

    private static string FieldName(string field) => field switch
    {
        "ItemName" => "品名",
        "Specification" => "仕様",
        "BuyerItemCode" => "品目コード",
        "SupplierItemCode" => "仕入先品番",
        "Unit" => "単位",
        "Quantity" => "数量",
        "UnitPrice" => "単価",
        "Amount" => "金額",
        "TaxRate" => "税率",
        "OrderNumber" or "OrderNumbers" => "注文番号",
        "Number" => "納品書番号",
        "DeliveryLocation" => "納入場所",
        "Remarks" => "備考",
        "BuyerContact" => "発注担当",
        "SupplierCode" => "仕入先コード",
        "Currency" => "通貨",
        _ when field.StartsWith("Buyer.", StringComparison.Ordinal) => "発注元",
        _ when field.StartsWith("Supplier.", StringComparison.Ordinal) => "仕入先",
        _ => field,
    };
}
