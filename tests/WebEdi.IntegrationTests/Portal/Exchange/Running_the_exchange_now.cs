using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace WebEdi.IntegrationTests.Portal.Exchange;

/// <summary>
/// "Run now": the buyer admin presses it, the scheduler role runs the exchange within seconds, and the history shows
/// the import — and, for a file with errors, its error report, which only that buyer can download.
/// </summary>
[Collection(ExchangeGroup.Name)]
public sealed class Running_the_exchange_now(ExchangePortal fixture)
{
    private const string Header = ExchangePortal.StandardHeader;

    [Fact]
    public async Task Imports_the_order_file_dropped_in_the_inbound_folder_shown_on_the_page()
    {
        var (buyer, session) = await fixture.NewBuyerAsync();
        using var _ = session;
        var page = await ExchangePortal.StartAsync(session, "standard");
        var order = "PO-EX-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        Drop(page, "orders.csv",
            $"{Header}\r\n" +
            $"{order},1,{ExchangePortal.SupplierCode},2027-01-05,JPY,本社工場 第1受入場,山田 太郎,,1,TM-B-6203,,深溝玉軸受 6203ZZ,,200,個,185.5,37100,10,2027-01-15,,\r\n" +
            $"{order},1,{ExchangePortal.SupplierCode},2027-01-05,JPY,本社工場 第1受入場,山田 太郎,,2,TM-S-M8-30,,六角ボルト M8×30,,1000,本,12.8,12800,10,2027-01-15,,\r\n");

        var requested = await session.PostAsync("/Exchange?handler=Run", page);
        var notice = await session.GetAsync("/Exchange");
        var row = await ExchangePortal.WaitForRunAsync(session, "tr[data-direction=Inbound][data-status=Succeeded]");

        Assert.Equal(HttpStatusCode.Redirect, requested.Status);
        Assert.Contains("数秒以内に始まります", notice.Document.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        var cells = row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["取込", "orders.csv", "成功", "2", "1", "1 / 0 / 0 / 0"], [cells[1], cells[3], cells[4], cells[5], cells[6], cells[7]]);
        Assert.StartsWith("今すぐ実行", cells[2], StringComparison.Ordinal);
        await using var db = fixture.Portal.OpenDatabase();
        Assert.True(await db.PurchaseOrders.AnyAsync(o => o.BuyerId == buyer.Id && o.OrderNumber == order));
    }

    [Fact]
    public async Task A_rejected_files_error_report_downloads_for_its_buyer_and_is_not_found_for_another()
    {
        var (_, session) = await fixture.NewBuyerAsync();
        using var __ = session;
        using var kansai = await fixture.Portal.SignInAsync(ExchangePortal.KansaiAdmin);
        var page = await ExchangePortal.StartAsync(session, "standard");
        Drop(page, "broken.csv",
            $"{Header}\r\nPO-BAD-1,1,{ExchangePortal.SupplierCode},2027-01-05,JPY,本社工場,,,1,TM-B-6203,,深溝玉軸受,,many,個,185.5,,10,2027-01-15,,\r\n");

        await session.PostAsync("/Exchange?handler=Run", page);
        var row = await ExchangePortal.WaitForRunAsync(session, "tr[data-direction=Inbound][data-status=Rejected]");
        var link = row.QuerySelector("a.report-link")!.GetAttribute("href")!;
        var own = await session.GetRawAsync(link);
        var foreign = await kansai.GetRawAsync(link);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("attachment", own.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("broken.errors.csv", own.Content.Headers.ContentDisposition.FileNameStar ?? own.Content.Headers.ContentDisposition.FileName);
        Assert.Contains("many", Encoding.UTF8.GetString(await own.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    /// <summary>Writes the file as an ERP does with the rename completion: under another name, then renamed to .csv.</summary>
    private static void Drop(PortalPage page, string name, string csv)
    {
        var folder = page.Document.QuerySelector("#folder-inbound")!.TextContent;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, name + ".tmp");
        File.WriteAllBytes(temporary, ExchangePortal.Utf8WithBom(csv));
        File.Move(temporary, Path.Combine(folder, name));
    }
}
