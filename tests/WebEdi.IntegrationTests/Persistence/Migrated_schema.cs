using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using WebEdi.Domain.Companies;
using WebEdi.Domain.Orders;
using WebEdi.Data;

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
        var buyer = Company.Create("FILL-BUYER", "買い手", isBuyer: true, isSupplier: false, DateTime.UtcNow);
        var supplier = Company.Create("FILL-SUPPLIER", "売り手", isBuyer: false, isSupplier: true, DateTime.UtcNow);
        var relationship = TradingRelationship.Create(buyer, supplier, "S1", DateTime.UtcNow);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var order = PurchaseOrder.Receive(relationship, "PO-FILL-1", 1, new OrderHeader(today, "JPY", null, null, null),
            [new OrderLineData(1, "TM-100", null, "六角ボルト", null, 1m, "個", 1m, null, 10m, today, null, null),
             new OrderLineData(2, "TM-200", "SK-200", "平歯車", null, 1m, "個", 1m, null, 10m, today, null, null)], DateTime.UtcNow);
        db.AddRange(buyer, supplier, relationship, order);
        await db.SaveChangesAsync();
        var migrator = db.GetService<IMigrator>();

        // Back to before the column, and forward again: the orders stored meanwhile get their text from their lines.
        await migrator.MigrateAsync("20261201120000_InboxTabCountIndex");
        await migrator.MigrateAsync();

        var text = await db.PurchaseOrders.Where(o => o.Id == order.Id).Select(o => o.SearchText).SingleAsync();
        Assert.StartsWith("PO-FILL-1\n", text, StringComparison.Ordinal);
        Assert.Contains("TM-100\n\n六角ボルト", text, StringComparison.Ordinal);
        Assert.Contains("TM-200\nSK-200\n平歯車", text, StringComparison.Ordinal);
        Assert.Equal(order.Id, await db.PurchaseOrders.Where(o => o.SupplierId == supplier.Id && o.SearchText.Contains("歯車")).Select(o => o.Id).SingleAsync());
    }
}
