using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WebEdi.Data;
using WebEdi.Server.Demo;

namespace WebEdi.Server.Hosting;

/// <summary>
/// Brings the database up to date (and loads the demo into an empty one) in the background, retrying while the
/// database is unreachable, so that the process stays alive: /health/live answers, /health/ready says "database"
/// until this has succeeded. Then prints where WebEdi is listening and the demo sign-ins.
/// </summary>
internal sealed partial class DatabaseInitializer(
    IServiceScopeFactory scopes,
    IOptions<DatabaseOptions> database,
    IOptions<DemoOptions> demo,
    IHostApplicationLifetime lifetime,
    IServer server,
    DatabaseInitialization state,
    TimeProvider clock,
    ILogger<DatabaseInitializer> logger) : BackgroundService
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        DemoData? seeded = null;
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<WebEdiDbContext>();
                if (database.Value.MigrateOnStart)
                {
                    state.Report("applying migrations");
                    await MigrateAsync(db, stoppingToken);
                }

                state.SchemaIsReady();

                if (demo.Value.Seed)
                {
                    state.Report("loading demo data");
                    seeded = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(stoppingToken);
                }

                state.Complete();
                break;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogNotReady(logger, database.Value.Provider, e.GetBaseException().Message, delay.TotalSeconds);
                await Task.Delay(delay, clock, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
            }
        }

        await WhenStarted(stoppingToken);
        PrintBanner(seeded);
    }

    public static async Task MigrateAsync(WebEdiDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            var folder = Path.GetDirectoryName(db.Database.GetDbConnection().DataSource);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        await db.Database.MigrateAsync(cancellationToken);
    }

    private Task WhenStarted(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        return started.Task;
    }

    private void PrintBanner(DemoData? seeded)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var url = addresses.FirstOrDefault() ?? "(no HTTP address)";
        Console.WriteLine();
        Console.WriteLine($"WebEdi is running at {url}  (health: {url}/health/ready)");
        if (demo.Value.Seed)
        {
            Console.WriteLine(seeded is null
                ? "Demo data was loaded on an earlier start; the demo sign-ins are listed in README.md."
                : $"Demo data loaded. Sign-ins (password for all: {seeded.Password}):");
            foreach (var user in seeded?.Users ?? [])
            {
                Console.WriteLine($"  {user.Role,-16} {user.Email,-36} {user.Company ?? "(platform)"}");
            }
        }

        Console.WriteLine();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Provider} database is not ready ({Reason}); retrying in {Seconds} s.")]
    private static partial void LogNotReady(ILogger logger, DatabaseProvider provider, string reason, double seconds);
}
