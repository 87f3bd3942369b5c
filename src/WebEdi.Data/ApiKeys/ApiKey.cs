using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;

using WebEdi.Domain;
using WebEdi.Domain.Companies;

namespace WebEdi.Data.ApiKeys;

/// <summary>
/// A buyer's key for the ERP HTTPS API. The key itself (<c>wedi_</c> + 43 characters) is shown once when it is created;
/// WebEdi keeps only its first <see cref="PrefixLength"/> characters, to find it, and the SHA-256 of the whole key. A
/// key is 256 random bits, so a fast hash is enough: there is nothing to guess by brute force that a slow one would
/// protect.
/// </summary>
public sealed class ApiKey
{
    public const string KeyStart = "wedi_";
    public const int PrefixLength = 12;
    public const int NameMaxLength = 100;
    public const int AllowedAddressesMaxLength = AddressAllowList.MaxLength;
    public const int LastUsedFromMaxLength = 64;

    /// <summary>Recording every use would turn every API call into a write; once a minute is enough to see a key is alive.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    private ApiKey()
    {
        Name = null!;
        KeyPrefix = null!;
        SecretHash = null!;
        AllowedAddresses = "";
    }

    public Guid Id { get; private set; }

    /// <summary>The buyer the key speaks for.</summary>
    public Guid CompanyId { get; private set; }

    /// <summary>What the key is for, e.g. "SAP PRD".</summary>
    public string Name { get; private set; }

    /// <summary>The key's first 12 characters: how the key is found, and how people name it (list, revoke).</summary>
    public string KeyPrefix { get; private set; }

    /// <summary>SHA-256 of the whole key, lowercase hex.</summary>
    public string SecretHash { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime? RevokedAt { get; private set; }

    public DateTime? LastUsedAt { get; private set; }

    /// <summary>The address the key was last used from (the connection's, never X-Forwarded-For).</summary>
    public string? LastUsedFrom { get; private set; }

    /// <summary>Comma-separated addresses and CIDR ranges (IPv4 or IPv6) the key may be used from; empty means any.</summary>
    public string AllowedAddresses { get; private set; }

    /// <summary>Creates a key for <paramref name="companyId"/>; the returned secret is the only time the key is seen.</summary>
    public static (ApiKey Key, string Secret) Create(Guid companyId, string name, string? allowedAddresses, DateTime at)
    {
        name = (name ?? "").Trim();
        if (name.Length is 0 or > NameMaxLength)
        {
            throw new ArgumentException($"the name must be 1 to {NameMaxLength} characters.", nameof(name));
        }

        var allowed = NormalizeAllowedAddresses(allowedAddresses);
        var secret = KeyStart + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var key = new ApiKey
        {
            Id = Guid.CreateVersion7(),
            CompanyId = companyId,
            Name = name,
            KeyPrefix = secret[..PrefixLength],
            SecretHash = Hash(secret),
            CreatedAt = Instant.Require(at),
            AllowedAddresses = allowed,
        };
        return (key, secret);
    }

    /// <summary>The prefix a presented key would be stored under, or null when it cannot be a WebEdi key.</summary>
    public static string? PrefixOf(string presented) =>
        presented.StartsWith(KeyStart, StringComparison.Ordinal) && presented.Length > PrefixLength ? presented[..PrefixLength] : null;

    /// <summary>Whether <paramref name="presented"/> is this key, compared in constant time.</summary>
    public bool Matches(string presented)
    {
        Span<byte> actual = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(presented), actual);
        Span<byte> expected = stackalloc byte[SHA256.HashSizeInBytes];
        return Convert.FromHexString(SecretHash, expected, out _, out var written) == System.Buffers.OperationStatus.Done
            && written == expected.Length
            && CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    public bool IsRevoked => RevokedAt is not null;

    public void Revoke(DateTime at) => RevokedAt ??= at;

    /// <summary>Whether the key may be used from <paramref name="address"/>.</summary>
    public bool Allows(IPAddress? address) => AddressAllowList.Allows(AllowedAddresses, address);

    /// <summary>Checks and tidies an allow-list; see <see cref="AddressAllowList.Normalize"/>.</summary>
    public static string NormalizeAllowedAddresses(string? value) => AddressAllowList.Normalize(value);

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
