using Microsoft.EntityFrameworkCore;
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
}
