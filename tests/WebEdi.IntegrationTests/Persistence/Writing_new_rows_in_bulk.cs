using System.Globalization;
using System.Data.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using WebEdi.Data;
using WebEdi.Data.Bulk;
using WebEdi.Data.Deliveries;
using WebEdi.Data.Notifications;
using WebEdi.Data.Outbox;
using WebEdi.Domain.Orders;

namespace WebEdi.IntegrationTests.Persistence;

/// <summary>
/// <see cref="NewRowWriter"/>: a unit of work that only adds rows is written without EF's update pipeline, and the
/// rows are exactly the ones EF would have written.
/// </summary>
public sealed class Writing_new_rows_in_bulk
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Stores_every_column_exactly_as_EF_core_does(DatabaseProvider provider)
    {
        var byEf = await TestDatabase.MigratedAsync(provider);
        var byWriter = await TestDatabase.MigratedAsync(provider);
        Trade trade;
        List<object> rows;
        await using (var db = TestDatabase.Open(byEf))
        {
            trade = await Trade.StoreAsync(db);
            rows = NewRows(trade, 12);
            db.AddRange(rows);
            await db.SaveChangesAsync();
        }

        var commands = new CommandCounter();
        await using (var db = Open(byWriter, commands))
        {
            db.AddRange(trade.Buyer, trade.Supplier, trade.Relationship);
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            commands.Inserts = 0;

            await db.SaveAsync(rows);

            Assert.Equal(0, commands.Inserts);
            Assert.Empty(db.ChangeTracker.Entries());
        }

        foreach (var table in Tables)
        {
            Assert.Equal(await DumpAsync(byEf, table), await DumpAsync(byWriter, table));
        }

        await using (var db = TestDatabase.Open(byWriter))
        {
            var order = await db.OrdersWithDetails().SingleAsync(o => o.Id == ((PurchaseOrder)rows[0]).Id);
            Assert.Equal(3, order.Lines.Count);
            Assert.Equal("検査成績書を添付のこと", order.Revisions.Single().Snapshot.Header.Remarks);
            Assert.Equal(RejectionReason.OutOfStock, order.Line(3).CurrentResponse!.RejectionReason);
            Assert.Equal([40m, 60m], order.Line(1).CurrentResponse!.Deliveries.OrderBy(d => d.Date).Select(d => d.Quantity));
            Assert.Equal(Enumerable.Range(1, 12).Select(i => (long)i), await db.OutboxMessages.OrderBy(m => m.Sequence).Select(m => m.Sequence).ToListAsync());

            // The COPY fired the outbox's trigger as EF's INSERTs did: every document waits for the fan-out.
            Assert.Equal(Enumerable.Range(1, 12).Select(i => (long)i), await db.FanOutQueue.OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync());
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Writes_deliveries_of_stored_documents_and_their_hand_overs_exactly_as_EF_core_does(DatabaseProvider provider)
    {
        // The fan-out's rows: a delivery refers to an outbox document that exists already (its number set by the
        // caller, not through a navigation), queued under a hand-over or pending.
        var byEf = await TestDatabase.MigratedAsync(provider);
        var byWriter = await TestDatabase.MigratedAsync(provider);
        Trade trade;
        await using (var db = TestDatabase.Open(byEf))
        {
            trade = await Trade.StoreAsync(db);
        }

        var channel = BuyerChannel.Bus(trade.Buyer.Id, Trade.At);
        var ids = Enumerable.Range(1, 4).Select(_ => Guid.CreateVersion7()).ToList();
        string? OrderOf(int i) => i == 4 ? null : $"PO-{i}";
        var handOver = DeliveryHandOver.Create(ChannelKind.Bus, 3, Trade.At, TimeSpan.FromMinutes(1));
        List<object> Rows() =>
        [
            handOver,
            .. Enumerable.Range(1, 4).Select(i => Delivery.Create(
                i, ids[i - 1], "PurchaseOrderAnswered", OrderOf(i), channel, Trade.At, i == 2 ? null : handOver.Id)),
        ];

        foreach (var options in new[] { byEf, byWriter })
        {
            await using var db = TestDatabase.Open(options);
            if (options == byWriter)
            {
                db.AddRange(trade.Buyer, trade.Supplier, trade.Relationship);
            }

            db.Add(channel);
            db.AddRange(Enumerable.Range(1, 4).Select(i => OutboxMessage.Create(
                ids[i - 1], trade.Buyer.Id, "PurchaseOrderAnswered", $$"""{"orderNumber":"{{OrderOf(i)}}"}""", OrderOf(i), Trade.At)));
            await db.SaveChangesAsync();
        }

        await using (var db = TestDatabase.Open(byEf))
        {
            db.AddRange(Rows());
            await db.SaveChangesAsync();
        }

        var commands = new CommandCounter();
        await using (var db = Open(byWriter, commands))
        {
            await db.SaveAsync(Rows());
            Assert.Equal(0, commands.Inserts);
        }

        foreach (var table in new[] { "Deliveries", "DeliveryHandOvers" })
        {
            Assert.Equal(await DumpAsync(byEf, table), await DumpAsync(byWriter, table));
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_row_that_breaks_a_unique_key_writes_nothing_and_says_which(DatabaseProvider provider)
    {
        var options = await TestDatabase.MigratedAsync(provider);
        await using var db = TestDatabase.Open(options);
        var trade = await Trade.StoreAsync(db);
        var existing = trade.Order("PO-BULK-0007", 1m);
        db.Add(existing);
        await db.SaveChangesAsync();
        var before = await CountsAsync(options);

        // The seventh new order has a number the buyer already used; the tracked change must not be saved either.
        existing.Cancel("仕様変更", Trade.At.AddHours(1));
        var failure = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveAsync(NewRows(trade, 12)));

        Assert.Contains("PurchaseOrders", failure.InnerException!.Message + failure.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await CountsAsync(options));
        await using var again = TestDatabase.Open(options);
        Assert.Null((await again.PurchaseOrders.SingleAsync(o => o.Id == existing.Id)).CancelledAt);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Saves_the_tracked_changes_in_the_same_transaction_with_their_version_checks(DatabaseProvider provider)
    {
        var options = await TestDatabase.MigratedAsync(provider);
        await using var db = TestDatabase.Open(options);
        var trade = await Trade.StoreAsync(db);
        var existing = trade.Order("PO-OLD-0001", 5m);
        var contested = trade.Order("PO-OLD-0002", 5m);
        db.AddRange(existing, contested);
        await db.SaveChangesAsync();

        existing.Cancel("仕様変更", Trade.At.AddHours(1));
        await db.SaveAsync(NewRows(trade, 12));

        await using (var again = TestDatabase.Open(options))
        {
            Assert.Equal(14, await again.PurchaseOrders.CountAsync());
            var cancelled = await again.PurchaseOrders.SingleAsync(o => o.Id == existing.Id);
            Assert.NotNull(cancelled.CancelledAt);
            Assert.Equal(1, cancelled.Version);

            // Someone else changes the second order meanwhile: the stale change fails, and takes the new rows with it.
            (await again.PurchaseOrders.SingleAsync(o => o.Id == contested.Id)).Cancel("別の担当者", Trade.At.AddHours(2));
            await again.SaveChangesAsync();
        }

        contested.Cancel("遅れた変更", Trade.At.AddHours(3));
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.SaveAsync(NewRows(trade, 12, from: 100)));
        await using var last = TestDatabase.Open(options);
        Assert.Equal(14, await last.PurchaseOrders.CountAsync());
    }

    [Fact]
    public async Task Leaves_rows_it_cannot_reproduce_to_EF()
    {
        var options = await TestDatabase.MigratedAsync(DatabaseProvider.Sqlite);
        var commands = new CommandCounter();
        await using var db = Open(options, commands);
        var trade = await Trade.StoreAsync(db);
        commands.Inserts = 0;

        // EF generates an Identity role's key itself; the writer would not.
        await db.SaveAsync([.. NewRows(trade, 1), new IdentityRole<Guid>("auditor") { NormalizedName = "AUDITOR" }]);

        Assert.True(commands.Inserts > 0);
        await using var again = TestDatabase.Open(options);
        Assert.Equal(3, await again.PurchaseOrderLines.CountAsync());
        Assert.Equal(1, await again.OutboxMessages.CountAsync());
        Assert.NotEqual(Guid.Empty, (await again.Roles.SingleAsync(r => r.Name == "auditor")).Id);
    }

    private static readonly string[] Tables =
        ["PurchaseOrders", "PurchaseOrderLines", "PurchaseOrderRevisions", "OrderResponses", "ScheduledDeliveries", "OrderNotices", "OutboxMessages", "FanOutQueue"];

    /// <summary>Orders of three lines — one split, one accepted, one rejected — with their notices and outbox replies.</summary>
    private static List<object> NewRows(Trade trade, int orders, int from = 1)
    {
        var rows = new List<object>();
        for (var n = from; n < from + orders; n++)
        {
            var order = trade.Order($"PO-BULK-{n:D4}", 100m, 12.5m, 3m);
            var at = Trade.At.AddHours(1);
            order.Answer(1, new OrderAnswer.AcceptWithChanges(null, 180.25m,
                [new ScheduledDeliveryData(new DateOnly(2026, 11, 20), 40m), new ScheduledDeliveryData(new DateOnly(2026, 11, 27), 60m)], "分納"), null, at);
            order.Answer(2, new OrderAnswer.Accept(), null, at);
            order.Answer(3, new OrderAnswer.Reject(RejectionReason.OutOfStock, "在庫切れ"), null, at);
            rows.Add(order);
            rows.Add(OrderNotice.Create(trade.Supplier.Id, trade.Buyer.Id, order.Id, order.OrderNumber, 1, OrderNoticeKind.New, Trade.At));
            rows.Add(OutboxMessage.Create(Guid.CreateVersion7(), trade.Buyer.Id, "PurchaseOrderReceived",
                $$"""{"orderNumber":"{{order.OrderNumber}}","note":"受領"}""", n % 2 == 0 ? order.OrderNumber : null, Trade.At));
        }

        return rows;
    }

    private static WebEdiDbContext Open(DatabaseOptions options, IInterceptor interceptor)
    {
        var builder = new DbContextOptionsBuilder<WebEdiDbContext>();
        DataExtensions.Configure(builder, options, Path.GetTempPath());
        builder.AddInterceptors(interceptor);
        return new WebEdiDbContext(builder.Options);
    }

    /// <summary>Every row of a table as the database holds it (SQLite's storage classes included), in a stable order.</summary>
    private static async Task<List<string>> DumpAsync(DatabaseOptions options, string table)
    {
        await using var db = TestDatabase.Open(options);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\"";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount)
                .Select(i => $"{reader.GetName(i)}={Describe(reader.GetValue(i))}")));
        }

        rows.Sort(StringComparer.Ordinal);
        Assert.NotEmpty(rows);
        return rows;
    }

    private static string Describe(object value) => value switch
    {
        DBNull => "NULL",
        byte[] bytes => "blob:" + Convert.ToHexString(bytes),
        DateTime t => $"{t:O}/{t.Kind}",
        _ => string.Create(CultureInfo.InvariantCulture, $"{value.GetType().Name}:{value}"),
    };

    private static async Task<Dictionary<string, long>> CountsAsync(DatabaseOptions options)
    {
        await using var db = TestDatabase.Open(options);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var counts = new Dictionary<string, long>();
        foreach (var table in Tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            counts[table] = Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }

        return counts;
    }

    private sealed class CommandCounter : DbCommandInterceptor
    {
        public int Inserts { get; set; }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Count(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Count(command);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        private void Count(DbCommand command)
        {
            if (command.CommandText.Contains("INSERT", StringComparison.OrdinalIgnoreCase))
            {
                Inserts++;
            }
        }
    }
}
