using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;
using WebEdi.Data.Identity;

namespace WebEdi.Server.Portal.Identity;

/// <summary>
/// Re-issues the session cookie after the user changed something that is in it (name, security stamp after a password
/// or 2FA change) without forgetting what the session proved: when the password was last entered (auth_time) and
/// whether a second factor was used ("amr"). Identity's own refresh would set auth_time to now and, on its
/// periodic security-stamp check, drop "amr" — letting a profile edit count as re-authentication, and sending
/// 2FA users of a 2FA company back to the set-up page every minute.
/// </summary>
public sealed class PortalSignIn(SignInManager<WebEdiUser> signIn, IHttpContextAccessor accessor, TimeProvider clock)
{
    public const string MethodClaim = "amr";
    public const string SecondFactor = "mfa";

    /// <param name="secondFactor">true: the user just proved a second factor; false: 2FA was turned off; null: as before.</param>
    /// <param name="passwordEntered">The user just entered their password: auth_time becomes now.</param>
    public async Task RefreshAsync(WebEdiUser user, bool? secondFactor = null, bool passwordEntered = false)
    {
        var context = accessor.HttpContext ?? throw new InvalidOperationException("No request.");
        var current = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var principal = await signIn.CreateUserPrincipalAsync(user);
        var identity = (ClaimsIdentity)principal.Identity!;
        if (!passwordEntered)
        {
            CarryAuthenticatedAt(current.Principal, identity);
        }
        else
        {
            Replace(identity, PortalUser.AuthenticatedAtClaim, clock.GetUtcNow().UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        }

        foreach (var method in current.Principal?.FindAll(MethodClaim).Select(c => c.Value) ?? [])
        {
            if (method != SecondFactor || secondFactor != false)
            {
                identity.AddClaim(new Claim(MethodClaim, method));
            }
        }

        if (secondFactor == true && !identity.HasClaim(MethodClaim, SecondFactor))
        {
            identity.AddClaim(new Claim(MethodClaim, SecondFactor));
        }

        // The same properties keep the session's start, so the absolute time-out still counts from the first sign-in.
        await context.SignInAsync(IdentityConstants.ApplicationScheme, principal, current.Properties ?? new AuthenticationProperties());
    }

    /// <summary>For <see cref="SecurityStampValidatorOptions.OnRefreshingPrincipal"/>: the periodic re-read keeps auth_time and amr.</summary>
    public static Task KeepSignInFacts(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.NewPrincipal?.Identity is ClaimsIdentity identity && context.CurrentPrincipal is { } current)
        {
            CarryAuthenticatedAt(current, identity);
            foreach (var method in current.FindAll(MethodClaim))
            {
                identity.AddClaim(new Claim(MethodClaim, method.Value));
            }
        }

        return Task.CompletedTask;
    }

    private static void CarryAuthenticatedAt(ClaimsPrincipal? from, ClaimsIdentity to)
    {
        // A session without the claim has never proved anything recent: it stays "long ago".
        Replace(to, PortalUser.AuthenticatedAtClaim, from?.FindFirstValue(PortalUser.AuthenticatedAtClaim));
    }

    private static void Replace(ClaimsIdentity identity, string type, string? value)
    {
        foreach (var claim in identity.FindAll(type).ToList())
        {
            identity.RemoveClaim(claim);
        }

        if (value is not null)
        {
            identity.AddClaim(new Claim(type, value));
        }
    }
}

/// <summary>
/// On a page model: the page needs the password entered within <see cref="PortalOptions.Reauthentication"/>
/// (changing e-mail, password or two-factor). Otherwise the user is sent to re-enter it and comes back.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RecentSignInRequiredAttribute : Attribute, IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var services = context.HttpContext.RequestServices;
        var window = services.GetRequiredService<IOptions<PortalOptions>>().Value.Reauthentication;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        if (PortalUser.From(context.HttpContext.User) is { } user && now - user.AuthenticatedAt > window)
        {
            // A form posted after the window has closed is not replayed: the user comes back to the page and sends it again.
            var request = context.HttpContext.Request;
            var returnUrl = HttpMethods.IsGet(request.Method) ? request.Path + request.QueryString : request.Path.ToString();
            context.Result = new RedirectToPageResult("/Account/Reauthenticate", new { returnUrl });
            return;
        }

        await next();
    }
}
