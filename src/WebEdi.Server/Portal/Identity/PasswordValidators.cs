using System.Collections.Frozen;
using Microsoft.AspNetCore.Identity;
using WebEdi.Data.Identity;

namespace WebEdi.Server.Portal.Identity;

/// <summary>
/// Refuses passwords on a list of 49,233 commonly used ones (ASVS 5 V6.2.4), compared case-insensitively. The list is
/// embedded (<c>common-passwords.txt</c>, source and licence beside it) and read once per process.
/// </summary>
public sealed class CommonPasswordValidator(PortalIdentityErrorDescriber errors) : IPasswordValidator<WebEdiUser>
{
    private static readonly Lazy<FrozenSet<string>> List = new(Load);

    public static int Count => List.Value.Count;

    public static bool IsCommon(string password) => List.Value.Contains(password.Trim());

    public Task<IdentityResult> ValidateAsync(UserManager<WebEdiUser> manager, WebEdiUser user, string? password) =>
        Task.FromResult(password is not null && IsCommon(password) ? IdentityResult.Failed(errors.CommonPassword()) : IdentityResult.Success);

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("WebEdi.Server.common-passwords.txt")
            ?? throw new InvalidOperationException("The embedded common-password list is missing.");
        using var reader = new StreamReader(stream);
        var passwords = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                passwords.Add(line);
            }
        }

        return passwords.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }
}

/// <summary>
/// Refuses a password that contains the local part of the user's own e-mail address ("sato.hanako2026!" for
/// sato.hanako@…): the first thing an attacker who knows the address tries. Local parts shorter than four characters
/// are ignored, or "ab@…" would forbid every password containing "ab".
/// </summary>
public sealed class EmailPasswordValidator(PortalIdentityErrorDescriber errors) : IPasswordValidator<WebEdiUser>
{
    private const int MinimumLocalPart = 4;

    public Task<IdentityResult> ValidateAsync(UserManager<WebEdiUser> manager, WebEdiUser user, string? password)
    {
        var email = user.Email ?? user.UserName ?? "";
        var at = email.IndexOf('@', StringComparison.Ordinal);
        var local = at > 0 ? email[..at] : "";
        return Task.FromResult(
            password is not null && local.Length >= MinimumLocalPart && password.Contains(local, StringComparison.OrdinalIgnoreCase)
                ? IdentityResult.Failed(errors.PasswordContainsEmail())
                : IdentityResult.Success);
    }
}
