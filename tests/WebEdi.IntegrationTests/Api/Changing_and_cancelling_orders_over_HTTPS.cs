using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WebEdi.Contracts;
using WebEdi.Domain.Orders;
using WebEdi.Server.Api;

namespace WebEdi.IntegrationTests.Api;

/// <summary><c>POST /api/v1/purchase-orders/changes</c> and <c>/cancellations</c>.</summary>
public sealed class Changing_and_cancelling_orders_over_HTTPS(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    [Fact]
    public async Task A_change_of_an_answered_order_reopens_the_changed_line_for_an_answer()
    {
        var api = await fixture.ServerAsync();
        var number = ApiServer.NewOrderNumber("PO");
        await ApiServer.PostAsync(api.Http, "/api/v1/purchase-orders", ApiServer.Order(number));
        await using (var db = api.OpenDb())
        {
            var order = await db.OrdersWithDetails().SingleAsync(o => o.OrderNumber == number);
            order.AcceptAll(null, DateTime.UtcNow);
            await db.SaveChangesAsync();
            Assert.Equal(OrderStatus.Answered, order.Status);
        }

        var (_, results, body) = await ApiServer.PostAsync(api.Http, "/api/v1/purchase-orders/changes", Change(number, revision: 2, quantity: 25));

        var result = Assert.Single(results!.Results);
        Assert.True(result.Status == IntakeStatus.Received, body);
        Assert.Equal(2, result.Revision);
        await using var check = api.OpenDb();
        var changed = await check.OrdersWithDetails().SingleAsync(o => o.OrderNumber == number);
        Assert.Equal(OrderStatus.ChangedAwaitingAnswer, changed.Status);
        Assert.Equal(25m, changed.Lines.Single(l => l.LineNumber == 1).Quantity);
        Assert.True(changed.Lines.Single(l => l.LineNumber == 1).AwaitingAnswerAfterChange);
    }

    [Fact]
    public async Task A_change_of_an_order_never_submitted_is_rejected_as_unknown()
    {
        var api = await fixture.ServerAsync();

        var (_, results, _) = await ApiServer.PostAsync(api.Http, "/api/v1/purchase-orders/changes", Change(ApiServer.NewOrderNumber("PO"), 2, 5));

        Assert.Equal(ProblemCodes.UnknownOrder, Assert.Single(Assert.Single(results!.Results).Problems!).Code);
    }

    [Fact]
    public async Task A_cancellation_cancels_the_order_and_again_answers_cancelled()
    {
        var api = await fixture.ServerAsync();
        var number = ApiServer.NewOrderNumber("PO");
        await ApiServer.PostAsync(api.Http, "/api/v1/purchase-orders", ApiServer.Order(number));
        var cancel = $$"""{"orderNumber": "{{number}}", "reason": "計画変更のため"}""";

        var (_, results, _) = await ApiServer.PostAsync(api.Http, "/api/v1/purchase-orders/cancellations", cancel);
        var (_, again, _) = await ApiServer.PostAsync(api.Http, "/api/v1/purchase-orders/cancellations", $"[{cancel}]");

        Assert.Equal(IntakeStatus.Cancelled, Assert.Single(results!.Results).Status);
        Assert.Equal(IntakeStatus.Cancelled, Assert.Single(again!.Results).Status);
        await using var db = api.OpenDb();
        var order = await db.PurchaseOrders.SingleAsync(o => o.OrderNumber == number);
        Assert.Equal((OrderStatus.Cancelled, "計画変更のため"), (order.Status, order.CancellationReason));
    }

    [Fact]
    public async Task Cancelling_a_shipped_order_is_refused_with_the_reason_and_changes_nothing()
    {
        var api = await fixture.ServerAsync();
        string number;
        int version;
        await using (var db = api.OpenDb())
        {
            var buyer = await db.Companies.SingleAsync(c => c.Code == ApiServer.Buyer);
            var shipped = await db.PurchaseOrders
                .Where(o => o.BuyerId == buyer.Id && o.CancelledAt == null && o.Lines.Any(l => l.ShippedQuantity > 0))
                .OrderBy(o => o.OrderNumber)
                .FirstAsync();
            (number, version) = (shipped.OrderNumber, shipped.Version);
        }

        var (_, results, _) = await ApiServer.PostAsync(api.Http, "/api/v1/purchase-orders/cancellations", $$"""{"orderNumber": "{{number}}"}""");

        var result = Assert.Single(results!.Results);
        Assert.Equal(IntakeStatus.Rejected, result.Status);
        Assert.Contains(result.Problems!, p => p.Code == ProblemCodes.LineShipped);
        await using var check = api.OpenDb();
        var order = await check.PurchaseOrders.SingleAsync(o => o.OrderNumber == number);
        Assert.Equal((null, version), (order.CancelledAt, order.Version));
    }

    [Fact]
    public async Task Another_buyers_key_cannot_touch_the_orders_of_TOKAI_MOTOR()
    {
        var api = await fixture.ServerAsync();
        var number = ApiServer.NewOrderNumber("PO");
        await ApiServer.PostAsync(api.Http, "/api/v1/purchase-orders", ApiServer.Order(number));
        using var kansai = api.Client(await api.CreateKeyAsync("KANSAI-DENKI", "KANSAI ERP"));
        var before = await api.CountAsync();

        var (_, cancelled, _) = await ApiServer.PostAsync(kansai, "/api/v1/purchase-orders/cancellations", $$"""{"orderNumber": "{{number}}"}""");
        var (_, changed, _) = await ApiServer.PostAsync(kansai, "/api/v1/purchase-orders/changes", Change(number, revision: 9, quantity: 1));

        Assert.Equal(ProblemCodes.UnknownOrder, Assert.Single(Assert.Single(cancelled!.Results).Problems!).Code);
        Assert.Equal(IntakeStatus.Rejected, Assert.Single(changed!.Results).Status);
        var after = await api.CountAsync();
        Assert.Equal((before.Orders, before.Lines), (after.Orders, after.Lines));
        await using var db = api.OpenDb();
        var order = await db.PurchaseOrders.Include(o => o.Lines).SingleAsync(o => o.OrderNumber == number);
        Assert.Equal((1, null, 10m), (order.Revision, order.CancelledAt, order.Lines.Single(l => l.LineNumber == 1).Quantity));
        var kansaiId = (await db.Companies.SingleAsync(c => c.Code == "KANSAI-DENKI")).Id;
        Assert.Equal(2, await db.OutboxMessages.CountAsync(m => m.BuyerId == kansaiId && m.OrderNumber == number && m.MessageType == nameof(PurchaseOrderRejected)));
    }

    private static string Change(string number, int revision, decimal quantity)
    {
        var order = ApiServer.OrderMessage(number, revision, quantity);
        return JsonSerializer.Serialize(new ChangePurchaseOrder
        {
            OrderNumber = order.OrderNumber,
            Revision = order.Revision,
            SupplierCode = order.SupplierCode,
            OrderDate = order.OrderDate,
            Currency = order.Currency,
            DeliveryLocation = order.DeliveryLocation,
            Lines = order.Lines,
        }, ContractJson.Options);
    }
}
