using System.Globalization;
using System.Text;
using WebEdi.Documents.Tests.Support;
using WebEdi.Testing;

namespace WebEdi.Documents.Tests.DeliveryNotes;

public class Printing_long_delivery_notes
{
    // The 品名・仕様 column of the delivery note in points from the page's top-left (72 dpi = 1 px per point).
    private const int NameColumnLeft = 229;
    private const int NameColumnWidth = 123;
    private const int BodyTop = 221;
    private const int BodyHeight = 585;

    [Fact]
    public async Task Three_hundred_lines_continue_on_further_pages_with_the_header_and_column_headings_repeated()
    {
        var folder = Artifacts.Folder("delivery-note-300-lines");
        var pdf = Samples.Print(Samples.Note(lines: Samples.ManyLines(300)), folder);

        var pages = await PdfTools.PagesAsync(pdf);
        var perCopy = int.Parse(System.Text.RegularExpressions.Regex.Match(pages[0], @"1 / (\d+)").Groups[1].Value, CultureInfo.InvariantCulture);

        Assert.True(perCopy >= 10, $"300 lines fit on {perCopy} pages");
        Assert.Equal(3 * perCopy, await PdfTools.PageCountAsync(pdf));
        for (var p = 0; p < pages.Length; p++)
        {
            var text = PdfText.Flat(pages[p]);
            PdfText.ContainsWords($"頁 {(p % perCopy) + 1} / {perCopy}", text);
            PdfText.ContainsWords("東海モーター工業株式会社 御中", text);
            Assert.Contains("*SKR-260403-0001*", text, StringComparison.Ordinal);
            Assert.All(["No.", "注文番号", "貴社品番", "当社品番", "品名", "仕様", "数量", "単位", "単価", "金額", "税率"],
                heading => Assert.Contains(heading, text, StringComparison.Ordinal));
            Assert.Equal(p % perCopy == perCopy - 1, text.Contains("合計(税込)", StringComparison.Ordinal));
        }

        // Three-digit line numbers stay whole in their column.
        PdfText.ContainsWords("300 PO-2604-0001 31 TM-00300 精密部品 第300号 (量産品) 300 個 12.5 3,750 10%", PdfText.Flat(pages[^1]));

        var all = await PdfTools.TextAsync(pdf);
        for (var line = 1; line <= 300; line++)
        {
            Assert.Equal(3, PdfText.Count(all, string.Create(CultureInfo.InvariantCulture, $"TM-{line:00000} ")));
        }

        Assert.Equal(["SKR-260403-0001"], await PdfTools.ScanDeliveryNoteBarcodeAsync(pdf, 2, Path.Combine(folder, "continuation-barcode")));
        await PdfTools.RenderAsync(pdf, Path.Combine(folder, "continuation"), 100, 2, 2);
        await PdfTools.RenderAsync(pdf, Path.Combine(folder, "last-receipt"), 100, 3 * perCopy, 3 * perCopy);
    }

    [Fact]
    public async Task An_item_taller_than_a_page_wraps_and_continues_on_the_next_page_with_nothing_cut()
    {
        var name = LongName();
        var specification = string.Concat(Enumerable.Repeat("寸法公差±0.01mm以内、表面粗さRa0.8、", 14)) + "仕様の最後まで印字されること";
        var lines = new[]
        {
            Samples.StandardLines[0],
            Samples.StandardLines[1] with { ItemName = name, Specification = specification },
            Samples.StandardLines[2],
        };
        var folder = Artifacts.Folder("delivery-note-long-name");
        var pdf = Samples.Print(Samples.Note(lines: lines), folder);
        await PdfTools.RenderAsync(pdf, Path.Combine(folder, "page"), 100, 1, 2);

        var pages = await PdfTools.PageCountAsync(pdf);
        Assert.Equal(6, pages);
        var column = new StringBuilder();
        for (var page = 1; page <= pages / 3; page++)
        {
            column.Append(await NameColumnTextAsync(pdf, page));
        }

        var printed = PdfText.Joined(column.ToString());
        Assert.Contains(PdfText.Joined(name + specification), printed, StringComparison.Ordinal);
        var second = await PdfTools.TextAsync(pdf, 2, 2);
        // Row 2 goes on at the top of page 2 with its number repeated (where the text breaks depends on the column width).
        Assert.Matches(@"\n\s*2\s+\S", second);
        Assert.Contains("続き", second, StringComparison.Ordinal);
        Assert.Contains("ブラケット(左)", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_name_of_a_few_lines_wraps_inside_its_column()
    {
        const string name = "油圧シリンダー用シールキット(ロッドシール・ワイパー・Oリング・バックアップリング一式) 耐熱仕様 FKM 交換用 ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        var lines = new[] { Samples.StandardLines[0] with { ItemName = name } };
        var pdf = Samples.Print(Samples.Note(lines: lines), Artifacts.Folder("delivery-note-wrapped-name"));

        var column = await NameColumnTextAsync(pdf, 1);

        Assert.Contains(PdfText.Joined(name), PdfText.Joined(column), StringComparison.Ordinal);
        Assert.True(column.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length >= 4, column);
    }

    private static Task<string> NameColumnTextAsync(string pdf, int page) =>
        PdfTools.TextInAsync(pdf, page, NameColumnLeft, BodyTop, NameColumnWidth, BodyHeight);

    /// <summary>About 1,000 characters: Japanese, Latin words and one 60-letter token with no place to break.</summary>
    private static string LongName()
    {
        var text = new StringBuilder();
        for (var i = 1; text.Length < 900; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"第{i}工程用の特殊治具(左右兼用)・精密研削仕上げ Grade A{i} ");
        }

        return text.Append("X1Y2Z3").Append(new string('W', 54)).ToString();
    }
}
