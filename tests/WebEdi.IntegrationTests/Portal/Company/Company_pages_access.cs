using System.Net;
using Microsoft.EntityFrameworkCore;
using WebEdi.Data.Identity;
using WebEdi.Domain.Users;
using WebEdi.Server.Portal.Identity;
using WebEdi.IntegrationTests.Portal.Account;

namespace WebEdi.IntegrationTests.Portal.Company;

[Collection(AccountsGroup.Name)]
public sealed class Company_pages_access(AccountServer server)
{
    [Theory]
    [InlineData(UserRole.Viewer, "/Company/Users")]
    [InlineData(UserRole.Operator, "/Company/Users")]
    [InlineData(UserRole.Operator, "/Company/Security")]
    [InlineData(UserRole.Viewer, "/Company/Notifications")]
    public async Task Are_forbidden_to_everyone_but_company_admins(UserRole role, string path)
    {
        var company = await server.AddCompanyAsync();
        var user = await server.AddUserAsync(company.Id, role);
        using var session = await server.SignInAsync(user.Email!);

        var refused = await session.GetAsync(path);
        var page = await session.GetAsync(new Uri(server.Portal.BaseAddress, refused.Location).PathAndQuery);

        Assert.StartsWith("/Account/AccessDenied", new Uri(server.Portal.BaseAddress, refused.Location).AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Equal("権限がありません", page.Document.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task Answer_404_for_another_companys_user_or_invitation_on_every_handler_and_change_nothing()
    {
        var mine = await server.AddCompanyAsync();
        var theirs = await server.AddCompanyAsync();
        var admin = await server.AddUserAsync(mine.Id, UserRole.CompanyAdmin);
        var theirAdmin = await server.AddUserAsync(theirs.Id, UserRole.CompanyAdmin);
        var stranger = await server.AddUserAsync(theirs.Id, UserRole.Operator);
        var suspended = await server.AddUserAsync(theirs.Id, UserRole.Operator);
        await using (var db = server.Portal.OpenDatabase())
        {
            await db.Users.Where(u => u.Id == suspended.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.LockoutEnd, AccountRules.DeactivatedUntil));
        }

        var invitation = await InviteAsync(theirs.Id, theirAdmin.Id);
        using var session = await server.SignInAsync(admin.Email!);
        var page = await session.GetAsync("/Company/Users");

        var role = await session.PostAsync($"/Company/Users?handler=Role&id={stranger.Id}", page, ("role", nameof(UserRole.Viewer)));
        var deactivate = await session.PostAsync($"/Company/Users?handler=Deactivate&id={stranger.Id}", page);
        var reactivate = await session.PostAsync($"/Company/Users?handler=Reactivate&id={suspended.Id}", page);
        var revoke = await session.PostAsync($"/Company/Users?handler=Revoke&id={invitation}", page);

        Assert.Equal(HttpStatusCode.NotFound, role.Status);
        Assert.Equal(HttpStatusCode.NotFound, deactivate.Status);
        Assert.Equal(HttpStatusCode.NotFound, reactivate.Status);
        Assert.Equal(HttpStatusCode.NotFound, revoke.Status);
        var after = await server.UserAsync(stranger.Email!);
        Assert.Equal(UserRole.Operator, after.Role);
        Assert.Null(after.LockoutEnd);
        Assert.Equal(AccountRules.DeactivatedUntil, (await server.UserAsync(suspended.Email!)).LockoutEnd);
        await using (var db = server.Portal.OpenDatabase())
        {
            Assert.Null(await db.Invitations.Where(i => i.Id == invitation).Select(i => i.RevokedAt).SingleAsync());
        }

        Assert.DoesNotContain(stranger.Email!, page.Text, StringComparison.OrdinalIgnoreCase);
    }

    private async Task<Guid> InviteAsync(Guid companyId, Guid invitedBy)
    {
        await using var db = server.Portal.OpenDatabase();
        var (invitation, _) = Invitation.Create(companyId, AccountServer.UniqueEmail("invited"), "招待 花子", UserRole.Operator, invitedBy, DateTime.UtcNow, Invitation.DefaultLifetime);
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync();
        return invitation.Id;
    }
}
