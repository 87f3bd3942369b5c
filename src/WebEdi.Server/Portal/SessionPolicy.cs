using Microsoft.AspNetCore.Authentication;
using System.Globalization;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace WebEdi.Server.Portal;

/// <summary>
/// The absolute session time-out: the cookie slides with use (idle time-out), but the moment of sign-in travels in
/// the ticket and a session older than <see cref="PortalOptions.AbsoluteTimeout"/> is refused whatever its activity.
/// </summary>
internal static class SessionPolicy
{
    private const string StartedItem = "webedi.session-started";

    public static Task OnSigningIn(CookieSigningInContext context)
    {
        var clock = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();

        // A refresh (after a profile change or re-authentication) keeps the original start.
        context.Properties.Items.TryAdd(StartedItem, clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        return Task.CompletedTask;
    }

    public static async Task OnValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var options = services.GetRequiredService<IOptions<PortalOptions>>().Value;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        if (!context.Properties.Items.TryGetValue(StartedItem, out var started)
            || !DateTimeOffset.TryParse(started, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            || now - at > options.AbsoluteTimeout)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        // Identity's own check: a changed password, 2FA reset or lock-out ends the user's other sessions.
        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }
}
