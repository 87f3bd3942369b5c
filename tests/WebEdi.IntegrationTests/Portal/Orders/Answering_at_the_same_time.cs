using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using WebEdi.Contracts;
using WebEdi.Data;
using WebEdi.Domain.Orders;

namespace WebEdi.IntegrationTests.Portal.Orders;

/// <summary>
/// Two clerks press "回答を送信" on the same order at the same moment, on each database: exactly one answer is stored
/// and sent to the buyer, and the other clerk is told — the database's own concurrency check decides, not the order
/// in which the requests happen to arrive.
/// </summary>
public sealed class Answering_at_the_same_time
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Two_users_answering_at_once_get_one_answer_stored_and_a_conflict_message(DatabaseProvider provider)
    {
        await using var portal = await PortalServer.StartAsync(provider, demoOrders: 30);
        PurchaseOrder order;
        await using (var db = portal.OpenDatabase())
        {
            var sakura = await db.Companies.Where(c => c.Code == "SAKURA-SEIMITSU").Select(c => c.Id).SingleAsync();
            order = await db.OrdersWithDetails().AsNoTracking()
                .Where(o => o.SupplierId == sakura && (o.Status == OrderStatus.New || o.Status == OrderStatus.Viewed))
                .OrderBy(o => o.OrderNumber).FirstAsync();
        }

        using var operatorSession = await portal.SignInAsync(OrdersPortal.SakuraOperator);
        using var adminSession = await portal.SignInAsync(PortalServer.SakuraAdmin);
        var operatorPage = await operatorSession.GetAsync($"/Orders/{order.Id}");
        var adminPage = await adminSession.GetAsync($"/Orders/{order.Id}");
        var line = order.Lines.Min(l => l.LineNumber).ToString(CultureInfo.InvariantCulture);

        var answers = await Task.WhenAll(
            operatorSession.PostAsync($"/Orders/{order.Id}?handler=Answer", operatorPage,
                ("Version", Version(operatorPage)), ("Answers[0].LineNumber", line), ("Answers[0].Kind", "Accept")),
            adminSession.PostAsync($"/Orders/{order.Id}?handler=Answer", adminPage,
                ("Version", Version(adminPage)), ("Answers[0].LineNumber", line), ("Answers[0].Kind", "Reject"), ("Answers[0].Reason", "OutOfStock")));

        var stored = Assert.Single(answers, a => a.Status == HttpStatusCode.Redirect);
        var told = Assert.Single(answers, a => a.Status == HttpStatusCode.OK);
        Assert.Contains("この注文は、あなたが画面を開いた後に他の方（または発注元）が更新しました", told.Document.QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
        var winner = stored == answers[0] ? ResponseKind.Accepted : ResponseKind.Rejected;
        await using var check = portal.OpenDatabase();
        var after = await check.OrdersWithDetails().AsNoTracking().SingleAsync(o => o.Id == order.Id);
        Assert.Equal(winner, after.Line(int.Parse(line, CultureInfo.InvariantCulture)).CurrentAnswer);
        Assert.Single(after.Line(int.Parse(line, CultureInfo.InvariantCulture)).Responses);
        var documents = await check.OutboxMessages
            .Where(m => m.BuyerId == order.BuyerId && m.OrderNumber == order.OrderNumber && m.MessageType == nameof(PurchaseOrderAnswered)).CountAsync();
        Assert.Equal(1, documents);
        // The told clerk's page shows the order as it is now, with the winner's answer.
        Assert.Contains(winner == ResponseKind.Accepted ? "受諾" : "辞退", told.Document.QuerySelector($"#line-{line} tr td:last-child")!.TextContent, StringComparison.Ordinal);
    }

    private static string Version(PortalPage page) =>
        page.Document.QuerySelector("#answer-form input[name=Version]")!.GetAttribute("value")!;
}
