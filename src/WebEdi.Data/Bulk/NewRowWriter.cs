using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace WebEdi.Data.Bulk;

/// <summary>
/// Stores new aggregates — an intake batch of new orders with their lines, revisions, notices and outbox documents —
/// without EF Core's change tracker and update pipeline, which attach, snapshot, sort, batch and build a command per
/// row and for thousands of rows cost many times the INSERTs themselves. SQLite gets one prepared INSERT per table,
/// PostgreSQL one binary <c>COPY</c> per table; tables in foreign-key order, rows in the order given (so the outbox
/// numbers documents as EF would). Values go through the same type mappings and converters as EF's own parameters, so
/// the rows are the ones EF would have written. Whatever the context tracks besides is saved by EF in the same
/// transaction.
/// </summary>
/// <remarks>
/// The new rows are whole graphs: each given entity and every dependent its navigations reach (an order's lines and
/// their answers), with foreign keys set from the principal as EF's fix-up would. They stay untracked; tracked
/// entities must not lead to them. When the writer cannot reproduce EF's rows — a provider without a fast path here, a
/// value the database computes, a shadow property, a key EF generates or the database numbers and a row refers to —
/// the rows are added to the context and saved by EF as usual, so callers need not know which path ran. A failed
/// write (a unique key another process took first, say) rolls back everything and surfaces as a
/// <see cref="DbUpdateException"/>, as it would from EF.
/// </remarks>
public static class NewRowWriter
{
    /// <summary>Saves <paramref name="newRows"/> (and their dependents) and the context's tracked changes, in one transaction.</summary>
    public static async Task SaveAsync(this WebEdiDbContext db, IReadOnlyCollection<object> newRows, CancellationToken cancellationToken = default)
    {
        var plan = Plan(db, newRows);
        if (plan is null)
        {
            db.AddRange(newRows);
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        var connection = db.Database.GetDbConnection();
        var sql = db.GetService<ISqlGenerationHelper>();
        var owned = db.Database.CurrentTransaction is null;
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = db.Database.CurrentTransaction ?? await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                foreach (var table in plan)
                {
                    await (connection switch
                    {
                        NpgsqlConnection npgsql => CopyAsync(npgsql, sql, table, cancellationToken),
                        _ => InsertAsync(connection, transaction.GetDbTransaction(), sql, table, cancellationToken),
                    });
                }

                if (db.ChangeTracker.HasChanges())
                {
                    await db.SaveChangesAsync(cancellationToken);
                }

                if (owned)
                {
                    await transaction.CommitAsync(cancellationToken);
                }
            }
            catch (Exception e) when (e is DbException or DbUpdateException)
            {
                if (owned)
                {
                    await transaction.RollbackAsync(CancellationToken.None);
                }

                throw e as DbUpdateException ?? new DbUpdateException($"New rows could not be saved: {e.Message}", e);
            }
            finally
            {
                if (owned)
                {
                    await transaction.DisposeAsync();
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Every new row by table, principal tables first; null when these rows need EF's path.</summary>
    private static List<Rows>? Plan(WebEdiDbContext db, IReadOnlyCollection<object> newRows)
    {
        if (db.Database.GetDbConnection() is not (SqliteConnection or NpgsqlConnection))
        {
            return null;
        }

        var tables = new Dictionary<IEntityType, Rows>();

        bool Visit(object entity, INavigation? via, object? principal)
        {
            if (db.Model.FindEntityType(entity.GetType()) is not { } type || TableShape.For(type) is not { Unsupported: null } shape)
            {
                return false;
            }

            if (!tables.TryGetValue(type, out var rows))
            {
                tables[type] = rows = new Rows(shape, []);
            }

            var values = new object?[shape.Columns.Count];
            shape.Read(entity, values);
            if (via is not null)
            {
                shape.Relate(via, principal!, values);
            }

            rows.Values.Add(values);
            foreach (var navigation in shape.Children)
            {
                foreach (var dependent in TableShape.Dependents(navigation, entity))
                {
                    if (!Visit(dependent, navigation, entity))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        foreach (var entity in newRows)
        {
            if (!Visit(entity, null, null))
            {
                return null;
            }
        }

        return [.. PrincipalsFirst(tables.Keys).Select(t => tables[t])];
    }

    /// <summary>Orders the tables so that every row's principal row is already written (foreign keys are checked per row).</summary>
    private static IEnumerable<IEntityType> PrincipalsFirst(IEnumerable<IEntityType> types)
    {
        var pending = types.ToList();
        while (pending.Count > 0)
        {
            var ready = pending.FirstOrDefault(t => t.GetForeignKeys().All(fk => fk.PrincipalEntityType == t || !pending.Contains(fk.PrincipalEntityType)))
                ?? throw new InvalidOperationException($"The tables {string.Join(", ", pending.Select(t => t.GetTableName()))} reference each other in a cycle.");
            pending.Remove(ready);
            yield return ready;
        }
    }

    private static async Task InsertAsync(DbConnection connection, DbTransaction transaction, ISqlGenerationHelper sql, Rows table, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var columns = table.Shape.Columns;
        var names = string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)));
        var placeholders = columns.Select((_, i) => sql.GenerateParameterName("p" + i)).ToArray();
        command.CommandText = $"INSERT INTO {sql.DelimitIdentifier(table.Shape.Table.Name, table.Shape.Table.Schema)} ({names}) VALUES ({string.Join(", ", placeholders)})";

        // The mapping makes each parameter as for EF's own commands (a Guid as SQLite TEXT, say); the values of each
        // row then go through the mapping's converter (enums to text, snapshots to JSON). Each parameter is named
        // exactly as in the SQL, prefix included: given a bare name, Microsoft.Data.Sqlite looks it up, fails, and
        // tries each prefix in turn — three searches of the statement's parameters and new strings, for every value
        // of every row.
        var parameters = columns.Select((c, i) => c.Mapping.CreateParameter(command, placeholders[i], null, c.Property.IsNullable)).ToArray();
        command.Parameters.AddRange(parameters);
        foreach (var values in table.Values)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = ToProvider(columns[i], values[i]) ?? DBNull.Value;
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task CopyAsync(NpgsqlConnection connection, ISqlGenerationHelper sql, Rows table, CancellationToken cancellationToken)
    {
        var columns = table.Shape.Columns;
        var names = string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)));
        await using var importer = await connection.BeginBinaryImportAsync(
            $"COPY {sql.DelimitIdentifier(table.Shape.Table.Name, table.Shape.Table.Schema)} ({names}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var values in table.Values)
        {
            await importer.StartRowAsync(cancellationToken);
            for (var i = 0; i < columns.Count; i++)
            {
                if (ToProvider(columns[i], values[i]) is { } value)
                {
                    await importer.WriteAsync(value, columns[i].Mapping.StoreTypeNameBase, cancellationToken);
                }
                else
                {
                    await importer.WriteNullAsync(cancellationToken);
                }
            }
        }

        await importer.CompleteAsync(cancellationToken);
    }

    private static object? ToProvider(TableShape.Column column, object? value) =>
        value is not null && column.Mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value;

    private sealed record Rows(TableShape Shape, List<object?[]> Values);
}
