namespace WebEdi.Server.Portal;

/// <summary>The browser portal's session and sign-in rules (<c>WebEdi:Portal</c>).</summary>
public sealed class PortalOptions
{
    public const string Section = "WebEdi:Portal";

    /// <summary>A session with no request for this long ends (sliding).</summary>
    public int IdleTimeoutMinutes { get; set; } = 30;

    /// <summary>A session ends this long after sign-in, however active it is.</summary>
    public int AbsoluteTimeoutHours { get; set; } = 10;

    /// <summary>Changing e-mail, password or two-factor needs a sign-in (or password re-entry) at most this old.</summary>
    public int ReauthenticationMinutes { get; set; } = 5;

    /// <summary>Failed sign-ins in a row before the account is locked.</summary>
    public int MaxFailedSignIns { get; set; } = 5;

    /// <summary>How long a locked account stays locked.</summary>
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>
    /// The reverse proxies (addresses or CIDR ranges, comma-separated) whose X-Forwarded-For and X-Forwarded-Proto are
    /// believed; empty: none, the connection's own address is the client's. Needed behind a proxy for allowed networks,
    /// HSTS and secure cookies to see the real client and scheme.
    /// </summary>
    public string TrustedProxies { get; set; } = "";

    public TimeSpan IdleTimeout => TimeSpan.FromMinutes(IdleTimeoutMinutes);

    public TimeSpan AbsoluteTimeout => TimeSpan.FromHours(AbsoluteTimeoutHours);

    public TimeSpan Reauthentication => TimeSpan.FromMinutes(ReauthenticationMinutes);

    public IEnumerable<string> Validate()
    {
        if (IdleTimeoutMinutes is < 1 or > 24 * 60)
        {
            yield return $"{Section}:IdleTimeoutMinutes must be between 1 and 1440 (is {IdleTimeoutMinutes}).";
        }

        if (AbsoluteTimeoutHours is < 1 or > 24 * 7)
        {
            yield return $"{Section}:AbsoluteTimeoutHours must be between 1 and 168 (is {AbsoluteTimeoutHours}).";
        }

        if (ReauthenticationMinutes is < 1 or > 60)
        {
            yield return $"{Section}:ReauthenticationMinutes must be between 1 and 60 (is {ReauthenticationMinutes}).";
        }

        if (MaxFailedSignIns is < 3 or > 100)
        {
            yield return $"{Section}:MaxFailedSignIns must be between 3 and 100 (is {MaxFailedSignIns}).";
        }

        if (ProxyProblem(TrustedProxies) is { } problem)
        {
            yield return $"{Section}:TrustedProxies: {problem}";
        }

        if (LockoutMinutes is < 1 or > 24 * 60)
        {
            yield return $"{Section}:LockoutMinutes must be between 1 and 1440 (is {LockoutMinutes}).";
        }
    }

    private static string? ProxyProblem(string proxies)
    {
        try
        {
            Domain.Companies.AddressAllowList.Normalize(proxies);
            return null;
        }
        catch (FormatException e)
        {
            return e.Message;
        }
    }
}
