using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using WebEdi.Data;
using WebEdi.Data.Deliveries;
using WebEdi.Data.Outbox;

namespace WebEdi.IntegrationTests.Persistence;

/// <summary>The hand-written migrations stand in for EF's design tools; this proves them right on every provider.</summary>
public sealed class Migrated_schema
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Equals_the_schema_EF_derives_from_the_model(DatabaseProvider provider)
    {
        var migrated = await TestDatabase.MigratedAsync(provider);
        var modelled = await TestDatabase.CreateAsync(provider);
        await using (var db = TestDatabase.Open(modelled))
        {
            await db.Database.EnsureCreatedAsync();
        }

        var expected = await SchemaDescription.ReadAsync(modelled);
        var actual = await SchemaDescription.ReadAsync(migrated);

        Assert.Contains(expected, l => l.Contains("PurchaseOrders.OrderNumber", StringComparison.Ordinal));
        Assert.Equal(string.Join('\n', expected), string.Join('\n', actual));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Leaves_nothing_pending_and_migrating_again_changes_nothing(DatabaseProvider provider)
    {
        var options = await TestDatabase.MigratedAsync(provider);
        var before = await SchemaDescription.ReadAsync(options);

        await using (var db = TestDatabase.Open(options))
        {
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            await db.Database.MigrateAsync();
        }

        Assert.Equal(before, await SchemaDescription.ReadAsync(options));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Adding_the_search_text_fills_it_for_orders_already_stored(DatabaseProvider provider)
    {
        var options = await TestDatabase.MigratedAsync(provider);
        await using var db = TestDatabase.Open(options);
        var trade = await Trade.StoreAsync(db);
        var order = trade.Order("PO-FILL-1", 10m, 20m);
        db.PurchaseOrders.Add(order);
        await db.SaveChangesAsync();
        var migrator = db.GetService<IMigrator>();

        // Back to before the column, and forward again: the orders stored meanwhile get their text from their lines.
        await migrator.MigrateAsync("20261201120000_InboxTabCountIndex");
        await migrator.MigrateAsync();

        var text = await db.PurchaseOrders.Where(o => o.Id == order.Id).Select(o => o.SearchText).SingleAsync();
        Assert.StartsWith("PO-FILL-1\n", text, StringComparison.Ordinal);
        Assert.Contains("TM-B-6200\nSK-6200ZZ\n深溝玉軸受 6203ZZ", text, StringComparison.Ordinal);
        Assert.Contains("TM-B-6201\nSK-6201ZZ\n深溝玉軸受 6203ZZ", text, StringComparison.Ordinal);
        Assert.Equal(order.Id, await db.PurchaseOrders.Where(o => o.SupplierId == trade.Supplier.Id && o.SearchText.Contains("SK-6201")).Select(o => o.Id).SingleAsync());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Moving_the_fan_out_claim_to_its_queue_keeps_waiting_exactly_the_documents_not_fanned_out_yet_and_the_deliveries(DatabaseProvider provider)
    {
        var options = await TestDatabase.MigratedAsync(provider);
        await using var db = TestDatabase.Open(options);
        var trade = await Trade.StoreAsync(db);
        db.OutboxMessages.AddRange(Enumerable.Range(1, 3).Select(i => OutboxMessage.Create(
            Guid.CreateVersion7(), trade.Buyer.Id, "PurchaseOrderReceived", $$"""{"orderNumber":"PO-Q-{{i}}"}""", $"PO-Q-{i}", Trade.At)));
        var channel = BuyerChannel.Bus(trade.Buyer.Id, Trade.At);
        db.BuyerChannels.Add(channel);
        await db.SaveChangesAsync();
        Assert.Equal([1L, 2L, 3L], await QueuedAsync(db));
        db.Deliveries.Add(Delivery.Create(1, Guid.CreateVersion7(), "PurchaseOrderReceived", "PO-Q-1", channel, Trade.At));
        await db.SaveChangesAsync();

        // Document 1 is fanned out; back to the claim by column, where 2 is fanned out too; and forward again.
        await db.FanOutQueue.Where(e => e.Sequence == 1).ExecuteDeleteAsync();
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync("20261203140000_UnusedDeliveryIndex");
        Assert.Equal(
            [1L],
            await db.Database.SqlQueryRaw<long>("""SELECT "Sequence" AS "Value" FROM "OutboxMessages" WHERE "DispatchedAt" IS NOT NULL""").ToListAsync());
        await db.Database.ExecuteSqlRawAsync("""UPDATE "OutboxMessages" SET "DispatchedAt" = "CreatedAt" WHERE "Sequence" = 2""");
        await migrator.MigrateAsync();

        Assert.Equal([3L], await QueuedAsync(db));

        // The deliveries' table, rebuilt on SQLite without its foreign keys (and back), kept its rows.
        var delivery = await db.Deliveries.AsNoTracking().SingleAsync();
        Assert.Equal(("PO-Q-1", DeliveryState.Pending), (delivery.OrderNumber, delivery.State));

        // A process of the previous release, still running in a rolling upgrade, claims document 3 its way: it leaves
        // the queue. And a new document waits for the fan-out.
        await db.Database.ExecuteSqlRawAsync("""UPDATE "OutboxMessages" SET "DispatchedAt" = "CreatedAt", "LeaseOwner" = 'old' WHERE "Sequence" = 3""");
        Assert.Empty(await QueuedAsync(db));
        db.OutboxMessages.Add(OutboxMessage.Create(Guid.CreateVersion7(), trade.Buyer.Id, "PurchaseOrderReceived", "{}", null, Trade.At));
        await db.SaveChangesAsync();
        Assert.Equal([4L], await QueuedAsync(db));
    }

    private static Task<List<long>> QueuedAsync(WebEdiDbContext db) => db.FanOutQueue.OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync();
}
