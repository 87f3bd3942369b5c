using WebEdi.Testing;

namespace WebEdi.BrowserTests;

/// <summary>The first thing a newcomer sees after the run command, in a real Chromium at an office PC's 1366×768.</summary>
public sealed class Home_page
{
    [Fact]
    public async Task Shows_what_WebEdi_is_in_Japanese_and_that_the_instance_is_running()
    {
        await using var server = await WebEdiServer.StartAsync();
        var page = await Chromium.NewPageAsync();

        var response = await page.GotoAsync(server.BaseAddress.ToString());

        Assert.Equal(200, response!.Status);
        Assert.Equal("ja", await page.GetAttributeAsync("html", "lang"));
        Assert.Contains("発注から納品まで", await page.InnerTextAsync("h1"), StringComparison.Ordinal);
        Assert.Equal("稼働中", (await page.InnerTextAsync(".status-list dd")).Trim());
        Assert.Equal("rgb(247, 249, 251)", await page.EvaluateAsync<string>("getComputedStyle(document.documentElement).backgroundColor"));
        await Chromium.ScreenshotAsync(page, "home-page");
        await page.Context.CloseAsync();
    }
}
