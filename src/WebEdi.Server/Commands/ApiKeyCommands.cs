using System.Globalization;
using Microsoft.EntityFrameworkCore;
using WebEdi.Data;
using WebEdi.Data.ApiKeys;
using WebEdi.Domain.Companies;

namespace WebEdi.Server.Commands;

/// <summary>
/// <c>webedi buyers create-api-key|list-api-keys|revoke-api-key</c>: the operator's handling of buyers' keys for the
/// ERP HTTPS API. A key is printed once, when it is created; afterwards only its prefix names it.
/// </summary>
internal static class ApiKeyCommands
{
    public const string Usage =
        "webedi buyers create-api-key BUYERCODE --name NAME [--allowed-addresses 203.0.113.7,10.0.0.0/8] | " +
        "webedi buyers list-api-keys BUYERCODE | webedi buyers revoke-api-key KEYPREFIX";

    public static CommandLine Create(string buyerCode, string[] args) =>
        new CreateApiKey(buyerCode, CommandLine.Option(args, "--name") ?? throw new CommandLineException($"create-api-key needs --name. usage: {Usage}"),
            CommandLine.Option(args, "--allowed-addresses"));

    public static CommandLine List(string buyerCode) => new ListApiKeys(buyerCode);

    public static CommandLine Revoke(string prefix) => new RevokeApiKey(prefix);

    private abstract class ApiKeyCommand : CommandLine
    {
        public sealed override async Task<int> RunAsync(WebApplication app)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<WebEdiDbContext>();
            var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
            try
            {
                return await RunAsync(db, clock);
            }
            catch (CommandFailedException e)
            {
                Console.Error.WriteLine($"webedi: {e.Message}");
                return ExitFailure;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Console.Error.WriteLine($"webedi: {e.GetBaseException().Message}");
                return ExitFailure;
            }
        }

        protected abstract Task<int> RunAsync(WebEdiDbContext db, TimeProvider clock);

        protected static async Task<Company> BuyerAsync(WebEdiDbContext db, string code)
        {
            var company = await db.Companies.AsNoTracking().SingleOrDefaultAsync(c => c.Code == code)
                ?? throw new CommandFailedException($"there is no company with the code '{code}'.");
            return company.IsBuyer ? company : throw new CommandFailedException($"{code} is not a buyer; only buyers have API keys.");
        }

        protected static string Format(DateTime? instant) =>
            instant?.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";
    }

    private sealed class CreateApiKey(string buyerCode, string name, string? allowedAddresses) : ApiKeyCommand
    {
        protected override async Task<int> RunAsync(WebEdiDbContext db, TimeProvider clock)
        {
            var buyer = await BuyerAsync(db, buyerCode);
            ApiKey key;
            string secret;
            try
            {
                (key, secret) = ApiKey.Create(buyer.Id, name, allowedAddresses, clock.GetUtcNow().UtcDateTime);
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                throw new CommandFailedException(e.Message.Split(" (Parameter", StringSplitOptions.None)[0]);
            }

            db.ApiKeys.Add(key);
            await db.SaveChangesAsync();
            Console.WriteLine($"API key for {buyer.Code} ({key.Name}); it is shown only now, store it in your ERP:");
            Console.WriteLine(secret);
            Console.WriteLine($"prefix: {key.KeyPrefix}");
            if (key.AllowedAddresses.Length > 0)
            {
                Console.WriteLine($"allowed addresses: {key.AllowedAddresses}");
            }

            return 0;
        }
    }

    private sealed class ListApiKeys(string buyerCode) : ApiKeyCommand
    {
        protected override async Task<int> RunAsync(WebEdiDbContext db, TimeProvider clock)
        {
            var buyer = await BuyerAsync(db, buyerCode);
            var keys = await db.ApiKeys.AsNoTracking().Where(k => k.CompanyId == buyer.Id).ToListAsync();
            if (keys.Count == 0)
            {
                Console.WriteLine($"{buyer.Code} has no API keys.");
                return 0;
            }

            Console.WriteLine("prefix        name                  created               last used             revoked               allowed addresses");
            foreach (var key in keys.OrderBy(k => k.CreatedAt))
            {
                var lastUsed = key.LastUsedAt is null ? "-" : $"{Format(key.LastUsedAt)} from {key.LastUsedFrom}";
                Console.WriteLine(string.Join("  ",
                    key.KeyPrefix.PadRight(12), key.Name.PadRight(20), Format(key.CreatedAt).PadRight(20), lastUsed.PadRight(20),
                    Format(key.RevokedAt).PadRight(20), key.AllowedAddresses.Length == 0 ? "any" : key.AllowedAddresses));
            }

            return 0;
        }
    }

    private sealed class RevokeApiKey(string prefix) : ApiKeyCommand
    {
        protected override async Task<int> RunAsync(WebEdiDbContext db, TimeProvider clock)
        {
            var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.KeyPrefix == prefix)
                ?? throw new CommandFailedException($"there is no API key with the prefix '{prefix}'.");
            var wasRevoked = key.IsRevoked;
            key.Revoke(clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
            Console.WriteLine(wasRevoked
                ? $"API key {key.KeyPrefix} ({key.Name}) was already revoked at {Format(key.RevokedAt)}."
                : $"Revoked API key {key.KeyPrefix} ({key.Name}); requests with it are refused from now on.");
            return 0;
        }
    }

    private sealed class CommandFailedException(string message) : Exception(message);
}
