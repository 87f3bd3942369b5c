using WebEdi.Documents.Tests.Support;
using WebEdi.Testing;

namespace WebEdi.Documents.Tests.PurchaseOrders;

public class Printing_a_purchase_order_sheet
{
    [Fact]
    public async Task The_sheet_carries_buyer_supplier_order_number_revision_date_location_contact_lines_and_totals()
    {
        var folder = Artifacts.Folder("purchase-order");
        var path = Print(Samples.Order(), folder);
        await PdfTools.RenderAsync(path, Path.Combine(folder, "page"));

        var text = PdfText.Flat(await PdfTools.TextAsync(path));

        Assert.Matches(@"注\s*文\s*書", text);
        PdfText.ContainsWords("株式会社さくら精密 御中", text);
        Assert.Contains("仕入先コード S-0042", text, StringComparison.Ordinal);
        Assert.Contains("東海モーター工業株式会社", text, StringComparison.Ordinal);
        Assert.Contains("愛知県刈谷市東港町1-1", text, StringComparison.Ordinal);
        Assert.Contains("担当 購買部 山田 花子 (内線 2231)", text, StringComparison.Ordinal);
        Assert.Matches(@"^PO-2604-0001 1 2026年03月25日 1 ?/ ?1$", await NumberBoxAsync(path));
        PdfText.ContainsWords("納入場所 本社工場 第2受入口 (A棟)", text);
        Assert.Contains("下記の通り注文いたします。", text, StringComparison.Ordinal);
        PdfText.ContainsWords("1 TM-10-4471 六角ボルト M8×30 ステンレス 2026/04/03 201 本 5 1,005 10%", text);
        PdfText.ContainsWords("3 TM-90-0008 緑茶 ペットボトル 525ml×24本 2026/04/10 2 箱 1,295 2,590 8%※", text);
        PdfText.ContainsWords("小計(税抜) ¥4,600", text);
        PdfText.ContainsWords("消費税 10% ¥201", text);
        PdfText.ContainsWords("消費税 8% ¥207", text);
        PdfText.ContainsWords("合計(税込) ¥5,008", text);
    }

    [Fact]
    public async Task A_later_revision_says_it_corrects_the_order()
    {
        var path = Print(Samples.Order(revision: 3), Artifacts.Folder("purchase-order-revision"));
        var text = PdfText.Flat(await PdfTools.TextAsync(path));

        Assert.Contains("下記の通り注文内容を訂正いたします。", text, StringComparison.Ordinal);
        Assert.StartsWith("PO-2604-0001 3 ", await NumberBoxAsync(path), StringComparison.Ordinal);
    }

    [Fact]
    public void Characters_outside_the_font_are_reported_with_field_line_and_code_point()
    {
        var order = Samples.Order();
        order = order with { Lines = [order.Lines[0], order.Lines[1] with { ItemName = "平座金 M8 \U0001F529" }] };
        using var output = new MemoryStream();

        var refused = Assert.Throws<DocumentContentException>(() => Samples.Printer.PrintPurchaseOrder(order, output));

        var problem = Assert.Single(refused.Problems);
        Assert.Equal(("ItemName", 2, "U+1F529"), (problem.Field, problem.Line, problem.CodePoint));
        Assert.Equal("purchase order PO-2604-0001", refused.Document);
        Assert.Equal(0, output.Length);
    }

    /// <summary>The values of the top-right box: order number, revision (版数), order date, page.</summary>
    private static async Task<string> NumberBoxAsync(string pdf) =>
        PdfText.Flat(await PdfTools.TextInAsync(pdf, 1, 440, 28, 124, 70)).Trim();

    private static string Print(WebEdi.Documents.PurchaseOrders.PurchaseOrderSheet order, string folder)
    {
        var path = Path.Combine(folder, "order.pdf");
        using var file = File.Create(path);
        Samples.Printer.PrintPurchaseOrder(order, file);
        return path;
    }
}
