using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace WebEdi.Data.Bulk;

/// <summary>
/// Saves a unit of work that only adds rows — an intake batch of new orders with their lines, revisions, notices and
/// outbox documents — without EF Core's update pipeline, which sorts, batches and builds a command per row and for
/// thousands of rows costs many times the INSERTs themselves. SQLite gets one prepared INSERT per table, PostgreSQL one
/// binary <c>COPY</c> per table; both in one transaction, tables in foreign-key order, rows in the order they were added
/// (so the outbox numbers documents as EF would). Values go through the same type mappings and converters as EF's own
/// parameters, so the rows are the ones EF would have written.
/// </summary>
/// <remarks>
/// Anything else — a modified or deleted entry, a provider without a fast path here, a table whose values the
/// database computes, a row pointing at a key the database has not numbered yet — is saved by
/// <see cref="DbContext.SaveChangesAsync(CancellationToken)"/> as usual, so callers need not know which path ran.
/// Rows whose key the database numbers (<see cref="TableShape.GeneratesKey"/>) are detached afterwards instead of
/// being read back; the others become Unchanged, as after a normal save. A failed write (a unique key another process
/// took first, say) rolls back everything and surfaces as a <see cref="DbUpdateException"/>, as it would from EF.
/// </remarks>
public static class NewRowWriter
{
    /// <summary>Below this many new rows EF's path is as fast and the writer's set-up is not worth it.</summary>
    private const int MinimumRows = 32;

    public static async Task<int> SaveNewRowsAsync(this WebEdiDbContext db, CancellationToken cancellationToken = default)
    {
        var plan = Plan(db);
        if (plan is null)
        {
            return await db.SaveChangesAsync(cancellationToken);
        }

        var connection = db.Database.GetDbConnection();
        var owned = db.Database.CurrentTransaction is null;
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = db.Database.CurrentTransaction ?? await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                var rows = 0;
                foreach (var (shape, entries) in plan)
                {
                    rows += connection switch
                    {
                        NpgsqlConnection npgsql => await CopyAsync(npgsql, db.GetService<ISqlGenerationHelper>(), shape, entries, cancellationToken),
                        _ => await InsertAsync(connection, transaction.GetDbTransaction(), db.GetService<ISqlGenerationHelper>(), shape, entries, cancellationToken),
                    };
                }

                if (owned)
                {
                    await transaction.CommitAsync(cancellationToken);
                }

                Accept(plan);
                return rows;
            }
            catch (DbException e)
            {
                if (owned)
                {
                    await transaction.RollbackAsync(CancellationToken.None);
                }

                throw new DbUpdateException($"New rows could not be saved: {e.Message}", e);
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

    /// <summary>The added entries by table, principal tables first; null when this unit of work needs EF's path.</summary>
    private static List<(TableShape Shape, List<EntityEntry> Entries)>? Plan(WebEdiDbContext db)
    {
        if (db.Database.GetDbConnection() is not (SqliteConnection or NpgsqlConnection))
        {
            return null;
        }

        db.ChangeTracker.DetectChanges();
        var byType = new Dictionary<IEntityType, List<EntityEntry>>();
        var count = 0;
        foreach (var entry in db.ChangeTracker.Entries())
        {
            switch (entry.State)
            {
                case EntityState.Unchanged or EntityState.Detached:
                    continue;
                case EntityState.Added:
                    var shape = TableShape.For(entry.Metadata);
                    if (shape.Unsupported is not null || shape.DependsOnGeneratedKey)
                    {
                        return null;
                    }

                    if (!byType.TryGetValue(entry.Metadata, out var entries))
                    {
                        byType[entry.Metadata] = entries = [];
                    }

                    entries.Add(entry);
                    count++;
                    break;
                default:
                    return null;
            }
        }

        if (count < MinimumRows)
        {
            return null;
        }

        return [.. PrincipalsFirst(byType.Keys).Select(t => (TableShape.For(t), byType[t]))];
    }

    /// <summary>Orders the tables so that every row's principal row is already written (foreign keys are checked per row).</summary>
    private static IEnumerable<IEntityType> PrincipalsFirst(IEnumerable<IEntityType> types)
    {
        var pending = types.ToList();
        var done = new HashSet<IEntityType>();
        while (pending.Count > 0)
        {
            var ready = pending.FirstOrDefault(t => t.GetForeignKeys()
                .All(fk => fk.PrincipalEntityType == t || done.Contains(fk.PrincipalEntityType) || !pending.Contains(fk.PrincipalEntityType)))
                ?? throw new InvalidOperationException($"The tables {string.Join(", ", pending.Select(t => t.GetTableName()))} reference each other in a cycle.");
            pending.Remove(ready);
            done.Add(ready);
            yield return ready;
        }
    }

    private static async Task<int> InsertAsync(
        DbConnection connection, DbTransaction transaction, ISqlGenerationHelper sql, TableShape shape, List<EntityEntry> entries, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var columns = shape.Columns;
        var names = string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)));
        var parameters = string.Join(", ", columns.Select((_, i) => sql.GenerateParameterName("p" + i)));
        command.CommandText = $"INSERT INTO {sql.DelimitIdentifier(shape.Table.Name, shape.Table.Schema)} ({names}) VALUES ({parameters})";
        var values = new object?[columns.Count];
        foreach (var entry in entries)
        {
            shape.Read(entry, values);
            command.Parameters.Clear();
            for (var i = 0; i < columns.Count; i++)
            {
                // The mapping converts (enums to text, snapshots to JSON) and sets the provider's parameter type (a Guid
                // as SQLite TEXT, a DateTime in EF's format), exactly as for EF's own commands.
                command.Parameters.Add(columns[i].Mapping.CreateParameter(command, "p" + i, values[i], columns[i].IsNullable));
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return entries.Count;
    }

    private static async Task<int> CopyAsync(
        NpgsqlConnection connection, ISqlGenerationHelper sql, TableShape shape, List<EntityEntry> entries, CancellationToken cancellationToken)
    {
        var columns = shape.Columns;
        var names = string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)));
        await using var importer = await connection.BeginBinaryImportAsync(
            $"COPY {sql.DelimitIdentifier(shape.Table.Name, shape.Table.Schema)} ({names}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        var values = new object?[columns.Count];
        foreach (var entry in entries)
        {
            shape.Read(entry, values);
            await importer.StartRowAsync(cancellationToken);
            for (var i = 0; i < columns.Count; i++)
            {
                var value = columns[i].Mapping.Converter is { } converter ? converter.ConvertToProvider(values[i]) : values[i];
                if (value is null)
                {
                    await importer.WriteNullAsync(cancellationToken);
                }
                else
                {
                    await importer.WriteAsync(value, columns[i].Mapping.StoreTypeNameBase, cancellationToken);
                }
            }
        }

        return (int)await importer.CompleteAsync(cancellationToken);
    }

    private static void Accept(List<(TableShape Shape, List<EntityEntry> Entries)> plan)
    {
        foreach (var (shape, entries) in plan)
        {
            foreach (var entry in entries)
            {
                if (shape.GeneratesKey)
                {
                    entry.State = EntityState.Detached;
                }
                else
                {
                    entry.State = EntityState.Unchanged;
                }
            }
        }
    }
}
