using Microsoft.Playwright;
using WebEdi.Testing;

namespace WebEdi.BrowserTests;

/// <summary>A supplier admin turns on an authenticator app and signs in with it, in Chromium at 1366×768.</summary>
public sealed class Signing_in_with_two_factor
{
    private const string Email = "admin@midori-kako.example";
    private const string Password = "demo-passphrase-2026";

    [Fact]
    public async Task An_admin_sets_up_an_authenticator_and_the_next_sign_in_asks_for_its_code()
    {
        await using var server = await WebEdiServer.StartAsync(new Dictionary<string, string?> { ["WebEdi:Demo:Seed"] = "true", ["WebEdi:Demo:OrderCount"] = "20" });
        var page = await Chromium.NewPageAsync();
        await SignInWithPasswordAsync(page, server);
        await page.WaitForURLAsync("**/Orders");

        await page.GotoAsync(new Uri(server.BaseAddress, "/Account/Manage/TwoFactor").ToString());
        var key = (await page.Locator("code.shared-key").InnerTextAsync()).Trim();
        Assert.True(await page.Locator("img[src^='data:image/png']").IsVisibleAsync(), "the QR code is shown");
        await Chromium.ScreenshotAsync(page, "two-factor-setup");
        await page.Locator("input[name=Code]").FillAsync(Authenticator.Now(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "確認して有効にする" }).ClickAsync();
        Assert.Equal(10, await page.Locator("li code").CountAsync());
        await Chromium.ScreenshotAsync(page, "two-factor-recovery-codes");

        await page.GetByRole(AriaRole.Button, new() { Name = "サインアウト" }).First.ClickAsync();
        await SignInWithPasswordAsync(page, server);
        await page.WaitForURLAsync("**/Account/LoginWith2fa**");
        await Chromium.ScreenshotAsync(page, "two-factor-sign-in");
        await page.Locator("input[name=Code]").FillAsync("000000");
        await page.GetByRole(AriaRole.Button, new() { Name = "サインイン" }).Last.ClickAsync();
        Assert.Contains("/Account/LoginWith2fa", page.Url, StringComparison.Ordinal);

        // The set-up code was used once; the next time step's code is the one an app would show now.
        await page.Locator("input[name=Code]").FillAsync(Authenticator.Next(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "サインイン" }).Last.ClickAsync();
        await page.WaitForURLAsync("**/Orders");
        Assert.Equal("注文一覧", (await page.Locator("h1").InnerTextAsync()).Trim());
        await page.CloseAsync();
    }

    private static async Task SignInWithPasswordAsync(IPage page, WebEdiServer server)
    {
        await page.GotoAsync(new Uri(server.BaseAddress, "/Account/Login").ToString());
        await page.GetByLabel("メールアドレス").FillAsync(Email);
        await page.GetByLabel("パスワード", new() { Exact = true }).FillAsync(Password);
        await page.Locator("#main form button.primary").ClickAsync();
    }
}
