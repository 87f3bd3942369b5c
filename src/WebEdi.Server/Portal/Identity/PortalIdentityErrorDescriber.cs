using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using WebEdi.Server.Pages.Account;

namespace WebEdi.Server.Portal.Identity;

/// <summary>
/// Identity's messages in Japanese (the keys) and English (Resources/Pages/Account/AccountText.en.resx), worded for
/// the people who read them: no user names, no "token".
/// </summary>
public sealed class PortalIdentityErrorDescriber(IStringLocalizer<AccountText> text) : IdentityErrorDescriber
{
    public IdentityError CommonPassword() =>
        Error(nameof(CommonPassword), "よく使われているパスワードのため使えません。推測されにくい言葉を組み合わせてください。");

    public IdentityError PasswordContainsEmail() =>
        Error(nameof(PasswordContainsEmail), "パスワードにメールアドレスの一部を含めることはできません。");

    public override IdentityError DefaultError() => Error(nameof(DefaultError), "処理できませんでした。もう一度お試しください。");

    public override IdentityError ConcurrencyFailure() =>
        Error(nameof(ConcurrencyFailure), "同時に別の変更が行われました。画面を再読み込みしてからもう一度お試しください。");

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), "パスワードが正しくありません。");

    public override IdentityError InvalidToken() =>
        Error(nameof(InvalidToken), "リンクの有効期限が切れているか、すでに使われています。もう一度最初からお試しください。");

    public override IdentityError RecoveryCodeRedemptionFailed() => Error(nameof(RecoveryCodeRedemptionFailed), "リカバリーコードが正しくありません。");

    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), "メールアドレスの形式が正しくありません。");

    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), "メールアドレスの形式が正しくありません。");

    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), "このメールアドレスはすでに登録されています。");

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), "このメールアドレスはすでに登録されています。");

    public override IdentityError UserAlreadyHasPassword() => Error(nameof(UserAlreadyHasPassword), "パスワードはすでに設定されています。");

    public override IdentityError UserLockoutNotEnabled() => Error(nameof(UserLockoutNotEnabled), "このユーザーはロックできません。");

    public override IdentityError PasswordTooShort(int length) =>
        new() { Code = nameof(PasswordTooShort), Description = text["パスワードは{0}文字以上にしてください。", length] };

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        new() { Code = nameof(PasswordRequiresUniqueChars), Description = text["パスワードには{0}種類以上の文字を使ってください。", uniqueChars] };

    private IdentityError Error(string code, string japanese) => new() { Code = code, Description = text[japanese] };
}
