using System.Text;
using Microsoft.Playwright;
using WebEdi.Testing;

namespace WebEdi.BrowserTests;

/// <summary>
/// An office PC's screen (1366×768) in Chromium, in Japanese and in English: the inbox, an order, the answer form and the
/// CSV preview fit the width, every control has a name a screen reader can say, and a clerk can answer an order with the
/// keyboard alone. The screenshots (artifacts/screen-*.png) are for people to look at.
/// </summary>
public sealed class Reading_the_portal_at_1366x768(Reading_the_portal_at_1366x768.Server fixture) : IClassFixture<Reading_the_portal_at_1366x768.Server>
{
    private const string Password = "demo-passphrase-2026";

    public sealed class Server : IAsyncLifetime
    {
        public WebEdiServer Portal { get; private set; } = null!;

        public async Task InitializeAsync() =>
            Portal = await WebEdiServer.StartAsync(new Dictionary<string, string?> { ["WebEdi:Demo:Seed"] = "true", ["WebEdi:Demo:OrderCount"] = "150" });

        public async Task DisposeAsync() => await Portal.DisposeAsync();
    }

    [Theory]
    [InlineData("ja", "admin@sakura-seimitsu.example")]
    [InlineData("en", "operator@midori-kako.example")]
    public async Task The_main_pages_fit_the_screen_and_name_every_control(string language, string email)
    {
        var page = await SignedInPageAsync(email);
        if (language == "en")
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
            await page.WaitForSelectorAsync("html[lang=en]", new() { State = WaitForSelectorState.Attached });
        }

        await page.GotoAsync(Url("/Orders?Filter.Tab=All"));
        await AssertReadableAsync(page, $"screen-{language}-inbox");

        await page.GotoAsync(Url("/Orders?Filter.Tab=Awaiting&Filter.Sort=OrderNumber&Filter.Descending=true"));
        await page.Locator("table.orders tbody tr td:nth-child(2) a").First.ClickAsync();
        await page.WaitForSelectorAsync("#answer-form");
        await AssertReadableAsync(page, $"screen-{language}-order");

        // The answer form as a clerk leaves it after a mistake: a split delivery open, the problem beside its line.
        var line = page.Locator("tbody.line").Filter(new() { Has = page.Locator("fieldset.answer") }).First;
        await line.Locator("input[type=radio][value=Change]").CheckAsync();
        await line.Locator("details.deliveries summary").ClickAsync();
        await line.Locator("details.deliveries li").Nth(0).Locator("input[type=date]").FillAsync("2027-01-08");
        await line.Locator("details.deliveries li").Nth(0).Locator("input[type=number]").FillAsync("1");
        await page.Locator("#answer-form button[type=submit]").ClickAsync();
        await page.WaitForSelectorAsync("ul.field-error");
        await page.Locator("ul.field-error").First.ScrollIntoViewIfNeededAsync();
        await AssertReadableAsync(page, $"screen-{language}-answer-form");

        await page.GotoAsync(Url("/Orders/Upload"));
        await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "回答.csv", MimeType = "text/csv", Buffer = await FilledTemplateAsync(page) });
        await page.Locator("form.csv-form button.primary").ClickAsync();
        await page.WaitForSelectorAsync("section.csv-preview");
        await AssertReadableAsync(page, $"screen-{language}-csv-preview");
        await page.CloseAsync();
    }

    [Fact]
    public async Task A_clerk_answers_an_order_with_the_keyboard_alone()
    {
        var page = await SignedInPageAsync("operator@sakura-seimitsu.example");
        await page.GotoAsync(Url("/Orders?Filter.Tab=Awaiting&Filter.Sort=OrderNumber"));
        var number = (await page.Locator("table.orders tbody tr td:nth-child(2) a").First.InnerTextAsync()).Trim();

        await TabToAsync(page, "table.orders tbody tr:first-child td:nth-child(2) a");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("#answer-form");
        await TabToAsync(page, "fieldset.answer input[type=radio]");
        await page.Keyboard.PressAsync("ArrowRight");
        Assert.Equal("Accept", await page.EvaluateAsync<string>("document.activeElement.value"));
        await TabToAsync(page, "#answer-form button[type=submit]");
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForSelectorAsync(".notice");
        Assert.Contains(number, await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("明細の回答を送信しました", await page.Locator(".notice").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("受諾", await page.Locator("tbody.line").First.Locator("tr").First.Locator("td").Last.InnerTextAsync(), StringComparison.Ordinal);
        await page.CloseAsync();
    }

    [Fact]
    public async Task The_header_buttons_switch_the_language_both_ways_and_sign_out()
    {
        var page = await SignedInPageAsync("admin@fuji-hatsujo.example");

        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await page.WaitForSelectorAsync("html[lang=en]", new() { State = WaitForSelectorState.Attached });
        Assert.Equal("Orders", (await page.Locator("h1").InnerTextAsync()).Trim());
        await page.GetByRole(AriaRole.Button, new() { Name = "日本語" }).ClickAsync();
        await page.WaitForSelectorAsync("html[lang=ja]", new() { State = WaitForSelectorState.Attached });
        Assert.Equal("注文一覧", (await page.Locator("h1").InnerTextAsync()).Trim());
        await page.GetByRole(AriaRole.Button, new() { Name = "サインアウト" }).ClickAsync();
        await page.WaitForSelectorAsync("header a[href='/Account/Login']");

        await page.GotoAsync(Url("/Orders"));
        Assert.Contains("/Account/Login", page.Url, StringComparison.Ordinal);
        await page.CloseAsync();
    }

    /// <summary>Presses Tab until the focused element matches <paramref name="selector"/>, and checks that focus can be seen.</summary>
    private static async Task TabToAsync(IPage page, string selector)
    {
        for (var presses = 0; presses < 400; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) ?? false", selector))
            {
                Assert.NotEqual("none", await page.EvaluateAsync<string>("getComputedStyle(document.activeElement).outlineStyle"));
                return;
            }
        }

        throw new InvalidOperationException($"Tab never reached {selector}.");
    }

    /// <summary>No sideways scrolling at 1366 px, every control named; then the screenshot.</summary>
    private static async Task AssertReadableAsync(IPage page, string screenshot)
    {
        await Chromium.ScreenshotAsync(page, screenshot);
        await Chromium.ScreenshotAsync(page, screenshot + "-first-screen", fullPage: false);
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"),
            $"{screenshot}: the page is wider than the screen ({await page.EvaluateAsync<int>("document.documentElement.scrollWidth")} px).");
        var unnamed = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('input:not([type=hidden]), select, textarea, button, a[href], summary')]
              .filter(e => {
                const labelled = e.labels && [...e.labels].some(l => l.textContent.trim().length > 0);
                const byId = e.getAttribute('aria-labelledby')?.split(' ').some(id => document.getElementById(id)?.textContent.trim());
                const own = ['BUTTON', 'A', 'SUMMARY'].includes(e.tagName) && e.textContent.trim().length > 0;
                return !(labelled || byId || own || e.getAttribute('aria-label') || e.getAttribute('title'));
              })
              .map(e => e.outerHTML.slice(0, 160))
            """);
        Assert.True(unnamed.Length == 0, $"{screenshot}: controls without a name: {string.Join(" | ", unnamed)}");
    }

    /// <summary>The answer template, downloaded with the page's own session: the first order accepted, one line with a mistake.</summary>
    private async Task<byte[]> FilledTemplateAsync(IPage page)
    {
        var response = await page.Context.APIRequest.GetAsync(Url("/Orders/Csv/Download?handler=Template&encoding=Utf8"));
        var lines = Encoding.UTF8.GetString(await response.BodyAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        int Column(string name) => Array.IndexOf(header, name);
        var orders = lines.Skip(1).Select(l => l.Split(',')).GroupBy(c => c[Column("注文番号")]).Take(3).ToList();
        var rows = new List<string> { lines[0] };
        foreach (var (order, index) in orders.Select((o, i) => (o, i)))
        {
            foreach (var cells in order)
            {
                cells[Column("回答区分")] = index == 2 ? "保留" : "受諾";
                rows.Add(string.Join(',', cells));
            }
        }

        return Encoding.UTF8.GetBytes(string.Join("\r\n", rows) + "\r\n");
    }

    private string Url(string path) => new Uri(fixture.Portal.BaseAddress, path).ToString();

    private async Task<IPage> SignedInPageAsync(string email)
    {
        var page = await Chromium.NewPageAsync();
        await page.GotoAsync(Url("/Account/Login"));
        await page.GetByLabel("メールアドレス").FillAsync(email);
        await page.GetByLabel("パスワード").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "サインイン" }).ClickAsync();
        try
        {
            await page.WaitForURLAsync("**/Orders", new() { Timeout = 10_000 });
        }
        catch (TimeoutException)
        {
            await Chromium.ScreenshotAsync(page, $"sign-in-failed-{email}");
            throw;
        }

        return page;
    }
}
