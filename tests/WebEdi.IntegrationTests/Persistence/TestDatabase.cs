using Microsoft.EntityFrameworkCore;
using WebEdi.Data;
using WebEdi.Testing;

namespace WebEdi.IntegrationTests.Persistence;

/// <summary>A fresh, empty database on a real server: a temp SQLite file, or a new database on the private PostgreSQL.</summary>
public static class TestDatabase
{
    public static async Task<DatabaseOptions> CreateAsync(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => new DatabaseOptions
        {
            Provider = provider,
            ConnectionString = $"Data Source={Path.Combine(Directory.CreateTempSubdirectory("webedi-sqlite-").FullName, "test.db")}",
        },
        DatabaseProvider.PostgreSql => new DatabaseOptions
        {
            Provider = provider,
            ConnectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("webedi"),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };

    public static WebEdiDbContext Open(DatabaseOptions options)
    {
        var builder = new DbContextOptionsBuilder<WebEdiDbContext>();
        DataExtensions.Configure(builder, options, Path.GetTempPath());
        return new WebEdiDbContext(builder.Options);
    }

    /// <summary>A migrated database, as the server leaves it.</summary>
    public static async Task<DatabaseOptions> MigratedAsync(DatabaseProvider provider)
    {
        var options = await CreateAsync(provider);
        await using var db = Open(options);
        await db.Database.MigrateAsync();
        return options;
    }
}
