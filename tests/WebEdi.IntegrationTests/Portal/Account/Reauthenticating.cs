using System.Net;
using WebEdi.Domain.Users;

namespace WebEdi.IntegrationTests.Portal.Account;

[Collection(AccountsGroup.Name)]
public sealed class Reauthenticating(AccountServer server)
{
    [Theory]
    [InlineData("/Account/Manage/ChangePassword")]
    [InlineData("/Account/Manage/ChangeEmail")]
    [InlineData("/Account/Manage/TwoFactor")]
    public async Task Is_required_when_the_password_was_entered_more_than_five_minutes_ago(string path)
    {
        var company = await server.AddCompanyAsync();
        var user = await server.AddUserAsync(company.Id, UserRole.Operator);
        using var session = await server.SignInAsync(user.Email!);
        server.AgeSignIn(session, TimeSpan.FromMinutes(6));

        var page = await session.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.Equal("/Account/Reauthenticate?returnUrl=" + Uri.EscapeDataString(path), page.Location);
    }

    [Fact]
    public async Task Before_changing_the_password_and_the_change_then_goes_through()
    {
        var company = await server.AddCompanyAsync();
        var user = await server.AddUserAsync(company.Id, UserRole.Operator);
        using var session = await server.SignInAsync(user.Email!);
        var form = await session.GetAsync("/Account/Manage/ChangePassword");
        server.AgeSignIn(session, TimeSpan.FromMinutes(6));

        var refused = await session.PostAsync("/Account/Manage/ChangePassword", form,
            ("CurrentPassword", AccountServer.Password), ("NewPassword", "snow-falls-on-kyoto-2026"), ("ConfirmPassword", "snow-falls-on-kyoto-2026"));
        var reauthenticate = await session.GetAsync(refused.Location!);
        var wrong = await session.PostAsync("/Account/Reauthenticate", reauthenticate, ("Password", "not-my-password-at-all"), ("ReturnUrl", "/Account/Manage/ChangePassword"));
        var right = await session.PostAsync("/Account/Reauthenticate", reauthenticate, ("Password", AccountServer.Password), ("ReturnUrl", "/Account/Manage/ChangePassword"));
        var again = await session.GetAsync(right.Location!);
        var changed = await session.PostAsync("/Account/Manage/ChangePassword", again,
            ("CurrentPassword", AccountServer.Password), ("NewPassword", "snow-falls-on-kyoto-2026"), ("ConfirmPassword", "snow-falls-on-kyoto-2026"));

        Assert.StartsWith("/Account/Reauthenticate", refused.Location, StringComparison.Ordinal);
        Assert.Contains("パスワードが正しくありません。", wrong.Document.QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("/Account/Manage/ChangePassword", right.Location);
        Assert.Equal(HttpStatusCode.Redirect, changed.Status);
        Assert.Equal(HttpStatusCode.Redirect, (await server.Portal.NewSession().SignInWithPasswordAsync(user.Email!, "snow-falls-on-kyoto-2026")).Status);
    }

    [Fact]
    public async Task Is_not_renewed_by_editing_the_profile()
    {
        var company = await server.AddCompanyAsync();
        var user = await server.AddUserAsync(company.Id, UserRole.Operator);
        using var session = await server.SignInAsync(user.Email!);
        server.AgeSignIn(session, TimeSpan.FromMinutes(6));
        var profile = await session.GetAsync("/Account/Manage");

        var saved = await session.PostAsync("/Account/Manage", profile, ("DisplayName", "改名 太郎"), ("Language", "ja"), ("OrderMail", "role"));
        var password = await session.GetAsync("/Account/Manage/ChangePassword");

        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        Assert.Equal("改名 太郎", (await server.UserAsync(user.Email!)).DisplayName);
        Assert.StartsWith("/Account/Reauthenticate", password.Location, StringComparison.Ordinal);
    }
}
