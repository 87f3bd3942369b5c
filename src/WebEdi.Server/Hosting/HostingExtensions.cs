using Microsoft.Extensions.Options;
using WebEdi.Data;
using WebEdi.Server.Demo;

namespace WebEdi.Server.Hosting;

public static class HostingExtensions
{
    /// <summary>The process's own settings, the clock, and the background database initialiser.</summary>
    public static IHostApplicationBuilder AddWebEdiHosting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<WebEdiOptions>(builder.Configuration, WebEdiOptions.Section, o => o.Validate());
        builder.Services.AddValidatedOptions<DemoOptions>(builder.Configuration, DemoOptions.Section, o => o.OrderCount is >= 0 and <= 100_000
            ? []
            : [$"{DemoOptions.Section}:OrderCount must be between 0 and 100000 (is {o.OrderCount})."]);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<DemoSeeder>();
        builder.Services.AddSingleton<DatabaseInitialization>();
        builder.Services.AddHostedService<DatabaseInitializer>();
        return builder;
    }

    /// <summary>The absolute data directory (<c>WebEdi:DataDirectory</c>, relative to the working directory).</summary>
    public static string DataDirectory(this IHostApplicationBuilder builder) =>
        Path.GetFullPath(builder.Configuration[$"{WebEdiOptions.Section}:DataDirectory"] is { Length: > 0 } dir ? dir : "data");

    public static ServerRoles Roles(this IHostApplicationBuilder builder) =>
        WebEdiOptions.ParseRoles(builder.Configuration[$"{WebEdiOptions.Section}:Roles"] ?? "all", out _);

    /// <summary>
    /// Validates every option now, so a bad setting stops the process with one line naming the key before anything
    /// listens or logs (the host would otherwise report it as a stack trace).
    /// </summary>
    public static void ValidateWebEdiConfiguration(this WebApplication app) =>
        app.Services.GetRequiredService<IStartupValidator>().Validate();
}
