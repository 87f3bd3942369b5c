using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using WebEdi.Data;

namespace WebEdi.IntegrationTests.Persistence;

/// <summary>
/// The schema as the database itself reports it — every column with its store type and nullability, every index with
/// its columns and uniqueness, every foreign key with its delete rule — one line each, sorted, so two databases can
/// be compared with a readable diff.
/// </summary>
public static class SchemaDescription
{
    private const string History = "__EFMigrationsHistory";

    /// <summary>EF's own bookkeeping table for the migration lock on SQLite; not part of the model.</summary>
    private const string Lock = "__EFMigrationsLock";

    public static async Task<IReadOnlyList<string>> ReadAsync(DatabaseOptions options)
    {
        await using var db = TestDatabase.Open(options);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var lines = options.Provider == DatabaseProvider.Sqlite ? await SqliteAsync(connection) : await PostgresAsync(connection);
        return lines.Order(StringComparer.Ordinal).ToList();
    }

    private static async Task<List<string>> SqliteAsync(DbConnection c)
    {
        var lines = new List<string>();
        var tables = await QueryAsync(c, $"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('{History}', '{Lock}')");
        foreach (var table in tables.Select(t => (string)t[0]!))
        {
            foreach (var col in await QueryAsync(c, $"PRAGMA table_info(\"{table}\")"))
            {
                lines.Add($"column {table}.{col[1]} {col[2]} notnull={col[3]} pk={col[5]} default={col[4]}");
            }

            foreach (var index in await QueryAsync(c, $"PRAGMA index_list(\"{table}\")"))
            {
                var columns = (await QueryAsync(c, $"PRAGMA index_info(\"{index[1]}\")")).OrderBy(r => Convert.ToInt64(r[0], System.Globalization.CultureInfo.InvariantCulture)).Select(r => r[2]);
                lines.Add($"index {table}.{index[1]} unique={index[2]} origin={index[3]} ({string.Join(", ", columns)})");
            }

            foreach (var fk in await QueryAsync(c, $"PRAGMA foreign_key_list(\"{table}\")"))
            {
                lines.Add($"fk {table}.{fk[3]} -> {fk[2]}.{fk[4]} on delete {fk[6]}");
            }

            var sql = (await QueryAsync(c, $"SELECT sql FROM sqlite_master WHERE name = '{table}'"))[0][0] as string ?? "";
            lines.Add($"autoincrement {table} {sql.Contains("AUTOINCREMENT", StringComparison.OrdinalIgnoreCase)}");
        }

        return lines;
    }

    private static async Task<List<string>> PostgresAsync(DbConnection c)
    {
        var lines = new List<string>();
        foreach (var col in await QueryAsync(c, $"""
            SELECT table_name, column_name, data_type, character_maximum_length, numeric_precision, numeric_scale,
                   is_nullable, is_identity, identity_generation, column_default
            FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '{History}'
            """))
        {
            lines.Add($"column {col[0]}.{col[1]} {col[2]}({col[3]}{col[4]},{col[5]}) nullable={col[6]} identity={col[7]}/{col[8]} default={col[9]}");
        }

        foreach (var index in await QueryAsync(c, $"SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '{History}'"))
        {
            lines.Add($"index {index[0]}.{index[1]} {index[2]}");
        }

        foreach (var constraint in await QueryAsync(c, $"""
            SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint
            WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '"{History}"'
            """))
        {
            lines.Add($"constraint {constraint[0]}.{constraint[1]} {constraint[2]}");
        }

        return lines;
    }

    private static async Task<List<object?[]>> QueryAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }
}
