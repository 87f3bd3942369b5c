using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace WebEdi.Testing;

/// <summary>RFC 6238 codes as an authenticator app computes them from the shared key shown on the set-up page.</summary>
public static class Authenticator
{
    public static string Code(string sharedKey, DateTimeOffset at)
    {
        var key = Base32(sharedKey);
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, at.ToUnixTimeSeconds() / 30);
#pragma warning disable CA5350 // RFC 6238's default algorithm, as the apps use it.
        var hash = HMACSHA1.HashData(key, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0xf;
        var value = (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset)) & 0x7fffffff) % 1_000_000;
        return value.ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>The code of the current 30-second step, and of the next one (servers accept one step either side).</summary>
    public static string Now(string sharedKey) => Code(sharedKey, DateTimeOffset.UtcNow);

    public static string Next(string sharedKey) => Code(sharedKey, DateTimeOffset.UtcNow.AddSeconds(30));

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = string.Concat(text.ToUpperInvariant().Where(c => c != ' ').Select(c => Convert.ToString(alphabet.IndexOf(c, StringComparison.Ordinal), 2).PadLeft(5, '0')));
        return Enumerable.Range(0, bits.Length / 8).Select(i => Convert.ToByte(bits.Substring(i * 8, 8), 2)).ToArray();
    }
}
