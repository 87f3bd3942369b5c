using System.Text.RegularExpressions;

namespace WebEdi.Domain.Companies;

/// <summary>A firm on the platform. It buys, supplies, or both (a parts maker often buys material and supplies parts).</summary>
public sealed partial class Company
{
    public const string DefaultTimeZoneId = "Asia/Tokyo";

    private Company()
    {
        Code = null!;
        Name = null!;
        TimeZoneId = DefaultTimeZoneId;
        AllowedSignInAddresses = "";
    }

    public Guid Id { get; private set; }

    /// <summary>The platform-wide short code (e.g. <c>TOKAI-MOTOR</c>), used in URLs, files and logs.</summary>
    public string Code { get; private set; }

    public string Name { get; private set; }

    public bool IsBuyer { get; private set; }

    public bool IsSupplier { get; private set; }

    /// <summary>IANA time zone the company's users see times in.</summary>
    public string TimeZoneId { get; private set; }

    public DateTime CreatedAt { get; private set; }

    /// <summary>Whether every user of the company must sign in with a second factor (an authenticator app).</summary>
    public bool RequiresTwoFactor { get; private set; }

    /// <summary>
    /// The networks the company's users may use WebEdi from (<see cref="AddressAllowList"/>), checked at sign-in and on
    /// every request; empty means anywhere.
    /// </summary>
    public string AllowedSignInAddresses { get; private set; }

    public static Company Create(string code, string name, bool isBuyer, bool isSupplier, DateTime at, string timeZoneId = DefaultTimeZoneId)
    {
        var errors = new DomainErrorCollector();
        errors.Check(CodePattern().IsMatch(code ?? ""), "code", "invalid_code",
            "must be 2 to 20 characters of A-Z, 0-9, '-' or '_'.");
        Text.Required(errors, "name", name, 100);
        errors.Check(isBuyer || isSupplier, "roles", "no_role", "a company must be a buyer, a supplier, or both.");
        errors.Check(IsKnownTimeZone(timeZoneId), "timeZoneId", "unknown_time_zone",
            $"'{timeZoneId}' is not a known IANA time zone.");
        errors.ThrowIfAny();

        return new Company
        {
            Id = Guid.CreateVersion7(),
            Code = code!,
            Name = name.Trim(),
            IsBuyer = isBuyer,
            IsSupplier = isSupplier,
            TimeZoneId = timeZoneId,
            CreatedAt = Instant.Require(at),
        };
    }

    public void Rename(string name)
    {
        var errors = new DomainErrorCollector();
        Text.Required(errors, "name", name, 100);
        errors.ThrowIfAny();
        Name = name.Trim();
    }

    public void ChangeTimeZone(string timeZoneId)
    {
        if (!IsKnownTimeZone(timeZoneId))
        {
            throw new DomainRuleException("timeZoneId", "unknown_time_zone", $"'{timeZoneId}' is not a known IANA time zone.");
        }

        TimeZoneId = timeZoneId;
    }

    /// <summary>The company admin's security settings: two-factor for everyone, and where users may sign in from.</summary>
    public void SetSignInPolicy(bool requireTwoFactor, string? allowedAddresses)
    {
        string normalized;
        try
        {
            normalized = AddressAllowList.Normalize(allowedAddresses);
        }
        catch (FormatException e)
        {
            throw new DomainRuleException("allowedSignInAddresses", "invalid_address", e.Message);
        }

        RequiresTwoFactor = requireTwoFactor;
        AllowedSignInAddresses = normalized;
    }

    /// <summary>Whether a request from <paramref name="address"/> may act for this company.</summary>
    public bool AllowsSignInFrom(System.Net.IPAddress? address) => AddressAllowList.Allows(AllowedSignInAddresses, address);

    public TimeZoneInfo TimeZone => TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);

    /// <summary>The wall-clock time the company's users see for a UTC instant.</summary>
    public DateTime ToLocalTime(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(Instant.Require(utc, nameof(utc)), TimeZone);

    /// <summary>The company's calendar date at a UTC instant: what "today" means for overdue orders.</summary>
    public DateOnly LocalDate(DateTime utc) => DateOnly.FromDateTime(ToLocalTime(utc));

    private static bool IsKnownTimeZone(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);

    [GeneratedRegex("^[A-Z0-9_-]{2,20}$")]
    private static partial Regex CodePattern();
}
