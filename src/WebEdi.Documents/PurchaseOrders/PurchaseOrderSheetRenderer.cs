using System.Globalization;
using PdfSharp.Pdf;
using WebEdi.Documents.Fonts;
using WebEdi.Documents.Formatting;
using WebEdi.Documents.Layout;
using static WebEdi.Documents.Layout.FormParts;

namespace WebEdi.Documents.PurchaseOrders;

/// <summary>Draws a purchase-order sheet (注文書): the buyer's order addressed to the supplier, one copy.</summary>
internal sealed class PurchaseOrderSheetRenderer(PdfFonts fonts)
{
    public const int MaxLines = 2000;

    private const double HeaderBottom = 176;
    private const double BodyTop = HeaderBottom + Table.HeadingHeight;
    private const double BodyBottom = FooterTop - 6;
    private const double LabelWidth = 52;

    private static readonly Column[] Figures = ItemCells.FigureColumns();
    private static readonly double FiguresWidth = Figures.Sum(c => c.Width);

    // On the buyer's sheet "当社" is the buyer and "貴社" the supplier: the reverse of the delivery note.
    private static readonly Column[] Columns =
    [
        new("行", null, 20, Align.Center),
        new("当社品番", "貴社品番", 80, Align.Left),
        new("品名", "仕様", Width - 158 - FiguresWidth, Align.Left),
        new("希望納期", null, 58, Align.Center),
        .. Figures,
    ];

    public void Validate(PurchaseOrderSheet order)
    {
        var check = new ContentCheck(fonts.Metrics);
        check.Text("OrderNumber", null, order.OrderNumber, JapaneseFace.Gothic, 30);
        check.Rule(order.Revision >= 1, "Revision", null, "Revision must be 1 or more.");
        check.Rule(order.Currency == "JPY", "Currency", null, $"Currency must be JPY (is '{order.Currency}'); order sheets print yen.");
        check.Company("Buyer", order.Buyer, JapaneseFace.Gothic);
        check.Company("Supplier", order.Supplier, JapaneseFace.Mincho);
        check.Text("SupplierCode", null, order.SupplierCode, JapaneseFace.Gothic, 30);
        check.Text("DeliveryLocation", null, order.DeliveryLocation, JapaneseFace.Gothic, 60);
        check.Text("BuyerContact", null, order.BuyerContact, JapaneseFace.Gothic, 40, required: false);
        check.Text("Remarks", null, order.Remarks, JapaneseFace.Gothic, 200, required: false, multiline: true);
        check.Rule(order.Lines.Count is > 0 and <= MaxLines, "Lines", null,
            string.Create(CultureInfo.InvariantCulture, $"Lines: an order sheet prints 1 to {MaxLines} lines (has {order.Lines.Count})."));
        for (var i = 0; i < order.Lines.Count; i++)
        {
            check.Rule(order.Lines[i].LineNumber > 0, "LineNumber", i + 1,
                string.Create(CultureInfo.InvariantCulture, $"Line {i + 1}, LineNumber must be 1 or more."));
            check.ItemLine(i + 1, order.Lines[i].Values);
        }

        if (check.Problems.Count == 0)
        {
            CheckPartiesFit(check, fonts, "Supplier.Name", order.Supplier.Name, "Buyer", order.Buyer);
            check.Rule(fonts.Wrap(order.DeliveryLocation, Body, PartyWidth - LabelWidth - 6).Count <= 2, "DeliveryLocation", null,
                "DeliveryLocation is too long for the header (two lines).");
            check.Rule(order.Remarks is null || fonts.Wrap(order.Remarks, Small, RemarksWidth(FiguresWidth, sealBox: false) - 6).Count <= 5, "Remarks", null,
                "Remarks is too long for the remarks box (five lines).");
        }

        check.ThrowIfAny($"purchase order {order.OrderNumber}");
    }

    public int Render(PdfDocument document, PurchaseOrderSheet order)
    {
        var totals = TaxTotals.Compute(order.Lines.Select(l => (l.Amount, l.TaxRate)));
        var closingHeight = ClosingHeight(totals.ByRate.Count);
        var pages = Table.Paginate([.. order.Lines.Select(Row)], BodyBottom - BodyTop, closingHeight);
        var reducedRate = order.Lines.Any(l => IsReducedRate(l.TaxRate));
        for (var p = 0; p < pages.Count; p++)
        {
            using var canvas = new Canvas(AddA4Page(document), fonts);
            DrawHeader(canvas, order, p + 1, pages.Count);
            var y = Table.DrawHeading(canvas, Columns, Left, HeaderBottom);
            y = Table.DrawRows(canvas, Columns, pages[p], Left, y);
            if (p == pages.Count - 1)
            {
                var closingTop = BodyBottom - closingHeight + 8;
                Table.DrawBlankRows(canvas, Columns, Left, y, closingTop - 8, 1);
                Closing(canvas, totals, order.Remarks, reducedRate, sealBox: false, FiguresWidth, closingTop);
            }

            Footer(canvas, $"注文書  {order.OrderNumber}", p + 1, pages.Count);
        }

        return pages.Count;
    }

    private TableRow Row(PurchaseOrderSheetLine line) => new(
    [
        ItemCells.Number(fonts, line.LineNumber, Columns[0]),
        ItemCells.Codes(fonts, line.BuyerItemCode, line.SupplierItemCode, Columns[1]),
        ItemCells.NameAndSpecification(fonts, line.ItemName, line.Specification, Columns[2]),
        ItemCells.Text(fonts, JapaneseFormat.ShortDate(line.RequestedDeliveryDate), Columns[3]),
        .. ItemCells.Figures(fonts, line.Values, Figures),
    ]);

    private static void DrawHeader(Canvas canvas, PurchaseOrderSheet order, int page, int pages)
    {
        Title(canvas, "注文書", null, Top + 2);
        InfoBox(canvas, Right - 178, Top, LabelWidth, 126,
        [
            new("注文番号", order.OrderNumber, BodyBold),
            new("版数", order.Revision.ToString(CultureInfo.InvariantCulture), Body),
            new("発注日", JapaneseFormat.Date(order.OrderDate), Body),
            new("頁", string.Create(CultureInfo.InvariantCulture, $"{page} / {pages}"), Body),
        ]);
        AddresseeBlock(canvas, order.Supplier.Name, "仕入先コード " + order.SupplierCode, 86);
        InfoBox(canvas, Left, 128, LabelWidth, PartyWidth - LabelWidth, [new("納入場所", order.DeliveryLocation, Body, MinLines: 2)]);
        canvas.Text(order.Revision > 1 ? "下記の通り注文内容を訂正いたします。" : "下記の通り注文いたします。", Body, Left, HeaderBottom - 14);
        SenderBlock(canvas, order.Buyer, "発注者", order.BuyerContact is { } contact ? "担当 " + contact : null, 96);
    }
}
