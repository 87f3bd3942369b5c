using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WebEdi.Contracts;
using WebEdi.Domain.Orders;

namespace WebEdi.IntegrationTests.Portal.Orders;

public sealed class Answering_an_order(OrdersPortal fixture) : IClassFixture<OrdersPortal>
{
    private static readonly OrderStatus[] Open = [OrderStatus.New, OrderStatus.Viewed];

    [Fact]
    public async Task Opening_an_unread_order_marks_it_read_for_the_company()
    {
        var order = await fixture.TakeOrderAsync("SAKURA-SEIMITSU", OrderStatus.New);
        using var session = await fixture.Portal.SignInAsync(OrdersPortal.SakuraViewer);

        var page = await session.GetAsync($"/Orders/{order.Id}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(order.OrderNumber, page.Document.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        var after = await fixture.ReloadAsync(order.Id);
        Assert.NotNull(after.ViewedAt);
        Assert.Equal(OrderStatus.Viewed, after.Status);
    }

    [Fact]
    public async Task An_order_opened_by_one_user_is_read_for_every_user_of_the_company()
    {
        var order = await fixture.TakeOrderAsync("SAKURA-SEIMITSU", OrderStatus.New);
        using var viewer = await fixture.Portal.SignInAsync(OrdersPortal.SakuraViewer);
        using var admin = await fixture.Portal.SignInAsync(PortalServer.SakuraAdmin);
        var search = $"/Orders?Filter.Query={Uri.EscapeDataString(order.OrderNumber)}";
        var unreadBefore = UnreadCount(await admin.GetAsync("/Orders"));
        var rowBefore = Row(await admin.GetAsync(search + "&Filter.Tab=Unread"), order);

        await viewer.GetAsync($"/Orders/{order.Id}");

        Assert.NotNull(rowBefore);
        Assert.Contains("unread", rowBefore.ClassName, StringComparison.Ordinal);
        Assert.Null(Row(await admin.GetAsync(search + "&Filter.Tab=Unread"), order));
        var rowAfter = Row(await admin.GetAsync(search + "&Filter.Tab=All"), order)!;
        Assert.DoesNotContain("unread", rowAfter.ClassName ?? "", StringComparison.Ordinal);
        Assert.Null(rowAfter.QuerySelector(".badge.unread"));
        Assert.Equal(unreadBefore - 1, UnreadCount(await admin.GetAsync("/Orders")));
    }

    [Fact]
    public async Task Accepting_one_line_stores_the_answer_and_writes_the_document_for_the_buyer()
    {
        var order = await fixture.TakeOrderAsync("SAKURA-SEIMITSU", Open);
        using var session = await fixture.Portal.SignInAsync(OrdersPortal.SakuraOperator);
        var page = await session.GetAsync($"/Orders/{order.Id}");
        var line = order.Lines.OrderBy(l => l.LineNumber).First();

        var response = await session.PostAsync($"/Orders/{order.Id}?handler=Answer", page,
            ("Version", Version(page)), ("Answers[0].LineNumber", line.LineNumber.ToString(CultureInfo.InvariantCulture)), ("Answers[0].Kind", "Accept"),
            ("Answers[0].Comment", "承知しました"));

        Assert.Equal(HttpStatusCode.Redirect, response.Status);
        var after = await fixture.ReloadAsync(order.Id);
        Assert.Equal(ResponseKind.Accepted, after.Line(line.LineNumber).CurrentAnswer);
        var document = await DocumentAsync(order);
        Assert.Equal(order.OrderNumber, document.OrderNumber);
        Assert.Equal("鈴木 健", document.AnsweredBy);
        var answered = Assert.Single(document.Lines);
        Assert.Equal(AnswerKind.Accepted, answered.Answer);
        Assert.Equal("承知しました", answered.Comment);
        Assert.Equal([new ScheduledDeliveryItem { Date = line.RequestedDeliveryDate, Quantity = line.Quantity }], answered.Deliveries);
    }

    [Fact]
    public async Task A_split_delivery_that_does_not_add_up_is_refused_beside_its_line_and_changes_nothing()
    {
        var order = await fixture.TakeOrderAsync("SAKURA-SEIMITSU", Open);
        using var session = await fixture.Portal.SignInAsync(OrdersPortal.SakuraOperator);
        var page = await session.GetAsync($"/Orders/{order.Id}");
        var line = order.Lines.OrderBy(l => l.LineNumber).First();

        var response = await session.PostAsync($"/Orders/{order.Id}?handler=Answer", page,
            ("Version", Version(page)), ("Answers[0].LineNumber", line.LineNumber.ToString(CultureInfo.InvariantCulture)), ("Answers[0].Kind", "Change"),
            ("Answers[0].Deliveries[0].Date", "2027-01-08"), ("Answers[0].Deliveries[0].Quantity", "1"),
            ("Answers[0].Deliveries[1].Date", "2027-01-15"), ("Answers[0].Deliveries[1].Quantity", line.Quantity.ToString(CultureInfo.InvariantCulture)));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Contains($"明細 {line.LineNumber}: 分納数量の合計が注文数量と一致しません。",
            response.Document.QuerySelector($"#line-{line.LineNumber} ul.field-error")!.TextContent, StringComparison.Ordinal);
        // The typed values stay in the form for correction.
        Assert.Equal("2027-01-15", response.Document.QuerySelector("input[name='Answers[0].Deliveries[1].Date']")!.GetAttribute("value"));
        Assert.Null((await fixture.ReloadAsync(order.Id)).Line(line.LineNumber).CurrentAnswer);
        Assert.Null(await DocumentOrNullAsync(order));
    }

    [Theory]
    [InlineData("Change", "Answers[0].PromisedDate", "2001-01-01", "納期が注文日より前です。")]
    [InlineData("Reject", "Answers[0].Reason", "Other", "理由が「その他」の場合はコメントを入力してください。")]
    [InlineData("Change", "Answers[0].UnitPrice", "-1", "単価に負の値は指定できません。")]
    [InlineData("Change", "Answers[0].UnitPrice", "abc", "「abc」は正しい数値または日付ではありません。")]
    [InlineData("Reject", "Answers[0].Comment", "no reason", "辞退理由を選んでください。")]
    public async Task A_bad_answer_is_refused_with_a_message_naming_the_line_and_nothing_is_stored(string kind, string field, string value, string message)
    {
        var order = await fixture.TakeOrderAsync("SAKURA-SEIMITSU", Open);
        using var session = await fixture.Portal.SignInAsync(OrdersPortal.SakuraOperator);
        var page = await session.GetAsync($"/Orders/{order.Id}");
        var line = order.Lines.OrderBy(l => l.LineNumber).First();

        var response = await session.PostAsync($"/Orders/{order.Id}?handler=Answer", page,
            ("Version", Version(page)), ("Answers[0].LineNumber", line.LineNumber.ToString(CultureInfo.InvariantCulture)), ("Answers[0].Kind", kind), (field, value));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Contains(message, response.Document.QuerySelector($"#line-{line.LineNumber} ul.field-error")!.TextContent, StringComparison.Ordinal);
        Assert.Null((await fixture.ReloadAsync(order.Id)).Line(line.LineNumber).CurrentAnswer);
    }

    [Fact]
    public async Task In_english_a_refused_answer_is_said_in_english_beside_its_line()
    {
        var order = await fixture.TakeOrderAsync("MIDORI-KAKO", Open);
        using var session = await fixture.Portal.SignInAsync(OrdersPortal.MidoriAdmin);
        var first = await session.GetAsync("/Orders");
        await session.PostAsync("/Account/Language", first, ("language", "en"), ("returnUrl", "/Orders"));
        var page = await session.GetAsync($"/Orders/{order.Id}");
        var line = order.Lines.OrderBy(l => l.LineNumber).First();

        var response = await session.PostAsync($"/Orders/{order.Id}?handler=Answer", page,
            ("Version", Version(page)), ("Answers[0].LineNumber", line.LineNumber.ToString(CultureInfo.InvariantCulture)), ("Answers[0].Kind", "Change"),
            ("Answers[0].Deliveries[0].Date", "2027-01-08"), ("Answers[0].Deliveries[0].Quantity", "1"));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal($"Line {line.LineNumber}: The split delivery quantities do not add up to the ordered quantity.",
            response.Document.QuerySelector($"#line-{line.LineNumber} ul.field-error li")!.TextContent.Trim());
        Assert.Contains("Some answers are not valid", response.Document.QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Null((await fixture.ReloadAsync(order.Id)).Line(line.LineNumber).CurrentAnswer);
    }

    [Fact]
    public async Task Accept_all_answers_every_waiting_line_as_ordered()
    {
        var order = await fixture.TakeOrderAsync("SAKURA-SEIMITSU", Open);
        using var session = await fixture.Portal.SignInAsync(OrdersPortal.SakuraOperator);
        var page = await session.GetAsync($"/Orders/{order.Id}");

        var response = await session.PostAsync($"/Orders/{order.Id}?handler=AcceptAll", page.Form("form.accept-all").QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ("Version", Version(page)));

        Assert.Equal(HttpStatusCode.Redirect, response.Status);
        var after = await fixture.ReloadAsync(order.Id);
        Assert.Equal(OrderStatus.Answered, after.Status);
        Assert.All(after.ActiveLines, l => Assert.Equal(ResponseKind.Accepted, l.CurrentAnswer));
        Assert.Equal(after.ActiveLines.Count(), (await DocumentAsync(order)).Lines.Count);
    }

    [Fact]
    public async Task An_answer_to_an_order_changed_since_the_page_was_opened_is_a_conflict_and_stores_nothing()
    {
        var order = await fixture.TakeOrderAsync("SAKURA-SEIMITSU", Open);
        using var first = await fixture.Portal.SignInAsync(OrdersPortal.SakuraOperator);
        using var second = await fixture.Portal.SignInAsync(PortalServer.SakuraAdmin);
        var firstPage = await first.GetAsync($"/Orders/{order.Id}");
        var secondPage = await second.GetAsync($"/Orders/{order.Id}");
        var line = order.Lines.OrderBy(l => l.LineNumber).First().LineNumber.ToString(CultureInfo.InvariantCulture);

        await first.PostAsync($"/Orders/{order.Id}?handler=Answer", firstPage,
            ("Version", Version(firstPage)), ("Answers[0].LineNumber", line), ("Answers[0].Kind", "Accept"));
        var response = await second.PostAsync($"/Orders/{order.Id}?handler=Answer", secondPage,
            ("Version", Version(secondPage)), ("Answers[0].LineNumber", line), ("Answers[0].Kind", "Reject"), ("Answers[0].Reason", "OutOfStock"));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Contains("他の方（または発注元）が更新しました", response.Document.QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(ResponseKind.Accepted, (await fixture.ReloadAsync(order.Id)).Line(int.Parse(line, CultureInfo.InvariantCulture)).CurrentAnswer);
    }

    [Fact]
    public async Task An_answer_to_an_order_the_buyer_changed_meanwhile_is_refused_and_the_new_revision_takes_it_again()
    {
        var order = await fixture.TakeOrderAsync("SAKURA-SEIMITSU", Open);
        using var session = await fixture.Portal.SignInAsync(OrdersPortal.SakuraOperator);
        var page = await session.GetAsync($"/Orders/{order.Id}");
        var line = order.Lines.OrderBy(l => l.LineNumber).First();
        var number = line.LineNumber.ToString(CultureInfo.InvariantCulture);
        var quantity = line.Quantity + 10;
        await ReviseAsTheBuyerAsync(order.Id, line.LineNumber, quantity);

        var refused = await session.PostAsync($"/Orders/{order.Id}?handler=Answer", page,
            ("Version", Version(page)), ("Answers[0].LineNumber", number), ("Answers[0].Kind", "Accept"), ("Answers[0].Comment", "確認済み"));

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("他の方（または発注元）が更新しました", refused.Document.QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Contains($"第{order.Revision + 1}版", refused.Document.QuerySelector("dl.order-header")!.TextContent, StringComparison.Ordinal);
        Assert.StartsWith(WebEdi.Server.Portal.PortalFormat.Quantity(quantity) + " ", refused.Document.QuerySelector($"#line-{number} td.number")!.TextContent, StringComparison.Ordinal);
        // What the clerk typed is still there to send again.
        Assert.Equal("確認済み", refused.Document.QuerySelector("input[name='Answers[0].Comment']")!.GetAttribute("value"));
        Assert.True(refused.Document.QuerySelector("input[name='Answers[0].Kind'][value=Accept]")!.HasAttribute("checked"));
        Assert.Null((await fixture.ReloadAsync(order.Id)).Line(line.LineNumber).CurrentAnswer);

        var again = await session.PostAsync($"/Orders/{order.Id}?handler=Answer", refused,
            ("Version", Version(refused)), ("Answers[0].LineNumber", number), ("Answers[0].Kind", "Accept"), ("Answers[0].Comment", "確認済み"));

        Assert.Equal(HttpStatusCode.Redirect, again.Status);
        var answer = (await fixture.ReloadAsync(order.Id)).Line(line.LineNumber).CurrentResponse!;
        Assert.Equal(ResponseKind.Accepted, answer.Kind);
        Assert.Equal(order.Revision + 1, answer.Revision);
        var document = await DocumentAsync(order);
        Assert.Equal(order.Revision + 1, document.Revision);
        Assert.Equal(quantity, Assert.Single(document.Lines).Deliveries.Single().Quantity);
    }

    [Fact]
    public async Task An_answered_line_can_be_corrected_and_the_buyer_gets_the_new_answer()
    {
        var order = await fixture.TakeOrderAsync("SAKURA-SEIMITSU", Open);
        using var session = await fixture.Portal.SignInAsync(OrdersPortal.SakuraOperator);
        var line = order.Lines.OrderBy(l => l.LineNumber).First().LineNumber.ToString(CultureInfo.InvariantCulture);
        var first = await session.GetAsync($"/Orders/{order.Id}");
        await session.PostAsync($"/Orders/{order.Id}?handler=Answer", first, ("Version", Version(first)), ("Answers[0].LineNumber", line), ("Answers[0].Kind", "Accept"));
        var answered = await session.GetAsync($"/Orders/{order.Id}");

        var corrected = await session.PostAsync($"/Orders/{order.Id}?handler=Answer", answered,
            ("Version", Version(answered)), ("Answers[0].LineNumber", line), ("Answers[0].Kind", "Reject"), ("Answers[0].Reason", "DateNotPossible"));

        Assert.Equal(HttpStatusCode.Redirect, corrected.Status);
        var after = (await fixture.ReloadAsync(order.Id)).Line(int.Parse(line, CultureInfo.InvariantCulture));
        Assert.Equal(ResponseKind.Rejected, after.CurrentAnswer);
        Assert.Equal(2, after.Responses.Count);
        Assert.Equal(AnswerKind.Rejected, Assert.Single((await DocumentAsync(order)).Lines).Answer);
    }

    [Fact]
    public async Task Bulk_acceptance_accepts_the_selected_orders_and_names_those_with_nothing_to_answer()
    {
        var open = await fixture.TakeOrderAsync("SAKURA-SEIMITSU", Open);
        var answered = await fixture.TakeOrderAsync("SAKURA-SEIMITSU", OrderStatus.Answered);
        using var session = await fixture.Portal.SignInAsync(OrdersPortal.SakuraOperator);
        var page = await session.GetAsync("/Orders");

        var response = await session.PostAsync("/Orders?handler=Accept", page, ("selected", open.Id.ToString()), ("selected", answered.Id.ToString()));
        var list = await session.GetAsync(response.Location!);

        Assert.Equal(HttpStatusCode.Redirect, response.Status);
        Assert.Contains($"1 件の注文を受諾しました。 回答待ちの明細がないため対象外: {answered.OrderNumber}", list.Document.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(OrderStatus.Answered, (await fixture.ReloadAsync(open.Id)).Status);
    }

    [Fact]
    public async Task A_viewer_sees_the_order_but_no_answer_form_and_cannot_post_one()
    {
        var order = await fixture.TakeOrderAsync("SAKURA-SEIMITSU", Open);
        using var session = await fixture.Portal.SignInAsync(OrdersPortal.SakuraViewer);
        var page = await session.GetAsync($"/Orders/{order.Id}");

        var response = await session.PostAsync($"/Orders/{order.Id}?handler=Answer", page,
            ("Version", Version(page)), ("Answers[0].LineNumber", "1"), ("Answers[0].Kind", "Accept"));

        Assert.Empty(page.Document.QuerySelectorAll("fieldset.answer"));
        Assert.Null(page.Document.QuerySelector("form.accept-all"));
        Assert.Equal(HttpStatusCode.Redirect, response.Status);
        Assert.Contains("/Account/AccessDenied", response.Location, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await session.GetAsync(response.Location!)).Status);
        Assert.Null((await fixture.ReloadAsync(order.Id)).Line(1).CurrentAnswer);
    }

    [Fact]
    public async Task A_changed_order_shows_what_the_buyer_changed_and_takes_a_new_answer()
    {
        var order = await fixture.TakeOrderAsync("SAKURA-SEIMITSU", OrderStatus.ChangedAwaitingAnswer);
        using var session = await fixture.Portal.SignInAsync(OrdersPortal.SakuraOperator);

        var page = await session.GetAsync($"/Orders/{order.Id}");
        var history = page.Document.QuerySelector("ol.revisions")!;
        var changed = order.Lines.Where(l => l.AwaitingAnswerAfterChange).ToList();

        Assert.NotEmpty(changed);
        Assert.Contains($"第{order.Revision}版", history.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(history.QuerySelectorAll("del, ins"));
        Assert.All(changed, l => Assert.Contains("changed", page.Document.QuerySelector($"#line-{l.LineNumber}")!.ClassName, StringComparison.Ordinal));

        var response = await session.PostAsync($"/Orders/{order.Id}?handler=AcceptAll", page.Form("form.accept-all").QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ("Version", Version(page)));

        Assert.Equal(HttpStatusCode.Redirect, response.Status);
        var after = await fixture.ReloadAsync(order.Id);
        Assert.NotEqual(OrderStatus.ChangedAwaitingAnswer, after.Status);
        Assert.All(after.ActiveLines, l => Assert.False(l.AwaitingAnswerAfterChange));
        Assert.All(changed, l => Assert.Equal(order.Revision, after.Line(l.LineNumber).CurrentResponse!.Revision));
    }

    [Fact]
    public async Task The_order_page_shows_the_notice_trail_and_the_documents_for_the_buyer()
    {
        var order = await fixture.TakeOrderAsync("SAKURA-SEIMITSU", Open);
        using var session = await fixture.Portal.SignInAsync(OrdersPortal.SakuraOperator);
        await using (var db = fixture.Portal.OpenDatabase())
        {
            db.OrderNotices.Add(Data.Notifications.OrderNotice.Create(order.SupplierId, order.BuyerId, order.Id, order.OrderNumber, 1,
                Data.Notifications.OrderNoticeKind.New, DateTime.UtcNow.AddMinutes(-5)));
            await db.SaveChangesAsync();
        }

        var page = await session.GetAsync($"/Orders/{order.Id}");
        await session.PostAsync($"/Orders/{order.Id}?handler=Answer", page,
            ("Version", Version(page)), ("Answers[0].LineNumber", order.Lines.Min(l => l.LineNumber).ToString(CultureInfo.InvariantCulture)), ("Answers[0].Kind", "Accept"));
        var trail = (await session.GetAsync($"/Orders/{order.Id}")).Document.QuerySelector("table.trail")!.TextContent;

        Assert.Contains("新規注文を受信（第1版）", trail, StringComparison.Ordinal);
        // Waiting or already sent: the fixture's server runs the outbox dispatcher, which may fan the answer out between
        // the answer and this reading of the page.
        Assert.Matches("発注元へ送信(待ち|済み): PurchaseOrderAnswered", trail);
    }

    private static int UnreadCount(PortalPage page) =>
        int.Parse(page.Document.QuerySelectorAll(".tabs a").Single(a => a.TextContent.Trim().StartsWith("未読 ", StringComparison.Ordinal))
            .QuerySelector(".count")!.TextContent.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);

    private static AngleSharp.Dom.IElement? Row(PortalPage page, PurchaseOrder order) =>
        page.Document.QuerySelectorAll("table.orders tbody tr").FirstOrDefault(r => r.QuerySelector("td:nth-child(2) a")?.TextContent == order.OrderNumber);

    /// <summary>The buyer's ERP sends a new revision changing one line's quantity, through the same domain rule intake uses.</summary>
    private async Task ReviseAsTheBuyerAsync(Guid orderId, int lineNumber, decimal quantity)
    {
        await using var db = fixture.Portal.OpenDatabase();
        var order = await db.OrdersWithDetails().SingleAsync(o => o.Id == orderId);
        var latest = order.Revisions.MaxBy(r => r.Number)!.Snapshot;
        var lines = latest.Lines.Select(l => l.LineNumber == lineNumber ? l with { Quantity = quantity, Amount = null } : l).ToList();
        Assert.Equal(RevisionOutcome.Applied, order.Revise(order.Revision + 1, latest.Header, lines, DateTime.UtcNow));
        await db.SaveChangesAsync();
    }

    private static string Version(PortalPage page) =>
        page.Document.QuerySelector("#answer-form input[name=Version]")!.GetAttribute("value")!;

    private async Task<PurchaseOrderAnswered> DocumentAsync(PurchaseOrder order) =>
        await DocumentOrNullAsync(order) ?? throw new InvalidOperationException($"No PurchaseOrderAnswered for {order.OrderNumber}.");

    private async Task<PurchaseOrderAnswered?> DocumentOrNullAsync(PurchaseOrder order)
    {
        await using var db = fixture.Portal.OpenDatabase();
        var payload = await db.OutboxMessages.Where(m => m.BuyerId == order.BuyerId && m.OrderNumber == order.OrderNumber && m.MessageType == nameof(PurchaseOrderAnswered))
            .OrderByDescending(m => m.Sequence).Select(m => m.Payload).FirstOrDefaultAsync();
        return payload is null ? null : JsonSerializer.Deserialize<PurchaseOrderAnswered>(payload, ContractJson.Options);
    }
}
