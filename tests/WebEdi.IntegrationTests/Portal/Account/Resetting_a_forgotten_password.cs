using System.Net;
using WebEdi.Domain.Users;

namespace WebEdi.IntegrationTests.Portal.Account;

[Collection(AccountsGroup.Name)]
public sealed class Resetting_a_forgotten_password(AccountServer server)
{
    private const string NewPassword = "quiet-river-under-maple-7";

    [Fact]
    public async Task Through_the_mailed_link_sets_a_new_password_that_signs_in()
    {
        var company = await server.AddCompanyAsync();
        var user = await server.AddUserAsync(company.Id, UserRole.Operator);
        using var browser = server.Portal.NewSession();
        var forgot = await browser.GetAsync("/Account/ForgotPassword");

        var sent = await browser.PostAsync("/Account/ForgotPassword", forgot, ("Email", user.Email!));
        var (mail, link) = await server.MailLinkAsync(user.Email!, "パスワードの再設定");
        var reset = await browser.GetAsync(link);
        var done = await browser.PostAsync("/Account/ResetPassword", reset,
            ("Code", reset.Document.QuerySelector("input[name=Code]")!.GetAttribute("value")!),
            ("Email", user.Email!), ("Password", NewPassword), ("ConfirmPassword", NewPassword));

        Assert.NotNull(sent.Document.QuerySelector("p.notice"));
        Assert.Contains(user.DisplayName, mail.TextBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, done.Status);
        Assert.Equal(HttpStatusCode.Redirect, (await server.Portal.NewSession().SignInWithPasswordAsync(user.Email!, NewPassword)).Status);
        Assert.Equal(HttpStatusCode.OK, (await server.Portal.NewSession().SignInWithPasswordAsync(user.Email!)).Status);
    }

    [Fact]
    public async Task Mails_english_users_in_english()
    {
        var company = await server.AddCompanyAsync();
        var user = await server.AddUserAsync(company.Id, UserRole.Operator, language: "en");
        using var browser = server.Portal.NewSession();
        var forgot = await browser.GetAsync("/Account/ForgotPassword");

        await browser.PostAsync("/Account/ForgotPassword", forgot, ("Email", user.Email!));
        var (mail, _) = await server.MailLinkAsync(user.Email!, "Resetting your password");

        Assert.StartsWith("Dear ", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answers_an_unknown_address_exactly_like_a_known_one()
    {
        var company = await server.AddCompanyAsync();
        var user = await server.AddUserAsync(company.Id, UserRole.Operator);
        using var browser = server.Portal.NewSession();
        var forgot = await browser.GetAsync("/Account/ForgotPassword");

        var known = await browser.PostAsync("/Account/ForgotPassword", forgot, ("Email", user.Email!));
        var unknown = await browser.PostAsync("/Account/ForgotPassword", forgot, ("Email", AccountServer.UniqueEmail("nobody")));

        Assert.Equal(known.Status, unknown.Status);
        Assert.Equal(known.Document.QuerySelector("main")!.TextContent, unknown.Document.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task A_link_used_once_does_not_work_again()
    {
        var company = await server.AddCompanyAsync();
        var user = await server.AddUserAsync(company.Id, UserRole.Operator);
        using var browser = server.Portal.NewSession();
        var forgot = await browser.GetAsync("/Account/ForgotPassword");
        await browser.PostAsync("/Account/ForgotPassword", forgot, ("Email", user.Email!));
        var (_, link) = await server.MailLinkAsync(user.Email!, "パスワードの再設定");
        var reset = await browser.GetAsync(link);
        var code = reset.Document.QuerySelector("input[name=Code]")!.GetAttribute("value")!;
        await browser.PostAsync("/Account/ResetPassword", reset, ("Code", code), ("Email", user.Email!), ("Password", NewPassword), ("ConfirmPassword", NewPassword));

        var again = await browser.PostAsync("/Account/ResetPassword", reset,
            ("Code", code), ("Email", user.Email!), ("Password", "another-long-passphrase-9"), ("ConfirmPassword", "another-long-passphrase-9"));

        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Contains("リンクの有効期限が切れているか、すでに使われています。", again.Document.QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
    }
}
