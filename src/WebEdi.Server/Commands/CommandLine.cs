using Microsoft.EntityFrameworkCore;
using WebEdi.Data;
using WebEdi.Server.Hosting;

namespace WebEdi.Server.Commands;

/// <summary>A usage mistake on the command line.</summary>
public sealed class CommandLineException(string message) : Exception(message);

/// <summary>
/// The administrative commands of the same executable (<c>webedi db migrate</c>). Words before any <c>--option</c>
/// name the command; without one the server runs.
/// </summary>
public abstract class CommandLine
{
    public const int ExitUsage = 64;
    public const int ExitConfigurationError = 78;
    public const int ExitFailure = 1;

    private const string Usage = "usage: webedi [db migrate] [--Section:Key=value ...] | buyers provision-bus BUYER | " + ApiKeyCommands.Usage;

    public abstract Task<int> RunAsync(WebApplication app);

    public static CommandLine? Find(string[] args)
    {
        var words = args.TakeWhile(a => !a.StartsWith('-') && !a.Contains('=', StringComparison.Ordinal)).ToArray();
        return words switch
        {
            [] => null,
            ["db", "migrate"] => new MigrateCommand(),
            ["buyers", "create-api-key", var buyer] => ApiKeyCommands.Create(buyer, args),
            ["buyers", "list-api-keys", var buyer] => ApiKeyCommands.List(buyer),
            ["buyers", "revoke-api-key", var prefix] => ApiKeyCommands.Revoke(prefix),
            ["buyers", "provision-bus", var buyer] => new ProvisionBusCommand(buyer),
            ["erp-sim"] => ErpSimulatorCommand.Create(args),
            ["help"] or ["--help"] => throw new CommandLineException(Usage),
            _ => throw new CommandLineException($"unknown command '{string.Join(' ', words)}'. {Usage}"),
        };
    }

    /// <summary>Applies pending migrations and reports what it did; for deploy steps that run before the servers.</summary>
    private sealed class MigrateCommand : CommandLine
    {
        public override async Task<int> RunAsync(WebApplication app)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<WebEdiDbContext>();
            try
            {
                var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
                await DatabaseInitializer.MigrateAsync(db, CancellationToken.None);
                Console.WriteLine(pending.Count == 0
                    ? "The database is up to date; nothing to apply."
                    : $"Applied {pending.Count} migration(s): {string.Join(", ", pending)}.");
                return 0;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Console.Error.WriteLine($"webedi: db migrate failed: {e.GetBaseException().Message}");
                return ExitFailure;
            }
        }
    }
}
