using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WebEdi.Data;
using WebEdi.Domain.Users;
using WebEdi.Ordering;
using WebEdi.Ordering.Notifications;
using WebEdi.Testing;

namespace WebEdi.IntegrationTests.Notifications;

/// <summary>The wiring Program.cs uses: the worker runs only with the orders role and by default writes to {DataDirectory}/mail.</summary>
public sealed class Running_in_the_orders_role
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task One_round_of_the_worker_writes_due_digests_to_the_data_folder(DatabaseProvider provider)
    {
        var s = await NotificationScenario.CreateAsync(provider);
        await s.AddUserAsync("admin", UserRole.CompanyAdmin);
        await s.SubmitAsync("PO-1001");
        s.Clock.Advance(TimeSpan.FromMinutes(15));
        var data = Directory.CreateTempSubdirectory("webedi-data-").FullName;
        using var host = Host(s, data, "orders");

        await Assert.Single(host.Services.GetServices<IHostedService>().OfType<SupplierNotificationWorker>()).RunOnceAsync(CancellationToken.None);

        var mail = ReceivedMail.Parse(await File.ReadAllBytesAsync(Assert.Single(Directory.GetFiles(Path.Combine(data, "mail"), "*.eml"))));
        Assert.Equal(("webedi@localhost", "【WebEdi】新規注文 1件（東海モーター工業株式会社）"), (mail.From, mail.Subject));
        Assert.Contains("https://portal.sakura.example/webedi/orders", mail.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task A_web_only_process_has_the_log_but_no_worker(DatabaseProvider provider)
    {
        var s = await NotificationScenario.CreateAsync(provider);
        using var host = Host(s, Directory.CreateTempSubdirectory("webedi-data-").FullName, "web");

        Assert.Empty(host.Services.GetServices<IHostedService>().OfType<SupplierNotificationWorker>());
        using var scope = host.Services.CreateScope();
        Assert.Equal(0, (await scope.ServiceProvider.GetRequiredService<NotificationLog>().ForCompanyAsync(s.Trade.Supplier.Id, 1)).TotalCount);
    }

    private static IHost Host(NotificationScenario s, string dataDirectory, string roles)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WebEdi:Roles"] = roles,
            ["WebEdi:DataDirectory"] = dataDirectory,
            ["WebEdi:PublicUrl"] = "https://portal.sakura.example/webedi/",
            ["WebEdi:Database:Provider"] = s.Database.Provider.ToString(),
            ["WebEdi:Database:ConnectionString"] = s.Database.ConnectionString,
        });
        builder.Services.AddSingleton<TimeProvider>(s.Clock);
        builder.AddWebEdiData(dataDirectory);
        builder.AddSupplierNotifications();
        return builder.Build();
    }
}
