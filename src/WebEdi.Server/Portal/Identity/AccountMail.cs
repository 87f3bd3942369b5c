using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using WebEdi.Data.Identity;
using WebEdi.Ordering.Notifications;

namespace WebEdi.Server.Portal.Identity;

/// <summary>
/// The account e-mails (password reset, invitation, e-mail change), plain text in the style of the order digest.
/// Links are absolute (<see cref="PortalLinks"/>, i.e. <c>WebEdi:PublicUrl</c>).
/// </summary>
public sealed class AccountMail(IMailSender sender, PortalLinks links)
{
    private const string Footer = "※ このメールは送信専用です。返信いただいてもお答えできません。";
    private const string FooterEn = "This mailbox is not read; please do not reply.";

    /// <summary>Identity's tokens are base64 with '+', '/' and '='; links carry them base64url-encoded.</summary>
    public static string EncodeToken(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    public static string? DecodeToken(string? code)
    {
        try
        {
            return code is null ? null : Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public Uri Link(string path, string query) => new($"{links.PublicUrl.ToString().TrimEnd('/')}{path}?{query}");

    public Task SendPasswordResetAsync(WebEdiUser user, string token, CancellationToken cancellationToken)
    {
        var link = Link("/Account/ResetPassword", "code=" + Uri.EscapeDataString(EncodeToken(token)));
        var (subject, body) = user.PreferredLanguage == "en"
            ? ("[WebEdi] Resetting your password", $"""
                Dear {user.DisplayName},

                Someone (probably you) asked to reset the password of your WebEdi account {user.Email}.
                To choose a new password, open this link within one hour:
                {link}

                If you did not ask for this, ignore this e-mail: your password stays as it is.

                {FooterEn}
                """)
            : ("【WebEdi】パスワードの再設定", $"""
                {user.DisplayName} 様

                WebEdi のアカウント {user.Email} のパスワード再設定を受け付けました。
                1時間以内に次のリンクを開き、新しいパスワードを設定してください。
                {link}

                お心当たりのない場合は、このメールを破棄してください。パスワードは変更されません。

                {Footer}
                """);
        return SendAsync(user.Email!, user.DisplayName, subject, body, cancellationToken);
    }

    /// <summary>The invitee has no language yet: the mail is in Japanese, then English.</summary>
    public Task SendInvitationAsync(Invitation invitation, string companyName, string inviterName, string token, CancellationToken cancellationToken)
    {
        var link = Link("/Account/AcceptInvitation", "token=" + Uri.EscapeDataString(token));
        var expires = TimeZoneInfo.ConvertTimeFromUtc(invitation.ExpiresAt, Tokyo).ToString("yyyy/MM/dd HH:mm", PortalCulture.Formats);
        var body = $"""
            {invitation.DisplayName} 様

            {companyName} の {inviterName} さんから、WebEdi（購買WebEDI）への招待が届きました。
            次のリンクを開き、パスワードを設定して利用を開始してください（有効期限 {expires} 日本時間）。
            {link}

            お心当たりのない場合は、このメールを破棄してください。

            ----
            Dear {invitation.DisplayName},

            {inviterName} of {companyName} has invited you to WebEdi, the purchasing WebEDI portal.
            Open the link above and choose a password to start (valid until {expires} Japan time).
            If you did not expect this, ignore this e-mail.

            {Footer}
            {FooterEn}
            """;
        return SendAsync(invitation.Email, invitation.DisplayName, $"【WebEdi】{companyName} からの招待 / Invitation from {companyName}", body, cancellationToken);
    }

    public Task SendEmailChangeAsync(WebEdiUser user, string newEmail, string token, CancellationToken cancellationToken)
    {
        var link = Link("/Account/ConfirmEmailChange",
            $"userId={user.Id}&email={Uri.EscapeDataString(newEmail)}&code={Uri.EscapeDataString(EncodeToken(token))}");
        var (subject, body) = user.PreferredLanguage == "en"
            ? ("[WebEdi] Confirm your new e-mail address", $"""
                Dear {user.DisplayName},

                To use {newEmail} for signing in to WebEdi from now on, open this link within one hour:
                {link}

                Until then you keep signing in with {user.Email}.

                {FooterEn}
                """)
            : ("【WebEdi】新しいメールアドレスの確認", $"""
                {user.DisplayName} 様

                今後 {newEmail} で WebEdi にサインインするには、1時間以内に次のリンクを開いてください。
                {link}

                確認が済むまでは、これまでどおり {user.Email} でサインインできます。

                {Footer}
                """);
        return SendAsync(newEmail, user.DisplayName, subject, body, cancellationToken);
    }

    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    private Task SendAsync(string to, string name, string subject, string body, CancellationToken cancellationToken) =>
        sender.SendAsync(new OutgoingMail(to, name, subject, body, $"<{Guid.NewGuid():N}@webedi.account>"), cancellationToken);
}
