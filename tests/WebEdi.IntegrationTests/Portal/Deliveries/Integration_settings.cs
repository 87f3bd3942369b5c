using System.Net;
using Microsoft.EntityFrameworkCore;
using WebEdi.Data.Deliveries;
using WebEdi.IntegrationTests.Portal.Account;

namespace WebEdi.IntegrationTests.Portal.Deliveries;

/// <summary>
/// A buyer admin sets up how documents reach its ERP: a webhook (its secret shown once, rotated with an overlap), the
/// file drop's encoding, each channel switched off and on — with every bad entry named, and only its own channels.
/// </summary>
[Collection(AccountsGroup.Name)]
public sealed class Integration_settings(AccountServer server)
{
    [Fact]
    public async Task A_new_webhook_shows_its_secret_once_and_a_rotation_keeps_the_old_one_valid_for_a_day()
    {
        var buyer = await BuyerWithDeliveries.CreateAsync(server);
        using var session = await server.SignInAsync(buyer.Admin.Email!);
        var page = await session.GetAsync("/Company/Integration");

        var created = await session.PostAsync("/Company/Integration?handler=Webhook", page,
            ("WebhookUrl", "https://erp.example.co.jp/webedi"), ("TimeoutSeconds", "20"), ("WebhookRetryHours", "48"));
        var again = await session.GetAsync("/Company/Integration");
        var rotated = await session.PostAsync("/Company/Integration?handler=Rotate", again);

        var secret = created.Document.QuerySelector("#webhook-secret")!.TextContent;
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Null(again.Document.QuerySelector("#webhook-secret"));
        Assert.DoesNotContain(secret, again.Text, StringComparison.Ordinal);
        Assert.Equal("https://erp.example.co.jp/webedi", ((AngleSharp.Html.Dom.IHtmlInputElement)again.Document.QuerySelector("#WebhookUrl")!).Value);
        var newSecret = rotated.Document.QuerySelector("#webhook-secret")!.TextContent;
        Assert.NotEqual(secret, newSecret);
        await using var db = server.Portal.OpenDatabase();
        var channel = await db.BuyerChannels.SingleAsync(c => c.BuyerId == buyer.Buyer.Id && c.Kind == ChannelKind.Webhook);
        Assert.Equal((newSecret, secret, 20, 48), (channel.Secret, channel.PreviousSecret, channel.TimeoutSeconds, channel.RetryWindowHours));
        Assert.Equal([newSecret, secret], channel.SigningSecrets(DateTime.UtcNow));
        Assert.Equal([newSecret], channel.SigningSecrets(DateTime.UtcNow.AddHours(25)));
    }

    [Theory]
    [InlineData("http://erp.example.co.jp/webedi", "20", "24", "このWebEdiでは https:// の URL だけが使えます。")]
    [InlineData("erp.example.co.jp", "20", "24", "https:// で始まる URL を入力してください（ユーザー名・パスワード・# は使えません）。")]
    [InlineData("https://user:pw@erp.example.co.jp/", "20", "24", "https:// で始まる URL を入力してください（ユーザー名・パスワード・# は使えません）。")]
    [InlineData("https://erp.example.co.jp/webedi", "0", "24", "待ち時間は 1〜120 秒にしてください。")]
    [InlineData("https://erp.example.co.jp/webedi", "20", "721", "再送を続ける時間は 1〜720 時間にしてください。")]
    public async Task A_bad_entry_is_named_and_nothing_is_saved(string url, string timeout, string hours, string message)
    {
        var buyer = await BuyerWithDeliveries.CreateAsync(server);
        using var session = await server.SignInAsync(buyer.Admin.Email!);
        var page = await session.GetAsync("/Company/Integration");

        var answer = await session.PostAsync("/Company/Integration?handler=Webhook", page, ("WebhookUrl", url), ("TimeoutSeconds", timeout), ("WebhookRetryHours", hours));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Contains(message, answer.Document.QuerySelector(".field-error:not(:empty)")!.TextContent, StringComparison.Ordinal);
        Assert.Null(answer.Document.QuerySelector("#webhook-secret"));
        await using var db = server.Portal.OpenDatabase();
        Assert.False(await db.BuyerChannels.AnyAsync(c => c.BuyerId == buyer.Buyer.Id && c.Kind == ChannelKind.Webhook));
    }

    [Fact]
    public async Task The_file_drop_encoding_changes_and_a_channel_switched_off_gets_no_new_documents_until_it_is_on_again()
    {
        var buyer = await BuyerWithDeliveries.CreateAsync(server);
        using var session = await server.SignInAsync(buyer.Admin.Email!);
        var page = await session.GetAsync("/Company/Integration");

        var saved = await session.PostAsync("/Company/Integration?handler=FileDrop", page, ("Encoding", nameof(FileDropEncoding.ShiftJis)), ("FileRetryHours", "72"));
        var off = await session.PostAsync("/Company/Integration?handler=Switch&kind=FileDrop&on=false", page);
        await buyer.SubmitOrdersWithoutWaitingAsync("PO-OFF-1");
        await Task.Delay(1500);
        var whileOff = await buyer.DeliveriesAsync();
        var on = await session.PostAsync("/Company/Integration?handler=Switch&kind=FileDrop&on=true", page);
        var afterwards = await buyer.SubmitAsync("PO-ON-1");
        var noWebhook = await session.PostAsync("/Company/Integration?handler=Switch&kind=Webhook&on=true", page);

        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        Assert.Equal(HttpStatusCode.Redirect, off.Status);
        Assert.Equal(HttpStatusCode.Redirect, on.Status);
        Assert.Empty(whileOff);
        Assert.Equal(["PO-ON-1"], afterwards.Select(d => d.OrderNumber));
        Assert.Equal(HttpStatusCode.NotFound, noWebhook.Status);
        await using var db = server.Portal.OpenDatabase();
        var channel = await db.BuyerChannels.SingleAsync(c => c.BuyerId == buyer.Buyer.Id && c.Kind == ChannelKind.FileDrop);
        Assert.Equal((FileDropEncoding.ShiftJis, 72, true), (channel.Encoding, channel.RetryWindowHours, channel.Enabled));
    }

    [Fact]
    public async Task The_form_of_one_buyer_changes_only_that_buyers_channels()
    {
        var buyer = await BuyerWithDeliveries.CreateAsync(server);
        var other = await BuyerWithDeliveries.CreateAsync(server);
        using var session = await server.SignInAsync(buyer.Admin.Email!);
        var page = await session.GetAsync("/Company/Integration");

        await session.PostAsync("/Company/Integration?handler=Switch&kind=FileDrop&on=false", page);

        await using var db = server.Portal.OpenDatabase();
        Assert.False(await db.BuyerChannels.Where(c => c.BuyerId == buyer.Buyer.Id).Select(c => c.Enabled).SingleAsync());
        Assert.True(await db.BuyerChannels.Where(c => c.BuyerId == other.Buyer.Id).Select(c => c.Enabled).SingleAsync());
        Assert.DoesNotContain(other.Buyer.Code, page.Text, StringComparison.Ordinal);
    }
}
