using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using WebEdi.Documents.Csv;
using WebEdi.Domain.Orders;
using WebEdi.Server.Pages.Orders.Csv;

namespace WebEdi.IntegrationTests.Portal.Csv;

/// <summary>The inbox's CSV downloads, decoded strictly and compared with the database.</summary>
public sealed class Downloading_order_lines(OrdersPortal fixture) : IClassFixture<OrdersPortal>
{
    private const string Sakura = "SAKURA-SEIMITSU";

    [Fact]
    public async Task The_filtered_list_in_UTF8_has_a_BOM_and_every_line_of_every_page_as_the_database_has_it()
    {
        using var session = await fixture.Portal.SignInAsync(PortalServer.SakuraAdmin);
        var inbox = await session.GetAsync("/Orders?Filter.Tab=All");

        var response = await session.PostAsync("/Orders/Csv/Download?handler=List&Filter.Tab=All", inbox, ("encoding", "Utf8"));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("text/csv; charset=utf-8", response.Response.Content.Headers.ContentType!.ToString());
        var bytes = await response.Response.Content.ReadAsByteArrayAsync();
        Assert.Equal(CsvEncodings.Bom.ToArray(), bytes[..3]);
        var rows = CsvFiles.Parse(bytes[3..], CsvFiles.Utf8);
        Assert.Equal(OrderLineCsv.Columns, rows[0]);
        await AssertMatchesDatabaseAsync(CsvFiles.Records(rows), Sakura, orderIds: null);
    }

    [Fact]
    public async Task The_selected_orders_in_Shift_JIS_decode_strictly_and_match_the_database()
    {
        var first = await fixture.TakeOrderAsync(Sakura, OrderStatus.New, OrderStatus.Viewed);
        var second = await fixture.TakeOrderAsync(Sakura, OrderStatus.New, OrderStatus.Viewed);
        using var session = await fixture.Portal.SignInAsync(OrdersPortal.SakuraViewer);
        var inbox = await session.GetAsync("/Orders");

        var response = await session.PostAsync("/Orders/Csv/Download?handler=Selected", inbox,
            ("selected", first.Id.ToString()), ("selected", second.Id.ToString()), ("encoding", "ShiftJis"));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("text/csv; charset=shift_jis", response.Response.Content.Headers.ContentType!.ToString());
        var rows = CsvFiles.Parse(await response.Response.Content.ReadAsByteArrayAsync(), CsvFiles.ShiftJis);
        Assert.Equal(OrderLineCsv.Columns, rows[0]);
        var records = CsvFiles.Records(rows);
        Assert.Equal([first.OrderNumber, second.OrderNumber], records.Select(r => r["注文番号"]).Distinct());
        await AssertMatchesDatabaseAsync(records, Sakura, [first.Id, second.Id]);
    }

    [Fact]
    public async Task Text_that_a_spreadsheet_would_run_as_a_formula_gets_an_apostrophe_and_numbers_do_not()
    {
        var order = await fixture.TakeOrderAsync(Sakura, OrderStatus.New, OrderStatus.Viewed);
        var line = order.Lines.OrderBy(l => l.LineNumber).First();
        await using (var db = fixture.Portal.OpenDatabase())
        {
            await db.PurchaseOrderLines.Where(l => l.Id == line.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(l => l.ItemName, "=HYPERLINK(\"http://evil.example\",\"x\")").SetProperty(l => l.Specification, "@SUM(A1)"));
        }

        using var session = await fixture.Portal.SignInAsync(PortalServer.SakuraAdmin);
        var inbox = await session.GetAsync("/Orders");
        var response = await session.PostAsync("/Orders/Csv/Download?handler=Selected", inbox, ("selected", order.Id.ToString()), ("encoding", "Utf8"));

        var record = CsvFiles.Records(CsvFiles.Parse((await response.Response.Content.ReadAsByteArrayAsync())[3..], CsvFiles.Utf8))
            .Single(r => r["行番号"] == line.LineNumber.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("'=HYPERLINK(\"http://evil.example\",\"x\")", record["品名"]);
        Assert.Equal("'@SUM(A1)", record["仕様"]);
        Assert.Equal(line.Quantity.ToString("0.####", CultureInfo.InvariantCulture), record["数量"]);
    }

    [Fact]
    public async Task A_character_Shift_JIS_cannot_hold_refuses_the_Shift_JIS_download_naming_the_cell_and_UTF8_keeps_it()
    {
        var order = await fixture.TakeOrderAsync(Sakura, OrderStatus.New, OrderStatus.Viewed);
        var lines = order.Lines.OrderBy(l => l.LineNumber).ToList();
        await using (var db = fixture.Portal.OpenDatabase())
        {
            await db.PurchaseOrderLines.Where(l => l.Id == lines[0].Id).ExecuteUpdateAsync(u => u.SetProperty(l => l.ItemName, "𠮷田式 ボルト"));
        }

        using var session = await fixture.Portal.SignInAsync(PortalServer.SakuraAdmin);
        var inbox = await session.GetAsync("/Orders");
        var refused = await session.PostAsync("/Orders/Csv/Download?handler=Selected", inbox, ("selected", order.Id.ToString()), ("encoding", "ShiftJis"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        var message = refused.Document.QuerySelector(".csv-refused")!.TextContent;
        Assert.Contains("Shift_JIS で表せない文字", message, StringComparison.Ordinal);
        Assert.Contains($"注文 {order.OrderNumber} 明細 {lines[0].LineNumber} の 品名: 「𠮷」(U+20BB7)", message, StringComparison.Ordinal);

        var utf8 = await session.PostAsync("/Orders/Csv/Download?handler=Selected", inbox, ("selected", order.Id.ToString()), ("encoding", "Utf8"));
        Assert.Equal(HttpStatusCode.OK, utf8.Status);
        Assert.Contains("𠮷田式 ボルト", CsvFiles.Utf8.GetString((await utf8.Response.Content.ReadAsByteArrayAsync())[3..]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wave_dash_is_written_as_the_tilde_Shift_JIS_has_rather_than_refused()
    {
        var order = await fixture.TakeOrderAsync(Sakura, OrderStatus.New, OrderStatus.Viewed);
        var line = order.Lines.OrderBy(l => l.LineNumber).First();
        await using (var db = fixture.Portal.OpenDatabase())
        {
            await db.PurchaseOrderLines.Where(l => l.Id == line.Id).ExecuteUpdateAsync(u => u.SetProperty(l => l.Specification, "M6〜M8"));
        }

        using var session = await fixture.Portal.SignInAsync(PortalServer.SakuraAdmin);
        var inbox = await session.GetAsync("/Orders");
        var response = await session.PostAsync("/Orders/Csv/Download?handler=Selected", inbox, ("selected", order.Id.ToString()), ("encoding", "ShiftJis"));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var records = CsvFiles.Records(CsvFiles.Parse(await response.Response.Content.ReadAsByteArrayAsync(), CsvFiles.ShiftJis));
        Assert.Equal("M6～M8", records.Single(r => r["行番号"] == line.LineNumber.ToString(CultureInfo.InvariantCulture))["仕様"]);
    }

    [Fact]
    public async Task Another_companys_order_ids_posted_as_selected_are_not_found()
    {
        var foreign = await fixture.TakeOrderAsync(Sakura, OrderStatus.New, OrderStatus.Viewed);
        using var midori = await fixture.Portal.SignInAsync(OrdersPortal.MidoriAdmin);
        var inbox = await midori.GetAsync("/Orders");
        var own = inbox.Document.QuerySelector("input[name=selected]")!.GetAttribute("value")!;

        var response = await midori.PostAsync("/Orders/Csv/Download?handler=Selected", inbox, ("selected", own), ("selected", foreign.Id.ToString()), ("encoding", "Utf8"));

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
    }

    [Fact]
    public async Task The_list_and_the_template_hold_only_the_companys_own_lines()
    {
        using var midori = await fixture.Portal.SignInAsync(OrdersPortal.MidoriAdmin);
        var inbox = await midori.GetAsync("/Orders?Filter.Tab=All");

        var list = await midori.PostAsync("/Orders/Csv/Download?handler=List&Filter.Tab=All", inbox, ("encoding", "Utf8"));
        var template = await CsvFiles.DownloadTemplateAsync(midori, "Utf8");

        await AssertMatchesDatabaseAsync(CsvFiles.Records(CsvFiles.Parse((await list.Response.Content.ReadAsByteArrayAsync())[3..], CsvFiles.Utf8)), "MIDORI-KAKO", null);
        var templateRows = CsvFiles.Records(CsvFiles.Parse(template[3..], CsvFiles.Utf8));
        Assert.NotEmpty(templateRows);
        await using var db = fixture.Portal.OpenDatabase();
        var midoriId = await db.Companies.Where(c => c.Code == "MIDORI-KAKO").Select(c => c.Id).SingleAsync();
        var ownNumbers = await db.PurchaseOrders.Where(o => o.SupplierId == midoriId).Select(o => o.OrderNumber).ToListAsync();
        Assert.All(templateRows, r => Assert.Contains(r["注文番号"], ownNumbers));
        Assert.All(templateRows, r => Assert.Equal("", r["回答区分"]));
    }

    /// <summary>Every row is a line of the supplier's (of these orders), with its values as the database has them, and no line is missing.</summary>
    private async Task AssertMatchesDatabaseAsync(List<Dictionary<string, string>> records, string supplier, Guid[]? orderIds)
    {
        await using var db = fixture.Portal.OpenDatabase();
        var supplierId = await db.Companies.Where(c => c.Code == supplier).Select(c => c.Id).SingleAsync();
        var orders = await db.OrdersWithDetails().AsNoTracking()
            .Where(o => o.SupplierId == supplierId && (orderIds == null || orderIds.Contains(o.Id))).ToListAsync();
        var buyers = await db.Companies.ToDictionaryAsync(c => c.Id, c => c.Code);
        var expected = orders.SelectMany(o => o.Lines.Select(l => (Buyer: buyers[o.BuyerId], o.OrderNumber, Line: l))).ToList();

        Assert.Equal(expected.Count, records.Count);
        var byKey = records.ToDictionary(r => (r["発注元コード"], r["注文番号"], r["行番号"]));
        foreach (var (buyer, number, line) in expected)
        {
            var row = byKey[(buyer, number, line.LineNumber.ToString(CultureInfo.InvariantCulture))];
            Assert.Equal(line.ItemName, OrderLineCsv.Untext(row["品名"]));
            Assert.Equal(line.BuyerItemCode, row["品目コード"]);
            Assert.Equal(line.Quantity, decimal.Parse(row["数量"], CultureInfo.InvariantCulture));
            Assert.Equal(line.UnitPrice, decimal.Parse(row["単価"], CultureInfo.InvariantCulture));
            Assert.Equal(line.RequestedDeliveryDate.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture), row["希望納期"]);
            Assert.Equal(line.CurrentResponse is { } answer ? WebEdi.Server.Portal.PortalLabels.Answer(answer.Kind) : "", row["回答区分"]);
        }
    }
}
