using System.Net;
using Microsoft.EntityFrameworkCore;
using WebEdi.Data.Exchange;
using WebEdi.Domain.Users;

namespace WebEdi.IntegrationTests.Portal.Exchange;

/// <summary>
/// Only a buyer's company admins see its nightly exchange, and only their own buyer's: suppliers and buyer operators
/// are refused, another buyer's run is not found. The page speaks English when the user does.
/// </summary>
[Collection(ExchangeGroup.Name)]
public sealed class Exchange_pages_access(ExchangePortal fixture)
{
    [Theory]
    [InlineData("/Exchange")]
    [InlineData("/Exchange/Profile")]
    [InlineData("/Exchange?handler=Export")]
    public async Task A_supplier_admin_and_a_buyer_operator_are_refused(string path)
    {
        using var supplier = await fixture.Portal.SignInAsync(PortalServer.SakuraAdmin);
        using var operatorSession = await fixture.NewUserAsync("TOKAI-MOTOR", UserRole.Operator);
        using var admin = await fixture.Portal.SignInAsync(ExchangePortal.TokaiAdmin);

        foreach (var session in new[] { supplier, operatorSession })
        {
            var refused = await session.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, refused.Status);
            Assert.StartsWith("/Account/AccessDenied", new Uri(fixture.Portal.BaseAddress, refused.Location).AbsolutePath, StringComparison.Ordinal);
            Assert.Null((await session.GetAsync("/Account/Manage")).Document.QuerySelector("nav.site-nav a[href='/Exchange']"));
        }

        var run = await operatorSession.PostAsync("/Exchange?handler=Run", await operatorSession.GetAsync("/Account/Manage"));
        Assert.Equal(HttpStatusCode.Redirect, run.Status);
        Assert.StartsWith("/Account/AccessDenied", new Uri(fixture.Portal.BaseAddress, run.Location).AbsolutePath, StringComparison.Ordinal);
        Assert.Equal("夜間ファイル連携", (await admin.GetAsync("/Account/Manage")).Document.QuerySelector("nav.site-nav a[href='/Exchange']")!.TextContent);
    }

    [Fact]
    public async Task Another_buyers_run_and_its_error_report_are_not_found()
    {
        await using var db = fixture.Portal.OpenDatabase();
        var tokai = await db.Companies.Where(c => c.Code == "TOKAI-MOTOR").Select(c => c.Id).SingleAsync();
        var rejected = ExchangeRun.Start(tokai, ExchangeDirection.Inbound, ExchangeTrigger.Command, dryRun: false, "test", DateTime.UtcNow);
        rejected.ForFile("orders-0105.csv", null);
        rejected.Reject(1, ExchangePortal.Utf8WithBom("行,列,内容\r\n2,数量,数量が数値ではありません\r\n"), "1 error", DateTime.UtcNow);
        db.ExchangeRuns.Add(rejected);
        await db.SaveChangesAsync();
        using var owner = await fixture.Portal.SignInAsync(ExchangePortal.TokaiAdmin);
        using var other = await fixture.Portal.SignInAsync(ExchangePortal.KansaiAdmin);

        var own = await owner.GetRawAsync($"/Exchange?handler=Report&run={rejected.Id}");
        var foreign = await other.GetRawAsync($"/Exchange?handler=Report&run={rejected.Id}");
        var unknown = await owner.GetRawAsync($"/Exchange?handler=Report&run={Guid.NewGuid()}");
        var otherPage = await other.GetAsync("/Exchange");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("orders-0105.errors.csv", own.Content.Headers.ContentDisposition!.FileNameStar ?? own.Content.Headers.ContentDisposition.FileName);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.DoesNotContain("orders-0105", otherPage.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("TOKAI-MOTOR", otherPage.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_English_pages_have_English_labels()
    {
        var (_, session) = await fixture.NewBuyerAsync();
        using var _ = session;
        var empty = await session.GetAsync("/Exchange");
        await session.PostAsync("/Account/Language", empty, ("language", "en"), ("returnUrl", "/Exchange"));

        var start = await session.GetAsync("/Exchange");
        var page = await ExchangePortal.StartAsync(session, "standard");
        var profile = await session.GetAsync("/Exchange/Profile");

        Assert.Equal("Nightly file exchange", start.Document.QuerySelector("h1")!.TextContent);
        Assert.Equal("Nightly file exchange", start.Document.QuerySelector("nav.site-nav a[href='/Exchange']")!.TextContent);
        Assert.Contains("Start with", start.Document.QuerySelector("form[action*='handler=Start'] button")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Daily at 02:00", page.Document.QuerySelector("#exchange-schedule")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Run now", page.Document.QuerySelector("form[action*='handler=Run'] button")!.TextContent);
        Assert.Equal("Export the profile", page.Document.QuerySelector("a[href='/Exchange?handler=Export']")!.TextContent);
        Assert.Equal("Edit the profile", profile.Document.QuerySelector("h1")!.TextContent);
        Assert.Equal("Schedule (cron expression)", profile.Document.QuerySelector("label[for=Form_Schedule]")!.TextContent);
        Assert.Contains("orderNumber — ", profile.Document.QuerySelector("#Form_InboundColumns_0__Field option[selected]")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"[\u3040-\u30ff]", string.Join(" ", profile.Document.QuerySelectorAll("label, legend, caption, th").Select(e => e.TextContent)));
    }
}
