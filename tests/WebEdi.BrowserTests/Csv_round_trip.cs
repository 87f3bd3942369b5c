using System.Text;
using Microsoft.Playwright;
using WebEdi.Testing;

namespace WebEdi.BrowserTests;

/// <summary>
/// A clerk answers by CSV in Chromium: downloads the Shift_JIS template, fills it in (as Excel would save it: CP932),
/// uploads it, reads the preview, confirms, and finds the answers on the order page.
/// </summary>
public sealed class Csv_round_trip(Csv_round_trip.Server fixture) : IClassFixture<Csv_round_trip.Server>
{
    private const string Password = "demo-passphrase-2026";
    private const string Sakura = "operator@sakura-seimitsu.example";

    static Csv_round_trip() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public sealed class Server : IAsyncLifetime
    {
        public WebEdiServer Portal { get; private set; } = null!;

        public async Task InitializeAsync() =>
            Portal = await WebEdiServer.StartAsync(new Dictionary<string, string?> { ["WebEdi:Demo:Seed"] = "true", ["WebEdi:Demo:OrderCount"] = "60" });

        public async Task DisposeAsync() => await Portal.DisposeAsync();
    }

    private static Encoding Cp932 => Encoding.GetEncoding(932, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);

    [Fact]
    public async Task The_Shift_JIS_template_filled_in_and_uploaded_answers_the_order()
    {
        var page = await SignedInPageAsync();
        await Chromium.ScreenshotAsync(page, "csv-inbox-actions");
        await page.GetByRole(AriaRole.Link, new() { Name = "CSV で回答" }).ClickAsync();
        await page.GetByLabel("文字コード").First.SelectOptionAsync("ShiftJis");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "回答テンプレートをダウンロード" }).ClickAsync());
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        var lines = Cp932.GetString(await File.ReadAllBytesAsync((await download.PathAsync())!)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        // Answer every line of the first order in the file; leave the rest blank, as a clerk answering one order would.
        var header = lines[0].Split(',');
        int Column(string name) => Array.IndexOf(header, name);
        var first = lines[1].Split(',');
        var orderNumber = first[Column("注文番号")];
        var edited = new List<string> { lines[0] };
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(',');
            if (cells[Column("注文番号")] == orderNumber)
            {
                cells[Column("回答区分")] = "受諾";
                cells[Column("コメント")] = "ＣＳＶで回答〜よろしくお願いします";
            }

            edited.Add(string.Join(',', cells));
        }

        var file = Cp932.GetBytes(string.Join("\r\n", edited).Replace('〜', '～') + "\r\n");
        await page.GetByLabel("CSV ファイル").SetInputFilesAsync(new FilePayload { Name = "回答.csv", MimeType = "text/csv", Buffer = file });
        await page.Locator("#upload-encoding").SelectOptionAsync("ShiftJis");
        await page.GetByRole(AriaRole.Button, new() { Name = "アップロードして確認" }).ClickAsync();

        var answered = edited.Count(l => l.Contains(",受諾,", StringComparison.Ordinal));
        Assert.Equal(answered.ToString(System.Globalization.CultureInfo.InvariantCulture), (await page.Locator(".csv-counts div").Filter(new() { HasText = "受諾" }).First.Locator("dd").InnerTextAsync()).Trim());
        Assert.Equal(0, await page.Locator(".csv-problems").CountAsync());
        Assert.Contains("ＣＳＶで回答～よろしくお願いします", await page.Locator("table.csv-rows").InnerTextAsync(), StringComparison.Ordinal);
        await Chromium.ScreenshotAsync(page, "csv-upload-preview");

        await page.GetByRole(AriaRole.Button, new() { Name = "この内容で登録する" }).ClickAsync();
        Assert.Contains($"1 件の注文の {answered} 明細に回答しました", await page.Locator(".notice").InnerTextAsync(), StringComparison.Ordinal);

        await page.GotoAsync(Url($"/Orders?Filter.Tab=All&Filter.Query={Uri.EscapeDataString(orderNumber)}"));
        await page.Locator("table.orders tbody tr td:nth-child(2) a").First.ClickAsync();
        var body = await page.Locator("tbody.line").First.InnerTextAsync();
        Assert.Contains("受諾", body, StringComparison.Ordinal);
        Assert.Contains("ＣＳＶで回答～よろしくお願いします", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await Chromium.ScreenshotAsync(page, "csv-order-answered");
        await page.CloseAsync();
    }

    [Fact]
    public async Task A_file_with_mistakes_shows_each_one_by_row_and_column_and_offers_no_confirmation()
    {
        var page = await SignedInPageAsync();
        await page.GotoAsync(Url("/Orders/Upload"));
        var file = Encoding.UTF8.GetBytes(
            "発注元コード,注文番号,版数,行番号,回答区分,回答納期,回答単価,分納,辞退理由,コメント\r\n" +
            "TOKAI-MOTOR,PO-DOES-NOT-EXIST,1,1,受諾,,,,,\r\n" +
            "TOKAI-MOTOR,PO-DOES-NOT-EXIST,1,2,保留,,,,,\r\n" +
            "TOKAI-MOTOR,PO-DOES-NOT-EXIST,1,3,条件付き受諾,2027/13/40,,,,\r\n" +
            "TOKAI-MOTOR,PO-DOES-NOT-EXIST,1,4,辞退,,,,,\r\n");
        await page.GetByLabel("CSV ファイル").SetInputFilesAsync(new FilePayload { Name = "mistakes.csv", MimeType = "text/csv", Buffer = file });
        await page.GetByRole(AriaRole.Button, new() { Name = "アップロードして確認" }).ClickAsync();

        var problems = await page.Locator(".csv-problems").InnerTextAsync();
        Assert.Contains("3 行目・回答区分: 「保留」は回答区分ではありません。", problems, StringComparison.Ordinal);
        Assert.Contains("4 行目・回答納期: 「2027/13/40」は日付ではありません。", problems, StringComparison.Ordinal);
        Assert.Contains("5 行目・辞退理由: 「辞退」では辞退理由を入力してください", problems, StringComparison.Ordinal);
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "この内容で登録する" }).CountAsync());
        await Chromium.ScreenshotAsync(page, "csv-upload-preview-errors");
        await page.CloseAsync();
    }

    private string Url(string path) => new Uri(fixture.Portal.BaseAddress, path).ToString();

    private async Task<IPage> SignedInPageAsync()
    {
        var page = await Chromium.NewPageAsync();
        await page.GotoAsync(Url("/Account/Login"));
        await page.GetByLabel("メールアドレス").FillAsync(Sakura);
        await page.GetByLabel("パスワード").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "サインイン" }).ClickAsync();
        await page.WaitForURLAsync("**/Orders", new() { Timeout = 10_000 });
        return page;
    }
}
