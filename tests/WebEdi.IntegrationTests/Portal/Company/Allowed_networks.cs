using System.Net;
using WebEdi.Domain.Users;
using WebEdi.IntegrationTests.Portal.Account;

namespace WebEdi.IntegrationTests.Portal.Company;

/// <summary>
/// The server listens on 127.0.0.1; sessions connect from 127.0.0.1 or, bound to it, from 127.0.0.2 (the whole of
/// 127.0.0.0/8 is loopback), so one machine has two "networks".
/// </summary>
[Collection(AccountsGroup.Name)]
public sealed class Allowed_networks(AccountServer server)
{
    private static readonly IPAddress OtherNetwork = IPAddress.Parse("127.0.0.2");

    [Fact]
    public async Task A_company_allowing_only_203_0_113_0_24_refuses_a_sign_in_from_127_0_0_1()
    {
        var company = await server.AddCompanyAsync(allowedAddresses: "203.0.113.0/24");
        var user = await server.AddUserAsync(company.Id, UserRole.Operator);
        using var session = server.Portal.NewSession();

        var answer = await session.SignInWithPasswordAsync(user.Email!);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Contains("このネットワークからは利用できません。", answer.Document.QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_from_a_network_the_admin_removes_ends_on_its_next_request()
    {
        var company = await server.AddCompanyAsync();
        var admin = await server.AddUserAsync(company.Id, UserRole.CompanyAdmin);
        var user = await server.AddUserAsync(company.Id, UserRole.Operator);
        using var elsewhere = new PortalSession(server.Portal.BaseAddress, OtherNetwork);
        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.SignInWithPasswordAsync(user.Email!)).Status);
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync("/Account/Manage")).Status);
        using var adminSession = await server.SignInAsync(admin.Email!);
        var security = await adminSession.GetAsync("/Company/Security");

        var saved = await adminSession.PostAsync("/Company/Security", security, ("AllowedAddresses", "127.0.0.1\n198.51.100.0/24"));
        var next = await elsewhere.GetAsync("/Account/Manage");
        var afterwards = await elsewhere.GetAsync("/Account/Manage");
        var again = await new PortalSession(server.Portal.BaseAddress, OtherNetwork).SignInWithPasswordAsync(user.Email!);

        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        Assert.Equal("/Account/Login?reason=network", next.Location);
        Assert.StartsWith("/Account/Login?ReturnUrl=", new Uri(server.Portal.BaseAddress, afterwards.Location).PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(HttpStatusCode.OK, (await adminSession.GetAsync("/Company/Security")).Status);
    }

    [Fact]
    public async Task A_list_that_would_shut_out_the_admins_own_address_is_refused_with_a_clear_message()
    {
        var company = await server.AddCompanyAsync();
        var admin = await server.AddUserAsync(company.Id, UserRole.CompanyAdmin);
        using var session = await server.SignInAsync(admin.Email!);
        var security = await session.GetAsync("/Company/Security");

        var refused = await session.PostAsync("/Company/Security", security, ("AllowedAddresses", "203.0.113.0/24"));

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("今お使いのネットワーク（127.0.0.1）からも利用できなくなり", refused.Text, StringComparison.Ordinal);
        await using var db = server.Portal.OpenDatabase();
        Assert.Equal("", db.Companies.Single(c => c.Id == company.Id).AllowedSignInAddresses);
    }

    [Fact]
    public async Task An_entry_that_is_not_an_address_is_named_in_the_error()
    {
        var company = await server.AddCompanyAsync();
        var admin = await server.AddUserAsync(company.Id, UserRole.CompanyAdmin);
        using var session = await server.SignInAsync(admin.Email!);
        var security = await session.GetAsync("/Company/Security");

        var refused = await session.PostAsync("/Company/Security", security, ("AllowedAddresses", "127.0.0.1\n10.0.0.1/8"));

        Assert.Contains("「10.0.0.1/8」はIPアドレスでもCIDR形式の範囲でもありません", refused.Text, StringComparison.Ordinal);
    }
}
