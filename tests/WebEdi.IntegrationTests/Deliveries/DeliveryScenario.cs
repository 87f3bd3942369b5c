using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using WebEdi.Contracts;
using WebEdi.Data;
using WebEdi.Data.Deliveries;
using WebEdi.Domain.Companies;
using WebEdi.Domain.Orders;
using WebEdi.IntegrationTests.Ordering;
using WebEdi.IntegrationTests.Persistence;
using WebEdi.Ordering.Answers;
using WebEdi.Ordering.Intake;
using WebEdi.Testing;

namespace WebEdi.IntegrationTests.Deliveries;

/// <summary>
/// The real server (as a process, running the adapters) over a database the test can also reach — a SQLite file
/// outside the server's data directory, or a PostgreSQL database — with the demo's companies. The test plays the
/// buyer's ERP (sending orders through the real intake) and the supplier (answering them through the real answering
/// service), sets up the buyer's channels (the demo's own are removed), and watches the deliveries.
/// </summary>
public sealed class DeliveryScenario : IAsyncDisposable
{
    public const string Buyer = "TOKAI-MOTOR";

    private readonly Dictionary<string, string?> _settings;

    private DeliveryScenario(DatabaseOptions database, Dictionary<string, string?> settings)
    {
        Database = database;
        _settings = settings;
    }

    public DatabaseOptions Database { get; }

    public WebEdiServer Server { get; private set; } = null!;

    /// <summary>The settings the server runs with (add to them before <see cref="RestartAsync"/>).</summary>
    public IDictionary<string, string?> Settings => _settings;

    /// <summary>Retries come after about 100 ms, at most 1 s apart, so tests of back-off take seconds, not hours.</summary>
    public static async Task<DeliveryScenario> StartAsync(DatabaseProvider provider, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var database = provider == DatabaseProvider.PostgreSql
            ? await TestDatabase.CreateAsync(provider)
            : new DatabaseOptions
            {
                Provider = provider,
                ConnectionString = $"Data Source={Path.Combine(Directory.CreateTempSubdirectory("webedi-deliveries-").FullName, "webedi.db")}",
            };
        var all = new Dictionary<string, string?>
        {
            ["WebEdi:Database:Provider"] = provider.ToString(),
            ["WebEdi:Database:ConnectionString"] = database.ConnectionString,
            ["WebEdi:Demo:Seed"] = "true",
            ["WebEdi:Demo:OrderCount"] = "0",
            ["WebEdi:Integration:Retry:FirstDelay"] = "00:00:00.100",
            ["WebEdi:Integration:Retry:MaxDelay"] = "00:00:01",
            ["WebEdi:Integration:Webhooks:AllowHttp"] = "true",
            ["WebEdi:Integration:Webhooks:AllowPrivateNetworks"] = "true",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var scenario = new DeliveryScenario(database, all);
        scenario.Server = await WebEdiServer.StartAsync(all);

        // The demo gives its buyers file-drop channels; each test sets up exactly the channels it is about.
        await using var db = scenario.Open();
        await db.BuyerChannels.ExecuteDeleteAsync();
        return scenario;
    }

    public WebEdiDbContext Open() => TestDatabase.Open(Database);

    /// <summary>Kills the server (no graceful shutdown) and starts it again on the same database.</summary>
    public async Task RestartAsync()
    {
        await Server.DisposeAsync();
        Server = await WebEdiServer.StartAsync(_settings);
    }

    /// <summary>Kills the server and leaves it down.</summary>
    public ValueTask KillAsync() => Server.DisposeAsync();

    public async Task StartAgainAsync() => Server = await WebEdiServer.StartAsync(_settings);

    public async Task<Company> CompanyAsync(string code)
    {
        await using var db = Open();
        return await db.Companies.AsNoTracking().SingleAsync(c => c.Code == code);
    }

    /// <summary>The buyer's webhook channel to <paramref name="url"/>; returns its secret.</summary>
    public async Task<string> AddWebhookAsync(Uri url, int timeoutSeconds = 5, string buyer = Buyer)
    {
        await using var db = Open();
        var buyerId = await db.Companies.Where(c => c.Code == buyer).Select(c => c.Id).SingleAsync();
        var channel = BuyerChannel.Webhook(buyerId, url.ToString(), timeoutSeconds, BuyerChannel.DefaultRetryWindowHours, DateTime.UtcNow);
        db.BuyerChannels.Add(channel);
        await db.SaveChangesAsync();
        return channel.Secret!;
    }

    public async Task AddFileDropAsync(FileDropEncoding encoding, string buyer = Buyer)
    {
        await using var db = Open();
        var buyerId = await db.Companies.Where(c => c.Code == buyer).Select(c => c.Id).SingleAsync();
        if (await db.BuyerChannels.SingleOrDefaultAsync(c => c.BuyerId == buyerId && c.Kind == ChannelKind.FileDrop) is { } existing)
        {
            existing.ChangeFileDrop(encoding, BuyerChannel.DefaultRetryWindowHours, DateTime.UtcNow);
        }
        else
        {
            db.BuyerChannels.Add(BuyerChannel.FileDrop(buyerId, encoding, BuyerChannel.DefaultRetryWindowHours, DateTime.UtcNow));
        }

        await db.SaveChangesAsync();
    }

    /// <summary>The buyer's ERP sends <paramref name="count"/> new orders to SAKURA-SEIMITSU (S10021) through the real intake; each gets a PurchaseOrderReceived document.</summary>
    public async Task<IReadOnlyList<string>> SubmitOrdersAsync(string prefix, int count, string? itemName = null)
    {
        var buyer = await CompanyAsync(Buyer);
        var numbers = Enumerable.Range(1, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"{prefix}-{i:D5}")).ToList();
        foreach (var chunk in numbers.Chunk(100))
        {
            await using var db = Open();
            var intake = new PurchaseOrderIntake(db, TimeProvider.System, NullLogger<PurchaseOrderIntake>.Instance);
            var messages = chunk.Select(n =>
            {
                var order = IntakeScenario.Order(n);
                if (itemName is not null)
                {
                    order = order with { Lines = [.. order.Lines.Select(l => l with { ItemName = itemName })] };
                }

                return new IntakeMessage(nameof(SubmitPurchaseOrder), order, n, 1, []);
            }).ToList();
            var replies = await intake.ApplyBatchAsync(buyer, messages);
            Assert.All(replies, r => Assert.Equal(IntakeOutcome.Received, r.Received?.Outcome));
        }

        return numbers;
    }

    /// <summary>SAKURA-SEIMITSU accepts the orders (bulk acceptance, 100 per transaction); each gets a PurchaseOrderAnswered document.</summary>
    public async Task AnswerOrdersAsync(IEnumerable<string> orderNumbers, string answeredBy = "鈴木 健")
    {
        var supplier = await CompanyAsync("SAKURA-SEIMITSU");
        foreach (var chunk in orderNumbers.Chunk(100))
        {
            await using var db = Open();
            var ids = await db.PurchaseOrders.Where(o => chunk.Contains(o.OrderNumber)).Select(o => o.Id).ToListAsync();
            var (outcome, _) = await new OrderAnswering(db, TimeProvider.System).AcceptOrdersAsync(supplier.Id, ids, new Answerer(Guid.NewGuid(), answeredBy));
            Assert.IsType<AnswerOutcome.Answered>(outcome);
        }
    }

    /// <summary>SAKURA-SEIMITSU accepts one line of each order (100 orders per transaction): one PurchaseOrderAnswered per order.</summary>
    public async Task AnswerLineAsync(IEnumerable<string> orderNumbers, int lineNumber)
    {
        var supplier = await CompanyAsync("SAKURA-SEIMITSU");
        foreach (var chunk in orderNumbers.Chunk(100))
        {
            await using var db = Open();
            var ids = await db.PurchaseOrders.Where(o => chunk.Contains(o.OrderNumber)).Select(o => o.Id).ToListAsync();
            var answers = ids.Select(id => new OrderAnswers(id, null, [new LineAnswer(lineNumber, new OrderAnswer.Accept())])).ToList();
            var outcome = await new OrderAnswering(db, TimeProvider.System).ApplyAsync(supplier.Id, answers, new Answerer(Guid.NewGuid(), "鈴木 健"), commit: true);
            Assert.IsType<AnswerOutcome.Answered>(outcome);
        }
    }

    public async Task<List<Delivery>> DeliveriesAsync(ChannelKind? kind = null)
    {
        await using var db = Open();
        return await db.Deliveries.AsNoTracking().Include(d => d.AttemptLog)
            .Where(d => kind == null || d.Kind == kind).OrderBy(d => d.Sequence).ToListAsync();
    }

    /// <summary>Waits (up to <paramref name="timeout"/>, default 60 s) until the deliveries satisfy <paramref name="condition"/>; fails with their states and the server's output.</summary>
    public async Task<List<Delivery>> WaitForDeliveriesAsync(Func<List<Delivery>, bool> condition, TimeSpan? timeout = null, ChannelKind? kind = null)
    {
        var clock = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        List<Delivery> deliveries;
        do
        {
            deliveries = await DeliveriesAsync(kind);
            if (condition(deliveries))
            {
                return deliveries;
            }

            await Task.Delay(200);
        }
        while (clock.Elapsed < limit);

        var states = string.Join(", ", deliveries.GroupBy(d => d.State).Select(g => $"{g.Key}: {g.Count()}"));
        var errors = string.Join("\n", deliveries.Select(d => d.LastError).OfType<string>().Distinct().Take(5));
        Assert.Fail($"after {limit.TotalSeconds:0} s the {deliveries.Count} deliveries are {states}.\nErrors:\n{errors}\nServer output:\n{Tail(Server.Output)}");
        return deliveries;
    }

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();

    private static string Tail(string output) => output.Length > 6000 ? output[^6000..] : output;
}
