using System.Net;
using Microsoft.EntityFrameworkCore;
using WebEdi.Testing;

namespace WebEdi.IntegrationTests.Portal;

/// <summary>
/// Behind a reverse proxy every connection comes from the proxy; with <c>WebEdi:Portal:TrustedProxies</c> the portal
/// believes the proxy's X-Forwarded-For, and only the proxy's, for a company's allowed networks, and its
/// X-Forwarded-Proto for HSTS.
/// </summary>
public sealed class Behind_a_reverse_proxy
{
    [Fact]
    public async Task The_client_address_the_trusted_proxy_forwards_decides_the_allowed_networks()
    {
        await using var portal = await PortalServer.StartAsync(demoOrders: 0, extra: new Dictionary<string, string?>
        {
            ["WebEdi:Portal:TrustedProxies"] = "127.0.0.1",
        });
        await using (var db = portal.OpenDatabase())
        {
            var fuji = await db.Companies.SingleAsync(c => c.Code == "FUJI-HATSUJO");
            fuji.SetSignInPolicy(false, "203.0.113.0/24");
            await db.SaveChangesAsync();
        }

        using var office = portal.NewSession();
        office.Headers.Add("X-Forwarded-For", "203.0.113.25");
        using var elsewhere = portal.NewSession();
        elsewhere.Headers.Add("X-Forwarded-For", "198.51.100.7");

        Assert.Equal(HttpStatusCode.Redirect, (await office.SignInAsync(PortalServer.FujiAdmin, PortalServer.Password)).Status);
        var refused = await elsewhere.SignInAsync(PortalServer.FujiAdmin, PortalServer.Password);
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("このネットワークからは利用できません", refused.Document.QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forwarded_address_from_an_untrusted_connection_is_ignored()
    {
        await using var portal = await PortalServer.StartAsync(demoOrders: 0);
        await using (var db = portal.OpenDatabase())
        {
            var fuji = await db.Companies.SingleAsync(c => c.Code == "FUJI-HATSUJO");
            fuji.SetSignInPolicy(false, "203.0.113.0/24");
            await db.SaveChangesAsync();
        }

        using var forger = portal.NewSession();
        forger.Headers.Add("X-Forwarded-For", "203.0.113.25");

        var refused = await forger.SignInAsync(PortalServer.FujiAdmin, PortalServer.Password);
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("このネットワークからは利用できません", refused.Document.QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_the_trusted_proxy_serves_over_TLS_carry_HSTS_and_plain_HTTP_does_not()
    {
        await using var portal = await PortalServer.StartAsync(demoOrders: 0, extra: new Dictionary<string, string?>
        {
            ["WebEdi:Portal:TrustedProxies"] = "127.0.0.1",
        });
        using var tls = portal.NewSession();
        tls.Headers.Add("X-Forwarded-Proto", "https");
        tls.Headers.Add("X-Forwarded-For", "203.0.113.25");
        using var plain = portal.NewSession();

        var secured = await tls.GetAsync("/Account/Login");
        var unsecured = await plain.GetAsync("/Account/Login");

        Assert.Equal("max-age=31536000; includeSubDomains", secured.Response.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.False(unsecured.Response.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal("DENY", secured.Response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task A_proxy_list_that_is_not_addresses_stops_the_server_naming_the_setting()
    {
        var result = await WebEdiServer.RunAsync(new Dictionary<string, string?> { ["WebEdi:Portal:TrustedProxies"] = "10.0.0.1, proxy.local" },
            Directory.CreateTempSubdirectory("webedi-proxy-").FullName, "db", "migrate");

        Assert.Equal(78, result.ExitCode);
        Assert.Contains("WebEdi:Portal:TrustedProxies: 'proxy.local' is not an IP address", result.StandardError, StringComparison.Ordinal);
    }
}
