using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using WebEdi.Data;
using WebEdi.Ordering.Notifications;

// In the project's root namespace, like AddOrdering, so Program.cs needs no extra using.
namespace WebEdi.Ordering;

public static class SupplierNotificationsExtensions
{
    /// <summary>
    /// Supplier e-mail digests (<c>WebEdi:Mail</c>): the builder, the sender on pickup or SMTP, the notification log for
    /// every role, and the worker that runs them every minute in processes with the <c>orders</c> role.
    /// </summary>
    public static IHostApplicationBuilder AddSupplierNotifications(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<MailOptions>(builder.Configuration, MailOptions.Section, o => o.Validate());
        builder.Services.AddSingleton(s => s.GetRequiredService<IOptions<MailOptions>>().Value);
        builder.Services.AddSingleton<IMailSender>(s =>
        {
            var options = s.GetRequiredService<MailOptions>();
            return options.Delivery == MailDelivery.Smtp
                ? new SmtpMailSender(options)
                : new PickupMailSender(options, PickupDirectory(builder.Configuration, options));
        });
        builder.Services.AddSingleton(s => new PortalLinks(PublicUrl(builder.Configuration, s)));
        builder.Services.AddScoped<SupplierDigestBuilder>();
        builder.Services.AddScoped<DigestSender>();
        builder.Services.AddScoped<NotificationLog>();

        if (RunsOrdersRole(builder.Configuration["WebEdi:Roles"]))
        {
            builder.Services.AddHostedService<SupplierNotificationWorker>();
        }

        return builder;
    }

    // The server validates WebEdi:Roles and stops on an unknown one; this only needs to know whether "orders" is in.
    private static bool RunsOrdersRole(string? roles) =>
        (roles ?? "all").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Any(r => r.Equals("all", StringComparison.OrdinalIgnoreCase) || r.Equals("orders", StringComparison.OrdinalIgnoreCase));

    private static string PickupDirectory(IConfiguration configuration, MailOptions options) =>
        Path.GetFullPath(!string.IsNullOrWhiteSpace(options.PickupDirectory)
            ? options.PickupDirectory
            : Path.Combine(configuration["WebEdi:DataDirectory"] is { Length: > 0 } data ? data : "data", "mail"));

    /// <summary><c>WebEdi:PublicUrl</c>, else the first address the server listens on, else the default <c>Urls</c>.</summary>
    private static Uri PublicUrl(IConfiguration configuration, IServiceProvider services)
    {
        if (Uri.TryCreate(configuration["WebEdi:PublicUrl"], UriKind.Absolute, out var configured))
        {
            return configured;
        }

        var listening = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? configuration["Urls"]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return Uri.TryCreate(listening?.Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal),
            UriKind.Absolute, out var address) ? address : new Uri("http://localhost:5080");
    }
}
