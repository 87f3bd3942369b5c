namespace WebEdi.Server.Hosting;

/// <summary>
/// Where the background database initialiser stands, for /health/ready: the instance is not ready while it is still
/// migrating or loading the demo, even though the database already answers.
/// </summary>
public sealed class DatabaseInitialization
{
    private volatile string? _pending = "starting";

    /// <summary>What is still under way ("migrating", "loading demo data"), or null once done.</summary>
    public string? Pending => _pending;

    internal void Report(string stage) => _pending = stage;

    internal void Complete() => _pending = null;
}
