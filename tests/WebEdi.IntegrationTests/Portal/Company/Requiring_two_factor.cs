using System.Net;
using WebEdi.Domain.Users;
using WebEdi.IntegrationTests.Portal.Account;

namespace WebEdi.IntegrationTests.Portal.Company;

[Collection(AccountsGroup.Name)]
public sealed class Requiring_two_factor(AccountServer server)
{
    [Fact]
    public async Task Sends_a_user_without_it_to_the_set_up_page_until_they_have_set_it_up()
    {
        var company = await server.AddCompanyAsync(requireTwoFactor: true);
        var user = await server.AddUserAsync(company.Id, UserRole.Operator);
        using var session = await server.SignInAsync(user.Email!);

        var orders = await session.GetAsync("/Orders");
        var profile = await session.GetAsync("/Account/Manage");
        var setUp = await session.GetAsync(orders.Location!);
        await session.TurnOnTwoFactorAsync();
        var afterwards = await session.GetAsync("/Account/Manage");

        Assert.Equal("/Account/Manage/TwoFactor?required=1", orders.Location);
        Assert.Equal("/Account/Manage/TwoFactor?required=1", profile.Location);
        Assert.Contains("会社の設定により、2段階認証の設定が必要です。", setUp.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, afterwards.Status);
    }

    [Fact]
    public async Task Switched_on_by_the_admin_applies_to_sessions_already_open_and_forbids_switching_it_off()
    {
        var company = await server.AddCompanyAsync();
        var admin = await server.AddUserAsync(company.Id, UserRole.CompanyAdmin);
        var user = await server.AddUserAsync(company.Id, UserRole.Operator);
        using var userSession = await server.SignInAsync(user.Email!);
        Assert.Equal(HttpStatusCode.OK, (await userSession.GetAsync("/Account/Manage")).Status);
        using var adminSession = await server.SignInAsync(admin.Email!);
        var security = await adminSession.GetAsync("/Company/Security");

        var saved = await adminSession.PostAsync("/Company/Security", security, ("RequireTwoFactor", "true"), ("AllowedAddresses", ""));
        var redirected = await userSession.GetAsync("/Account/Manage");
        await userSession.TurnOnTwoFactorAsync();
        var twoFactor = await userSession.GetAsync("/Account/Manage/TwoFactor");

        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        Assert.Equal("/Account/Manage/TwoFactor?required=1", redirected.Location);
        Assert.Null(twoFactor.Document.QuerySelector("form[action*=Disable]"));
        Assert.Contains("無効にはできません", twoFactor.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_two_factor_session_stays_two_factor_and_keeps_its_password_time_when_identity_re_reads_the_user()
    {
        var company = await server.AddCompanyAsync(requireTwoFactor: true);
        var user = await server.AddUserAsync(company.Id, UserRole.Operator);
        using var session = await server.SignInAsync(user.Email!);
        await session.TurnOnTwoFactorAsync();
        server.AgeSignIn(session, TimeSpan.FromMinutes(6));
        server.AgeCookie(session, TimeSpan.FromMinutes(2));

        var profile = await session.GetAsync("/Account/Manage");
        var password = await session.GetAsync("/Account/Manage/ChangePassword");

        Assert.Equal(HttpStatusCode.OK, profile.Status);
        Assert.StartsWith("/Account/Reauthenticate", password.Location, StringComparison.Ordinal);
    }
}
