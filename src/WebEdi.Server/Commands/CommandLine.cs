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

    private const string Usage = "usage: webedi [db migrate] [--Section:Key=value ...] | buyers provision-bus BUYER | " + ApiKeyCommands.Usage + " | " + ExchangeCommands.Usage;

    public abstract Task<int> RunAsync(WebApplication app);

    /// <summary><c>--name value</c> or <c>--name=value</c>; null when absent.</summary>
    internal static string? Option(string[] args, string name)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == name)
            {
                return i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal)
                    ? args[i + 1]
                    : throw new CommandLineException($"{name} needs a value.");
            }

            if (args[i].StartsWith(name + "=", StringComparison.Ordinal))
            {
                return args[i][(name.Length + 1)..];
            }
        }

        return null;
    }

    /// <summary>Whether the switch <paramref name="name"/> (<c>--dry-run</c>) is given.</summary>
    internal static bool Flag(string[] args, string name) => args.Contains(name, StringComparer.Ordinal);

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
            ["exchange", "run"] => ExchangeCommands.Run(args),
            ["exchange", "profile"] => ExchangeCommands.Profile(args),
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
