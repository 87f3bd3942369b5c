using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using WebEdi.Contracts;
using WebEdi.Server.Api;

namespace WebEdi.IntegrationTests.Api;

/// <summary><c>POST /api/v1/purchase-orders/csv</c>: the standard order CSV, one row per order line.</summary>
public sealed class Uploading_order_CSV(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private const string Header =
        "orderNumber,revision,supplierCode,orderDate,currency,deliveryLocation,buyerContact,remarks,lineNumber,buyerItemCode," +
        "supplierItemCode,itemName,specification,quantity,unit,unitPrice,amount,taxRate,requestedDeliveryDate,lineDeliveryLocation,lineRemarks";

    static Uploading_order_CSV() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Fact]
    public async Task In_UTF_8_with_a_BOM_groups_rows_into_orders_and_keeps_quoted_commas_quotes_and_line_breaks()
    {
        var api = await fixture.ServerAsync();
        var (a, b) = (ApiServer.NewOrderNumber("CSV"), ApiServer.NewOrderNumber("CSV"));
        var csv = Header + "\r\n" +
            $"{a},1,S10021,2026-11-24,JPY,本社工場,山田,\"至急, 午前着\",1,TM-0001,,六角ボルト M8×30,\"長さ30mm\nめっき\",100,本,12.5,1250,10,2026-12-10,,\r\n" +
            $"{a},1,S10021,2026-11-24,JPY,本社工場,山田,\"至急, 午前着\",2,TM-0002,SK-9,\"ワッシャー \"\"特\"\"\",,50.5,個,3,,10,2026-12-11,第2倉庫,明細備考\r\n" +
            $"{b},2,S10021,2026-11-25,JPY,,,,1,TM-0003,,ナット M8,,20,個,8,,8,2026-12-12,,\r\n";
        var before = await api.CountAsync();

        var (status, results, body) = await UploadAsync(api, [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)], "text/csv");

        Assert.True(status == HttpStatusCode.OK, body);
        Assert.Equal([(0, a, IntakeStatus.Received), (1, b, IntakeStatus.Received)], results!.Results.Select(r => (r.Index, r.OrderNumber, r.Status)));
        var after = await api.CountAsync();
        Assert.Equal((before.Orders + 2, before.Lines + 3, before.Outbox + 2), after);
        await using var db = api.OpenDb();
        var order = await db.PurchaseOrders.Include(o => o.Lines).SingleAsync(o => o.OrderNumber == a);
        Assert.Equal("至急, 午前着", order.Remarks);
        var first = order.Lines.Single(l => l.LineNumber == 1);
        Assert.Equal(("六角ボルト M8×30", "長さ30mm\nめっき", 100m, 1250m), (first.ItemName, first.Specification, first.Quantity, first.Amount));
        var second = order.Lines.Single(l => l.LineNumber == 2);
        Assert.Equal(("ワッシャー \"特\"", "SK-9", 50.5m, "第2倉庫"), (second.ItemName, second.SupplierItemCode, second.Quantity, second.DeliveryLocation));
        Assert.Equal(2, (await db.PurchaseOrders.SingleAsync(o => o.OrderNumber == b)).Revision);
    }

    [Fact]
    public async Task In_Shift_JIS_as_a_multipart_file_stores_the_Japanese_item_names()
    {
        var api = await fixture.ServerAsync();
        var number = ApiServer.NewOrderNumber("SJIS");
        var csv = Header + "\r\n" + $"{number},1,S10021,2026-11-24,JPY,本社工場,,,1,TM-0001,,六角穴付きボルト,ステンレス,10,本,25,,10,2026-12-10,,\r\n";
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.GetEncoding(932).GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "orders.csv");

        using var response = await api.Http.PostAsync("/api/v1/purchase-orders/csv?encoding=shift_jis", form);
        var (status, results, body) = await ApiServer.ReadAsync(response);

        Assert.True(status == HttpStatusCode.OK, body);
        Assert.Equal(IntakeStatus.Received, Assert.Single(results!.Results).Status);
        await using var db = api.OpenDb();
        var order = await db.PurchaseOrders.Include(o => o.Lines).SingleAsync(o => o.OrderNumber == number);
        Assert.Equal(("本社工場", "六角穴付きボルト", "ステンレス"), (order.DeliveryLocation, order.Lines[0].ItemName, order.Lines[0].Specification));
    }

    [Fact]
    public async Task In_Shift_JIS_with_a_broken_byte_sequence_rejects_that_order_naming_the_line_and_stores_the_others()
    {
        var api = await fixture.ServerAsync();
        var (good, broken) = (ApiServer.NewOrderNumber("SJIS"), ApiServer.NewOrderNumber("SJIS"));
        var sjis = Encoding.GetEncoding(932);
        var bytes = new List<byte>();
        bytes.AddRange(sjis.GetBytes(Header + "\r\n" + $"{good},1,S10021,2026-11-24,JPY,,,,1,TM-0001,,座金,,10,個,5,,10,2026-12-10,,\r\n"));
        bytes.AddRange(sjis.GetBytes($"{broken},1,S10021,2026-11-24,JPY,,,,1,TM-0002,,"));
        // "部品" with its last byte cut off: a lead byte followed by a comma is no Shift_JIS character.
        bytes.AddRange(sjis.GetBytes("部品")[..3]);
        bytes.AddRange(sjis.GetBytes(",,10,個,5,,10,2026-12-10,,\r\n"));
        var before = await api.CountAsync();

        var (status, results, body) = await UploadAsync(api, [.. bytes], "text/csv", "?encoding=shift_jis");

        Assert.True(status == HttpStatusCode.OK, body);
        Assert.Equal([IntakeStatus.Received, IntakeStatus.Rejected], results!.Results.Select(r => r.Status));
        var problem = Assert.Single(results.Results[1].Problems!);
        Assert.Equal(("csv:line 3", "invalid_encoding", broken), (problem.Path, problem.Code, results.Results[1].OrderNumber));
        Assert.Equal(before.Orders + 1, (await api.CountAsync()).Orders);
        await using var db = api.OpenDb();
        Assert.False(await db.PurchaseOrders.AnyAsync(o => o.OrderNumber == broken));
    }

    [Fact]
    public async Task A_bad_number_or_date_rejects_that_order_naming_line_and_column()
    {
        var api = await fixture.ServerAsync();
        var (good, bad) = (ApiServer.NewOrderNumber("CSV"), ApiServer.NewOrderNumber("CSV"));
        var csv = Header + "\n" +
            $"{bad},1,S10021,2026-11-24,JPY,,,,1,TM-0001,,座金,,10,個,5,,10,2026-12-10,,\n" +
            $"{good},1,S10021,2026-11-24,JPY,,,,1,TM-0001,,座金,,10,個,5,,10,2026-12-10,,\n" +
            $"{bad},1,S10021,2026-11-24,JPY,,,,2,TM-0002,,座金,,1,000,個,5,,10,2026-12-10,,\n" +
            $"{bad},1,S10021,2026-11-24,JPY,,,,3,TM-0003,,座金,,abc,個,5,,10,2026-13-45,,\n";
        var before = await api.CountAsync();

        var (_, results, body) = await UploadAsync(api, Encoding.UTF8.GetBytes(csv), "text/csv");

        Assert.Equal([(bad, IntakeStatus.Rejected), (good, IntakeStatus.Received)], results!.Results.Select(r => (r.OrderNumber, r.Status)));
        var problems = results.Results[0].Problems!.Select(p => (p.Path, p.Code)).ToList();
        Assert.Contains(("csv:line 4", "invalid_csv"), problems);
        Assert.Contains(("csv:line 5, column quantity", "invalid_value"), problems);
        Assert.Contains(("csv:line 5, column requestedDeliveryDate", "invalid_value"), problems);
        Assert.Equal(before.Orders + 1, (await api.CountAsync()).Orders);
        Assert.DoesNotContain("\"problems\":[]", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_quantity_of_zero_is_rejected_by_the_same_rules_as_JSON()
    {
        var api = await fixture.ServerAsync();
        var csv = Header + "\n" + $"{ApiServer.NewOrderNumber("CSV")},1,S10021,2026-11-24,JPY,,,,1,TM-0001,,座金,,0,個,5,,10,2026-12-10,,\n";

        var (_, results, _) = await UploadAsync(api, Encoding.UTF8.GetBytes(csv), "text/csv");

        Assert.Contains(Assert.Single(results!.Results).Problems!, p => p.Code == ProblemCodes.NotPositive);
    }

    [Fact]
    public async Task A_header_with_an_unknown_column_rejects_the_file()
    {
        var api = await fixture.ServerAsync();
        var before = await api.CountAsync();

        var (_, results, _) = await UploadAsync(api, Encoding.UTF8.GetBytes(Header + ",colour\n"), "text/csv");

        var problem = Assert.Single(Assert.Single(results!.Results).Problems!);
        Assert.Equal(("csv:line 1, column colour", ProblemCodes.UnknownField), (problem.Path, problem.Code));
        Assert.Equal(before.Orders, (await api.CountAsync()).Orders);
    }

    private static async Task<(HttpStatusCode Status, IntakeResults? Results, string Body)> UploadAsync(
        ApiServer api, byte[] bytes, string contentType, string query = "")
    {
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var response = await api.Http.PostAsync("/api/v1/purchase-orders/csv" + query, content);
        return await ApiServer.ReadAsync(response);
    }
}
