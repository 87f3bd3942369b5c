using WebEdi.Data;
using WebEdi.IntegrationTests.Persistence;
using WebEdi.Testing;

namespace WebEdi.IntegrationTests.Portal;

/// <summary>
/// The real server (roles web + orders) with the demo loaded on SQLite or PostgreSQL, for tests that use the portal as
/// people do: <see cref="SignInAsync"/> gives a <see cref="PortalSession"/> with its own cookies.
/// </summary>
public sealed class PortalServer : IAsyncDisposable
{
    /// <summary>The demo's password for every user.</summary>
    public const string Password = "demo-passphrase-2026";

    /// <summary>Demo supplier SAKURA-SEIMITSU's admin; it trades with both buyers (TOKAI-MOTOR and KANSAI-DENKI).</summary>
    public const string SakuraAdmin = "admin@sakura-seimitsu.example";

    /// <summary>Demo supplier FUJI-HATSUJO's admin; it trades with TOKAI-MOTOR only.</summary>
    public const string FujiAdmin = "admin@fuji-hatsujo.example";

    private PortalServer(WebEdiServer server, DatabaseOptions database, Dictionary<string, string?> settings)
    {
        Server = server;
        Database = database;
        Settings = settings;
    }

    public WebEdiServer Server { get; }

    public DatabaseOptions Database { get; }

    public Dictionary<string, string?> Settings { get; }

    public Uri BaseAddress => Server.BaseAddress;

    public static async Task<PortalServer> StartAsync(
        DatabaseProvider provider = DatabaseProvider.Sqlite, int demoOrders = 120, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var settings = new Dictionary<string, string?>
        {
            ["WebEdi:Database:Provider"] = provider.ToString(),
            ["WebEdi:Database:ConnectionString"] = database.ConnectionString,
            ["WebEdi:Demo:Seed"] = "true",
            ["WebEdi:Demo:OrderCount"] = demoOrders.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return new PortalServer(await WebEdiServer.StartAsync(settings), database, settings);
    }

    /// <summary>A new browser-like session (own cookie jar, no automatic redirects).</summary>
    public PortalSession NewSession() => new(BaseAddress);

    /// <summary>A session signed in as <paramref name="email"/> with the demo password.</summary>
    public async Task<PortalSession> SignInAsync(string email, string password = Password)
    {
        var session = NewSession();
        var response = await session.SignInAsync(email, password);
        if (response.Status != System.Net.HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in as {email} failed: {response.Status} {response.Document.QuerySelector(".form-errors")?.TextContent}");
        }

        return session;
    }

    /// <summary>The server's database, for arranging and checking what a test cannot see on a page.</summary>
    public WebEdiDbContext OpenDatabase() => TestDatabase.Open(Database);

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
