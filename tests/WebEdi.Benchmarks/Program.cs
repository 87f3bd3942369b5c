using System.Globalization;
using WebEdi.Benchmarks;
using WebEdi.Server.Commands;
using WebEdi.Testing;

// dotnet run -c Release --project tests/WebEdi.Benchmarks -- [--orders 5000] [--database sqlite|postgresql|both] [--lines 3] [--warm-up 20000]
// Starts a private RabbitMQ node and PostgreSQL server, measures the raw ceilings and the real pipeline (after warm-up orders), prints a table.
// dotnet run -c Release --project tests/WebEdi.Benchmarks -- portal [--lines 1000000] [--suppliers 300] [--users 50] [--seconds 20] [--think-ms 1000]
// The supplier portal's inbox and order page under wrk load beside their own SQL replayed raw (docs/benchmarks.md).
// dotnet run -c Release --project tests/WebEdi.Benchmarks -- documents [--notes 500] [--lines 12]
// Batch printing of delivery notes beside raw PDFsharp replaying the same drawing calls; memory of the batch.
// dotnet run -c Release --project tests/WebEdi.Benchmarks -- deliveries [--documents 10000] [--rounds 2] [--warm-up 20000]
// Outbox to the bus channel beside raw MassTransit sends, and to a local webhook beside raw HttpClient POSTs.
// dotnet run -c Release --project tests/WebEdi.Benchmarks -- exchange [--lines 100000] [--database sqlite|postgresql|both]
// The nightly exchange: a Shift_JIS order file imported beside raw CsvHelper parsing and raw INSERTs; the answers exported beside raw CsvHelper writing.
if (args.FirstOrDefault() == "portal")
{
    return await WebEdi.Benchmarks.Portal.PortalBenchmark.RunAsync(args[1..]);
}

if (args.FirstOrDefault() == "deliveries")
{
    return await WebEdi.Benchmarks.Deliveries.DeliveryBenchmark.RunAsync(args[1..]);
}

if (args.FirstOrDefault() == "exchange")
{
    return await WebEdi.Benchmarks.Exchange.ExchangeBenchmark.RunAsync(args[1..]);
}

if (args.FirstOrDefault() == "documents")
{
    return WebEdi.Benchmarks.Documents.DocumentsBenchmark.Run(args[1..]);
}

var orderCount = BenchmarkArgs.Int(args, "--orders", 5000);
var lineCount = BenchmarkArgs.Int(args, "--lines", 3);
var warmUpCount = BenchmarkArgs.Int(args, "--warm-up", 20000);
var databases = (BenchmarkArgs.Option(args, "--database") ?? "both") switch
{
    "sqlite" => new[] { BenchDatabase.Sqlite },
    "postgresql" => [BenchDatabase.PostgreSql],
    "both" => [BenchDatabase.Sqlite, BenchDatabase.PostgreSql],
    var other => throw new ArgumentException($"--database must be sqlite, postgresql or both (is '{other}')."),
};

var today = DateOnly.FromDateTime(DateTime.UtcNow);
var seeds = Path.Combine(WebEdiServer.RepositoryRoot, "seeds");
var orders = ErpSimulator.Orders(seeds, Scenario.Buyer, orderCount, lineCount, 1, today);
var warmUpOrders = ErpSimulator.Orders(seeds, Scenario.Buyer, warmUpCount, lineCount, orderCount + 1, today);
Console.WriteLine($"WebEdi benchmarks: {orderCount} orders × {lineCount} lines, {Environment.ProcessorCount} cores, {Environment.OSVersion}");

await using var rabbit = await RabbitMqNode.StartAsync();
await using var postgres = databases.Contains(BenchDatabase.PostgreSql) ? await PostgresServer.StartAsync() : null;

var broker = await BrokerCeiling.MeasureAsync(rabbit, orders);
Console.WriteLine($"(a) raw RabbitMQ: {broker.PerSecond:0} messages/s ({broker.Elapsed.TotalSeconds:0.00} s)");

var rows = new List<(BenchDatabase Database, Measurement Raw, Replay Replayed, Measurement Pipeline)>();
foreach (var database in databases)
{
    var (raw, replayed, pipeline) = await Scenario.RunAsync(database, rabbit, postgres, orders, warmUpOrders);
    Console.WriteLine($"(b) raw {database}, orders and lines: {raw.PerSecond:0} orders/s; (c) pipeline on {database}: {pipeline.PerSecond:0} orders/s");
    Console.WriteLine($"(b') raw {database}, the pipeline's own rows replayed: {replayed.Orders.PerSecond:0} orders/s ({replayed.Summary})");
    rows.Add((database, raw, replayed, pipeline));
}

Console.WriteLine();
Console.WriteLine("| database | raw broker msg/s | raw DB orders/s, orders and lines | raw DB orders/s, the pipeline's rows | pipeline orders/s | pipeline lines/s | pipeline / min(broker, orders and lines) | pipeline / min(broker, the pipeline's rows)¹ | target ≥ 50 % |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---|");
foreach (var (database, raw, replayed, pipeline) in rows)
{
    var ratio = pipeline.PerSecond / Math.Min(broker.PerSecond, raw.PerSecond);
    var sameRows = pipeline.PerSecond / Math.Min(broker.PerSecond, ReplayedRows.Ceiling(replayed.Orders.PerSecond, raw.PerSecond, pipeline.PerSecond));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {database} | {broker.PerSecond:0} | {raw.PerSecond:0} | {replayed.Orders.PerSecond:0} | {pipeline.PerSecond:0} | {pipeline.PerSecond * lineCount:0} | {ratio:P0} | {sameRows:P0} | {(sameRows >= 0.5 ? "met" : "not met")} |"));
}

Console.WriteLine("¹ against the orders and lines alone where the replayed rows went slower than the pipeline itself: no ceiling then.");

return 0;
