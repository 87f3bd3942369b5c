using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WebEdi.Data.Identity;
using WebEdi.Domain.Users;

namespace WebEdi.Server.Portal.Identity;

public static class PortalIdentityExtensions
{
    /// <summary>Only a company's admins open the pages under /Company.</summary>
    public const string CompanyAdminPolicy = "CompanyAdmin";

    /// <summary>An admin of a buying company: its delivery log and integration settings.</summary>
    public const string BuyerAdminPolicy = "BuyerAdmin";

    /// <summary>One delivery's page: its buyer's admins, and platform operators looking into a stuck one.</summary>
    public const string DeliveryViewerPolicy = "DeliveryViewer";

    /// <summary>The people who run the platform: stuck deliveries across buyers.</summary>
    public const string PlatformOperatorPolicy = "PlatformOperator";

    /// <summary>
    /// The account rules on top of Identity: the password deny-list and e-mail check with Japanese/English messages,
    /// single-use authenticator codes, one-hour reset links, sessions that keep auth_time and "amr" when refreshed,
    /// the account e-mails, and the company-admin pages' policy.
    /// </summary>
    public static IServiceCollection AddPortalIdentity(this IServiceCollection services)
    {
        services.AddScoped<PortalIdentityErrorDescriber>();
        services.AddScoped<IdentityErrorDescriber>(s => s.GetRequiredService<PortalIdentityErrorDescriber>());
        services.AddScoped<IPasswordValidator<WebEdiUser>, CommonPasswordValidator>();
        services.AddScoped<IPasswordValidator<WebEdiUser>, EmailPasswordValidator>();

        // Under Identity's own name for the authenticator provider, so no code path can reach the replayable stock one.
        services.AddTransient<TotpAuthenticatorProvider>();
        services.Configure<IdentityOptions>(o =>
            o.Tokens.ProviderMap[TokenOptions.DefaultAuthenticatorProvider] = new TokenProviderDescriptor(typeof(TotpAuthenticatorProvider)));
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(1));
        services.Configure<SecurityStampValidatorOptions>(o => o.OnRefreshingPrincipal = PortalSignIn.KeepSignInFacts);

        services.AddScoped<PortalSignIn>();
        services.AddScoped<AccountMail>();

        services.AddAuthorizationBuilder()
            .AddPolicy(CompanyAdminPolicy, p => p.RequireClaim(PortalUser.RoleClaim, nameof(UserRole.CompanyAdmin)))
            .AddPolicy(BuyerAdminPolicy, p => p.RequireClaim(PortalUser.RoleClaim, nameof(UserRole.CompanyAdmin)).RequireClaim(PortalUser.CompanyKindClaim, PortalUser.Buyer))
            .AddPolicy(PlatformOperatorPolicy, p => p.RequireClaim(PortalUser.RoleClaim, nameof(UserRole.PlatformOperator)))
            .AddPolicy(DeliveryViewerPolicy, p => p.RequireAssertion(c =>
                c.User.HasClaim(PortalUser.RoleClaim, nameof(UserRole.PlatformOperator))
                || (c.User.HasClaim(PortalUser.RoleClaim, nameof(UserRole.CompanyAdmin)) && c.User.HasClaim(PortalUser.CompanyKindClaim, PortalUser.Buyer))));
        services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AuthorizeFolder("/Company", CompanyAdminPolicy);
            o.Conventions.AuthorizePage("/Deliveries/Index", BuyerAdminPolicy);
            o.Conventions.AuthorizePage("/Deliveries/Detail", DeliveryViewerPolicy);
            o.Conventions.AuthorizePage("/Company/Integration", BuyerAdminPolicy);
            o.Conventions.AuthorizeFolder("/Exchange", BuyerAdminPolicy);
            o.Conventions.AuthorizeFolder("/Operator", PlatformOperatorPolicy);
        });
        return services;
    }
}
