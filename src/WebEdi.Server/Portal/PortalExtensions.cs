using Microsoft.Extensions.Options;
using WebEdi.Server.Hosting;

namespace WebEdi.Server.Portal;

public static class PortalExtensions
{
    /// <summary>Razor Pages for the browser, only in processes with the <c>web</c> role.</summary>
    public static IHostApplicationBuilder AddWebEdiPortal(this IHostApplicationBuilder builder)
    {
        if (builder.Roles().HasFlag(ServerRoles.Web))
        {
            builder.Services.AddRazorPages();
        }

        return builder;
    }

    public static WebApplication UseWebEdiPortal(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers.ContentSecurityPolicy = "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";
            await next();
        });

        if (app.Services.GetRequiredService<IOptions<WebEdiOptions>>().Value.ParsedRoles.HasFlag(ServerRoles.Web))
        {
            app.MapStaticAssets();
            app.MapRazorPages().WithStaticAssets();
        }

        return app;
    }
}
