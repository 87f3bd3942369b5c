using System.Globalization;
using Microsoft.Playwright;
using WebEdi.Testing;

namespace WebEdi.BrowserTests;

/// <summary>A supplier's clerk at 1366×768 in Chromium: the inbox, a split delivery, and two people answering at once.</summary>
public sealed class Answering_orders(Answering_orders.Server fixture) : IClassFixture<Answering_orders.Server>
{
    private const string Password = "demo-passphrase-2026";
    private const string Sakura = "admin@sakura-seimitsu.example";

    public sealed class Server : IAsyncLifetime
    {
        public WebEdiServer Portal { get; private set; } = null!;

        public async Task InitializeAsync() =>
            Portal = await WebEdiServer.StartAsync(new Dictionary<string, string?> { ["WebEdi:Demo:Seed"] = "true", ["WebEdi:Demo:OrderCount"] = "150" });

        public async Task DisposeAsync() => await Portal.DisposeAsync();
    }

    [Fact]
    public async Task The_inbox_filters_by_buyer_and_shows_counts_per_tab()
    {
        var page = await SignedInPageAsync();

        await page.GotoAsync(Url("/Orders"));
        await Chromium.ScreenshotAsync(page, "orders-inbox");
        var buyer = page.GetByLabel("発注元");
        await buyer.SelectOptionAsync(new SelectOptionValue { Label = (await buyer.Locator("option").Nth(2).InnerTextAsync()).Trim() });
        var chosen = (await buyer.Locator("option:checked").InnerTextAsync()).Split(" (")[0];
        await page.GetByRole(AriaRole.Button, new() { Name = "検索" }).ClickAsync();

        var buyers = await page.Locator("table.orders tbody tr td:nth-child(3)").AllInnerTextsAsync();
        Assert.NotEmpty(buyers);
        Assert.All(buyers, b => Assert.Equal(chosen, b.Trim()));
        Assert.Matches(@"^未回答 \d+$", (await page.Locator(".tab.current").InnerTextAsync()).Trim());
        await Chromium.ScreenshotAsync(page, "orders-inbox-filtered");
        await page.CloseAsync();
    }

    [Fact]
    public async Task A_line_is_answered_with_a_split_delivery_that_adds_up_to_the_ordered_quantity()
    {
        var page = await SignedInPageAsync();
        await OpenFirstAwaitingOrderAsync(page);
        var line = page.Locator("tbody.line").Filter(new() { Has = page.Locator("fieldset.answer") }).First;
        var quantity = Quantity(await line.Locator("tr").First.Locator("td").Nth(1).InnerTextAsync());

        await line.GetByLabel("条件付き受諾").CheckAsync();
        await line.Locator("details.deliveries summary").ClickAsync();
        var rows = line.Locator("details.deliveries li");
        await rows.Nth(0).GetByLabel("納期").FillAsync("2027-01-08");
        await rows.Nth(0).GetByLabel("数量").FillAsync((quantity - 1).ToString(CultureInfo.InvariantCulture));
        await rows.Nth(1).GetByLabel("納期").FillAsync("2027-01-15");
        await rows.Nth(1).GetByLabel("数量").FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "回答を送信" }).ClickAsync();

        // One too many: refused, said beside the line, nothing sent.
        Assert.Contains("分納数量の合計が注文数量と一致しません", await page.Locator("ul.field-error").First.InnerTextAsync(), StringComparison.Ordinal);
        await Chromium.ScreenshotAsync(page, "order-answer-refused");

        line = page.Locator("tbody.line").Filter(new() { Has = page.Locator("ul.field-error") }).First;
        await line.Locator("details.deliveries li").Nth(1).GetByLabel("数量").FillAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "回答を送信" }).ClickAsync();

        Assert.Contains("明細の回答を送信しました", await page.Locator(".notice").InnerTextAsync(), StringComparison.Ordinal);
        var answered = await page.Locator("tbody.line").Filter(new() { HasText = "分納 2027/01/15" }).First.InnerTextAsync();
        Assert.Contains("条件付き受諾", answered, StringComparison.Ordinal);
        Assert.Contains("分納 2027/01/08", answered, StringComparison.Ordinal);
        await Chromium.ScreenshotAsync(page, "order-detail-answered");
        await page.CloseAsync();
    }

    [Fact]
    public async Task Two_people_answering_the_same_order_the_second_is_told_and_nothing_is_lost()
    {
        var first = await SignedInPageAsync();
        var second = await SignedInPageAsync();
        var url = await OpenFirstAwaitingOrderAsync(first);
        await second.GotoAsync(url);

        await first.Locator("fieldset.answer").First.GetByLabel("受諾", new() { Exact = true }).CheckAsync();
        await first.GetByRole(AriaRole.Button, new() { Name = "回答を送信" }).ClickAsync();
        await second.Locator("fieldset.answer").First.GetByLabel("辞退", new() { Exact = true }).CheckAsync();
        await second.Locator("fieldset.answer").First.GetByLabel("辞退理由").SelectOptionAsync("OutOfStock");
        await second.GetByRole(AriaRole.Button, new() { Name = "回答を送信" }).ClickAsync();

        Assert.Contains("他の方（または発注元）が更新しました", await second.Locator(".form-errors").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("受諾", await second.Locator("tbody.line").First.Locator("tr").First.Locator("td").Last.InnerTextAsync(), StringComparison.Ordinal);
        await Chromium.ScreenshotAsync(second, "order-answer-conflict");
        await first.CloseAsync();
        await second.CloseAsync();
    }

    private string Url(string path) => new Uri(fixture.Portal.BaseAddress, path).ToString();

    private async Task<IPage> SignedInPageAsync()
    {
        var page = await Chromium.NewPageAsync();
        await page.GotoAsync(Url("/Account/Login"));
        await page.GetByLabel("メールアドレス").FillAsync(Sakura);
        await page.GetByLabel("パスワード").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "サインイン" }).ClickAsync();
        try
        {
            await page.WaitForURLAsync("**/Orders", new() { Timeout = 10_000 });
        }
        catch (TimeoutException)
        {
            await Chromium.ScreenshotAsync(page, "sign-in-failed");
            throw;
        }
        return page;
    }

    /// <summary>Opens an order of the "awaiting answer" tab nobody has touched in this run; returns its URL.</summary>
    private static readonly HashSet<string> Taken = [];

    private async Task<string> OpenFirstAwaitingOrderAsync(IPage page)
    {
        await page.GotoAsync(Url("/Orders?Filter.Tab=Awaiting&Filter.Sort=OrderNumber"));
        foreach (var link in await page.Locator("table.orders tbody tr td:nth-child(2) a").AllAsync())
        {
            var href = await link.GetAttributeAsync("href");
            lock (Taken)
            {
                if (!Taken.Add(href!))
                {
                    continue;
                }
            }

            await page.GotoAsync(Url(href!));
            return page.Url;
        }

        throw new InvalidOperationException("No order awaiting an answer in the demo data.");
    }

    private static decimal Quantity(string cell) =>
        decimal.Parse(cell.Trim().Split(' ')[0], NumberStyles.Number, CultureInfo.InvariantCulture);
}
