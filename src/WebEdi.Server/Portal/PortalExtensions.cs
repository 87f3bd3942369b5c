using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using WebEdi.Data;
using WebEdi.Data.Identity;
using WebEdi.Server.Hosting;
using WebEdi.Server.Portal.Identity;

namespace WebEdi.Server.Portal;

public static class PortalExtensions
{
    public const string CookieName = "webedi.session";

    /// <summary>The authorization policy of pages that act inside the user's company.</summary>
    public const string CompanyMemberPolicy = "CompanyMember";

    /// <summary>
    /// The supplier portal, only in processes with the <c>web</c> role: Razor Pages in Japanese and English, sign-in
    /// with ASP.NET Core Identity (cookies, TOTP two-factor, lock-out), company-scoped access rules, and the Data
    /// Protection key ring in the database so every web instance reads every other's cookies.
    /// </summary>
    public static IHostApplicationBuilder AddWebEdiPortal(this IHostApplicationBuilder builder)
    {
        if (!builder.Roles().HasFlag(ServerRoles.Web))
        {
            return builder;
        }

        var services = builder.Services;
        services.AddValidatedOptions<PortalOptions>(builder.Configuration, PortalOptions.Section, o => o.Validate());
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddRazorPages(o =>
            {
                o.Conventions.AuthorizeFolder("/");
                o.Conventions.AllowAnonymousToPage("/Index");
                o.Conventions.AllowAnonymousToPage("/Error");
                // Anonymous metadata beats [Authorize] on the same endpoint, so /Account/Manage must not get it at all.
                o.Conventions.AddFolderApplicationModelConvention("/Account", page =>
                {
                    if (!page.ViewEnginePath.StartsWith("/Account/Manage/", StringComparison.OrdinalIgnoreCase))
                    {
                        page.EndpointMetadata.Add(new Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute());
                    }
                });
                o.Conventions.AuthorizeFolder("/Account/Manage");

                // Trade pages act in the user's company; a platform operator has none and is refused, not failed.
                o.Conventions.AuthorizeFolder("/Orders", CompanyMemberPolicy);
                o.Conventions.AuthorizeFolder("/Shipments", CompanyMemberPolicy);
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));

        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddAuthorizationBuilder()
            .AddPolicy(CompanyMemberPolicy, p => p.RequireAuthenticatedUser().RequireClaim(PortalUser.CompanyClaim));
        new IdentityBuilder(typeof(WebEdiUser), typeof(Microsoft.AspNetCore.Identity.IdentityRole<Guid>), services)
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<PortalClaimsFactory>();
        services.AddPortalIdentity();
        services.AddOptions<IdentityOptions>().Configure<IOptions<PortalOptions>>((identity, portal) =>
        {
            identity.Lockout.MaxFailedAccessAttempts = portal.Value.MaxFailedSignIns;
            identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(portal.Value.LockoutMinutes);
            identity.SignIn.RequireConfirmedAccount = false;
        });
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<PortalOptions>>((cookie, portal) =>
            {
                cookie.Cookie.Name = CookieName;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = portal.Value.IdleTimeout;
                cookie.SlidingExpiration = true;
                cookie.LoginPath = "/Account/Login";
                cookie.LogoutPath = "/Account/Logout";
                cookie.AccessDeniedPath = "/Account/AccessDenied";
                cookie.Events.OnSigningIn = SessionPolicy.OnSigningIn;
                cookie.Events.OnValidatePrincipal = SessionPolicy.OnValidatePrincipal;
            });

        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "webedi.antiforgery";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddDataProtection().SetApplicationName("WebEdi");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(s =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new DatabaseKeyRepository(s.GetRequiredService<IServiceScopeFactory>(), s.GetRequiredService<DatabaseInitialization>())));

        // Japanese stays Japanese in the HTML (the default encoder writes every kana as &#x...;).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddMemoryCache();
        services.AddSingleton<CompanyAccessPolicy>();
        services.AddScoped<Pages.Orders.OrderInbox>();
        services.AddScoped<Pages.Orders.OrderDetailQuery>();
        Pages.Orders.Csv.CsvServices.AddPortalCsv(services);
        Pages.Shipments.ShipmentServices.AddPortalShipments(services);
        services.AddScoped(s => PortalUser.From(s.GetRequiredService<IHttpContextAccessor>().HttpContext!.User)
            ?? throw new InvalidOperationException("No one is signed in."));
        services.AddHttpContextAccessor();
        return builder;
    }

    public static WebApplication UseWebEdiPortal(this WebApplication app)
    {
        UseTrustedProxies(app);
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";

            // No inline script or style anywhere: everything comes from wwwroot.
            headers.ContentSecurityPolicy =
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; " +
                "frame-ancestors 'none'; form-action 'self'; base-uri 'self'";
            if (context.Request.IsHttps)
            {
                headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
            }

            await next();
        });

        if (!app.Services.GetRequiredService<IOptions<WebEdiOptions>>().Value.ParsedRoles.HasFlag(ServerRoles.Web))
        {
            return app;
        }

        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
        }

        // People get a page for 403/404; the ERP API and health checks keep their own JSON answers.
        app.UseWhen(
            c => !c.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) && !c.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase),
            branch => branch.UseStatusCodePagesWithReExecute("/Error", "?code={0}"));

        // Routing after the status-code pages, so that a re-executed request is routed to /Error afresh.
        app.UseRouting();
        app.UseRequestLocalization(PortalCulture.Options());
        app.UseAuthentication();
        app.Use(CompanyAccessPolicy.EnforceAsync);
        app.UseAuthorization();
        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        return app;
    }

    /// <summary>Believes X-Forwarded-For/-Proto only from the configured proxies (see <see cref="PortalOptions.TrustedProxies"/>).</summary>
    private static void UseTrustedProxies(WebApplication app)
    {
        var proxies = app.Configuration[$"{PortalOptions.Section}:{nameof(PortalOptions.TrustedProxies)}"];
        var normalized = Domain.Companies.AddressAllowList.Normalize(proxies);
        if (normalized.Length == 0)
        {
            return;
        }

        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto, ForwardLimit = 1 };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var entry in normalized.Split(','))
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(entry.Contains('/', StringComparison.Ordinal) ? entry
                : entry + (System.Net.IPAddress.Parse(entry).AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? "/32" : "/128")));
        }

        app.UseForwardedHeaders(options);
    }
}
