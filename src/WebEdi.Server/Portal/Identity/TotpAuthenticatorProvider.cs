using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using WebEdi.Data.Identity;

namespace WebEdi.Server.Portal.Identity;

/// <summary>
/// Authenticator-app codes (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits) that can each be used once. Identity's
/// stock provider accepts any code of the last or next 90 seconds as often as it is sent, so a code read over someone's
/// shoulder or from a proxy log works again; this one keeps the last accepted time-step per user (an Identity user
/// token) and refuses a code at or before it. It also accepts one step either side instead of two.
/// </summary>
public sealed class TotpAuthenticatorProvider(TimeProvider clock) : IUserTwoFactorTokenProvider<WebEdiUser>
{
    private const string TokenProvider = "[WebEdiTotp]";
    private const string LastStepToken = "LastAcceptedStep";

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<WebEdiUser> manager, WebEdiUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    // The authenticator app makes the codes; the server never sends one.
    public Task<string> GenerateAsync(string purpose, UserManager<WebEdiUser> manager, WebEdiUser user) => Task.FromResult("");

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<WebEdiUser> manager, WebEdiUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        var code = token.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (string.IsNullOrEmpty(key) || code.Length != Totp.Digits || !code.All(char.IsAsciiDigit))
        {
            return false;
        }

        var lastUsed = long.TryParse(await manager.GetAuthenticationTokenAsync(user, TokenProvider, LastStepToken),
            NumberStyles.None, CultureInfo.InvariantCulture, out var last) ? last : long.MinValue;
        var secret = Totp.DecodeBase32(key);
        var now = Totp.StepAt(clock.GetUtcNow());
        for (var step = now - 1; step <= now + 1; step++)
        {
            if (step > lastUsed && CryptographicOperations.FixedTimeEquals(
                    System.Text.Encoding.ASCII.GetBytes(Totp.Code(secret, step)), System.Text.Encoding.ASCII.GetBytes(code)))
            {
                // Saving goes through the user's concurrency stamp: of two requests racing with one code, one fails here.
                var saved = await manager.SetAuthenticationTokenAsync(user, TokenProvider, LastStepToken, step.ToString(CultureInfo.InvariantCulture));
                return saved.Succeeded;
            }
        }

        return false;
    }
}

/// <summary>RFC 6238 time-based one-time passwords as authenticator apps make them.</summary>
public static class Totp
{
    public const int Digits = 6;

    public static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    public static long StepAt(DateTimeOffset time) => time.ToUnixTimeSeconds() / (long)Step.TotalSeconds;

    public static string Code(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[20];
        // HMAC-SHA1 is what every authenticator app computes for an otpauth URI without an algorithm; HMAC does not
        // rely on SHA-1's collision resistance.
#pragma warning disable CA5350
        HMACSHA1.HashData(secret, counter, hash);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var value = (BinaryPrimitives.ReadInt32BigEndian(hash[offset..]) & 0x7fffffff) % 1_000_000;
        return value.ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>Decodes RFC 4648 base32 (the shared key as apps and Identity write it), ignoring spaces, case and padding.</summary>
    public static byte[] DecodeBase32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in text.ToUpperInvariant())
        {
            if (c is ' ' or '=' or '-')
            {
                continue;
            }

            var value = alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                throw new FormatException($"'{c}' is not a base32 character.");
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }

        return [.. bytes];
    }
}
