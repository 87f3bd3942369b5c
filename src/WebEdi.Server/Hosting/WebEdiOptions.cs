namespace WebEdi.Server.Hosting;

/// <summary>What a process does. Production runs the roles as separate processes, the embedded default runs all.</summary>
[Flags]
public enum ServerRoles
{
    None = 0,

    /// <summary>The browser portal and the ERP HTTP API.</summary>
    Web = 1,

    /// <summary>ERP intake from the bus and supplier notifications.</summary>
    Orders = 2,

    /// <summary>The outbox dispatcher and the reply adapters (bus, webhook, file drop).</summary>
    Adapters = 4,

    /// <summary>Scheduled work: nightly CSV exchange.</summary>
    Scheduler = 8,

    All = Web | Orders | Adapters | Scheduler,
}

/// <summary>Section <c>WebEdi</c>: settings of the process itself.</summary>
public sealed class WebEdiOptions
{
    public const string Section = "WebEdi";

    /// <summary>Comma-separated roles: <c>web</c>, <c>orders</c>, <c>adapters</c>, <c>scheduler</c>, or <c>all</c>.</summary>
    public string Roles { get; set; } = "all";

    /// <summary>Where the embedded defaults keep files (SQLite database, mail pickup); relative to the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The address users reach the portal at, used in e-mail links; empty means the first address listened on.</summary>
    public string? PublicUrl { get; set; }

    public ServerRoles ParsedRoles => ParseRoles(Roles, out _);

    public static ServerRoles ParseRoles(string? value, out string? unknown)
    {
        unknown = null;
        var roles = ServerRoles.None;
        foreach (var part in (value ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part.Equals("all", StringComparison.OrdinalIgnoreCase))
            {
                roles |= ServerRoles.All;
            }
            else if (Enum.TryParse<ServerRoles>(part, ignoreCase: true, out var role) && role is not (ServerRoles.None or ServerRoles.All))
            {
                roles |= role;
            }
            else
            {
                unknown ??= part;
            }
        }

        return roles;
    }

    public IEnumerable<string> Validate()
    {
        ParseRoles(Roles, out var unknown);
        if (unknown is not null)
        {
            yield return $"{Section}:Roles: '{unknown}' is not a role (use web, orders, adapters, scheduler or all).";
        }
        else if (ParsedRoles == ServerRoles.None)
        {
            yield return $"{Section}:Roles is empty (use web, orders, adapters, scheduler or all).";
        }

        if (string.IsNullOrWhiteSpace(DataDirectory))
        {
            yield return $"{Section}:DataDirectory is empty.";
        }

        if (!string.IsNullOrEmpty(PublicUrl) && !Uri.TryCreate(PublicUrl, UriKind.Absolute, out _))
        {
            yield return $"{Section}:PublicUrl '{PublicUrl}' is not an absolute URL.";
        }
    }
}

/// <summary>Section <c>WebEdi:Demo</c>.</summary>
public sealed class DemoOptions
{
    public const string Section = "WebEdi:Demo";

    /// <summary>Load the demo companies, users and orders from <c>seeds/</c> into an empty database on start.</summary>
    public bool Seed { get; set; }

    /// <summary>The folder with <c>demo.json</c>; relative paths resolve against the application's folder.</summary>
    public string SeedsPath { get; set; } = "seeds";

    /// <summary>How many purchase orders the demo generates.</summary>
    public int OrderCount { get; set; } = 300;
}
