using WebEdi.Testing;
using System.Net;
using WebEdi.Domain.Users;

namespace WebEdi.IntegrationTests.Portal.Account;

[Collection(AccountsGroup.Name)]
public sealed class Signing_in_with_two_factor(AccountServer server)
{
    [Fact]
    public async Task Asks_for_the_authenticator_code_after_the_password_and_then_lets_the_user_in()
    {
        var (email, key, _) = await UserWithTwoFactorAsync();
        using var session = server.Portal.NewSession();

        var password = await session.SignInWithPasswordAsync(email);
        var codePage = await session.GetAsync(password.Location!);
        var signedIn = await session.PostAsync("/Account/LoginWith2fa", codePage, ("Code", Authenticator.Next(key)), ("ReturnUrl", "/Account/Manage"));
        var manage = await session.GetAsync("/Account/Manage");

        Assert.StartsWith("/Account/LoginWith2fa", password.Location, StringComparison.Ordinal);
        Assert.Empty(codePage.Document.QuerySelectorAll("input[type=checkbox]")); // no "remember this browser"
        Assert.Equal("/Account/Manage", signedIn.Location);
        Assert.Equal(HttpStatusCode.OK, manage.Status);
    }

    [Fact]
    public async Task A_wrong_code_is_refused()
    {
        var (email, key, _) = await UserWithTwoFactorAsync();
        using var session = server.Portal.NewSession();
        await session.SignInWithPasswordAsync(email);
        var codePage = await session.GetAsync("/Account/LoginWith2fa");
        var wrong = ((int.Parse(Authenticator.Next(key), System.Globalization.CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

        var answer = await session.PostAsync("/Account/LoginWith2fa", codePage, ("Code", wrong));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Contains("確認コードが正しくないか、すでに使われています。", answer.Document.QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_code_that_was_already_used_is_refused_the_second_time()
    {
        var (email, key, _) = await UserWithTwoFactorAsync();
        var code = Authenticator.Next(key);
        using (var first = server.Portal.NewSession())
        {
            await first.SignInWithPasswordAsync(email);
            var page = await first.GetAsync("/Account/LoginWith2fa");
            Assert.Equal(HttpStatusCode.Redirect, (await first.PostAsync("/Account/LoginWith2fa", page, ("Code", code))).Status);
        }

        using var second = server.Portal.NewSession();
        await second.SignInWithPasswordAsync(email);
        var codePage = await second.GetAsync("/Account/LoginWith2fa");
        var replay = await second.PostAsync("/Account/LoginWith2fa", codePage, ("Code", code));

        Assert.Equal(HttpStatusCode.OK, replay.Status);
        Assert.Contains("すでに使われています", replay.Document.QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recovery_code_works_once()
    {
        var (email, _, codes) = await UserWithTwoFactorAsync();

        using var first = server.Portal.NewSession();
        await first.SignInWithPasswordAsync(email);
        var page = await first.GetAsync("/Account/LoginWithRecoveryCode");
        var used = await first.PostAsync("/Account/LoginWithRecoveryCode", page, ("RecoveryCode", codes[3]));

        using var second = server.Portal.NewSession();
        await second.SignInWithPasswordAsync(email);
        var again = await second.GetAsync("/Account/LoginWithRecoveryCode");
        var reused = await second.PostAsync("/Account/LoginWithRecoveryCode", again, ("RecoveryCode", codes[3]));

        Assert.Equal(HttpStatusCode.Redirect, used.Status);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/Account/Manage")).Status);
        Assert.Equal(HttpStatusCode.OK, reused.Status);
        Assert.Contains("リカバリーコードが正しくないか、すでに使われています。", reused.Document.QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Setting_up_refuses_a_wrong_code_and_leaves_two_factor_off()
    {
        var company = await server.AddCompanyAsync();
        var user = await server.AddUserAsync(company.Id, UserRole.Operator);
        using var session = await server.SignInAsync(user.Email!);
        var page = await session.GetAsync("/Account/Manage/TwoFactor");

        var answer = await session.PostAsync("/Account/Manage/TwoFactor?handler=Enable", page, ("Code", "000000"));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.NotNull(answer.Document.QuerySelector(".shared-key"));
        Assert.False((await server.UserAsync(user.Email!)).TwoFactorEnabled);
    }

    [Fact]
    public async Task New_recovery_codes_replace_the_old_ones_and_switching_two_factor_off_leaves_the_password_alone()
    {
        var company = await server.AddCompanyAsync();
        var user = await server.AddUserAsync(company.Id, UserRole.Operator);
        using var session = await server.SignInAsync(user.Email!);
        var (_, oldCodes) = await session.TurnOnTwoFactorAsync();
        var page = await session.GetAsync("/Account/Manage/TwoFactor");

        var renewed = await session.PostAsync("/Account/Manage/TwoFactor?handler=RecoveryCodes", page);
        var newCodes = renewed.Document.QuerySelectorAll(".code-list code").Select(c => c.TextContent).ToList();

        Assert.Equal(10, newCodes.Count);
        Assert.Empty(newCodes.Intersect(oldCodes));
        Assert.Equal(HttpStatusCode.OK, (await SignInWithRecoveryCodeAsync(user.Email!, oldCodes[0])).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInWithRecoveryCodeAsync(user.Email!, newCodes[0])).Status);

        var off = await session.PostAsync("/Account/Manage/TwoFactor?handler=Disable", await session.GetAsync("/Account/Manage/TwoFactor"));

        Assert.Equal(HttpStatusCode.Redirect, off.Status);
        Assert.False((await server.UserAsync(user.Email!)).TwoFactorEnabled);
        using var fresh = server.Portal.NewSession();
        var signedIn = await fresh.SignInWithPasswordAsync(user.Email!);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.Status);
        Assert.DoesNotContain("LoginWith2fa", signedIn.Location, StringComparison.Ordinal);
    }

    private async Task<PortalPage> SignInWithRecoveryCodeAsync(string email, string code)
    {
        using var session = server.Portal.NewSession();
        await session.SignInWithPasswordAsync(email);
        var page = await session.GetAsync("/Account/LoginWithRecoveryCode");
        return await session.PostAsync("/Account/LoginWithRecoveryCode", page, ("RecoveryCode", code));
    }

    private async Task<(string Email, string Key, IReadOnlyList<string> Codes)> UserWithTwoFactorAsync()
    {
        var company = await server.AddCompanyAsync();
        var user = await server.AddUserAsync(company.Id, UserRole.Operator);
        using var session = await server.SignInAsync(user.Email!);
        var (key, codes) = await session.TurnOnTwoFactorAsync();
        Assert.True((await server.UserAsync(user.Email!)).TwoFactorEnabled);
        return (user.Email!, key, codes);
    }
}
