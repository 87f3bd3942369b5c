using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using WebEdi.Contracts;
using WebEdi.Ordering.Intake;
using WebEdi.Server.Bus;
using WebEdi.Server.Demo;
using WebEdi.Server.Hosting;

namespace WebEdi.Server.Commands;

/// <summary>
/// <c>webedi erp-sim</c>: plays a buyer's ERP for load tests and demos. It sends realistic purchase orders built from
/// the demo seeds either as plain JSON on the buyer's intake exchange, exactly as a non-.NET ERP would, or to the HTTPS
/// API, at a chosen rate.
/// </summary>
internal sealed class ErpSimulatorCommand(ErpSimulatorCommand.Settings settings) : CommandLine
{
    public const string Usage =
        "webedi erp-sim --buyer BUYERCODE --via bus|https [--orders 1000] [--rate 200] [--lines 3] [--start-number 1] " +
        "[--amqp URI] [--api-key KEY] [--url http://127.0.0.1:5080]";

    internal sealed record Settings(
        string Buyer, bool ViaBus, int Orders, int Rate, int Lines, int StartNumber, string? Amqp, string? ApiKey, Uri Url);

    public static CommandLine Create(string[] args)
    {
        var via = Option(args, "--via") ?? throw new CommandLineException($"erp-sim needs --via bus|https. usage: {Usage}");
        if (via is not ("bus" or "https"))
        {
            throw new CommandLineException($"--via must be bus or https (is '{via}'). usage: {Usage}");
        }

        var url = Option(args, "--url") ?? "http://127.0.0.1:5080";
        return new ErpSimulatorCommand(new Settings(
            Option(args, "--buyer") ?? throw new CommandLineException($"erp-sim needs --buyer. usage: {Usage}"),
            via == "bus",
            Number(args, "--orders", 1000, 1, 1_000_000),
            Number(args, "--rate", 200, 0, 1_000_000),
            Number(args, "--lines", 3, 1, 999),
            Number(args, "--start-number", 1, 0, 999_999),
            Option(args, "--amqp"),
            Option(args, "--api-key"),
            Uri.TryCreate(url, UriKind.Absolute, out var u) ? u : throw new CommandLineException($"--url '{url}' is not an absolute URL.")));
    }

    public override async Task<int> RunAsync(WebApplication app)
    {
        var demo = app.Services.GetRequiredService<IOptions<DemoOptions>>().Value;
        var seeds = Path.IsPathRooted(demo.SeedsPath) ? demo.SeedsPath : Path.Combine(app.Environment.ContentRootPath, demo.SeedsPath);
        var today = DateOnly.FromDateTime(app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        try
        {
            var orders = ErpSimulator.Orders(seeds, settings.Buyer, settings.Orders, settings.Lines, settings.StartNumber, today);
            Console.WriteLine($"erp-sim: {orders.Count} orders for {settings.Buyer} ({orders[0].OrderNumber} … {orders[^1].OrderNumber}) " +
                $"over {(settings.ViaBus ? "the bus" : "HTTPS")}, rate {(settings.Rate == 0 ? "unlimited" : settings.Rate + "/s")}");
            SimulationResult result;
            if (settings.ViaBus)
            {
                var amqp = settings.Amqp ?? app.Configuration.GetSection(BusOptions.Section).Get<BusOptions>()?.RabbitMq.Uri
                    ?? throw new SimulationException($"no broker: give --amqp URI or {BusOptions.Section}:RabbitMq:Uri.");
                result = await ErpSimulator.PublishAsync(new Uri(amqp), settings.Buyer, orders, settings.Rate, Console.WriteLine, CancellationToken.None);
            }
            else
            {
                var key = settings.ApiKey ?? throw new SimulationException("--via https needs --api-key (webedi buyers create-api-key).");
                result = await ErpSimulator.PostAsync(settings.Url, key, orders, settings.Rate, Console.WriteLine, CancellationToken.None);
            }

            Console.WriteLine(result.Summary);
            return 0;
        }
        catch (SimulationException e)
        {
            Console.Error.WriteLine($"webedi: erp-sim: {e.Message}");
            return ExitFailure;
        }
    }

    private static int Number(string[] args, string name, int fallback, int min, int max) => Option(args, name) switch
    {
        null => fallback,
        var text when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max => n,
        var text => throw new CommandLineException($"{name} must be a whole number from {min} to {max} (is '{text}')."),
    };
}

/// <summary>A simulation that cannot go on (unknown buyer, unreachable broker or URL); one line for the operator.</summary>
public sealed class SimulationException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>What a simulation sent; <see cref="Statuses"/> holds the HTTPS API's answers (empty over the bus).</summary>
public sealed record SimulationResult(int Orders, int Lines, TimeSpan Elapsed, IReadOnlyDictionary<string, int> Statuses)
{
    public double OrdersPerSecond => Orders / Math.Max(Elapsed.TotalSeconds, 1e-9);

    public string Summary => string.Create(CultureInfo.InvariantCulture,
        $"sent {Orders} orders ({Lines} lines) in {Elapsed.TotalSeconds:0.00} s: {OrdersPerSecond:0.0} orders/s") +
        (Statuses.Count == 0 ? "" : " (" + string.Join(", ", Statuses.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Value} {s.Key}")) + ")");
}

/// <summary>
/// The simulated ERP itself, public so that the benchmarks drive the very same code in-process: order generation from the
/// demo seeds, raw-JSON publishing with confirms, and HTTPS batches.
/// </summary>
public static class ErpSimulator
{
    public const int HttpsBatchSize = 100;
    private const int OutstandingConfirms = 256;

    private static readonly JsonSerializerOptions SeedJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    /// <summary>
    /// <paramref name="count"/> orders numbered <c>SIM-yyMMdd-nnnnnn</c> from <paramref name="startNumber"/>, spread over
    /// the buyer's suppliers, with the buyer's items from the seeds. The same number gives the same order, so a rerun
    /// with the same start number sends exact duplicates.
    /// </summary>
    public static IReadOnlyList<SubmitPurchaseOrder> Orders(string seedsFolder, string buyer, int count, int lines, int startNumber, DateOnly today)
    {
        var path = Path.Combine(seedsFolder, "demo.json");
        DemoData data;
        try
        {
            using var stream = File.OpenRead(path);
            data = JsonSerializer.Deserialize<DemoData>(stream, SeedJson) ?? throw new SimulationException($"{path} is empty.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new SimulationException($"cannot read the seeds {path}: {e.Message}", e);
        }

        if (!data.Companies.Any(c => c.Code == buyer && c.Buyer))
        {
            var buyers = string.Join(", ", data.Companies.Where(c => c.Buyer).Select(c => c.Code));
            throw new SimulationException($"there is no buyer '{buyer}' in {path} (buyers: {buyers}).");
        }

        var suppliers = data.Relationships.Where(r => r.Buyer == buyer)
            .Select(r => (r.SupplierCode, Items: data.Items.Where(i => i.Supplier == r.Supplier && (i.Buyer ?? "TOKAI-MOTOR") == buyer).ToList()))
            .Where(s => s.Items.Count > 0)
            .ToList();
        if (suppliers.Count == 0)
        {
            throw new SimulationException($"the seeds give {buyer} no supplier with items.");
        }

        var orders = new List<SubmitPurchaseOrder>(count);
        for (var n = startNumber; n < startNumber + count; n++)
        {
            var random = new Random(n);
            var (supplierCode, items) = suppliers[n % suppliers.Count];
            orders.Add(new SubmitPurchaseOrder
            {
                OrderNumber = string.Create(CultureInfo.InvariantCulture, $"SIM-{today:yyMMdd}-{n:D6}"),
                Revision = 1,
                SupplierCode = supplierCode,
                OrderDate = today,
                Currency = "JPY",
                DeliveryLocation = data.DeliveryLocations[random.Next(data.DeliveryLocations.Count)],
                BuyerContact = data.Contacts[random.Next(data.Contacts.Count)],
                Remarks = random.Next(5) == 0 ? "納品時に検査成績書を添付してください。" : null,
                Lines = [.. Enumerable.Range(1, lines).Select(line =>
                {
                    var item = items[random.Next(items.Count)];
                    return new PurchaseOrderLine
                    {
                        LineNumber = line,
                        BuyerItemCode = item.BuyerItemCode,
                        SupplierItemCode = item.SupplierItemCode,
                        ItemName = item.Name,
                        Specification = item.Specification,
                        Quantity = random.Next(1, 50) * 10m,
                        Unit = item.Unit,
                        UnitPrice = item.UnitPrice,
                        TaxRate = item.TaxRate,
                        RequestedDeliveryDate = today.AddDays(random.Next(7, 45)),
                    };
                })],
            });
        }

        return orders;
    }

    /// <summary>
    /// Publishes each order as plain JSON to the buyer's intake exchange (content type, AMQP <c>type</c>, persistent)
    /// and waits for the broker's confirms, keeping a window of unconfirmed messages in flight.
    /// </summary>
    public static async Task<SimulationResult> PublishAsync(
        Uri amqp, string buyer, IReadOnlyList<SubmitPurchaseOrder> orders, int rate, Action<string>? progress, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory { Uri = amqp, ClientProvidedName = $"webedi erp-sim {buyer}" };
        IConnection connection;
        try
        {
            connection = await factory.CreateConnectionAsync(cancellationToken);
        }
        catch (BrokerUnreachableException e)
        {
            throw new SimulationException($"the broker at {amqp.Host}:{(amqp.Port > 0 ? amqp.Port : 5672)} is unreachable: {e.GetBaseException().Message}", e);
        }

        await using (connection)
        {
            await using var channel = await connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
            var properties = new BasicProperties
            {
                ContentType = "application/json",
                Type = nameof(SubmitPurchaseOrder),
                Persistent = true,
            };
            var exchange = BuyerQueues.Intake(buyer);
            var pending = new List<Task>(OutstandingConfirms);
            var lines = 0;
            var clock = Stopwatch.StartNew();
            var reporter = new Progress(progress, orders.Count, clock);
            try
            {
                for (var i = 0; i < orders.Count; i++)
                {
                    await PaceAsync(clock, i, rate, cancellationToken);
                    var body = JsonSerializer.SerializeToUtf8Bytes(orders[i], ContractJson.Options);
                    var message = new BasicProperties(properties) { MessageId = Guid.NewGuid().ToString() };
                    pending.Add(channel.BasicPublishAsync(exchange, "", mandatory: false, message, body, cancellationToken).AsTask());
                    lines += orders[i].Lines.Count;
                    if (pending.Count >= OutstandingConfirms || (rate > 0 && pending.Count >= Math.Max(1, rate / 10)))
                    {
                        await Task.WhenAll(pending);
                        pending.Clear();
                    }

                    reporter.Report(i + 1);
                }

                await Task.WhenAll(pending);
            }
            catch (Exception e) when (e is PublishException or OperationInterruptedException or AlreadyClosedException)
            {
                throw new SimulationException($"the broker refused a message on exchange '{exchange}': {e.Message}", e);
            }

            return new SimulationResult(orders.Count, lines, clock.Elapsed, new Dictionary<string, int>());
        }
    }

    /// <summary>POSTs the orders to <c>/api/v1/purchase-orders</c> in batches and counts the statuses the API answers.</summary>
    public static async Task<SimulationResult> PostAsync(
        Uri baseAddress, string apiKey, IReadOnlyList<SubmitPurchaseOrder> orders, int rate, Action<string>? progress, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(100) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        var batchSize = rate == 0 ? HttpsBatchSize : Math.Clamp(rate, 1, HttpsBatchSize);
        var statuses = new Dictionary<string, int>(StringComparer.Ordinal);
        var lines = 0;
        var clock = Stopwatch.StartNew();
        var reporter = new Progress(progress, orders.Count, clock);
        for (var start = 0; start < orders.Count; start += batchSize)
        {
            var batch = orders.Skip(start).Take(batchSize).ToList();
            await PaceAsync(clock, start, rate, cancellationToken);
            HttpResponseMessage response;
            try
            {
                response = await http.PostAsJsonAsync("api/v1/purchase-orders", batch, ContractJson.Options, cancellationToken);
            }
            catch (HttpRequestException e)
            {
                throw new SimulationException($"{baseAddress} is unreachable: {e.GetBaseException().Message}", e);
            }

            using (response)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    throw new SimulationException($"POST {baseAddress}api/v1/purchase-orders answered {(int)response.StatusCode}: {Shorten(text)}");
                }

                using var document = JsonDocument.Parse(text);
                foreach (var result in document.RootElement.GetProperty("results").EnumerateArray())
                {
                    var status = result.GetProperty("status").GetString() ?? "?";
                    statuses[status] = statuses.GetValueOrDefault(status) + 1;
                }
            }

            lines += batch.Sum(o => o.Lines.Count);
            reporter.Report(start + batch.Count);
        }

        return new SimulationResult(orders.Count, lines, clock.Elapsed, statuses);
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    /// <summary>Waits until message <paramref name="index"/> is due at <paramref name="rate"/> per second (0: never waits).</summary>
    private static async Task PaceAsync(Stopwatch clock, int index, int rate, CancellationToken cancellationToken)
    {
        if (rate <= 0)
        {
            return;
        }

        var due = TimeSpan.FromSeconds((double)index / rate);
        var wait = due - clock.Elapsed;
        if (wait > TimeSpan.FromMilliseconds(1))
        {
            await Task.Delay(wait, cancellationToken);
        }
    }

    /// <summary>A progress line about once a second and at the end.</summary>
    private sealed class Progress(Action<string>? write, int total, Stopwatch clock)
    {
        private TimeSpan _next = TimeSpan.FromSeconds(1);

        public void Report(int sent)
        {
            if (write is null || (sent < total && clock.Elapsed < _next))
            {
                return;
            }

            _next = clock.Elapsed + TimeSpan.FromSeconds(1);
            write(string.Create(CultureInfo.InvariantCulture, $"  {sent}/{total} sent, {clock.Elapsed.TotalSeconds:0.0} s"));
        }
    }
}
