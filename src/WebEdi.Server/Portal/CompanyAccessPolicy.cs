using Microsoft.AspNetCore.Authentication;
using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using WebEdi.Data;

namespace WebEdi.Server.Portal;

/// <summary>
/// A company's sign-in rules (and the name, time zone and supplier role pages show), applied on every request of a signed-in user, not only at sign-in: the allowed networks
/// (a request from elsewhere ends the session) and required two-factor (a user without it can only set it up).
/// The rules are read from the database at most every <see cref="CacheTime"/> per company.
/// </summary>
public sealed class CompanyAccessPolicy(IMemoryCache cache, IServiceScopeFactory scopes)
{
    public static readonly TimeSpan CacheTime = TimeSpan.FromSeconds(30);

    /// <summary>The page a user of a 2FA company sees until they have set up an authenticator.</summary>
    public const string TwoFactorSetupPath = "/Account/Manage/TwoFactor";

    public sealed record Rules(bool RequiresTwoFactor, string AllowedAddresses, string Name, string TimeZoneId, bool IsSupplier)
    {
        public TimeZoneInfo TimeZone => TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);
    }

    public async Task<Rules?> RulesAsync(Guid companyId, CancellationToken cancellationToken)
    {
        return await cache.GetOrCreateAsync(("company-access", companyId), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheTime;
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<WebEdiDbContext>();
            return await db.Companies.AsNoTracking().Where(c => c.Id == companyId)
                .Select(c => new Rules(c.RequiresTwoFactor, c.AllowedSignInAddresses, c.Name, c.TimeZoneId, c.IsSupplier))
                .SingleOrDefaultAsync(cancellationToken);
        });
    }

    /// <summary>Forgets a company's cached rules, so its admin's change applies to the next request.</summary>
    public void Forget(Guid companyId) => cache.Remove(("company-access", companyId));

    public async Task<bool> AllowsAsync(Guid companyId, IPAddress? address, CancellationToken cancellationToken) =>
        await RulesAsync(companyId, cancellationToken) is { } rules && Domain.Companies.AddressAllowList.Allows(rules.AllowedAddresses, address);

    /// <summary>The middleware: after authentication, before any page runs.</summary>
    public static async Task EnforceAsync(HttpContext context, Func<Task> next)
    {
        if (PortalUser.From(context.User) is { CompanyId: { } companyId })
        {
            var policy = context.RequestServices.GetRequiredService<CompanyAccessPolicy>();
            var rules = await policy.RulesAsync(companyId, context.RequestAborted);
            if (rules is null || !Domain.Companies.AddressAllowList.Allows(rules.AllowedAddresses, context.Connection.RemoteIpAddress))
            {
                await context.SignOutAsync(IdentityConstants.ApplicationScheme);
                context.Response.Redirect("/Account/Login?reason=network");
                return;
            }

            if (rules.RequiresTwoFactor && !SignedInWithSecondFactor(context)
                && !context.Request.Path.StartsWithSegments(TwoFactorSetupPath, StringComparison.OrdinalIgnoreCase)
                && !context.Request.Path.StartsWithSegments("/Account/Logout", StringComparison.OrdinalIgnoreCase)
                && !context.Request.Path.StartsWithSegments("/Account/Reauthenticate", StringComparison.OrdinalIgnoreCase)
                && !IsStaticAsset(context.Request.Path))
            {
                context.Response.Redirect(TwoFactorSetupPath + "?required=1");
                return;
            }
        }

        await next();
    }

    // Identity marks a two-factor sign-in with the "amr" claim "mfa".
    private static bool SignedInWithSecondFactor(HttpContext context) =>
        context.User.HasClaim("amr", "mfa");

    private static bool IsStaticAsset(PathString path) =>
        path.StartsWithSegments("/css", StringComparison.Ordinal) || path.StartsWithSegments("/js", StringComparison.Ordinal);
}
