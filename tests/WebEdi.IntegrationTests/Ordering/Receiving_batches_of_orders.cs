using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using WebEdi.Contracts;
using WebEdi.Data;
using WebEdi.IntegrationTests.Persistence;
using WebEdi.Ordering.Intake;
using static WebEdi.IntegrationTests.Ordering.IntakeScenario;

namespace WebEdi.IntegrationTests.Ordering;

/// <summary>The bus intake's fast path: many messages of one buyer in one transaction, with the same answers as alone.</summary>
public sealed class Receiving_batches_of_orders
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_later_message_in_the_batch_sees_what_an_earlier_one_stored(DatabaseProvider provider)
    {
        var scenario = await CreateAsync(provider);
        var order = Order("PO-B-1");

        var replies = await ApplyBatchAsync(scenario,
            Message(order), Message(order), Message(Change(order, 2, 130m)), Message(new CancelPurchaseOrder { OrderNumber = "PO-B-2" }),
            Message(Order("PO-B-3", quantity: -1m)), Message(Order("PO-B-4")));

        Assert.Equal(
            ["Received", "Duplicate", "Received", "unknown_order", "not_positive", "Received"],
            replies.Select(r => r.Received?.Outcome.ToString() ?? r.Rejected!.Problems[0].Code));
        await using var db = TestDatabase.Open(scenario.Database);
        Assert.Equal(["PO-B-1", "PO-B-4"], await db.PurchaseOrders.Select(o => o.OrderNumber).OrderBy(n => n).ToListAsync());
        var changed = await db.OrdersWithDetails().SingleAsync(o => o.OrderNumber == "PO-B-1");
        Assert.Equal((2, 130m), (changed.Revision, changed.Line(1).Quantity));
        Assert.Equal(6, await db.OutboxMessages.CountAsync());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Batches_racing_for_the_same_new_orders_store_each_once_and_answer_every_message(DatabaseProvider provider)
    {
        var scenario = await CreateAsync(provider);
        var messages = Enumerable.Range(1, 30).Select(i => Message(Order($"PO-RACE-{i:D3}"))).ToArray();

        var batches = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => ApplyBatchAsync(scenario, messages)));

        Assert.All(batches, replies => Assert.Equal(30, replies.Count));
        var outcomes = batches.SelectMany(b => b).GroupBy(r => r.Received!.OrderNumber).ToList();
        Assert.All(outcomes, g => Assert.Equal(
            [IntakeOutcome.Received, IntakeOutcome.Duplicate, IntakeOutcome.Duplicate],
            g.Select(r => r.Received!.Outcome).Order()));
        await using var db = TestDatabase.Open(scenario.Database);
        Assert.Equal(30, await db.PurchaseOrders.CountAsync());
        Assert.Equal(60, await db.PurchaseOrderLines.CountAsync());
        Assert.Equal(30, await db.OrderNotices.CountAsync());
    }

    private static IntakeMessage Message(object command) =>
        new(command.GetType().Name, command, (command as IPurchaseOrderRevision)?.OrderNumber, (command as IPurchaseOrderRevision)?.Revision, []);

    private static async Task<IReadOnlyList<IntakeReply>> ApplyBatchAsync(IntakeScenario scenario, params IntakeMessage[] messages)
    {
        await using var db = TestDatabase.Open(scenario.Database);
        var intake = new PurchaseOrderIntake(db, TimeProvider.System, NullLogger<PurchaseOrderIntake>.Instance);
        return await intake.ApplyBatchAsync(scenario.Trade.Buyer, messages);
    }
}
