using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WebEdi.Testing;

namespace WebEdi.BrowserTests;

/// <summary>
/// A supplier's clerk at 1366×768 in Chromium ships part of an answered order, prints the delivery note set, and finds
/// the print in the shipment's history and the shipment in the list.
/// </summary>
public sealed partial class Shipping_an_order(Shipping_an_order.Server fixture) : IClassFixture<Shipping_an_order.Server>
{
    private const string Password = "demo-passphrase-2026";
    private const string Clerk = "operator@sakura-seimitsu.example";

    public sealed class Server : IAsyncLifetime
    {
        public WebEdiServer Portal { get; private set; } = null!;

        public async Task InitializeAsync() =>
            Portal = await WebEdiServer.StartAsync(new Dictionary<string, string?> { ["WebEdi:Demo:Seed"] = "true", ["WebEdi:Demo:OrderCount"] = "150" });

        public async Task DisposeAsync() => await Portal.DisposeAsync();
    }

    [Fact]
    public async Task A_partial_quantity_is_shipped_and_its_delivery_note_printed()
    {
        var page = await SignedInPageAsync();
        await OpenAnAnsweredOrderAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "出荷を作成" }).ClickAsync();
        await page.WaitForURLAsync("**/Shipments/Create?order=*");
        var form = page.Locator("form.shipment-form").First;
        var row = form.Locator("tbody tr").First;
        var open = Quantity(await row.Locator("td").Nth(7).InnerTextAsync());
        Assert.Equal(open, Quantity(await row.Locator("input.quantity").InputValueAsync()));
        Assert.True(await row.Locator("input[type=checkbox]").IsCheckedAsync());
        await Chromium.ScreenshotAsync(page, "shipment-create");

        var partial = Math.Max(1, decimal.Floor(open / 3));
        await row.Locator("input.quantity").FillAsync(partial.ToString(CultureInfo.InvariantCulture));
        await form.GetByRole(AriaRole.Button, new() { Name = "出荷を登録" }).ClickAsync();
        await page.WaitForURLAsync(ShipmentPage());

        Assert.Contains("出荷を登録しました", await page.Locator(".notice").InnerTextAsync(), StringComparison.Ordinal);
        var number = (await page.Locator("dl.order-header dd.code").InnerTextAsync()).Trim();
        var shipped = page.Locator("table.shipment-detail-lines tbody tr").First;
        Assert.StartsWith(PortalQuantity(partial) + " ", (await shipped.Locator("td").Nth(4).InnerTextAsync()).Trim(), StringComparison.Ordinal);
        await Chromium.ScreenshotAsync(page, "shipment-detail");

        // The note opens in a new tab as a PDF; Chromium's PDF viewer is what the clerk prints from.
        var pdf = await PrintAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "納品書を印刷" }).ClickAsync());
        var path = Path.Combine(Chromium.ArtifactsDirectory, "shipment-delivery-note.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        var text = PdfText.Flat(await PdfTools.TextAsync(path));
        Assert.Contains(number, text, StringComparison.Ordinal);
        Assert.Contains($" {PortalQuantity(partial)} ", text, StringComparison.Ordinal);
        Assert.Equal([number], await PdfTools.ScanDeliveryNoteBarcodeAsync(path, 1, Path.Combine(Chromium.ArtifactsDirectory, "shipment-delivery-note-barcode")));
        await PdfTools.RenderAsync(path, Path.Combine(Chromium.ArtifactsDirectory, "shipment-delivery-note"), dpi: 100, firstPage: 2, lastPage: 2);

        await page.ReloadAsync();
        var history = await page.Locator("table.print-history tbody tr").AllInnerTextsAsync();
        Assert.Single(history);
        Assert.Contains("初回", history[0], StringComparison.Ordinal);
        Assert.Contains("鈴木 健", history[0], StringComparison.Ordinal);
        Assert.Contains("納品書を再発行（1回目）", await page.Locator("form[action*='handler=Print'] button").InnerTextAsync(), StringComparison.Ordinal);
        await Chromium.ScreenshotAsync(page, "shipment-detail-printed");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "メインメニュー" }).GetByRole(AriaRole.Link, new() { Name = "出荷" }).ClickAsync();
        await page.WaitForURLAsync("**/Shipments");
        var first = page.Locator("table.shipments tbody tr").First;
        Assert.Equal(number, (await first.Locator("td").Nth(1).InnerTextAsync()).Trim());
        Assert.Equal("1回", (await first.Locator("td").Nth(8).InnerTextAsync()).Trim());
        await Chromium.ScreenshotAsync(page, "shipments-list");
        await page.CloseAsync();
    }

    [Fact]
    public async Task Ticked_shipments_print_as_one_PDF_from_the_list()
    {
        var page = await SignedInPageAsync();
        await page.GotoAsync(Url("/Shipments?Filter.Status=Shipped"));
        var boxes = page.Locator("table.shipments tbody input[name=selected]");
        var numbers = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            await boxes.Nth(i).CheckAsync();
            numbers.Add((await page.Locator("table.shipments tbody tr").Nth(i).Locator("td").Nth(1).InnerTextAsync()).Trim());
        }

        await Chromium.ScreenshotAsync(page, "shipments-list-ticked");
        var pdf = await PrintAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "選択した納品書を印刷" }).ClickAsync());

        var path = Path.Combine(Chromium.ArtifactsDirectory, "shipments-batch.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        Assert.Equal(9, await PdfTools.PageCountAsync(path));
        var text = await PdfTools.TextAsync(path);
        Assert.All(numbers, n => Assert.Contains(n, text, StringComparison.Ordinal));
        await page.CloseAsync();
    }

    /// <summary>
    /// Clicks a print button (its form opens a new tab) and returns the PDF the server answered. Chromium's PDF viewer
    /// takes over the tab's response, so the request is passed through a route that keeps a copy of the answer.
    /// </summary>
    private static async Task<byte[]> PrintAsync(IPage page, Func<Task> click)
    {
        var answered = new TaskCompletionSource<(int Status, string? Type, byte[] Body)>(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task Pass(IRoute route)
        {
            var response = await route.FetchAsync();
            answered.TrySetResult((response.Status, response.Headers.GetValueOrDefault("content-type"), await response.BodyAsync()));
            await route.FulfillAsync(new() { Response = response });
        }

        await page.Context.RouteAsync("**/*handler=Print*", Pass);
        try
        {
            var popup = await page.RunAndWaitForPopupAsync(click);
            var (status, type, body) = await answered.Task.WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Equal(200, status);
            Assert.Equal("application/pdf", type?.Split(';')[0]);
            await popup.CloseAsync();
            return body;
        }
        finally
        {
            await page.Context.UnrouteAsync("**/*handler=Print*", Pass);
        }
    }

    private string Url(string path) => new Uri(fixture.Portal.BaseAddress, path).ToString();

    private async Task<IPage> SignedInPageAsync()
    {
        var page = await Chromium.NewPageAsync();
        await page.GotoAsync(Url("/Account/Login"));
        await page.GetByLabel("メールアドレス").FillAsync(Clerk);
        await page.GetByLabel("パスワード").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "サインイン" }).ClickAsync();
        await page.WaitForURLAsync("**/Orders", new() { Timeout = 10_000 });
        return page;
    }

    /// <summary>Opens an order every line of which is answered and nothing shipped (回答済) that no test of the class took.</summary>
    private static readonly HashSet<string> Taken = [];

    private async Task OpenAnAnsweredOrderAsync(IPage page)
    {
        await page.GotoAsync(Url("/Orders?Filter.Tab=Answered&Filter.Sort=OrderNumber"));
        foreach (var row in await page.Locator("table.orders tbody tr").AllAsync())
        {
            if ((await row.Locator("td").Nth(7).InnerTextAsync()).Trim() != "回答済")
            {
                continue;
            }

            var href = await row.Locator("td").Nth(1).Locator("a").GetAttributeAsync("href");
            lock (Taken)
            {
                if (!Taken.Add(href!))
                {
                    continue;
                }
            }

            await page.GotoAsync(Url(href!));
            return;
        }

        throw new InvalidOperationException("No answered order in the demo data.");
    }

    private static decimal Quantity(string text) => decimal.Parse(text.Trim().Split(' ')[0], NumberStyles.Number, CultureInfo.InvariantCulture);

    private static string PortalQuantity(decimal quantity) => quantity.ToString("#,0.###", CultureInfo.InvariantCulture);

    private static Regex ShipmentPage() => ShipmentPagePattern();

    [GeneratedRegex(@"/Shipments/[0-9a-f-]{36}$")]
    private static partial Regex ShipmentPagePattern();
}
