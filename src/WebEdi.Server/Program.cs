using WebEdi.Data;
using WebEdi.Documents;
using WebEdi.Integration;
using WebEdi.Ordering;
using WebEdi.Server.Api;
using WebEdi.Server.Bus;
using WebEdi.Server.Commands;
using WebEdi.Server.Health;
using WebEdi.Server.Hosting;
using WebEdi.Server.Portal;

try
{
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions
    {
        Args = args,
        // Configuration and seeds travel with the binary; data/ stays relative to where WebEdi is started.
        ContentRootPath = AppContext.BaseDirectory,
    });

    builder.AddWebEdiHosting();
    builder.AddWebEdiData(builder.DataDirectory());
    builder.AddWebEdiBus();
    builder.AddOrdering();
    builder.AddSupplierNotifications();
    builder.AddWebEdiDocuments(loadFontsAtStart: builder.Roles().HasFlag(ServerRoles.Web));
    builder.AddIntegration(
        builder.DataDirectory(), adapters: builder.Roles().HasFlag(ServerRoles.Adapters), scheduler: builder.Roles().HasFlag(ServerRoles.Scheduler), builder.BusChannel());
    builder.AddWebEdiHealth();
    builder.AddWebEdiPortal();
    builder.AddPurchaseOrderApi();

    var app = builder.Build();
    app.ValidateWebEdiConfiguration();

    if (CommandLine.Find(args) is { } command)
    {
        return await command.RunAsync(app);
    }

    app.UseWebEdiPortal();
    app.MapPurchaseOrderApi();
    app.MapWebEdiHealth();
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (StartupValidation.Describe(e) is { } problem)
{
    Console.Error.WriteLine($"webedi: configuration error: {problem}");
    return CommandLine.ExitConfigurationError;
}
catch (CommandLineException e)
{
    Console.Error.WriteLine($"webedi: {e.Message}");
    return CommandLine.ExitUsage;
}
