using Microsoft.EntityFrameworkCore;
using WebEdi.Data;
using WebEdi.Domain.Orders;
using WebEdi.Domain.Shipments;

namespace WebEdi.IntegrationTests.Persistence;

/// <summary>Two people working on the same order at once: the second save is refused, nothing is silently overwritten.</summary>
public sealed class Optimistic_concurrency
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Two_answers_to_the_same_order_from_stale_copies_conflict(DatabaseProvider provider)
    {
        var options = await StoredOrderAsync(provider);
        await using var alice = TestDatabase.Open(options);
        await using var bob = TestDatabase.Open(options);
        var hers = await alice.OrdersWithDetails().SingleAsync();
        var his = await bob.OrdersWithDetails().SingleAsync();

        hers.Answer(1, new OrderAnswer.Accept(), null, Trade.At.AddHours(1));
        await alice.SaveChangesAsync();
        his.Answer(1, new OrderAnswer.Reject(RejectionReason.OutOfStock, null), null, Trade.At.AddHours(2));

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => bob.SaveChangesAsync());
        await using var check = TestDatabase.Open(options);
        var stored = await check.OrdersWithDetails().SingleAsync();
        Assert.Equal(ResponseKind.Accepted, stored.Line(1).CurrentAnswer);
        Assert.Equal(1, stored.Version);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Two_shipments_racing_for_the_same_open_quantity_cannot_both_win(DatabaseProvider provider)
    {
        var options = await StoredOrderAsync(provider, accept: true);
        await using var first = TestDatabase.Open(options);
        await using var second = TestDatabase.Open(options);
        var a = await first.OrdersWithDetails().SingleAsync();
        var b = await second.OrdersWithDetails().SingleAsync();

        // Each copy sees 100 open and ships 80 of line 1: together they would ship 160 of 100 ordered.
        first.Shipments.Add(Shipment.Create("SA-1", new DateOnly(2026, 11, 3), [new ShipmentItem(a, 1, 80m)], null, Trade.At));
        await first.SaveChangesAsync();
        second.Shipments.Add(Shipment.Create("SA-2", new DateOnly(2026, 11, 3), [new ShipmentItem(b, 1, 80m)], null, Trade.At));

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        await using var check = TestDatabase.Open(options);
        Assert.Equal(80m, (await check.OrdersWithDetails().SingleAsync()).Line(1).ShippedQuantity);
        Assert.Equal(1, await check.Shipments.CountAsync());
    }

    [Fact]
    public async Task A_deadlock_on_PostgreSql_is_a_DbUpdateException_that_callers_retry_like_any_conflict()
    {
        var options = await TestDatabase.MigratedAsync(DatabaseProvider.PostgreSql);
        await using (var seed = TestDatabase.Open(options))
        {
            var trade = await Trade.StoreAsync(seed);
            seed.PurchaseOrders.AddRange(trade.Order("PO-D1", 10m, 5m), trade.Order("PO-D2", 10m, 5m));
            await seed.SaveChangesAsync();
        }

        // Each transaction locks one order, then saves an answer to the other: PostgreSQL must kill one of them.
        await using var first = TestDatabase.Open(options);
        await using var second = TestDatabase.Open(options);
        await using var firstTransaction = await first.Database.BeginTransactionAsync();
        await using var secondTransaction = await second.Database.BeginTransactionAsync();
        await first.Database.ExecuteSqlRawAsync("""SELECT 1 FROM "PurchaseOrders" WHERE "OrderNumber" = 'PO-D1' FOR UPDATE""");
        await second.Database.ExecuteSqlRawAsync("""SELECT 1 FROM "PurchaseOrders" WHERE "OrderNumber" = 'PO-D2' FOR UPDATE""");
        (await first.OrdersWithDetails().SingleAsync(o => o.OrderNumber == "PO-D2")).AcceptAll(null, Trade.At);
        (await second.OrdersWithDetails().SingleAsync(o => o.OrderNumber == "PO-D1")).AcceptAll(null, Trade.At);

        var saves = await Task.WhenAll(OutcomeAsync(first), OutcomeAsync(second));

        Assert.Single(saves, e => e is null);
        Assert.IsType<DbUpdateException>(Assert.Single(saves, e => e is not null));
        Assert.Contains("40P01", Assert.Single(saves, e => e is not null)!.GetBaseException().Message, StringComparison.Ordinal);

        static async Task<Exception?> OutcomeAsync(WebEdiDbContext db)
        {
            try
            {
                await db.SaveChangesAsync();
                await db.Database.CommitTransactionAsync();
                return null;
            }
            catch (Exception e)
            {
                await db.Database.RollbackTransactionAsync();
                return e;
            }
        }
    }

    private static async Task<DatabaseOptions> StoredOrderAsync(DatabaseProvider provider, bool accept = false)
    {
        var options = await TestDatabase.MigratedAsync(provider);
        await using var db = TestDatabase.Open(options);
        var trade = await Trade.StoreAsync(db);
        var order = trade.Order("PO-RACE", 100m, 50m);
        if (accept)
        {
            order.AcceptAll(null, Trade.At);
        }

        db.PurchaseOrders.Add(order);
        await db.SaveChangesAsync();
        return options;
    }
}
