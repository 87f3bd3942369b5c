using System.Net;
using WebEdi.Domain.Users;
using WebEdi.IntegrationTests.Portal.Account;

namespace WebEdi.IntegrationTests.Portal.Company;

[Collection(AccountsGroup.Name)]
public sealed class Managing_users(AccountServer server)
{
    [Fact]
    public async Task Lists_the_companys_users_with_role_and_two_factor_state()
    {
        var company = await server.AddCompanyAsync();
        var admin = await server.AddUserAsync(company.Id, UserRole.CompanyAdmin);
        var viewer = await server.AddUserAsync(company.Id, UserRole.Viewer);
        using var session = await server.SignInAsync(admin.Email!);

        var page = await session.GetAsync("/Company/Users");

        var row = page.Document.QuerySelector($"tr[data-user-id='{viewer.Id}']")!;
        Assert.Contains(viewer.Email!, row.TextContent, StringComparison.Ordinal);
        Assert.Equal(nameof(UserRole.Viewer), row.QuerySelector("select option[selected]")!.GetAttribute("value"));
        Assert.Contains("未設定", row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_a_role_takes_effect()
    {
        var company = await server.AddCompanyAsync();
        var admin = await server.AddUserAsync(company.Id, UserRole.CompanyAdmin);
        var viewer = await server.AddUserAsync(company.Id, UserRole.Viewer);
        using var session = await server.SignInAsync(admin.Email!);
        var page = await session.GetAsync("/Company/Users");

        var changed = await session.PostAsync($"/Company/Users?handler=Role&id={viewer.Id}", page, ("role", nameof(UserRole.Operator)));

        Assert.Equal(HttpStatusCode.Redirect, changed.Status);
        Assert.Equal(UserRole.Operator, (await server.UserAsync(viewer.Email!)).Role);
    }

    [Fact]
    public async Task An_admin_cannot_demote_or_deactivate_themselves()
    {
        var company = await server.AddCompanyAsync();
        var admin = await server.AddUserAsync(company.Id, UserRole.CompanyAdmin);
        await server.AddUserAsync(company.Id, UserRole.CompanyAdmin);
        using var session = await server.SignInAsync(admin.Email!);
        var page = await session.GetAsync("/Company/Users");

        var demote = await session.PostAsync($"/Company/Users?handler=Role&id={admin.Id}", page, ("role", nameof(UserRole.Viewer)));
        var deactivate = await session.PostAsync($"/Company/Users?handler=Deactivate&id={admin.Id}", page);

        Assert.Contains("自分自身の役割は変更できません。", demote.Document.QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("自分自身を利用停止にはできません。", deactivate.Document.QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
        var after = await server.UserAsync(admin.Email!);
        Assert.Equal(UserRole.CompanyAdmin, after.Role);
        Assert.Null(after.LockoutEnd);
    }

    [Fact]
    public async Task The_last_active_admin_cannot_be_demoted()
    {
        var company = await server.AddCompanyAsync();
        var admin = await server.AddUserAsync(company.Id, UserRole.CompanyAdmin);
        var other = await server.AddUserAsync(company.Id, UserRole.CompanyAdmin);
        using var session = await server.SignInAsync(admin.Email!);
        var page = await session.GetAsync("/Company/Users");
        // The other admin is demoted first (allowed: two admins); then admin would be the last one standing.
        await session.PostAsync($"/Company/Users?handler=Role&id={other.Id}", page, ("role", nameof(UserRole.Operator)));
        await session.PostAsync($"/Company/Users?handler=Role&id={other.Id}", page, ("role", nameof(UserRole.CompanyAdmin)));
        await session.PostAsync($"/Company/Users?handler=Deactivate&id={admin.Id}", page);
        using var otherSession = await server.SignInAsync(other.Email!);
        var otherPage = await otherSession.GetAsync("/Company/Users");
        await otherSession.PostAsync($"/Company/Users?handler=Deactivate&id={admin.Id}", otherPage);

        var refused = await otherSession.PostAsync($"/Company/Users?handler=Role&id={other.Id}", otherPage, ("role", nameof(UserRole.Viewer)));
        var lastAdminPage = await otherSession.GetAsync("/Company/Users");

        Assert.True(AccountIsDeactivated(await server.UserAsync(admin.Email!)));
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Equal(UserRole.CompanyAdmin, (await server.UserAsync(other.Email!)).Role);
        Assert.Contains("利用停止中", lastAdminPage.Document.QuerySelector($"tr[data-user-id='{admin.Id}']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deactivated_user_cannot_sign_in_and_their_session_ends_until_reactivated()
    {
        var company = await server.AddCompanyAsync();
        var admin = await server.AddUserAsync(company.Id, UserRole.CompanyAdmin);
        var operatorUser = await server.AddUserAsync(company.Id, UserRole.Operator);
        using var session = await server.SignInAsync(admin.Email!);
        var page = await session.GetAsync("/Company/Users");

        await session.PostAsync($"/Company/Users?handler=Deactivate&id={operatorUser.Id}", page);
        var refused = await server.Portal.NewSession().SignInWithPasswordAsync(operatorUser.Email!);
        await session.PostAsync($"/Company/Users?handler=Reactivate&id={operatorUser.Id}", page);
        var allowed = await server.Portal.NewSession().SignInWithPasswordAsync(operatorUser.Email!);

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Equal(HttpStatusCode.Redirect, allowed.Status);
    }

    private static bool AccountIsDeactivated(WebEdi.Data.Identity.WebEdiUser user) => user.LockoutEnd is { Year: >= 9999 };
}
