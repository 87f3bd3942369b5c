using System.Net;
using Microsoft.EntityFrameworkCore;
using WebEdi.Data.Deliveries;
using WebEdi.Domain.Users;
using WebEdi.IntegrationTests.Portal.Account;
using WebEdi.IntegrationTests.Server;

namespace WebEdi.IntegrationTests.Portal.Deliveries;

/// <summary>
/// A buyer admin's delivery log: its own documents on each channel with their state, filters, one delivery's
/// document and attempts, replays — and nothing of another buyer. Suppliers and the buyer's other roles are refused;
/// the platform operator sees the stuck deliveries of every buyer.
/// </summary>
[Collection(AccountsGroup.Name)]
public sealed class The_delivery_log(AccountServer server)
{
    [Fact]
    public async Task Lists_the_buyers_own_deliveries_with_counts_by_state_and_filters_them()
    {
        var buyer = await BuyerWithDeliveries.CreateAsync(server);
        var other = await BuyerWithDeliveries.CreateAsync(server);
        var deliveries = await buyer.SubmitAsync("PO-LOG-1", "PO-LOG-2", "PO-LOG-3");
        await other.SubmitAsync("PO-OTHER-1");
        await buyer.KillAsync(deliveries[0].Sequence);
        using var session = await server.SignInAsync(buyer.Admin.Email!);

        var all = await session.GetAsync("/Deliveries");
        var dead = await session.GetAsync("/Deliveries?View=Dead");
        var byOrder = await session.GetAsync("/Deliveries?Order=PO-LOG-2");
        var byChannel = await session.GetAsync("/Deliveries?Channel=Webhook");
        var broken = await session.GetAsync("/Deliveries?View=Sideways&p=-3");

        Assert.Equal(HttpStatusCode.OK, all.Status);
        Assert.Equal(["PO-LOG-3", "PO-LOG-2", "PO-LOG-1"], Rows(all).Select(r => r.Cells[2].TextContent));
        Assert.All(Rows(all), r => Assert.Equal("ファイル連携", r.Cells[3].TextContent));
        Assert.DoesNotContain("PO-OTHER-1", all.Text, StringComparison.Ordinal);
        Assert.Equal(["すべて 3", "未配信 0", "再試行中 0", "配信不能 1", "配信済み 2"], Tabs(all));
        var deadRow = Assert.Single(Rows(dead));
        Assert.Contains("配信不能", deadRow.Cells[4].TextContent, StringComparison.Ordinal);
        Assert.Contains("HTTP 500 Internal Server Error.", deadRow.Cells[4].TextContent, StringComparison.Ordinal);
        Assert.Equal("PO-LOG-2", Assert.Single(Rows(byOrder)).Cells[2].TextContent);
        Assert.Empty(Rows(byChannel));
        Assert.Contains("検索条件の一部が正しくないため無視しました", broken.Text, StringComparison.Ordinal);
        Assert.Equal(3, Rows(broken).Count);
    }

    [Fact]
    public async Task Shows_one_delivery_with_its_document_and_attempts_and_another_buyers_is_not_found()
    {
        var buyer = await BuyerWithDeliveries.CreateAsync(server);
        var other = await BuyerWithDeliveries.CreateAsync(server);
        var mine = (await buyer.SubmitAsync("PO-DETAIL-1")).Single();
        var theirs = (await other.SubmitAsync("PO-DETAIL-1")).Single();
        using var session = await server.SignInAsync(buyer.Admin.Email!);

        var page = await session.GetAsync($"/Deliveries/{mine.Sequence}");
        var stranger = await session.GetAsync($"/Deliveries/{theirs.Sequence}");
        var replayTheirs = await session.PostAsync($"/Deliveries/{theirs.Sequence}?handler=Replay", page);
        var missing = await session.GetAsync("/Deliveries/999999999");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(mine.DocumentId.ToString(), page.Text, StringComparison.Ordinal);
        Assert.Contains("\"orderNumber\": \"PO-DETAIL-1\"", page.Document.QuerySelector("pre.document-json")!.TextContent, StringComparison.Ordinal);
        var attempt = Assert.Single(page.Document.QuerySelectorAll("section[aria-labelledby=attempts-title] tbody tr"));
        Assert.Equal("成功", attempt.QuerySelector(".ok")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, stranger.Status);
        Assert.Equal(HttpStatusCode.NotFound, replayTheirs.Status);
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal(0, (await other.DeliveriesAsync()).Single().Replays);
    }

    [Fact]
    public async Task A_dead_document_is_sent_again_with_the_same_id_one_at_a_time_or_all_at_once()
    {
        var buyer = await BuyerWithDeliveries.CreateAsync(server);
        var deliveries = await buyer.SubmitAsync("PO-REPLAY-1", "PO-REPLAY-2", "PO-REPLAY-3");
        foreach (var delivery in deliveries)
        {
            await buyer.KillAsync(delivery.Sequence);
        }

        using var session = await server.SignInAsync(buyer.Admin.Email!);
        var detail = await session.GetAsync($"/Deliveries/{deliveries[0].Sequence}");

        var one = await session.PostAsync($"/Deliveries/{deliveries[0].Sequence}?handler=Replay", detail);
        await Starting_the_server.WaitForAsync(async () => (await buyer.DeliveriesAsync())[0].State == DeliveryState.Delivered);
        var log = await session.GetAsync("/Deliveries");
        var rest = await session.PostAsync("/Deliveries?handler=ReplayDead", log);
        await Starting_the_server.WaitForAsync(async () => (await buyer.DeliveriesAsync()).All(d => d.State == DeliveryState.Delivered));

        Assert.Equal(HttpStatusCode.Redirect, one.Status);
        Assert.Equal(HttpStatusCode.Redirect, rest.Status);
        var after = await buyer.DeliveriesAsync();
        Assert.All(after, d => Assert.Equal(1, d.Replays));
        Assert.Equal(deliveries.Select(d => d.DocumentId), after.Select(d => d.DocumentId));
        var notice = await session.FollowAsync(rest.Location!);
        Assert.Contains("配信不能だった 2 件の文書をもう一度送ります。", notice.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/Deliveries")]
    [InlineData("/Company/Integration")]
    [InlineData("/Operator/Deliveries")]
    public async Task Is_refused_to_suppliers_and_to_buyer_users_who_are_not_admins(string path)
    {
        var buyer = await BuyerWithDeliveries.CreateAsync(server);
        var supplier = await server.AddCompanyAsync();
        var supplierAdmin = await server.AddUserAsync(supplier.Id, UserRole.CompanyAdmin);
        var buyerOperator = await server.AddUserAsync(buyer.Buyer.Id, UserRole.Operator);

        foreach (var email in new[] { supplierAdmin.Email!, buyerOperator.Email! })
        {
            using var session = await server.SignInAsync(email);
            var refused = await session.GetAsync(path);
            Assert.StartsWith("/Account/AccessDenied", new Uri(server.Portal.BaseAddress, refused.Location).AbsolutePath, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_buyer_admin_may_not_see_the_operators_view_or_a_delivery_by_id_of_another_buyer_but_the_operator_sees_both()
    {
        var buyer = await BuyerWithDeliveries.CreateAsync(server);
        var other = await BuyerWithDeliveries.CreateAsync(server);
        var theirs = (await other.SubmitAsync("PO-OPS-1")).Single();
        await other.KillAsync(theirs.Sequence);
        using var admin = await server.SignInAsync(buyer.Admin.Email!);
        using var platform = await server.Portal.SignInAsync("operator@webedi.example");

        var refused = await admin.GetAsync("/Operator/Deliveries");
        var stuck = await platform.GetAsync($"/Operator/Deliveries?Buyer={other.Buyer.Id}");
        var detail = await platform.GetAsync($"/Deliveries/{theirs.Sequence}");
        var replay = await platform.PostAsync($"/Deliveries/{theirs.Sequence}?handler=Replay", detail);

        Assert.StartsWith("/Account/AccessDenied", new Uri(server.Portal.BaseAddress, refused.Location).AbsolutePath, StringComparison.Ordinal);
        var row = Assert.Single(Rows(stuck));
        Assert.Contains(other.Buyer.Code, row.Cells[1].TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, detail.Status);
        Assert.Contains(other.Buyer.Code, detail.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, replay.Status);
        await Starting_the_server.WaitForAsync(async () => (await other.DeliveriesAsync()).Single().State == DeliveryState.Delivered);
    }

    [Fact]
    public async Task Is_in_english_with_japanese_dates_when_the_user_chose_english()
    {
        var buyer = await BuyerWithDeliveries.CreateAsync(server);
        await buyer.SubmitAsync("PO-EN-1");
        var english = await server.AddUserAsync(buyer.Buyer.Id, UserRole.CompanyAdmin, language: "en");
        using var session = await server.SignInAsync(english.Email!);

        var page = await session.GetAsync("/Deliveries");

        Assert.Equal("Delivery log", page.Document.QuerySelector("h1")!.TextContent);
        var row = Assert.Single(Rows(page));
        Assert.Equal("Order received", row.Cells[1].TextContent);
        Assert.Matches(@"^\d{4}/\d{2}/\d{2} \d{2}:\d{2}$", row.Cells[0].TextContent);
        await using var db = server.Portal.OpenDatabase();
        Assert.True(await db.Deliveries.AnyAsync(d => d.BuyerId == buyer.Buyer.Id));
    }

    private static List<AngleSharp.Html.Dom.IHtmlTableRowElement> Rows(PortalPage page) =>
        page.Document.QuerySelectorAll("table.deliveries tbody tr").OfType<AngleSharp.Html.Dom.IHtmlTableRowElement>().ToList();

    private static List<string> Tabs(PortalPage page) =>
        page.Document.QuerySelectorAll("nav.tabs a").Select(a => string.Join(' ', a.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).ToList();
}
