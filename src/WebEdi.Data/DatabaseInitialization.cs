namespace WebEdi.Data;

/// <summary>
/// Where the background database initialiser stands, for /health/ready: the instance is not ready while it is still
/// migrating or loading the demo, even though the database already answers.
/// </summary>
public sealed class DatabaseInitialization
{
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _schemaReady = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile string? _pending = "starting";

    /// <summary>Completes once the schema is migrated and the demo loaded: what must wait for the database waits on it.</summary>
    public Task Completion => _completed.Task;

    /// <summary>What is still under way ("migrating", "loading demo data"), or null once done.</summary>
    public string? Pending => _pending;

    /// <summary>Completes once the schema is migrated (before the demo loads): what only needs the tables waits on it.</summary>
    public Task SchemaReady => _schemaReady.Task;

    public void Report(string stage) => _pending = stage;

    public void SchemaIsReady() => _schemaReady.TrySetResult();

    public void Complete()
    {
        _pending = null;
        _schemaReady.TrySetResult();
        _completed.TrySetResult();
    }
}
