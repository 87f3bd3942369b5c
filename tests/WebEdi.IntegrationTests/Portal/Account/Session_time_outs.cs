using System.Net;
using WebEdi.Domain.Users;

namespace WebEdi.IntegrationTests.Portal.Account;

/// <summary>A session ends after 30 minutes without a request (idle) and 10 hours after sign-in whatever its use (absolute).</summary>
[Collection(AccountsGroup.Name)]
public sealed class Session_time_outs(AccountServer server)
{
    [Fact]
    public async Task A_session_idle_for_more_than_thirty_minutes_ends_and_one_idle_for_less_goes_on()
    {
        var company = await server.AddCompanyAsync();
        var user = await server.AddUserAsync(company.Id, UserRole.Operator);
        using var idle = await server.SignInAsync(user.Email!);
        using var busy = await server.SignInAsync(user.Email!);
        server.IdleSession(idle, TimeSpan.FromMinutes(31));
        server.IdleSession(busy, TimeSpan.FromMinutes(29));

        var ended = await idle.GetAsync("/Orders");
        var going = await busy.GetAsync("/Orders");

        Assert.Equal(HttpStatusCode.Redirect, ended.Status);
        Assert.StartsWith("/Account/Login", new Uri(server.Portal.BaseAddress, ended.Location).AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, going.Status);
    }

    [Fact]
    public async Task A_session_started_more_than_ten_hours_ago_ends_however_recently_used()
    {
        var company = await server.AddCompanyAsync();
        var user = await server.AddUserAsync(company.Id, UserRole.Operator);
        using var old = await server.SignInAsync(user.Email!);
        using var young = await server.SignInAsync(user.Email!);
        server.AgeSession(old, TimeSpan.FromHours(10) + TimeSpan.FromMinutes(1));
        server.AgeSession(young, TimeSpan.FromHours(9) + TimeSpan.FromMinutes(59));

        var ended = await old.GetAsync("/Orders");
        var going = await young.GetAsync("/Orders");

        Assert.Equal(HttpStatusCode.Redirect, ended.Status);
        Assert.StartsWith("/Account/Login", new Uri(server.Portal.BaseAddress, ended.Location).AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, going.Status);
        // Ended means ended: the next request is not let in either.
        Assert.Equal(HttpStatusCode.Redirect, (await old.GetAsync("/Orders")).Status);
    }
}
