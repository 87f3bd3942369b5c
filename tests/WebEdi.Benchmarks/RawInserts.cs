using System.Data.Common;
using System.Diagnostics;
using WebEdi.Contracts;

namespace WebEdi.Benchmarks;

/// <summary>
/// (b) What the database alone can take: the same orders and lines written with plain ADO.NET into the migrated
/// PurchaseOrders and PurchaseOrderLines tables (same columns, indexes and foreign keys as the server's), one
/// transaction per 100 orders; a DbBatch where the provider has one (Npgsql), prepared commands otherwise (SQLite).
/// The rows are deleted afterwards so the pipeline starts from the same tables.
/// </summary>
internal static class RawInserts
{
    private const int OrdersPerTransaction = 100;

    private const string InsertOrder = """
        INSERT INTO "PurchaseOrders" ("Id", "BuyerId", "SupplierId", "TradingRelationshipId", "OrderNumber", "Revision", "OrderDate",
            "Currency", "DeliveryLocation", "BuyerContact", "Remarks", "Status", "ReceivedAt", "UpdatedAt", "Version", "NextDeliveryDate")
        VALUES (@id, @buyer, @supplier, @relationship, @number, @revision, @orderDate, @currency, @location, @contact, @remarks,
            'New', @at, @at, 1, @next)
        """;

    private const string InsertLine = """
        INSERT INTO "PurchaseOrderLines" ("Id", "PurchaseOrderId", "LineNumber", "BuyerItemCode", "SupplierItemCode", "ItemName",
            "Specification", "Quantity", "Unit", "UnitPrice", "Amount", "TaxRate", "RequestedDeliveryDate", "ChangedInRevision",
            "IsCancelled", "AwaitingAnswerAfterChange", "ShippedQuantity", "ReceivedQuantity")
        VALUES (@id, @order, @line, @buyerItem, @supplierItem, @name, @specification, @quantity, @unit, @price, @amount, @tax,
            @requested, 1, @false, @false, @zero, @zero)
        """;

    public static async Task<Measurement> MeasureAsync(DbConnection connection, BenchDatabase database, IReadOnlyList<SubmitPurchaseOrder> orders)
    {
        var relationships = await RelationshipsAsync(connection);
        var sqlite = database == BenchDatabase.Sqlite;
        // EF Core keeps GUIDs as upper-case text in SQLite; PostgreSQL has uuid.
        object Id(Guid id) => sqlite ? id.ToString().ToUpperInvariant() : id;

        var clock = Stopwatch.StartNew();
        for (var start = 0; start < orders.Count; start += OrdersPerTransaction)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            var commands = new List<(string Sql, Dictionary<string, object?> Values)>();
            foreach (var order in orders.Skip(start).Take(OrdersPerTransaction))
            {
                var (relationshipId, buyerId, supplierId) = relationships[order.SupplierCode];
                var orderId = Guid.CreateVersion7();
                var at = DateTime.UtcNow;
                commands.Add((InsertOrder, new()
                {
                    ["id"] = Id(orderId), ["buyer"] = buyerId, ["supplier"] = supplierId, ["relationship"] = relationshipId,
                    ["number"] = "RAW" + order.OrderNumber[3..], ["revision"] = order.Revision, ["orderDate"] = order.OrderDate,
                    ["currency"] = order.Currency, ["location"] = order.DeliveryLocation, ["contact"] = order.BuyerContact,
                    ["remarks"] = order.Remarks, ["at"] = at, ["next"] = order.Lines.Min(l => l.RequestedDeliveryDate),
                }));
                foreach (var line in order.Lines)
                {
                    commands.Add((InsertLine, new()
                    {
                        ["id"] = Id(Guid.CreateVersion7()), ["order"] = Id(orderId), ["line"] = line.LineNumber,
                        ["buyerItem"] = line.BuyerItemCode, ["supplierItem"] = line.SupplierItemCode, ["name"] = line.ItemName,
                        ["specification"] = line.Specification, ["quantity"] = line.Quantity, ["unit"] = line.Unit,
                        ["price"] = line.UnitPrice, ["amount"] = line.Quantity * line.UnitPrice, ["tax"] = line.TaxRate,
                        ["requested"] = line.RequestedDeliveryDate, ["false"] = false, ["zero"] = 0m,
                    }));
                }
            }

            await ExecuteAsync(connection, transaction, commands);
            await transaction.CommitAsync();
        }

        var elapsed = clock.Elapsed;
        await Scenario.CountAsync(connection, """DELETE FROM "PurchaseOrderLines" WHERE "PurchaseOrderId" IN (SELECT "Id" FROM "PurchaseOrders" WHERE "OrderNumber" LIKE 'RAW-%')""");
        await Scenario.CountAsync(connection, """DELETE FROM "PurchaseOrders" WHERE "OrderNumber" LIKE 'RAW-%'""");
        return new Measurement(orders.Count, elapsed);
    }

    internal static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, List<(string Sql, Dictionary<string, object?> Values)> commands)
    {
        if (connection.CanCreateBatch)
        {
            await using var batch = connection.CreateBatch();
            batch.Transaction = transaction;
            foreach (var (sql, values) in commands)
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = sql;
                foreach (var (name, value) in values)
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = name;
                    parameter.Value = value ?? DBNull.Value;
                    command.Parameters.Add(parameter);
                }

                batch.BatchCommands.Add(command);
            }

            await batch.ExecuteNonQueryAsync();
            return;
        }

        var prepared = new Dictionary<string, DbCommand>(StringComparer.Ordinal);
        try
        {
            foreach (var (sql, values) in commands)
            {
                if (!prepared.TryGetValue(sql, out var command))
                {
                    command = connection.CreateCommand();
                    command.CommandText = sql;
                    command.Transaction = transaction;
                    foreach (var name in values.Keys)
                    {
                        var parameter = command.CreateParameter();
                        parameter.ParameterName = "@" + name;
                        command.Parameters.Add(parameter);
                    }

                    await command.PrepareAsync();
                    prepared[sql] = command;
                }

                foreach (var (name, value) in values)
                {
                    command.Parameters["@" + name].Value = value ?? DBNull.Value;
                }

                await command.ExecuteNonQueryAsync();
            }
        }
        finally
        {
            foreach (var command in prepared.Values)
            {
                await command.DisposeAsync();
            }
        }
    }

    /// <summary>The buyer's relationships as the server seeded them, by supplier code, in the database's own id format.</summary>
    private static async Task<Dictionary<string, (object Id, object BuyerId, object SupplierId)>> RelationshipsAsync(DbConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT r."SupplierCode", r."Id", r."BuyerId", r."SupplierId" FROM "TradingRelationships" r
            JOIN "Companies" b ON b."Id" = r."BuyerId" WHERE b."Code" = 'TOKAI-MOTOR'
            """;
        var relationships = new Dictionary<string, (object, object, object)>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            relationships[reader.GetString(0)] = (reader.GetValue(1), reader.GetValue(2), reader.GetValue(3));
        }

        return relationships;
    }
}
