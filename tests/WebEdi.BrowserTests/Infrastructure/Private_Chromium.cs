using WebEdi.Testing;

namespace WebEdi.BrowserTests.Infrastructure;

/// <summary>The Debian Chromium the browser tests drive: Japanese pages, a Japanese locale, screenshots in artifacts/.</summary>
public sealed class Private_Chromium
{
    [Fact]
    public async Task Renders_a_Japanese_page_and_saves_a_screenshot_to_artifacts()
    {
        var page = await Chromium.NewPageAsync();
        await page.SetContentAsync("<html lang=ja><body><h1>納品書</h1></body></html>");

        Assert.Equal("納品書", await page.InnerTextAsync("h1"));
        Assert.Equal("ja-JP", await page.EvaluateAsync<string>("navigator.language"));

        var screenshot = await Chromium.ScreenshotAsync(page, "infrastructure-chromium");
        Assert.Equal(Path.Combine(Chromium.ArtifactsDirectory, "infrastructure-chromium.png"), screenshot);
        byte[] pngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G'];
        Assert.Equal(pngSignature, (await File.ReadAllBytesAsync(screenshot))[..4]);
        await page.CloseAsync();
    }
}
