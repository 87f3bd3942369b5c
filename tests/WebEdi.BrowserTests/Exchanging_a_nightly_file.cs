using Microsoft.Playwright;
using WebEdi.Documents.Csv;
using WebEdi.Testing;

namespace WebEdi.BrowserTests;

/// <summary>
/// The demo's night in Chromium: TOKAI-MOTOR's ERP left a Shift_JIS order file in its inbound folder; the exchange
/// imports it, SAKURA-SEIMITSU's clerk finds the order in the inbox and accepts it, and the next exchange writes the
/// answers file the ERP reads in the morning.
/// </summary>
public sealed class Exchanging_a_nightly_file
{
    private const string Password = "demo-passphrase-2026";
    private const string Sakura = "admin@sakura-seimitsu.example";

    [Fact]
    public async Task The_demo_order_file_is_imported_answered_in_the_browser_and_exported_for_the_erp()
    {
        await using var server = await WebEdiServer.StartAsync(new Dictionary<string, string?>
        {
            ["WebEdi:Demo:Seed"] = "true",
            ["WebEdi:Demo:OrderCount"] = "0",
            ["WebEdi:Roles"] = "web,orders",
        });
        var settings = new Dictionary<string, string?> { ["WebEdi:Demo:Seed"] = "true", ["WebEdi:Demo:OrderCount"] = "0" };
        var folder = Path.Combine(server.DataDirectory, "exchange", "TOKAI-MOTOR", "nightly");
        Assert.Contains("japanese-erp-orders.csv", Directory.GetFiles(Path.Combine(folder, "in")).Select(Path.GetFileName));

        var imported = await WebEdiServer.RunAsync(settings, server.DataDirectory, "exchange", "run", "--buyer", "TOKAI-MOTOR", "--in");
        Assert.True(imported.ExitCode == 0, imported.StandardOutput + imported.StandardError);

        var page = await Chromium.NewPageAsync();
        await page.GotoAsync(new Uri(server.BaseAddress, "/Account/Login").ToString());
        await page.GetByLabel("メールアドレス").FillAsync(Sakura);
        await page.GetByLabel("パスワード").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "サインイン" }).ClickAsync();
        await page.WaitForURLAsync("**/Orders", new() { Timeout = 10_000 });
        await page.GetByRole(AriaRole.Link, new() { Name = "PO-2027-000101" }).ClickAsync();
        await Chromium.ScreenshotAsync(page, "exchange-imported-order");
        Assert.Contains("深溝玉軸受 6203ZZ", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { Name = "未回答の明細をすべて受諾" }).ClickAsync();
        Assert.Contains("3 明細の回答を送信しました", await page.Locator(".notice").InnerTextAsync(), StringComparison.Ordinal);
        await page.CloseAsync();

        var exported = await WebEdiServer.RunAsync(settings, server.DataDirectory, "exchange", "run", "--buyer", "TOKAI-MOTOR", "--out");
        Assert.True(exported.ExitCode == 0, exported.StandardOutput + exported.StandardError);
        var answers = Assert.Single(Directory.GetFiles(Path.Combine(folder, "out"), "KAITO_*.csv"));
        var lines = CsvEncodings.Strict(CsvEncoding.ShiftJis).GetString(await File.ReadAllBytesAsync(answers)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        // Header, the order's three lines accepted (record type D, answer code 1, by the clerk), and the trailer with the count.
        Assert.Equal(5, lines.Length);
        foreach (var line in lines[1..4])
        {
            var fields = line.Split(',').Select(f => f.Trim('"')).ToArray();
            Assert.Equal(["D", "PO-2027-000101"], fields[..2]);
            Assert.Equal("1", fields[5]);
            Assert.Equal("佐藤 花子", fields[11]);
        }

        Assert.Matches("^\"?E\"?,\"?3\"?", lines[4]);
    }
}
