using System.Text.RegularExpressions;
using WebEdi.Documents.DeliveryNotes;
using WebEdi.Documents.Tests.Support;
using WebEdi.Testing;

namespace WebEdi.Documents.Tests.DeliveryNotes;

public class Printing_a_delivery_note
{
    [Fact]
    public async Task Prints_the_supplier_copy_the_delivery_note_and_the_receipt_in_that_order()
    {
        var pdf = Samples.Print(Samples.Note(), Artifacts.Folder("delivery-note-set"));

        var pages = await PdfTools.PagesAsync(pdf);

        Assert.Equal(3, pages.Length);
        Assert.Matches(@"納\s*品\s*書\s*\(控\)", pages[0]);
        Assert.Matches(@"納\s*品\s*書", pages[1]);
        Assert.DoesNotContain("(控)", pages[1], StringComparison.Ordinal);
        Assert.Matches(@"受\s*領\s*書", pages[2]);
        Assert.Contains("受領印", pages[2], StringComparison.Ordinal);
        Assert.Contains("受領日", pages[2], StringComparison.Ordinal);
        Assert.DoesNotContain("受領印", pages[0] + pages[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_copy_carries_both_companies_with_their_codes_the_note_number_orders_ship_date_and_location()
    {
        var pdf = Samples.Print(Samples.Note(), Artifacts.Folder("delivery-note-header"));

        foreach (var page in await PdfTools.PagesAsync(pdf))
        {
            var text = PdfText.Flat(page);
            PdfText.ContainsWords("東海モーター工業株式会社 御中", text);
            Assert.Contains("取引先コード TOKAI-MOTOR", text, StringComparison.Ordinal);
            Assert.Contains("株式会社さくら精密", text, StringComparison.Ordinal);
            Assert.Contains("仕入先コード S-0042", text, StringComparison.Ordinal);
            Assert.Contains("(SAKURA-SEIMITSU)", text, StringComparison.Ordinal);
            Assert.Contains("T1234567890123", text, StringComparison.Ordinal);
            Assert.Contains("納品書番号", text, StringComparison.Ordinal);
            Assert.Equal(3, PdfText.Count(text, "SKR-260403-0001")); // the number box, the barcode's text and the footer
            Assert.Contains("*SKR-260403-0001*", text, StringComparison.Ordinal);
            Assert.Contains("PO-2604-0001、PO-2604-0002", text, StringComparison.Ordinal);
            Assert.Contains("出荷日", text, StringComparison.Ordinal);
            Assert.Contains("2026年04月03日", text, StringComparison.Ordinal);
            PdfText.ContainsWords("納入場所 本社工場 第2受入口 (A棟)", text);
            Assert.Matches(@"頁\s+1\s*/\s*1", text);
        }
    }

    [Fact]
    public async Task Lines_show_order_item_codes_name_specification_quantity_unit_price_amount_and_tax_rate()
    {
        var pdf = Samples.Print(Samples.Note(), Artifacts.Folder("delivery-note-lines"));

        var text = PdfText.Flat(await PdfTools.TextAsync(pdf, 2, 2));

        PdfText.ContainsWords("1 PO-2604-0001 1 TM-10-4471 六角ボルト M8×30 ステンレス 201 本 5 1,005 10%", text);
        PdfText.ContainsWords("SK-B0830 SUS304 / ISO 4017", text);
        PdfText.ContainsWords("2 PO-2604-0001 2 TM-10-4472 平座金 M8 1,005 個 1 1,005 10%", text);
        PdfText.ContainsWords("3 PO-2604-0002 1 TM-20-0150 ブラケット(左) 黒色粉体塗装品 2.5 kg 402 1,005 10%", text);
        PdfText.ContainsWords("4 PO-2604-0002 3 TM-90-0008 緑茶 ペットボトル 525ml×24本 2 箱 1,295 2,590 8%※", text);
        Assert.Contains("※印は軽減税率(8%)対象品目です。", text, StringComparison.Ordinal);
        Assert.Contains("パレット返却をお願いします。", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Totals_show_tax_per_rate_rounded_down_once_per_rate_and_the_grand_total()
    {
        var pdf = Samples.Print(Samples.Note(), Artifacts.Folder("delivery-note-totals"));

        foreach (var page in await PdfTools.PagesAsync(pdf))
        {
            var text = PdfText.Flat(page);
            PdfText.ContainsWords("小計(税抜) ¥5,605", text);
            PdfText.ContainsWords("10%対象 ¥3,015", text);
            // 3 × ¥1,005 at 10 %: per line 100.5 → 100 each (¥300); once on the rate's sum 301.5 → ¥301.
            PdfText.ContainsWords("消費税 10% ¥301", text);
            PdfText.ContainsWords("8%対象(軽減) ¥2,590", text);
            PdfText.ContainsWords("消費税 8% ¥207", text);
            PdfText.ContainsWords("合計(税込) ¥6,113", text);
        }
    }

    [Fact]
    public async Task The_barcode_on_every_copy_scans_as_the_note_number_at_300_dpi()
    {
        var folder = Artifacts.Folder("delivery-note-barcode");
        var pdf = Samples.Print(Samples.Note("SKR-260403-0001"), folder);

        for (var page = 1; page <= 3; page++)
        {
            var scanned = await PdfTools.ScanDeliveryNoteBarcodeAsync(pdf, page, Path.Combine(folder, $"barcode-{page}"));
            Assert.Equal(["SKR-260403-0001"], scanned);
        }
    }

    [Fact]
    public async Task Renders_every_copy_at_300_dpi_for_people_to_look_at()
    {
        var folder = Artifacts.Folder("delivery-note-pages");
        var pdf = Samples.Print(Samples.Note(), folder);

        var pngs = await PdfTools.RenderAsync(pdf, Path.Combine(folder, "page"));

        Assert.Equal(3, pngs.Count);
        Assert.All(pngs, png => Assert.True(new FileInfo(png).Length > 100_000, $"{png} is nearly blank"));
    }

    [Fact]
    public async Task A_reprint_is_marked_with_its_print_count_on_every_page_and_the_original_is_not()
    {
        var folder = Artifacts.Folder("delivery-note-reprint");
        var reprint = Samples.Print(Samples.Note(reprintCount: 2), folder, "reprint");
        var original = Samples.Print(Samples.Note(), folder, "original");
        await PdfTools.RenderAsync(reprint, Path.Combine(folder, "reprint"), 100, 1, 1);

        Assert.All(await PdfTools.PagesAsync(reprint), page => Assert.Contains("再発行 (2回目)", page, StringComparison.Ordinal));
        Assert.DoesNotContain("再発行", await PdfTools.TextAsync(original), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quantities_keep_up_to_three_decimals_and_prices_up_to_four_without_trailing_zeros()
    {
        var lines = new[]
        {
            Samples.StandardLines[0] with { Quantity = 1234.500m, UnitPrice = 12.3400m, Amount = 15234m },
            Samples.StandardLines[1] with { Quantity = 0.125m, UnitPrice = 0.0625m, Amount = 0m },
        };
        var pdf = Samples.Print(Samples.Note(lines: lines), Artifacts.Folder("delivery-note-figures"));

        var text = PdfText.Flat(await PdfTools.TextAsync(pdf, 1, 1));

        PdfText.ContainsWords("1,234.5 本 12.34 15,234 10%", text);
        PdfText.ContainsWords("0.125 個 0.0625 0 10%", text);
    }

    [Fact]
    public async Task Chosen_copies_only_are_printed()
    {
        var folder = Artifacts.Folder("delivery-note-receipt-only");
        var path = Path.Combine(folder, "receipt.pdf");
        await using (var file = File.Create(path))
        {
            Assert.Equal(new PrintResult(1, 1), Samples.Printer.PrintDeliveryNote(Samples.Note(), file, DeliveryNoteCopies.Receipt));
        }

        var text = await PdfTools.TextAsync(path);

        Assert.Equal(1, await PdfTools.PageCountAsync(path));
        Assert.Matches(@"受\s*領\s*書", text);
        Assert.DoesNotMatch(new Regex(@"納\s+品\s+書"), text);
    }
}
