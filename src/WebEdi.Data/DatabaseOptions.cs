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
    public int CommandTimeoutSeconds { get; set; } = 30;

    public IEnumerable<string> Validate()
    {
        if (!Enum.IsDefined(Provider))
        {
            yield return $"{Section}:Provider must be Sqlite or PostgreSql.";
        }

        if (Provider == DatabaseProvider.PostgreSql && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return $"{Section}:ConnectionString is required when {Section}:Provider is PostgreSql.";
        }

        if (CommandTimeoutSeconds is < 1 or > 3600)
        {
            yield return $"{Section}:CommandTimeoutSeconds must be between 1 and 3600 (is {CommandTimeoutSeconds}).";
        }
    }
}
