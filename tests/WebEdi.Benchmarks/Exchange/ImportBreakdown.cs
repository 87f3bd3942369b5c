using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using WebEdi.Contracts;
using WebEdi.Data;
using WebEdi.Documents.Csv;
using WebEdi.Integration.Exchange.Inbound;
using WebEdi.Integration.Exchange.Profiles;
using WebEdi.Ordering.Intake;
using WebEdi.Testing;

namespace WebEdi.Benchmarks.Exchange;

/// <summary>
/// <c>--breakdown</c>: where the import's time goes, the steps of <see cref="OrderFileImport"/> timed one by one in this
/// process on a file of other order numbers (so the intake stores them as new): the hash, the encoding checks, the
/// whole <see cref="OrderFileReader.Check"/>, <see cref="OrderFileReader.ReadOrders"/> alone, and the intake's
/// batches (split into the existence query and the rest by a second run of the query).
/// </summary>
internal static class ImportBreakdown
{
    public static async Task RunAsync(DatabaseOptions options, List<SubmitPurchaseOrder> orders, string folder)
    {
        var profile = BuiltInProfiles.JapaneseErp;
        var path = Path.Combine(folder, "breakdown.csv");
        await File.WriteAllBytesAsync(path, ExchangeFiles.OrderFile(profile, [.. orders.SelectMany(ExchangeFiles.Line.Of)]));
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        var steps = new List<(string Step, TimeSpan Elapsed)>();
        var clock = Stopwatch.StartNew();
        void Lap(string step)
        {
            steps.Add((step, clock.Elapsed));
            clock.Restart();
        }

        await SHA256.HashDataAsync(stream);
        Lap("SHA-256 of the file");
        CsvEncodings.HasNonAscii(stream);
        CsvEncodings.FindInvalidBytes(stream, CsvEncodings.Strict(CsvEncoding.Utf8));
        Lap("  encoding: non-ASCII, not UTF-8");
        CsvEncodings.FindInvalidBytes(stream, CsvEncodings.Strict(CsvEncoding.ShiftJis));
        Lap("  encoding: all of it decodes as CP932");
        var reader = new OrderFileReader(profile);
        var check = reader.Check(stream);
        Lap("OrderFileReader.Check (the two lines above included)");
        if (!check.IsValid)
        {
            throw new InvalidOperationException($"the breakdown file has errors: {check.Errors[0].Message}");
        }

        var read = reader.ReadOrders(stream).ToList();
        Lap("OrderFileReader.ReadOrders (all orders to a list)");

        await using var first = Open(options);
        var buyer = await first.Companies.AsNoTracking().SingleAsync(c => c.Code == "TOKAI-MOTOR");
        var query = TimeSpan.Zero;
        var batches = 0;
        var pauses = GC.GetTotalPauseDuration();
        var collections = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        foreach (var batch in read.Chunk(OrderFileImport.BatchSize))
        {
            var numbers = batch.Select(o => o.OrderNumber).ToList();
            await using (var probe = Open(options))
            {
                var started = Stopwatch.GetTimestamp();
                await probe.PurchaseOrders.Where(o => o.BuyerId == buyer.Id && numbers.Contains(o.OrderNumber)).Select(o => o.OrderNumber).ToListAsync();
                query += Stopwatch.GetElapsedTime(started);
            }

            await using var db = Open(options);
            var intake = new PurchaseOrderIntake(db, TimeProvider.System, NullLogger<PurchaseOrderIntake>.Instance);
            await intake.ApplyBatchAsync(buyer, [.. batch.Select(o => new IntakeMessage(nameof(SubmitPurchaseOrder), o, o.OrderNumber, o.Revision, []))]);
            batches++;
        }

        var intakeTime = clock.Elapsed - query;
        clock.Restart();
        steps.Add((string.Create(CultureInfo.InvariantCulture, $"PurchaseOrderIntake.ApplyBatchAsync, {batches} batches of {OrderFileImport.BatchSize}"), intakeTime));
        steps.Add(("  of which the existence query (timed on its own)", query));
        steps.Add((string.Create(CultureInfo.InvariantCulture, $"  database commands (all steps), {Commands.Count}"), Commands.Total));
        steps.Add((string.Create(CultureInfo.InvariantCulture,
            $"  GC pauses during the intake ({GC.CollectionCount(0) - collections.Item1}/{GC.CollectionCount(1) - collections.Item2}/{GC.CollectionCount(2) - collections.Item3} gen 0/1/2)"),
            GC.GetTotalPauseDuration() - pauses));
        var lines = read.Sum(o => o.Lines.Count);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  breakdown of an import of {lines} lines in-process ({read.Count} orders):"));
        foreach (var (step, elapsed) in steps)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {step,-60} {elapsed.TotalSeconds,6:0.00} s"));
        }
    }

    private static readonly CommandClock Commands = new();

    private static WebEdiDbContext Open(DatabaseOptions options)
    {
        var builder = new DbContextOptionsBuilder<WebEdiDbContext>();
        DataExtensions.Configure(builder, options, Path.GetTempPath());
        builder.AddInterceptors(Commands);
        return new WebEdiDbContext(builder.Options);
    }

    private sealed class CommandClock : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
    {
        public TimeSpan Total;
        public int Count;

        public override ValueTask<System.Data.Common.DbDataReader> ReaderExecutedAsync(System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandExecutedEventData eventData, System.Data.Common.DbDataReader result, CancellationToken cancellationToken = default)
        {
            Total += eventData.Duration;
            Count++;
            return ValueTask.FromResult(result);
        }

        public override ValueTask<int> NonQueryExecutedAsync(System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            Total += eventData.Duration;
            Count++;
            return ValueTask.FromResult(result);
        }
    }
}
