using System.Net;
using WebEdi.Data.Identity;
using WebEdi.Domain.Users;

namespace WebEdi.IntegrationTests.Portal.Account;

[Collection(AccountsGroup.Name)]
public sealed class Accepting_an_invitation(AccountServer server)
{
    [Fact]
    public async Task From_the_mailed_link_creates_the_user_in_the_inviting_company_with_the_chosen_role_and_signs_them_in()
    {
        var company = await server.AddCompanyAsync();
        var admin = await server.AddUserAsync(company.Id, UserRole.CompanyAdmin);
        var invitee = AccountServer.UniqueEmail("newcomer");
        using var adminSession = await server.SignInAsync(admin.Email!);
        var users = await adminSession.GetAsync("/Company/Users");
        await adminSession.PostAsync("/Company/Users?handler=Invite", users,
            ("InviteEmail", invitee), ("InviteName", "新人 一郎"), ("InviteRole", nameof(UserRole.Viewer)));

        var (mail, link) = await server.MailLinkAsync(invitee, "招待");
        using var browser = server.Portal.NewSession();
        var page = await browser.GetAsync(link);
        var accepted = await browser.PostAsync("/Account/AcceptInvitation", page,
            ("Token", page.Document.QuerySelector("input[name=Token]")!.GetAttribute("value")!),
            ("DisplayName", "新人 一郎"), ("Password", AccountServer.Password), ("ConfirmPassword", AccountServer.Password));
        var manage = await browser.GetAsync("/Account/Manage");

        Assert.Contains(company.Name, mail.TextBody, StringComparison.Ordinal);
        Assert.Equal("/Orders", accepted.Location);
        Assert.Equal(HttpStatusCode.OK, manage.Status);
        var user = await server.UserAsync(invitee);
        Assert.Equal(company.Id, user.CompanyId);
        Assert.Equal(UserRole.Viewer, user.Role);
        Assert.Equal("新人 一郎", user.DisplayName);
    }

    [Fact]
    public async Task An_expired_invitation_says_so_and_creates_nobody()
    {
        var company = await server.AddCompanyAsync();
        var admin = await server.AddUserAsync(company.Id, UserRole.CompanyAdmin);
        var invitee = AccountServer.UniqueEmail("late");
        var (invitation, token) = Invitation.Create(company.Id, invitee, "遅刻 次郎", UserRole.Operator, admin.Id,
            DateTime.UtcNow.AddDays(-8), Invitation.DefaultLifetime);
        await using (var db = server.Portal.OpenDatabase())
        {
            db.Invitations.Add(invitation);
            await db.SaveChangesAsync();
        }

        using var browser = server.Portal.NewSession();
        var page = await browser.GetAsync("/Account/AcceptInvitation?token=" + Uri.EscapeDataString(token));
        // The page has no form; a forged post (with a valid token from another page) must not create the user either.
        var posted = await browser.PostAsync("/Account/AcceptInvitation", await browser.GetAsync("/Account/Login"),
            ("Token", token), ("DisplayName", "遅刻 次郎"), ("Password", AccountServer.Password), ("ConfirmPassword", AccountServer.Password));

        Assert.Contains("有効期限が切れています", page.Document.QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.Document.QuerySelector("input[name=Password]"));
        Assert.Equal(HttpStatusCode.OK, posted.Status);
        var normalized = invitee.ToUpperInvariant();
        await using var check = server.Portal.OpenDatabase();
        Assert.False(check.Users.Any(u => u.NormalizedEmail == normalized));
    }

    [Fact]
    public async Task A_revoked_invitation_says_so()
    {
        var company = await server.AddCompanyAsync();
        var admin = await server.AddUserAsync(company.Id, UserRole.CompanyAdmin);
        var invitee = AccountServer.UniqueEmail("revoked");
        using var adminSession = await server.SignInAsync(admin.Email!);
        var users = await adminSession.GetAsync("/Company/Users");
        await adminSession.PostAsync("/Company/Users?handler=Invite", users,
            ("InviteEmail", invitee), ("InviteName", "取消 三郎"), ("InviteRole", nameof(UserRole.Operator)));
        var (_, link) = await server.MailLinkAsync(invitee, "招待");
        var listed = await adminSession.GetAsync("/Company/Users");
        var id = listed.Document.QuerySelector("tr[data-invitation-id]")!.GetAttribute("data-invitation-id")!;

        await adminSession.PostAsync($"/Company/Users?handler=Revoke&id={id}", listed);
        using var browser = server.Portal.NewSession();
        var page = await browser.GetAsync(link);

        Assert.Contains("この招待は取り消されました。", page.Document.QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Null((await adminSession.GetAsync("/Company/Users")).Document.QuerySelector("tr[data-invitation-id]"));
    }
}
