using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.EntityFrameworkCore;
using WebEdi.Data;
using WebEdi.Data.Identity;
using WebEdi.Domain.Users;

namespace WebEdi.Server.Portal;

/// <summary>
/// Who is signed in, read from the session cookie's claims: the company every query is scoped to, the role, and when
/// the user last proved who they are. Page models take it instead of reading claims themselves.
/// </summary>
public sealed record PortalUser(Guid UserId, Guid? CompanyId, UserRole Role, string DisplayName, DateTime AuthenticatedAt)
{
    public const string CompanyClaim = "webedi:company";
    public const string RoleClaim = "webedi:role";
    public const string NameClaim = "webedi:name";

    /// <summary>What the user's company does: one claim <c>buyer</c> and/or one <c>supplier</c>.</summary>
    public const string CompanyKindClaim = "webedi:company_kind";

    public const string Buyer = "buyer";
    public const string Supplier = "supplier";

    /// <summary>When the user last entered their password (sign-in or re-authentication), UTC, round-trip format.</summary>
    public const string AuthenticatedAtClaim = "webedi:auth_time";

    /// <summary>The company whose data this user sees; a platform operator has none and sees no trade data.</summary>
    public Guid Company => CompanyId ?? throw new InvalidOperationException("A platform operator acts in no company.");

    public bool CanAnswer => Role.CanAnswer();

    public bool CanManageUsers => Role.CanManageUsers();

    /// <summary>The user's company buys: it has a delivery log and integration settings.</summary>
    public bool IsBuyer { get; init; }

    /// <summary>The user's company supplies: it has an order inbox.</summary>
    public bool IsSupplier { get; init; }

    public static PortalUser? From(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true
            || !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)
            || !Enum.TryParse<UserRole>(principal.FindFirstValue(RoleClaim), out var role))
        {
            return null;
        }

        var company = Guid.TryParse(principal.FindFirstValue(CompanyClaim), out var id) ? id : (Guid?)null;
        var authenticatedAt = DateTime.TryParse(principal.FindFirstValue(AuthenticatedAtClaim), CultureInfo.InvariantCulture,
            DateTimeStyles.RoundtripKind, out var at) ? at : DateTime.MinValue;
        return new PortalUser(userId, company, role, principal.FindFirstValue(NameClaim) ?? "", authenticatedAt)
        {
            IsBuyer = principal.HasClaim(CompanyKindClaim, Buyer),
            IsSupplier = principal.HasClaim(CompanyKindClaim, Supplier),
        };
    }
}

/// <summary>Puts WebEdi's own claims into the session cookie at sign-in.</summary>
public sealed class PortalClaimsFactory(
    UserManager<WebEdiUser> users, IOptions<IdentityOptions> options, WebEdiDbContext db, TimeProvider clock)
    : UserClaimsPrincipalFactory<WebEdiUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(WebEdiUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(PortalUser.RoleClaim, user.Role.ToString()));
        identity.AddClaim(new Claim(PortalUser.NameClaim, user.DisplayName));
        identity.AddClaim(new Claim(PortalUser.AuthenticatedAtClaim, clock.GetUtcNow().UtcDateTime.ToString("O", CultureInfo.InvariantCulture)));
        if (user.CompanyId is { } company)
        {
            identity.AddClaim(new Claim(PortalUser.CompanyClaim, company.ToString()));
            var kind = await db.Companies.Where(c => c.Id == company).Select(c => new { c.IsBuyer, c.IsSupplier }).SingleAsync();
            if (kind.IsBuyer)
            {
                identity.AddClaim(new Claim(PortalUser.CompanyKindClaim, PortalUser.Buyer));
            }

            if (kind.IsSupplier)
            {
                identity.AddClaim(new Claim(PortalUser.CompanyKindClaim, PortalUser.Supplier));
            }
        }

        return identity;
    }
}
