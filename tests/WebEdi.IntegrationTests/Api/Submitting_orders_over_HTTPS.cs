using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using WebEdi.Contracts;
using WebEdi.Data;
using WebEdi.Server.Api;

namespace WebEdi.IntegrationTests.Api;

/// <summary><c>POST /api/v1/purchase-orders</c> with a TOKAI-MOTOR key, against the real server with the demo loaded.</summary>
public sealed class Submitting_orders_over_HTTPS(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private const string Path = "/api/v1/purchase-orders";

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task One_order_is_received_stored_and_answered_in_the_outbox(DatabaseProvider provider)
    {
        var api = await fixture.ServerAsync(provider);
        var number = ApiServer.NewOrderNumber("PO");

        var (status, results, body) = await ApiServer.PostAsync(api.Http, Path, ApiServer.Order(number));

        Assert.True(status == HttpStatusCode.OK, body);
        var result = Assert.Single(results!.Results);
        Assert.Equal((0, number, IntakeStatus.Received, 1), (result.Index, result.OrderNumber, result.Status, result.Revision));
        Assert.Null(result.Problems);
        await using var db = api.OpenDb();
        var order = await db.PurchaseOrders.Include(o => o.Lines).SingleAsync(o => o.OrderNumber == number);
        Assert.Equal(2, order.Lines.Count);
        Assert.Equal("六角ボルト M8×30", order.Lines[0].ItemName);
        var document = await db.OutboxMessages.SingleAsync(m => m.OrderNumber == number);
        Assert.Equal((result.DocumentId, nameof(PurchaseOrderReceived)), (document.Id, document.MessageType));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Twice_with_the_same_revision_answers_duplicate_and_stores_it_once(DatabaseProvider provider)
    {
        var api = await fixture.ServerAsync(provider);
        var number = ApiServer.NewOrderNumber("PO");
        var first = await ApiServer.PostAsync(api.Http, Path, ApiServer.Order(number));
        var before = await api.CountAsync();

        var (status, results, _) = await ApiServer.PostAsync(api.Http, Path, ApiServer.Order(number));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(IntakeStatus.Received, first.Results!.Results[0].Status);
        var result = Assert.Single(results!.Results);
        Assert.Equal(IntakeStatus.Duplicate, result.Status);
        Assert.NotEqual(first.Results.Results[0].DocumentId, result.DocumentId);
        var after = await api.CountAsync();
        Assert.Equal((before.Orders, before.Lines, before.Outbox + 1), after);
        await using var db = api.OpenDb();
        Assert.Equal(1, await db.PurchaseOrders.CountAsync(o => o.OrderNumber == number));
    }

    [Fact]
    public async Task A_lower_revision_after_a_higher_one_is_stale_and_changes_nothing()
    {
        var api = await fixture.ServerAsync();
        var number = ApiServer.NewOrderNumber("PO");
        await ApiServer.PostAsync(api.Http, Path, ApiServer.Order(number, revision: 3, quantity: 30));

        var (_, results, _) = await ApiServer.PostAsync(api.Http, Path, ApiServer.Order(number, revision: 2, quantity: 20));

        Assert.Equal(IntakeStatus.Stale, Assert.Single(results!.Results).Status);
        await using var db = api.OpenDb();
        var order = await db.PurchaseOrders.Include(o => o.Lines).SingleAsync(o => o.OrderNumber == number);
        Assert.Equal((3, 30m), (order.Revision, order.Lines.Single(l => l.LineNumber == 1).Quantity));
    }

    [Fact]
    public async Task A_batch_with_one_bad_element_stores_the_others_and_writes_one_document_per_element()
    {
        var api = await fixture.ServerAsync();
        var (a, b, c) = (ApiServer.NewOrderNumber("PO"), ApiServer.NewOrderNumber("PO"), ApiServer.NewOrderNumber("PO"));
        var before = await api.CountAsync();
        var batch = $"[{ApiServer.Order(a)}, {{\"orderNumber\": \"{b}\", \"revision\": 1, \"quantity\": \"lots\"}}, {ApiServer.Order(c, quantity: 0)}, {ApiServer.Order(ApiServer.NewOrderNumber("PO"))}]";

        var (status, results, body) = await ApiServer.PostAsync(api.Http, Path, batch);

        Assert.True(status == HttpStatusCode.OK, body);
        Assert.Equal([IntakeStatus.Received, IntakeStatus.Rejected, IntakeStatus.Rejected, IntakeStatus.Received], results!.Results.Select(r => r.Status));
        Assert.Equal([0, 1, 2, 3], results.Results.Select(r => r.Index));
        var unreadable = results.Results[1];
        Assert.Equal(b, unreadable.OrderNumber);
        Assert.Contains(unreadable.Problems!, p => p.Path.StartsWith("$[1]", StringComparison.Ordinal));
        Assert.Contains(results.Results[2].Problems!, p => p.Code == ProblemCodes.NotPositive && p.Path == "lines[1].quantity");
        var after = await api.CountAsync();
        Assert.Equal((before.Orders + 2, before.Lines + 4, before.Outbox + 4), after);
        await using var db = api.OpenDb();
        var documents = await db.OutboxMessages.Where(m => results.Results.Select(r => r.DocumentId).Contains(m.Id)).ToListAsync();
        Assert.Equal(
            [nameof(PurchaseOrderReceived), nameof(PurchaseOrderRejected), nameof(PurchaseOrderRejected), nameof(PurchaseOrderReceived)],
            results.Results.Select(r => documents.Single(d => d.Id == r.DocumentId).MessageType));
    }

    [Theory]
    [InlineData("""{"orderNumber": "X-1", "revision": 1,""", "$", ProblemCodes.InvalidJson)]
    [InlineData("""{"orderNumber": "X-2", "revision": 1, "supplierCode": "S10021", "orderDate": "2026-11-24", "currency": "JPY", "lines": [], "colour": "red"}""", "$.colour", ProblemCodes.UnknownField)]
    [InlineData("""{"orderNumber": "X-3", "revision": 1, "orderDate": "2026-11-24", "currency": "JPY", "lines": []}""", "$.supplierCode", ProblemCodes.Required)]
    [InlineData("""{"orderNumber": "X-4", "revision": 1, "supplierCode": "S10021", "orderDate": "2026-13-45", "currency": "JPY", "lines": []}""", "$.orderDate", ProblemCodes.InvalidJson)]
    public async Task A_message_that_cannot_be_read_is_rejected_naming_the_path_and_changes_nothing(string json, string path, string code)
    {
        var api = await fixture.ServerAsync();
        var before = await api.CountAsync();

        var (status, results, body) = await ApiServer.PostAsync(api.Http, Path, json);

        Assert.True(status == HttpStatusCode.OK, body);
        var result = Assert.Single(results!.Results);
        Assert.Equal(IntakeStatus.Rejected, result.Status);
        Assert.Contains(result.Problems!, p => p.Path.StartsWith(path, StringComparison.Ordinal) && p.Code == code);
        Assert.Equal((before.Orders, before.Lines, before.Outbox + 1), await api.CountAsync());
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    public async Task A_quantity_that_is_not_positive_is_rejected(int quantity)
    {
        var api = await fixture.ServerAsync();
        var before = await api.CountAsync();

        var (_, results, _) = await ApiServer.PostAsync(api.Http, Path, ApiServer.Order(ApiServer.NewOrderNumber("PO"), quantity: quantity));

        var result = Assert.Single(results!.Results);
        Assert.Equal(IntakeStatus.Rejected, result.Status);
        Assert.Contains(result.Problems!, p => p.Code == ProblemCodes.NotPositive && p.Path == "lines[1].quantity");
        var after = await api.CountAsync();
        Assert.Equal((before.Orders, before.Lines), (after.Orders, after.Lines));
    }

    [Fact]
    public async Task An_unknown_supplier_code_is_rejected()
    {
        var api = await fixture.ServerAsync();

        var (_, results, _) = await ApiServer.PostAsync(api.Http, Path, ApiServer.Order(ApiServer.NewOrderNumber("PO"), supplierCode: "S99999"));

        var problem = Assert.Single(Assert.Single(results!.Results).Problems!);
        Assert.Equal(("supplierCode", ProblemCodes.UnknownSupplier), (problem.Path, problem.Code));
    }

    [Fact]
    public async Task A_buyer_code_claiming_another_buyer_is_rejected()
    {
        var api = await fixture.ServerAsync();
        var number = ApiServer.NewOrderNumber("PO");

        var (_, results, _) = await ApiServer.PostAsync(api.Http, Path, ApiServer.Order(number, buyerCode: "KANSAI-DENKI"));

        var problem = Assert.Single(Assert.Single(results!.Results).Problems!);
        Assert.Equal(("buyerCode", ProblemCodes.BuyerMismatch), (problem.Path, problem.Code));
        await using var db = api.OpenDb();
        Assert.False(await db.PurchaseOrders.AnyAsync(o => o.OrderNumber == number));
    }

    [Fact]
    public async Task A_batch_of_more_than_500_orders_is_refused_whole_with_413()
    {
        var api = await fixture.ServerAsync();
        var before = await api.CountAsync();
        var batch = "[" + string.Join(',', Enumerable.Range(0, 501).Select(_ => ApiServer.Order(ApiServer.NewOrderNumber("PO")))) + "]";

        var (status, _, body) = await ApiServer.PostAsync(api.Http, Path, batch);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("500", body, StringComparison.Ordinal);
        Assert.Equal(before, await api.CountAsync());
    }

    [Fact]
    public async Task A_body_over_10_MB_is_refused_with_413_naming_the_limit()
    {
        var api = await fixture.ServerAsync();
        var before = await api.CountAsync();
        var json = "[" + ApiServer.Order(ApiServer.NewOrderNumber("PO")) + new string(' ', 10 * 1024 * 1024) + "]";

        var (status, _, body) = await ApiServer.PostAsync(api.Http, Path, json);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("10485760", body, StringComparison.Ordinal);
        Assert.Equal(before, await api.CountAsync());
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_is_refused_with_415()
    {
        var api = await fixture.ServerAsync();
        using var content = new StringContent(ApiServer.Order("PO-TEXT"), Encoding.UTF8, "text/plain");

        using var response = await api.Http.PostAsync(Path, content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }
}
