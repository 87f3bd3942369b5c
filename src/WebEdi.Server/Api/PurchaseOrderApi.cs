using System.Text;
using Microsoft.Extensions.Options;
using WebEdi.Server.Hosting;

namespace WebEdi.Server.Api;

/// <summary>The ERP HTTPS API (<c>/api/v1</c>), only in processes with the <c>web</c> role. See docs/erp-https-api.md.</summary>
public static class PurchaseOrderApi
{
    /// <summary>The authorization policy of every endpoint that acts for a buyer: a valid API key.</summary>
    public const string Policy = "ErpBuyer";

    public static IHostApplicationBuilder AddPurchaseOrderApi(this IHostApplicationBuilder builder)
    {
        if (builder.Roles().HasFlag(ServerRoles.Web))
        {
            // Shift_JIS (CP932) CSV files from Japanese ERPs.
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            builder.Services.AddAuthentication()
                .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
            builder.Services.AddAuthorizationBuilder()
                .AddPolicy(Policy, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser());
        }

        return builder;
    }

    public static WebApplication MapPurchaseOrderApi(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<WebEdiOptions>>().Value.ParsedRoles.HasFlag(ServerRoles.Web))
        {
            app.MapGroup("/api/v1")
                .MapPurchaseOrderEndpoints()
                .MapApiDescription();
        }

        return app;
    }
}
