using System.Globalization;
using PdfSharp.Pdf;
using WebEdi.Documents.Fonts;
using WebEdi.Documents.Formatting;
using WebEdi.Documents.Layout;
using static WebEdi.Documents.Layout.FormParts;

namespace WebEdi.Documents.DeliveryNotes;

/// <summary>
/// Draws one delivery note as its set of copies. The pages are laid out once (rows measured and distributed) and
/// drawn once per copy, so every copy has the same pages and page numbers.
/// </summary>
internal sealed class DeliveryNoteRenderer(PdfFonts fonts)
{
    /// <summary>Code 39 at 10 mil fits this many characters in the header's barcode space.</summary>
    public const int MaxNumberLength = 18;

    public const int MaxLines = 2000;

    private const double HeaderBottom = 196;
    private const double BodyTop = HeaderBottom + Table.HeadingHeight;
    private const double BodyBottom = FooterTop - 6;
    private const double LabelWidth = 52;

    private static readonly Column[] Figures = ItemCells.FigureColumns();
    private static readonly double FiguresWidth = Figures.Sum(c => c.Width);

    private static readonly Column[] Columns =
    [
        new("No.", null, 22, Align.Center),
        // 72 pt holds a 14-character order number (KD2611-00100, 4500012873-01) and 28 pt a line number up to 99999
        // on one line: a long order's line 300 must not print as "30" over "0".
        new("注文番号", null, 72, Align.Left),
        new("行", null, 28, Align.Center),
        new("貴社品番", "当社品番", 76, Align.Left),
        new("品名", "仕様", Width - 198 - FiguresWidth, Align.Left),
        .. Figures,
    ];

    private static readonly Copy[] Copies =
    [
        new(DeliveryNoteCopies.SupplierCopy, "納品書", "(控)", "納品書(控)", "下記の通り納品いたしました。"),
        new(DeliveryNoteCopies.BuyerCopy, "納品書", null, "納品書", "下記の通り納品いたします。ご査収ください。"),
        new(DeliveryNoteCopies.Receipt, "受領書", null, "受領書", "下記の通り受領いたしました。"),
    ];

    /// <summary>Every problem that would keep the note from printing correctly; throws <see cref="DocumentContentException"/>.</summary>
    public void Validate(DeliveryNote note)
    {
        var check = new ContentCheck(fonts.Metrics);
        check.Barcode("Number", note.Number, MaxNumberLength);
        check.Rule(note.Currency == "JPY", "Currency", null, $"Currency must be JPY (is '{note.Currency}'); delivery notes print yen.");
        check.Rule(note.ReprintCount >= 0, "ReprintCount", null, "ReprintCount must be 0 (original) or more.");
        check.Company("Supplier", note.Supplier, JapaneseFace.Gothic);
        check.Company("Buyer", note.Buyer, JapaneseFace.Mincho);
        check.Text("SupplierCode", null, note.SupplierCode, JapaneseFace.Gothic, 30);
        check.Text("DeliveryLocation", null, note.DeliveryLocation, JapaneseFace.Gothic, 60);
        check.Text("Remarks", null, note.Remarks, JapaneseFace.Gothic, 200, required: false, multiline: true);
        foreach (var orderNumber in note.OrderNumbers)
        {
            check.Text("OrderNumbers", null, orderNumber, JapaneseFace.Gothic, 30);
        }

        check.Rule(note.Lines.Count > 0, "Lines", null, "Lines: a delivery note needs at least one line.");
        check.Rule(note.Lines.Count <= MaxLines, "Lines", null,
            string.Create(CultureInfo.InvariantCulture, $"Lines: {note.Lines.Count} lines; one note prints at most {MaxLines}."));
        for (var i = 0; i < note.Lines.Count; i++)
        {
            var line = note.Lines[i];
            var number = i + 1;
            check.Text("OrderNumber", number, line.OrderNumber, JapaneseFace.Gothic, 30);
            check.Rule(note.OrderNumbers.Count == 0 || note.OrderNumbers.Contains(line.OrderNumber, StringComparer.Ordinal), "OrderNumber", number,
                $"Line {number.ToString(CultureInfo.InvariantCulture)}, OrderNumber '{line.OrderNumber}' is not among the note's OrderNumbers.");
            check.Rule(line.OrderLineNumber > 0, "OrderLineNumber", number,
                $"Line {number.ToString(CultureInfo.InvariantCulture)}, OrderLineNumber must be 1 or more.");
            check.ItemLine(number, line.Values);
        }

        if (check.Problems.Count == 0)
        {
            // The header has fixed room; text that would not fit there is refused rather than cut.
            CheckPartiesFit(check, fonts, "Buyer.Name", note.Buyer.Name, "Supplier", note.Supplier);
            check.Rule(fonts.Wrap(note.DeliveryLocation, Body, PartyWidth - LabelWidth - 6).Count <= 2, "DeliveryLocation", null,
                "DeliveryLocation is too long for the header (two lines).");
            check.Rule(note.Remarks is null || fonts.Wrap(note.Remarks, Small, RemarksWidth(FiguresWidth, sealBox: true) - 6).Count <= 5, "Remarks", null,
                "Remarks is too long for the remarks box (five lines).");
        }

        check.ThrowIfAny($"delivery note {note.Number}");
    }

    /// <summary>Adds the note's pages to <paramref name="document"/>; returns how many.</summary>
    public int Render(PdfDocument document, DeliveryNote note, DeliveryNoteCopies copies)
    {
        var totals = TaxTotals.Compute(note.Lines.Select(l => (l.Amount, l.TaxRate)));
        var closingHeight = ClosingHeight(totals.ByRate.Count);
        var pages = Table.Paginate([.. note.Lines.Select(Row)], BodyBottom - BodyTop, closingHeight);
        var orderNumbers = OrderNumbersText(note.PrintedOrderNumbers);
        var reducedRate = note.Lines.Any(l => IsReducedRate(l.TaxRate));
        var added = 0;
        foreach (var copy in Copies.Where(c => copies.HasFlag(c.Flag)))
        {
            for (var p = 0; p < pages.Count; p++)
            {
                using var canvas = new Canvas(AddA4Page(document), fonts);
                DrawHeader(canvas, note, copy, orderNumbers, p + 1, pages.Count);
                var y = Table.DrawHeading(canvas, Columns, Left, HeaderBottom);
                y = Table.DrawRows(canvas, Columns, pages[p], Left, y);
                if (p == pages.Count - 1)
                {
                    var closingTop = BodyBottom - closingHeight + 8;
                    Table.DrawBlankRows(canvas, Columns, Left, y, closingTop - 8, 1);
                    Closing(canvas, totals, note.Remarks, reducedRate, copy.Flag == DeliveryNoteCopies.Receipt, FiguresWidth, closingTop);
                }

                Footer(canvas, $"{copy.Label}  {note.Number}", p + 1, pages.Count);
                added++;
            }
        }

        return added;
    }

    private TableRow Row(DeliveryNoteLine line, int index) => new(
    [
        ItemCells.Number(fonts, index + 1, Columns[0]),
        ItemCells.Text(fonts, line.OrderNumber, Columns[1]),
        ItemCells.Number(fonts, line.OrderLineNumber, Columns[2]),
        ItemCells.Codes(fonts, line.BuyerItemCode, line.SupplierItemCode, Columns[3]),
        ItemCells.NameAndSpecification(fonts, line.ItemName, line.Specification, Columns[4]),
        .. ItemCells.Figures(fonts, line.Values, Figures),
    ]);

    /// <summary>All order numbers when they fit two lines; else as many as fit and how many more the lines list.</summary>
    private string OrderNumbersText(IReadOnlyList<string> orderNumbers)
    {
        var width = PartyWidth - LabelWidth - 6;
        var all = string.Join("、", orderNumbers);
        if (fonts.Wrap(all, Body, width).Count <= 2)
        {
            return all;
        }

        for (var shown = orderNumbers.Count - 1; shown > 0; shown--)
        {
            var text = string.Join("、", orderNumbers.Take(shown))
                + string.Create(CultureInfo.InvariantCulture, $" ほか{orderNumbers.Count - shown}件(明細参照)");
            if (fonts.Wrap(text, Body, width).Count <= 2)
            {
                return text;
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"{orderNumbers.Count}件(明細参照)");
    }

    private static void DrawHeader(Canvas canvas, DeliveryNote note, Copy copy, string orderNumbers, int page, int pages)
    {
        ReprintStamp(canvas, note.ReprintCount, Left, Top);
        Title(canvas, copy.Title, copy.Suffix, Top + 2);
        InfoBox(canvas, Right - 178, Top, LabelWidth, 126,
        [
            new("納品書番号", note.Number, BodyBold),
            new("出荷日", JapaneseFormat.Date(note.ShipDate), Body),
            new("頁", string.Create(CultureInfo.InvariantCulture, $"{page} / {pages}"), Body),
        ]);
        AddresseeBlock(canvas, note.Buyer.Name, "取引先コード " + note.Buyer.Code, 80);
        InfoBox(canvas, Left, 124, LabelWidth, PartyWidth - LabelWidth,
        [
            new("納入場所", note.DeliveryLocation, Body, MinLines: 2),
            new("注文番号", orderNumbers, Body, MinLines: 2),
        ]);
        canvas.Text(copy.Greeting, Body, Left, HeaderBottom - 14);

        // The barcode of the note number first (what the dock scans), then who shipped.
        Barcode(canvas, note.Number, Right, 84, 26);
        SenderBlock(canvas, note.Supplier, "仕入先コード " + note.SupplierCode, null, 128);
    }

    private sealed record Copy(DeliveryNoteCopies Flag, string Title, string? Suffix, string Label, string Greeting);
}
