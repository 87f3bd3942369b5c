using WebEdi.Testing;

namespace WebEdi.IntegrationTests.Portal.Exchange;

/// <summary>
/// The exchange pages in real Chromium at 1366×768, the laptop screen of a purchasing office: set up and run without
/// JavaScript help, no page wider than the window. Screenshots go to artifacts/exchange/ for a person to look at.
/// </summary>
[Collection(ExchangeGroup.Name)]
public sealed class Showing_the_exchange_pages(ExchangePortal fixture)
{
    [Fact]
    public async Task Fit_a_1366_wide_screen_with_history_and_the_whole_profile_form()
    {
        var (buyer, session) = await fixture.NewBuyerAsync();
        session.Dispose();
        var page = await Chromium.NewPageAsync();
        try
        {
            var baseUrl = fixture.Portal.BaseAddress.ToString().TrimEnd('/');
            await page.GotoAsync(baseUrl + "/Account/Login");
            await page.FillAsync("#Email", $"{buyer.Code.ToLowerInvariant()}@example.com");
            await page.FillAsync("#Password", PortalServer.Password);
            await page.ClickAsync("button.primary");
            await page.GotoAsync(baseUrl + "/Exchange");
            await page.ClickAsync("form[action*='profile=standard'] button");
            var folder = await page.TextContentAsync("#folder-inbound");
            Directory.CreateDirectory(folder!);
            const string header = ExchangePortal.StandardHeader;
            await File.WriteAllBytesAsync(Path.Combine(folder!, "orders-20270105.csv"), ExchangePortal.Utf8WithBom(
                $"{header}\r\nPO-SHOT-1,1,{ExchangePortal.SupplierCode},2027-01-05,JPY,本社工場 第1受入場,,,1,TM-B-6203,,深溝玉軸受 6203ZZ,,200,個,185.5,37100,10,2027-01-15,,\r\n"));
            await File.WriteAllBytesAsync(Path.Combine(folder!, "orders-20270106.csv"), ExchangePortal.Utf8WithBom(
                $"{header}\r\nPO-SHOT-2,1,{ExchangePortal.SupplierCode},2027-01-06,JPY,本社工場 第1受入場,,,1,TM-B-6203,,深溝玉軸受 6203ZZ,,two hundred,個,185.5,,10,2027-01-15,,\r\n"));
            await page.ClickAsync("form[action*='handler=Run'] button");
            // Until both files' runs are over: a run is listed while it is still under way.
            for (var i = 0; i < 60 && await page.Locator("tr[data-direction=Inbound]:not([data-status=Running])").CountAsync() < 2; i++)
            {
                await Task.Delay(500);
                await page.ReloadAsync();
            }

            var succeeded = await page.Locator("tr[data-direction=Inbound][data-status=Succeeded]").CountAsync();
            var rejected = await page.Locator("tr[data-direction=Inbound][data-status=Rejected] a.report-link").CountAsync();
            var index = await Chromium.ScreenshotAsync(page, "exchange/index");
            var indexWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            await page.ClickAsync("a[href='/Exchange/Profile']");
            var profile = await Chromium.ScreenshotAsync(page, "exchange/profile");
            await Chromium.ScreenshotAsync(page, "exchange/profile-first-screen", fullPage: false);
            await page.EvaluateAsync("document.querySelector('#Form_InboundCodes').scrollIntoView()");
            await Chromium.ScreenshotAsync(page, "exchange/profile-code-maps", fullPage: false);
            var profileWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");

            Assert.Equal((1, 1), (succeeded, rejected));
            Assert.True(indexWidth <= 1366, $"/Exchange is {indexWidth} px wide ({index})");
            Assert.True(profileWidth <= 1366, $"/Exchange/Profile is {profileWidth} px wide ({profile})");
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
