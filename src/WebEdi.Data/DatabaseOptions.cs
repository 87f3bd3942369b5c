using System.ComponentModel.DataAnnotations;

namespace WebEdi.Data;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>Section <c>WebEdi:Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "WebEdi:Database";

    /// <summary><c>Sqlite</c> (embedded default) or <c>PostgreSql</c>.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Provider connection string. Empty with SQLite means <c>Data Source={DataDirectory}/webedi.db</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply pending migrations when the process starts (turn off where a deploy step runs <c>db migrate</c>).</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>Seconds a single command may run.</summary>
    [Range(1, 3600)]
    public int CommandTimeoutSeconds { get; set; } = 30;
}
