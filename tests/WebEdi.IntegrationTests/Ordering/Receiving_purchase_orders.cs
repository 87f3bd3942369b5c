using Microsoft.EntityFrameworkCore;
using WebEdi.Contracts;
using WebEdi.Data;
using WebEdi.Data.Notifications;
using WebEdi.Domain.Orders;
using WebEdi.Domain.Shipments;
using WebEdi.IntegrationTests.Persistence;
using static WebEdi.IntegrationTests.Ordering.IntakeScenario;

namespace WebEdi.IntegrationTests.Ordering;

/// <summary>The intake every transport shares: revision rules, idempotency, and the outbox written with the order.</summary>
public sealed class Receiving_purchase_orders
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_new_order_is_stored_with_its_reply_in_the_outbox_and_a_notice_for_the_supplier(DatabaseProvider provider)
    {
        var scenario = await CreateAsync(provider);

        var reply = await scenario.SubmitAsync(Order("PO-1001"));

        Assert.Equal(IntakeOutcome.Received, reply.Received!.Outcome);
        Assert.Equal("S10021", reply.Received.SupplierCode);
        await using var db = TestDatabase.Open(scenario.Database);
        var order = await db.OrdersWithDetails().SingleAsync();
        Assert.Equal(2, order.Lines.Count);
        var outbox = await db.OutboxMessages.SingleAsync();
        Assert.Equal(reply.DocumentId, outbox.Id);
        Assert.Equal("PurchaseOrderReceived", outbox.MessageType);
        Assert.Contains("\"outcome\":\"Received\"", outbox.Payload, StringComparison.Ordinal);
        var notice = await db.OrderNotices.SingleAsync();
        Assert.Equal((OrderNoticeKind.New, order.Id), (notice.Kind, notice.PurchaseOrderId));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Twice_with_the_same_revision_stores_it_once_and_answers_duplicate(DatabaseProvider provider)
    {
        var scenario = await CreateAsync(provider);

        await scenario.SubmitAsync(Order("PO-1002"));
        var again = await scenario.SubmitAsync(Order("PO-1002", quantity: 999m));

        Assert.Equal(IntakeOutcome.Duplicate, again.Received!.Outcome);
        await using var db = TestDatabase.Open(scenario.Database);
        Assert.Equal(100m, (await db.OrdersWithDetails().SingleAsync()).Line(1).Quantity);
        Assert.Equal(2, await db.OutboxMessages.CountAsync());
        Assert.Equal(1, await db.OrderNotices.CountAsync());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task The_same_new_order_sent_concurrently_is_stored_once(DatabaseProvider provider)
    {
        var scenario = await CreateAsync(provider);

        var replies = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => scenario.SubmitAsync(Order("PO-RACE"))));

        Assert.Single(replies, r => r.Received?.Outcome == IntakeOutcome.Received);
        Assert.All(replies, r => Assert.Contains(r.Received?.Outcome, new IntakeOutcome?[] { IntakeOutcome.Received, IntakeOutcome.Duplicate }));
        await using var db = TestDatabase.Open(scenario.Database);
        Assert.Equal(1, await db.PurchaseOrders.CountAsync());
        Assert.Equal(2, await db.PurchaseOrderLines.CountAsync());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_lower_revision_after_a_higher_one_is_ignored_and_reported_stale(DatabaseProvider provider)
    {
        var scenario = await CreateAsync(provider);
        await scenario.SubmitAsync(Order("PO-1003", revision: 3));

        var stale = await scenario.SubmitAsync(Order("PO-1003", revision: 2, quantity: 5m));

        Assert.Equal(IntakeOutcome.Stale, stale.Received!.Outcome);
        await using var db = TestDatabase.Open(scenario.Database);
        var order = await db.OrdersWithDetails().SingleAsync();
        Assert.Equal((3, 100m), (order.Revision, order.Line(1).Quantity));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_change_after_the_supplier_answered_reopens_the_changed_line_and_keeps_the_history(DatabaseProvider provider)
    {
        var scenario = await CreateAsync(provider);
        var original = Order("PO-1004");
        await scenario.SubmitAsync(original);
        await using (var db = TestDatabase.Open(scenario.Database))
        {
            (await db.OrdersWithDetails().SingleAsync()).AcceptAll(null, Trade.At);
            await db.SaveChangesAsync();
        }

        var reply = await scenario.SendAsync(i => i.ReviseAsync(scenario.Trade.Buyer, Change(original, 2, 120m)));

        Assert.Equal(IntakeOutcome.Received, reply.Received!.Outcome);
        await using var check = TestDatabase.Open(scenario.Database);
        var order = await check.OrdersWithDetails().SingleAsync();
        Assert.Equal(OrderStatus.ChangedAwaitingAnswer, order.Status);
        Assert.Null(order.Line(1).CurrentAnswer);
        Assert.Equal(ResponseKind.Accepted, order.Line(2).CurrentAnswer);
        var revisions = order.Revisions.OrderBy(r => r.Number).ToList();
        Assert.Equal(
            [(1, "amount", "18550", "22260"), (1, "quantity", "100", "120")],
            revisions[1].Snapshot.ChangesSince(revisions[0].Snapshot).Select(c => (c.LineNumber, c.Field, c.Before, c.After)).OrderBy(c => c.Field));
        Assert.Equal([OrderNoticeKind.New, OrderNoticeKind.Changed], await check.OrderNotices.OrderBy(n => n.Sequence).Select(n => n.Kind).ToListAsync());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_cancel_after_shipment_is_refused_with_the_reason_and_changes_nothing(DatabaseProvider provider)
    {
        var scenario = await CreateAsync(provider);
        await scenario.SubmitAsync(Order("PO-1005"));
        await using (var db = TestDatabase.Open(scenario.Database))
        {
            var stored = await db.OrdersWithDetails().SingleAsync();
            stored.AcceptAll(null, Trade.At);
            db.Shipments.Add(Shipment.Create("SA-1", new DateOnly(2026, 11, 10), [new ShipmentItem(stored, 1, 30m)], null, Trade.At));
            await db.SaveChangesAsync();
        }

        var reply = await scenario.SendAsync(i => i.CancelAsync(scenario.Trade.Buyer, new CancelPurchaseOrder { OrderNumber = "PO-1005" }));

        var problem = Assert.Single(reply.Rejected!.Problems);
        Assert.Equal(("lines[1]", "line_shipped"), (problem.Path, problem.Code));
        await using var check = TestDatabase.Open(scenario.Database);
        var order = await check.OrdersWithDetails().SingleAsync();
        Assert.Null(order.CancelledAt);
        Assert.Equal(OrderStatus.PartiallyShipped, order.Status);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Cancelling_twice_is_answered_cancelled_both_times_and_notifies_once(DatabaseProvider provider)
    {
        var scenario = await CreateAsync(provider);
        await scenario.SubmitAsync(Order("PO-1006"));
        var cancel = new CancelPurchaseOrder { OrderNumber = "PO-1006", Reason = "計画変更" };

        var first = await scenario.SendAsync(i => i.CancelAsync(scenario.Trade.Buyer, cancel));
        var second = await scenario.SendAsync(i => i.CancelAsync(scenario.Trade.Buyer, cancel));

        Assert.Equal(IntakeOutcome.Cancelled, first.Received!.Outcome);
        Assert.Equal(IntakeOutcome.Cancelled, second.Received!.Outcome);
        await using var db = TestDatabase.Open(scenario.Database);
        Assert.Equal(OrderStatus.Cancelled, (await db.PurchaseOrders.SingleAsync()).Status);
        Assert.Equal(1, await db.OrderNotices.CountAsync(n => n.Kind == OrderNoticeKind.Cancelled));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Bad_orders_are_rejected_with_every_problem_and_store_nothing(DatabaseProvider provider)
    {
        var scenario = await CreateAsync(provider);
        var bad = Order("PO-1007") with { Currency = "XXX", Lines = [Line(1, -1m), Line(2, 0m)] };

        var reply = await scenario.SubmitAsync(bad);

        Assert.Equal(
            [("currency", "unknown_currency"), ("lines[1].quantity", "not_positive"), ("lines[2].quantity", "not_positive")],
            reply.Rejected!.Problems.Select(p => (p.Path, p.Code)).Order());
        await using var db = TestDatabase.Open(scenario.Database);
        Assert.Equal(0, await db.PurchaseOrders.CountAsync());
        Assert.Equal("PurchaseOrderRejected", (await db.OutboxMessages.SingleAsync()).MessageType);
        Assert.Equal(0, await db.OrderNotices.CountAsync());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task An_unknown_supplier_code_another_buyers_claim_or_an_unknown_order_is_rejected(DatabaseProvider provider)
    {
        var scenario = await CreateAsync(provider);

        var unknownSupplier = await scenario.SubmitAsync(Order("PO-1008") with { SupplierCode = "S99999" });
        var otherBuyer = await scenario.SubmitAsync(Order("PO-1009") with { BuyerCode = "KANSAI-DENKI" });
        var unknownOrder = await scenario.SendAsync(i => i.ReviseAsync(scenario.Trade.Buyer, Change(Order("PO-NONE"), 2, 1m)));

        Assert.Equal("unknown_supplier", Assert.Single(unknownSupplier.Rejected!.Problems).Code);
        Assert.Equal("buyer_mismatch", Assert.Single(otherBuyer.Rejected!.Problems).Code);
        Assert.Equal("unknown_order", Assert.Single(unknownOrder.Rejected!.Problems).Code);
        await using var db = TestDatabase.Open(scenario.Database);
        Assert.Equal(0, await db.PurchaseOrders.CountAsync());
    }
}
