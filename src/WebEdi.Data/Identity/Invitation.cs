using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using WebEdi.Domain;
using WebEdi.Domain.Users;

namespace WebEdi.Data.Identity;

/// <summary>
/// A company admin's invitation for a new colleague: a link with a one-time token, mailed to the address, valid until
/// <see cref="ExpiresAt"/>. Only the token's SHA-256 is kept (the token is 256 random bits, so a fast hash is enough).
/// Accepting it creates the user with the role the admin chose and the password the invitee sets.
/// </summary>
public sealed class Invitation
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(7);

    private Invitation()
    {
        Email = null!;
        DisplayName = null!;
        TokenHash = null!;
    }

    public Guid Id { get; private set; }

    public Guid CompanyId { get; private set; }

    public string Email { get; private set; }

    public string DisplayName { get; private set; }

    public UserRole Role { get; private set; }

    public string TokenHash { get; private set; }

    public Guid InvitedBy { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime ExpiresAt { get; private set; }

    public DateTime? AcceptedAt { get; private set; }

    public DateTime? RevokedAt { get; private set; }

    public static (Invitation Invitation, string Token) Create(
        Guid companyId, string email, string displayName, UserRole role, Guid invitedBy, DateTime at, TimeSpan lifetime)
    {
        UserRoles.EnsureValidMembership(companyId, role);
        var errors = new DomainErrorCollector();
        errors.Check(!string.IsNullOrWhiteSpace(email) && email.Length <= 256 && email.Contains('@', StringComparison.Ordinal),
            "email", "invalid_email", "is not an e-mail address.");
        errors.Check(!string.IsNullOrWhiteSpace(displayName) && displayName.Trim().Length <= 100,
            "displayName", "invalid", "is required and at most 100 characters.");
        errors.Check(lifetime > TimeSpan.Zero, "lifetime", "invalid", "must be positive.");
        errors.ThrowIfAny();

        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var invitation = new Invitation
        {
            Id = Guid.CreateVersion7(),
            CompanyId = companyId,
            Email = email.Trim(),
            DisplayName = displayName.Trim(),
            Role = role,
            TokenHash = Hash(token),
            InvitedBy = invitedBy,
            CreatedAt = Instant.Require(at),
            ExpiresAt = at + lifetime,
        };
        return (invitation, token);
    }

    /// <summary>Whether <paramref name="token"/> is this invitation's, compared in constant time.</summary>
    public bool Matches(string token) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(token)), Encoding.ASCII.GetBytes(TokenHash));

    public InvitationState StateAt(DateTime now) =>
        AcceptedAt is not null ? InvitationState.Accepted
        : RevokedAt is not null ? InvitationState.Revoked
        : now >= ExpiresAt ? InvitationState.Expired
        : InvitationState.Open;

    public void Accept(DateTime at)
    {
        var state = StateAt(at);
        if (state != InvitationState.Open)
        {
            throw new DomainRuleException("invitation", "not_open", $"the invitation is {state.ToString().ToLowerInvariant()}.");
        }

        AcceptedAt = Instant.Require(at);
    }

    public void Revoke(DateTime at) => RevokedAt ??= Instant.Require(at);

    /// <summary>The hash an invitation token is stored and looked up by.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

public enum InvitationState
{
    Open,
    Accepted,
    Revoked,
    Expired,
}
