using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace WebEdi.Data;

/// <summary>
/// SQLite connection settings for a server workload. The database runs in WAL mode (EF Core sets it when it creates the
/// file); with WAL, <c>synchronous=NORMAL</c> keeps every committed transaction across a crash of the process and only
/// an operating-system crash or power loss can lose the last ones — never corrupt the file. <c>busy_timeout</c> lets
/// concurrent writers wait for each other instead of failing with SQLITE_BUSY.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
