using System.Net;
using WebEdi.Domain.Users;

namespace WebEdi.IntegrationTests.Portal.Account;

[Collection(AccountsGroup.Name)]
public sealed class Choosing_a_password(AccountServer server)
{
    [Theory]
    [InlineData("Qwerty123456")]
    [InlineData("1QAZ2WSX3EDC")]
    public async Task A_common_password_is_refused_whatever_its_case(string common)
    {
        var (session, email) = await SignedInAsync();

        var answer = await ChangeAsync(session, common);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Contains("よく使われているパスワードのため使えません。", answer.Document.QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await server.Portal.NewSession().SignInWithPasswordAsync(email)).Status);
    }

    [Fact]
    public async Task A_password_containing_the_e_mail_addresss_local_part_is_refused()
    {
        var (session, email) = await SignedInAsync();

        var answer = await ChangeAsync(session, email.Split('@')[0] + "-Tokyo");

        Assert.Contains("パスワードにメールアドレスの一部を含めることはできません。", answer.Document.QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_short_password_is_refused_in_english_for_english_readers()
    {
        var (session, _) = await SignedInAsync();
        var page = await session.GetAsync("/Account/Login");
        await session.PostAsync("/Account/Language", page, ("language", "en"), ("returnUrl", "/"));

        var answer = await ChangeAsync(session, "short-one");

        Assert.Contains("The password must have at least 12 characters.", answer.Document.QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_uncommon_password_is_accepted()
    {
        var (session, email) = await SignedInAsync();

        var answer = await ChangeAsync(session, "green-tea-on-a-rainy-tuesday");

        Assert.Equal(HttpStatusCode.Redirect, answer.Status);
        Assert.Equal(HttpStatusCode.Redirect, (await server.Portal.NewSession().SignInWithPasswordAsync(email, "green-tea-on-a-rainy-tuesday")).Status);
    }

    [Fact]
    public async Task A_new_password_is_stored_as_PBKDF2_with_HMAC_SHA512_and_210000_iterations()
    {
        var (session, email) = await SignedInAsync();
        using (session)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await ChangeAsync(session, "cedar-smoke-over-the-harbour")).Status);
        }

        // ASP.NET Core Identity's v3 format: 0x01, PRF (1 = HMAC-SHA256, 2 = HMAC-SHA512), iteration count, big-endian.
        var hash = Convert.FromBase64String((await server.UserAsync(email)).PasswordHash!);
        Assert.Equal(0x01, hash[0]);
        Assert.Equal(2u, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(1, 4)));
        Assert.Equal(210_000u, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(5, 4)));
    }

    private async Task<(PortalSession Session, string Email)> SignedInAsync()
    {
        var company = await server.AddCompanyAsync();
        var user = await server.AddUserAsync(company.Id, UserRole.Operator);
        return (await server.SignInAsync(user.Email!), user.Email!);
    }

    private static async Task<PortalPage> ChangeAsync(PortalSession session, string password)
    {
        var page = await session.GetAsync("/Account/Manage/ChangePassword");
        return await session.PostAsync("/Account/Manage/ChangePassword", page,
            ("CurrentPassword", AccountServer.Password), ("NewPassword", password), ("ConfirmPassword", password));
    }
}
