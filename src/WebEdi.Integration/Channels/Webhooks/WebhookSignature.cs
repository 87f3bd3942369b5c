using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace WebEdi.Integration.Channels.Webhooks;

/// <summary>
/// The signature of a webhook request, in the header <c>WebEdi-Signature: t=TIMESTAMP,v1=HEX[,v1=HEX]</c>: HMAC-SHA256
/// keyed with the channel's secret (its UTF-8 bytes, <c>whsec_…</c> included) over <c>TIMESTAMP + "." + body</c>, as
/// lowercase hex; TIMESTAMP is Unix seconds. During a secret rotation there is one <c>v1</c> per valid secret. The
/// buyer recomputes it over the raw body bytes and compares in constant time (contracts/README.md shows how).
/// </summary>
public static class WebhookSignature
{
    public const string Header = "WebEdi-Signature";

    public static string Compute(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    public static string HeaderValue(IEnumerable<string> secrets, long timestamp, ReadOnlySpan<byte> body)
    {
        var value = new StringBuilder("t=").Append(timestamp.ToString(CultureInfo.InvariantCulture));
        foreach (var secret in secrets)
        {
            value.Append(",v1=").Append(Compute(secret, timestamp, body));
        }

        return value.ToString();
    }

    /// <summary>
    /// Checks a header as a buyer's ERP should: a <c>v1</c> matches the body for <paramref name="secret"/>, and the
    /// timestamp is within <paramref name="tolerance"/> of <paramref name="now"/> (a replayed old request is refused).
    /// </summary>
    public static bool Verify(string header, string secret, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        long? timestamp = null;
        var candidates = new List<string>();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith("t=", StringComparison.Ordinal) && long.TryParse(part[2..], NumberStyles.None, CultureInfo.InvariantCulture, out var t))
            {
                timestamp = t;
            }
            else if (part.StartsWith("v1=", StringComparison.Ordinal))
            {
                candidates.Add(part[3..]);
            }
        }

        if (timestamp is not { } at || Math.Abs(now.ToUnixTimeSeconds() - at) > tolerance.TotalSeconds)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(secret, at, body));
        return candidates.Any(c => CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(c)));
    }
}
