using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using WebEdi.Contracts;

namespace WebEdi.Benchmarks;

/// <summary>
/// (b') What the database alone takes for the very rows the pipeline committed: after the pipeline has stored a run's
/// orders, every row it wrote for them — the order, its lines, its revision snapshot, the supplier's notice and the
/// buyer's <c>PurchaseOrderReceived</c> in the outbox — is read back, deleted, and inserted again with plain ADO.NET,
/// one transaction per 100 orders (prepared commands on SQLite, a DbBatch on PostgreSQL, as <see cref="RawInserts"/>).
/// Values go back exactly as the database returned them; only the outbox's and the notices' sequence numbers are
/// left to the database, as the pipeline leaves them. The rows are in place again afterwards, so a benchmark can go on
/// with them. Tables that grew during the pipeline's run but are not replayed are reported, so a reader sees what the
/// ceiling leaves out.
/// </summary>
internal static class ReplayedRows
{
    private const int OrdersPerTransaction = 100;

    // The buyer's orders numbered @p1 to @p2 (@p0: the buyer's id).
    private const string OfOrders = "\"BuyerId\" = @p0 AND \"OrderNumber\" >= @p1 AND \"OrderNumber\" <= @p2";
    private const string OfTheirIds = $"\"PurchaseOrderId\" IN (SELECT \"Id\" FROM \"PurchaseOrders\" WHERE {OfOrders})";

    /// <summary>
    /// The tables an order's intake writes, in foreign-key order: the column that ties a row to its order, which of
    /// the table's rows are the orders', and their order.
    /// </summary>
    private static readonly (string Table, string OrderColumn, string Where, string OrderBy)[] Tables =
    [
        ("PurchaseOrders", "Id", OfOrders, "OrderNumber"),
        ("PurchaseOrderLines", "PurchaseOrderId", OfTheirIds, "Id"),
        ("PurchaseOrderRevisions", "PurchaseOrderId", OfTheirIds, "Id"),
        ("OrderNotices", "PurchaseOrderId", OfTheirIds, "Sequence"),
        ("OutboxMessages", "OrderNumber", $"{OfOrders} AND \"MessageType\" = 'PurchaseOrderReceived'", "Sequence"),
    ];

    /// <summary>
    /// The ceiling to judge a pipeline's rate by: the replay, unless the pipeline itself went faster than it (then the
    /// replay measured its own statements, not the database) — the orders and lines alone then.
    /// </summary>
    public static double Ceiling(double replayed, double ordersAndLines, double pipeline) => replayed < pipeline ? ordersAndLines : replayed;

    /// <summary>Row counts of every table, to tell afterwards which ones the pipeline grew.</summary>
    public static async Task<Dictionary<string, long>> CountTablesAsync(DbConnection connection, BenchDatabase database)
    {
        var names = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = database == BenchDatabase.Sqlite
                ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                names.Add(reader.GetString(0));
            }
        }

        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            counts[name] = await Scenario.CountAsync(connection, $"SELECT COUNT(*) FROM \"{name}\"");
        }

        return counts;
    }

    /// <summary>
    /// Replays the rows the pipeline stored for <paramref name="submitted"/> (numbered in one run, so every order of
    /// the buyer between their first and last number is one of them) and says how long the inserts took.
    /// </summary>
    public static async Task<Replay> MeasureAsync(
        DbConnection connection, BenchDatabase database, string buyer, IReadOnlyCollection<SubmitPurchaseOrder> submitted, Dictionary<string, long> countsBefore)
    {
        var first = submitted.Select(o => o.OrderNumber).Min(StringComparer.Ordinal)!;
        var last = submitted.Select(o => o.OrderNumber).Max(StringComparer.Ordinal)!;
        var orders = submitted.Count;
        var countsAfter = await CountTablesAsync(connection, database);
        var replayed = Tables.Select(t => t.Table).ToHashSet(StringComparer.Ordinal);
        var left = countsAfter
            .Where(c => !replayed.Contains(c.Key) && c.Value > countsBefore.GetValueOrDefault(c.Key))
            .Select(c => $"{c.Key} +{c.Value - countsBefore.GetValueOrDefault(c.Key)}")
            .ToList();

        var buyerId = await ScalarAsync(connection, """SELECT "Id" FROM "Companies" WHERE "Code" = @p0""", buyer);

        // Every row, grouped by its order's position, table by table.
        var rows = new Dictionary<string, TableRows>(StringComparer.Ordinal);
        var position = new Dictionary<object, int>();
        foreach (var (table, orderColumn, where, orderBy) in Tables)
        {
            rows[table] = await ReadAsync(connection, $"SELECT * FROM \"{table}\" WHERE {where} ORDER BY \"{orderBy}\"", table, orderColumn, position, [buyerId, first, last]);
        }

        if (rows["PurchaseOrders"].Count != orders)
        {
            throw new InvalidOperationException($"expected {orders} orders numbered {first}..{last} to replay, found {rows["PurchaseOrders"].Count}");
        }

        foreach (var (table, _, where, _) in Tables.Reverse())
        {
            var deleted = await ExecuteAsync(connection, $"DELETE FROM \"{table}\" WHERE {where}", buyerId, first, last);
            if (deleted != rows[table].Count)
            {
                throw new InvalidOperationException($"{table}: read {rows[table].Count} rows, deleted {deleted}");
            }
        }

        if (database == BenchDatabase.PostgreSql)
        {
            // The pipeline wrote into tables without dead rows; so does the replay.
            await ExecuteAsync(connection, "VACUUM " + string.Join(", ", Tables.Select(t => $"\"{t.Table}\"")));
        }

        var transactions = new List<List<(string Sql, Dictionary<string, object?> Values)>>();
        for (var start = 0; start < orders; start += OrdersPerTransaction)
        {
            var commands = new List<(string, Dictionary<string, object?>)>();
            foreach (var (table, _, _, _) in Tables)
            {
                var data = rows[table];
                for (var order = start; order < Math.Min(orders, start + OrdersPerTransaction); order++)
                {
                    foreach (var values in data.OfOrder(order))
                    {
                        commands.Add((data.Insert, values));
                    }
                }
            }

            transactions.Add(commands);
        }

        var clock = Stopwatch.StartNew();
        foreach (var commands in transactions)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await RawInserts.ExecuteAsync(connection, transaction, commands);
            await transaction.CommitAsync();
        }

        var elapsed = clock.Elapsed;
        var total = rows.Values.Sum(r => r.Count);
        return new Replay(new Measurement(orders, elapsed), total, string.Join(", ", rows.Select(r => $"{r.Key} {r.Value.Count}")), left);
    }

    private static async Task<TableRows> ReadAsync(
        DbConnection connection, string sql, string table, string orderColumn, Dictionary<object, int> position, object[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        AddParameters(command, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        var kept = columns.Select((name, i) => (name, i)).Where(c => c.name != "Sequence").ToArray();
        var insert = $"INSERT INTO \"{table}\" ({string.Join(", ", kept.Select(c => $"\"{c.name}\""))}) VALUES ({string.Join(", ", kept.Select((_, i) => $"@p{i}"))})";
        var orderIndex = Array.IndexOf(columns, orderColumn);
        var ofOrders = new Dictionary<int, List<Dictionary<string, object?>>>();
        var count = 0;
        while (await reader.ReadAsync())
        {
            var key = table == "OutboxMessages" ? (object)reader.GetString(orderIndex) : reader.GetValue(orderIndex);
            if (table == "PurchaseOrders")
            {
                // An order is known both by its id (for its lines, revisions and notices) and its number (the outbox).
                var next = count;
                position[key] = next;
                position[reader.GetString(Array.IndexOf(columns, "OrderNumber"))] = next;
            }

            var values = new Dictionary<string, object?>(kept.Length, StringComparer.Ordinal);
            for (var i = 0; i < kept.Length; i++)
            {
                values["p" + i.ToString(CultureInfo.InvariantCulture)] = reader.IsDBNull(kept[i].i) ? null : reader.GetValue(kept[i].i);
            }

            var order = position[key];
            if (!ofOrders.TryGetValue(order, out var list))
            {
                ofOrders[order] = list = [];
            }

            list.Add(values);
            count++;
        }

        return new TableRows(insert, ofOrders, count);
    }

    private static async Task<object> ScalarAsync(DbConnection connection, string sql, params object[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        AddParameters(command, parameters);
        return await command.ExecuteScalarAsync() ?? throw new InvalidOperationException($"no row for: {sql}");
    }

    private static async Task<int> ExecuteAsync(DbConnection connection, string sql, params object[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 300;
        AddParameters(command, parameters);
        return await command.ExecuteNonQueryAsync();
    }

    private static void AddParameters(DbCommand command, object[] parameters)
    {
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@p" + i.ToString(CultureInfo.InvariantCulture);
            parameter.Value = parameters[i];
            command.Parameters.Add(parameter);
        }
    }

    private sealed record TableRows(string Insert, Dictionary<int, List<Dictionary<string, object?>>> ByOrder, int Count)
    {
        public List<Dictionary<string, object?>> OfOrder(int order) => ByOrder.TryGetValue(order, out var rows) ? rows : [];
    }
}

/// <summary>The replayed rows' timing, how many rows of which tables, and the tables that grew but were not replayed.</summary>
internal sealed record Replay(Measurement Orders, int Rows, string Tables, IReadOnlyList<string> NotReplayed)
{
    public string Summary => $"{Rows} rows: {Tables}; grown, not replayed: {(NotReplayed.Count == 0 ? "none" : string.Join(", ", NotReplayed))}";
}
