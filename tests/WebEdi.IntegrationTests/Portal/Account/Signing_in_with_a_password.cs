using System.Net;
using WebEdi.Domain.Users;

namespace WebEdi.IntegrationTests.Portal.Account;

[Collection(AccountsGroup.Name)]
public sealed class Signing_in_with_a_password(AccountServer server)
{
    [Fact]
    public async Task A_wrong_password_is_refused_and_leaves_no_session()
    {
        var company = await server.AddCompanyAsync();
        var user = await server.AddUserAsync(company.Id, UserRole.Operator);
        using var session = server.Portal.NewSession();

        var answer = await session.SignInWithPasswordAsync(user.Email!, "not-the-password-at-all");
        var orders = await session.GetAsync("/Account/Manage");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Contains("メールアドレスまたはパスワードが正しくありません。", answer.Document.QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("/Account/Login", new Uri(server.Portal.BaseAddress, orders.Location).PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_failures_in_a_row_lock_the_account_even_against_the_right_password_and_say_so()
    {
        var company = await server.AddCompanyAsync();
        var user = await server.AddUserAsync(company.Id, UserRole.Operator);
        using var session = server.Portal.NewSession();

        for (var i = 0; i < 5; i++)
        {
            await session.SignInWithPasswordAsync(user.Email!, "wrong-password-" + i);
        }

        var answer = await session.SignInWithPasswordAsync(user.Email!);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Contains("アカウントを一時的にロックしました", answer.Document.QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull((await server.UserAsync(user.Email!)).LockoutEnd);
    }

    [Fact]
    public async Task A_form_posted_with_a_forged_anti_forgery_token_changes_nothing()
    {
        var company = await server.AddCompanyAsync();
        var user = await server.AddUserAsync(company.Id, UserRole.Operator);
        using var session = await server.SignInAsync(user.Email!);

        var answer = await session.PostAsync("/Account/Manage", "forged-token", ("DisplayName", "乗っ取り"), ("Language", "ja"), ("OrderMail", "off"));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(user.DisplayName, (await server.UserAsync(user.Email!)).DisplayName);
    }
}
