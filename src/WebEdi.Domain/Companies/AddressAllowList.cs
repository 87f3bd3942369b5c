using System.Net;
using System.Net.Sockets;

namespace WebEdi.Domain.Companies;

/// <summary>
/// A list of IP addresses and CIDR ranges, stored as one comma-separated string: <c>203.0.113.7,10.0.0.0/8,2001:db8::/32</c>.
/// Empty means "from anywhere". Used for a company's sign-in networks and for a buyer's API keys.
/// </summary>
public static class AddressAllowList
{
    public const int MaxLength = 1000;

    /// <summary>
    /// Checks and tidies a list typed by a person (commas, spaces, semicolons or new lines between entries). A single
    /// address is a range of one. Throws <see cref="FormatException"/> naming the entry that is neither.
    /// </summary>
    public static string Normalize(string? value)
    {
        var entries = (value ?? "").Split([',', ' ', ';', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var entry in entries)
        {
            _ = ParseEntry(entry) ?? throw new FormatException(
                $"'{entry}' is not an IP address or a CIDR range (e.g. 203.0.113.7, 10.0.0.0/8, 2001:db8::/32; the host bits of a range must be zero).");
        }

        var normalized = string.Join(',', entries.Distinct(StringComparer.OrdinalIgnoreCase));
        return normalized.Length <= MaxLength
            ? normalized
            : throw new FormatException($"the list of addresses is longer than {MaxLength} characters.");
    }

    /// <summary>Whether <paramref name="address"/> is on a normalized <paramref name="list"/>; an empty list allows any.</summary>
    public static bool Allows(string list, IPAddress? address)
    {
        if (list.Length == 0)
        {
            return true;
        }

        if (address is null)
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return list.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(ParseEntry).OfType<IPNetwork>().Any(n => n.Contains(address));
    }

    private static IPNetwork? ParseEntry(string entry)
    {
        if (entry.Contains('/', StringComparison.Ordinal))
        {
            // .NET clears host bits silently (10.0.0.1/8 becomes 10.0.0.0/8); a typo should not widen a range unseen.
            return IPNetwork.TryParse(entry, out var network)
                && IPAddress.TryParse(entry.AsSpan(0, entry.IndexOf('/', StringComparison.Ordinal)), out var typed)
                && typed.Equals(network.BaseAddress)
                ? network
                : null;
        }

        return IPAddress.TryParse(entry, out var address)
            ? new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128)
            : null;
    }
}
