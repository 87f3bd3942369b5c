using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using CsvHelper;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using WebEdi.Contracts;
using WebEdi.Data;
using WebEdi.Data.Exchange;
using WebEdi.Documents.Csv;
using WebEdi.Integration.Exchange.Outbound;
using WebEdi.Integration.Exchange.Profiles;
using WebEdi.Ordering.Answers;
using WebEdi.Server.Commands;
using WebEdi.Testing;

namespace WebEdi.Benchmarks.Exchange;

/// <summary>
/// The nightly CSV exchange (docs/benchmarks.md, "Nightly exchange"): a Shift_JIS order file in the Japanese ERP
/// profile's layout imported by <c>webedi exchange run --in</c> (a child process, as cron would start it) beside raw
/// CsvHelper parsing the same file and raw batched INSERTs of the same rows; then the answers to every one of its lines
/// exported by <c>webedi exchange run --out</c>, and <see cref="ExportFileWriter"/> alone over the same documents beside
/// raw CsvHelper writing the same rows. Also the import process's peak working set for a small and a large file.
/// Prints; asserts nothing.
/// </summary>
internal static class ExchangeBenchmark
{
    private const string Buyer = "TOKAI-MOTOR";
    private const int SmallFile = 10_000;
    private const int Rounds = 3;

    // The writer and its raw baseline take a tenth of a second each, where this machine's speed moves by a third from
    // one moment to the next: more rounds, alternating, and the best of each.
    private const int WriterRounds = 9;

    private static readonly ExchangeProfile Profile = BuiltInProfiles.JapaneseErp;

    public static async Task<int> RunAsync(string[] args)
    {
        var lineCount = BenchmarkArgs.Int(args, "--lines", 100000);
        var breakdown = args.Contains("--breakdown");
        var databases = (BenchmarkArgs.Option(args, "--database") ?? "both") switch
        {
            "sqlite" => new[] { BenchDatabase.Sqlite },
            "postgresql" => [BenchDatabase.PostgreSql],
            "both" => [BenchDatabase.Sqlite, BenchDatabase.PostgreSql],
            var other => throw new ArgumentException($"--database must be sqlite, postgresql or both (is '{other}')."),
        };

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var large = Orders(lineCount, 1, today);
        var small = Orders(Math.Min(SmallFile, lineCount), 500_001, today);
        var folder = Directory.CreateTempSubdirectory("webedi-exchange-bench-").FullName;
        var largeFile = await WriteOrderFileAsync(folder, $"ORDERS_{today:yyyyMMdd}.csv", large);
        var smallFile = await WriteOrderFileAsync(folder, $"ORDERS_{today:yyyyMMdd}_small.csv", small);
        var size = new FileInfo(largeFile).Length / 1048576.0;
        Console.WriteLine(Invariant($"WebEdi exchange benchmark: {lineCount} order lines in {large.Count} orders ({size:0.0} MiB Shift_JIS), and {small.Sum(o => o.Lines.Count)} lines for the memory comparison; {Environment.ProcessorCount} cores, {Environment.OSVersion}"));

        await using var postgres = databases.Contains(BenchDatabase.PostgreSql) ? await PostgresServer.StartAsync() : null;
        var results = new List<Result>();
        foreach (var database in databases)
        {
            results.Add(await RunAsync(database, postgres, large, largeFile, small, smallFile, breakdown ? Orders(lineCount, 700_001, today) : null));
        }

        Print(results, lineCount);
        Directory.Delete(folder, recursive: true);
        return 0;
    }

    private static async Task<Result> RunAsync(
        BenchDatabase database, PostgresServer? postgres, List<SubmitPurchaseOrder> large, string largeFile, List<SubmitPurchaseOrder> small, string smallFile,
        List<SubmitPurchaseOrder>? breakdown)
    {
        var options = new DatabaseOptions
        {
            Provider = database == BenchDatabase.Sqlite ? DatabaseProvider.Sqlite : DatabaseProvider.PostgreSql,
            ConnectionString = database == BenchDatabase.Sqlite
                ? $"Data Source={Path.Combine(Directory.CreateTempSubdirectory("webedi-exchange-db-").FullName, "webedi.db")}"
                : await postgres!.CreateDatabaseAsync("exchange"),
        };
        var settings = new Dictionary<string, string?>
        {
            ["WebEdi:Roles"] = "orders",
            ["WebEdi:Database:Provider"] = options.Provider.ToString(),
            ["WebEdi:Database:ConnectionString"] = options.ConnectionString,
            ["Logging:LogLevel:Default"] = "Warning",
        };

        // The demo's companies, suppliers and items, migrated and seeded by the real server; then it is stopped.
        await using (await WebEdiServer.StartAsync(new Dictionary<string, string?>(settings)
        {
            ["WebEdi:Demo:Seed"] = "true",
            ["WebEdi:Demo:OrderCount"] = "0",
        }, timeout: TimeSpan.FromSeconds(120)))
        {
        }

        var dataDirectory = Directory.CreateTempSubdirectory("webedi-exchange-data-").FullName;
        Expect(await WebEdiServer.RunAsync(settings, dataDirectory, "exchange", "profile", "--buyer", Buyer, "--builtin", "japanese-erp"), "exchange profile");
        var inbound = Path.Combine(dataDirectory, "exchange", Buyer, Profile.Folders.Inbound);
        Directory.CreateDirectory(inbound);

        var lines = large.Sum(o => o.Lines.Count);
        Console.WriteLine($"{database}:");

        // (a) and (b) first, on the same file and rows, while nothing else runs.
        var parse = Best(() => RawParse(largeFile));
        Console.WriteLine(Invariant($"  (a) raw CsvHelper parse: {parse.PerSecond:0} lines/s ({parse.Elapsed.TotalSeconds:0.00} s, best of {Rounds})"));
        Measurement insert;
        await using (var connection = Open(options))
        {
            await connection.OpenAsync();
            var raw = await RawInserts.MeasureAsync(connection, database, large);
            insert = new Measurement(lines, raw.Elapsed);
        }

        Console.WriteLine(Invariant($"  (b) raw batched INSERT: {insert.PerSecond:0} lines/s ({insert.Elapsed.TotalSeconds:0.00} s)"));

        // (c) the import, the small file first (its peak working set is the baseline for "flat").
        var smallImport = await ImportAsync(settings, dataDirectory, inbound, options, smallFile, small);
        Console.WriteLine(Invariant($"  (c) import of {smallImport.Lines} lines: {smallImport.Wall.TotalSeconds:0.00} s wall, {smallImport.Run.TotalSeconds:0.00} s run, peak working set {smallImport.PeakMiB:0} MiB"));
        await AnalyzeAsync(options);
        Dictionary<string, long> tables;
        await using (var connection = Open(options))
        {
            await connection.OpenAsync();
            tables = await ReplayedRows.CountTablesAsync(connection, database);
        }

        var largeImport = await ImportAsync(settings, dataDirectory, inbound, options, largeFile, large);
        Console.WriteLine(Invariant($"  (c) import of {largeImport.Lines} lines: {largeImport.Wall.TotalSeconds:0.00} s wall, {largeImport.Run.TotalSeconds:0.00} s run, peak working set {largeImport.PeakMiB:0} MiB"));

        // (b') the very rows the import committed, replayed raw; they are in place again for the answers below.
        Replay replay;
        await using (var connection = Open(options))
        {
            await connection.OpenAsync();
            replay = await ReplayedRows.MeasureAsync(connection, database, Buyer, large, tables);
        }

        var replayed = new Measurement(lines, replay.Orders.Elapsed);
        Console.WriteLine(Invariant($"  (b') the import's own rows replayed raw: {replayed.PerSecond:0} lines/s ({replayed.Elapsed.TotalSeconds:0.00} s; {replay.Summary})"));
        if (breakdown is not null)
        {
            await ImportBreakdown.RunAsync(options, breakdown, Path.GetDirectoryName(largeFile)!);
        }

        // (d) every line of the large file answered (not timed), then the export end to end and its writer in-process.
        var answering = Stopwatch.StartNew();
        await AnswerAllAsync(options, large);
        Console.WriteLine(Invariant($"  answered {large.Count} orders in {answering.Elapsed.TotalSeconds:0.0} s (not timed)"));
        await AnalyzeAsync(options);
        var export = await ExportAsync(settings, dataDirectory, options);
        Console.WriteLine(Invariant($"  (d) export: {export.Lines} rows, {export.Wall.TotalSeconds:0.00} s wall, {export.Run.TotalSeconds:0.00} s run, peak working set {export.PeakMiB:0} MiB"));
        var (writer, rawWrite, sameBytes) = await WriterAsync(options);
        Console.WriteLine(Invariant($"  (d) ExportFileWriter {writer.PerSecond:0} rows/s, raw CsvHelper write {rawWrite.PerSecond:0} rows/s (best of {WriterRounds}; same bytes: {(sameBytes ? "yes" : "NO")})"));

        Directory.Delete(dataDirectory, recursive: true);
        return new Result(database, parse, insert, replayed, smallImport, largeImport, export, writer, rawWrite);
    }

    /// <summary>
    /// The simulator's orders with 1–9 lines each (5 on average, cut to exactly <paramref name="lines"/> in all): its
    /// suppliers in turn, items with Japanese names and specifications from the seeds.
    /// </summary>
    private static List<SubmitPurchaseOrder> Orders(int lines, int startNumber, DateOnly today)
    {
        var random = new Random(startNumber);
        var generated = ErpSimulator.Orders(Path.Combine(WebEdiServer.RepositoryRoot, "seeds"), Buyer, lines / 4 + 1, 9, startNumber, today);
        var orders = new List<SubmitPurchaseOrder>();
        var left = lines;
        foreach (var order in generated)
        {
            var take = Math.Min(left, random.Next(1, 10));
            orders.Add(order with { Lines = [.. order.Lines.Take(take)] });
            left -= take;
            if (left == 0)
            {
                break;
            }
        }

        return left == 0 ? orders : throw new InvalidOperationException("too few orders generated");
    }

    private static async Task<string> WriteOrderFileAsync(string folder, string name, List<SubmitPurchaseOrder> orders)
    {
        var path = Path.Combine(folder, name);
        await File.WriteAllBytesAsync(path, ExchangeFiles.OrderFile(Profile, [.. orders.SelectMany(ExchangeFiles.Line.Of)]));
        return path;
    }

    /// <summary>(a) CsvHelper alone: a CsvReader over a CP932 StreamReader, every field of every record read as a string.</summary>
    private static Measurement RawParse(string path)
    {
        var clock = Stopwatch.StartNew();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        using var text = new StreamReader(stream, CsvEncodings.Strict(CsvEncoding.ShiftJis), detectEncodingFromByteOrderMarks: false, 64 * 1024);
        using var csv = CsvReader.Create(text, CsvReaderOptions.Default with { HasHeader = false });
        var records = 0;
        while (csv.Read())
        {
            for (var i = 0; i < csv.FieldCount; i++)
            {
                _ = csv.GetString(i);
            }

            records++;
        }

        // Header and trailer are records too, but not order lines.
        return new Measurement(records - 2, clock.Elapsed);
    }

    /// <summary>(c) Drops the file as an ERP does (renamed into place, then the .done marker) and runs the import as its own process.</summary>
    private static async Task<CommandRun> ImportAsync(
        Dictionary<string, string?> settings, string dataDirectory, string inbound, DatabaseOptions options, string file, List<SubmitPurchaseOrder> orders)
    {
        var target = Path.Combine(inbound, Path.GetFileName(file));
        File.Copy(file, target + ".part");
        File.Move(target + ".part", target);
        await File.WriteAllBytesAsync(target + ".done", []);

        var (result, wall, peak) = await RunWatchedAsync(settings, dataDirectory, "exchange", "run", "--buyer", Buyer, "--in");
        Expect(result, "exchange run --in");
        var run = await LastRunAsync(options, ExchangeDirection.Inbound);
        var lines = orders.Sum(o => o.Lines.Count);
        if (run.Status != ExchangeRunStatus.Succeeded || run.Rows != lines || run.Received != orders.Count)
        {
            throw new InvalidOperationException($"the import did not store the file: {run.Status}, {run.Rows} rows, {run.Received} received; {run.Message}\n{result.StandardOutput}");
        }

        return new CommandRun(lines, wall, run.Duration!.Value, peak);
    }

    private static async Task<CommandRun> ExportAsync(Dictionary<string, string?> settings, string dataDirectory, DatabaseOptions options)
    {
        var (result, wall, peak) = await RunWatchedAsync(settings, dataDirectory, "exchange", "run", "--buyer", Buyer, "--out");
        Expect(result, "exchange run --out");
        var run = await LastRunAsync(options, ExchangeDirection.Outbound);
        if (run.Status != ExchangeRunStatus.Succeeded)
        {
            throw new InvalidOperationException($"the export did not succeed: {run.Status}; {run.Message}\n{result.StandardOutput}");
        }

        return new CommandRun(run.Rows, wall, run.Duration!.Value, peak);
    }

    /// <summary>
    /// Runs the executable, timing it from start to exit and reading its peak resident set (VmHWM in /proc/PID/status)
    /// every 50 ms while it runs; VmHWM only grows, so the last value read is the peak.
    /// </summary>
    private static async Task<(CommandResult Result, TimeSpan Wall, long PeakBytes)> RunWatchedAsync(Dictionary<string, string?> settings, string dataDirectory, params string[] args)
    {
        long peak = 0;
        var clock = Stopwatch.StartNew();
        var result = await WebEdiServer.RunAsync(settings, dataDirectory, TimeSpan.FromMinutes(10), async process =>
        {
            var status = $"/proc/{process.Id}/status";
            while (!process.HasExited)
            {
                try
                {
                    foreach (var line in await File.ReadAllLinesAsync(status))
                    {
                        if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                        {
                            peak = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
                        }
                    }
                }
                catch (IOException)
                {
                    // The process ended between the check and the read.
                }

                await Task.Delay(50);
            }
        }, args);
        return (result, clock.Elapsed, peak);
    }

    /// <summary>The supplier accepts every line of every order of the file (bulk acceptance, 250 orders per transaction).</summary>
    private static async Task AnswerAllAsync(DatabaseOptions options, List<SubmitPurchaseOrder> orders)
    {
        var numbers = orders.Select(o => o.OrderNumber).ToHashSet(StringComparer.Ordinal);
        List<(Guid Id, Guid SupplierId)> stored;
        await using (var db = OpenContext(options))
        {
            var buyerId = await db.Companies.Where(c => c.Code == Buyer).Select(c => c.Id).SingleAsync();
            stored = [.. (await db.PurchaseOrders.AsNoTracking().Where(o => o.BuyerId == buyerId).Select(o => new { o.Id, o.SupplierId, o.OrderNumber }).ToListAsync())
                .Where(o => numbers.Contains(o.OrderNumber)).Select(o => (o.Id, o.SupplierId))];
        }

        foreach (var supplier in stored.GroupBy(o => o.SupplierId))
        {
            foreach (var chunk in supplier.Chunk(250))
            {
                await using var db = OpenContext(options);
                var (outcome, _) = await new OrderAnswering(db, TimeProvider.System)
                    .AcceptOrdersAsync(supplier.Key, [.. chunk.Select(o => o.Id)], new Answerer(Guid.NewGuid(), "鈴木 健"));
                if (outcome is not AnswerOutcome.Answered)
                {
                    throw new InvalidOperationException($"answering failed: {outcome}");
                }
            }
        }
    }

    /// <summary>
    /// The writer alone over the exported documents held in memory (read from the outbox first), to a file, beside raw
    /// CsvHelper writing the very records it wrote (read back from its file beforehand) with the same dialect and encoding.
    /// Rounds alternate so that load from other processes falls on both alike; the best of each counts.
    /// </summary>
    private static async Task<(Measurement Writer, Measurement Raw, bool SameBytes)> WriterAsync(DatabaseOptions options)
    {
        List<(string Type, string Payload)> documents;
        await using (var db = OpenContext(options))
        {
            var buyerId = await db.Companies.Where(c => c.Code == Buyer).Select(c => c.Id).SingleAsync();
            documents = [.. (await db.OutboxMessages.AsNoTracking()
                    .Where(m => m.BuyerId == buyerId && m.MessageType == nameof(PurchaseOrderAnswered)).OrderBy(m => m.Sequence)
                    .Select(m => new { m.MessageType, m.Payload }).ToListAsync())
                .Select(m => (m.MessageType, m.Payload))];
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(Profile.TimeZone!);
        var folder = Directory.CreateTempSubdirectory("webedi-export-bench-").FullName;
        var ours = Path.Combine(folder, "writer.csv");
        var raw = Path.Combine(folder, "raw.csv");
        var rows = WriteOurs(documents, zone, ours).Count;
        var records = ReadRecords(ours);
        WriteRaw(records, raw);
        List<double> ourTimes = [];
        List<double> rawTimes = [];
        List<double> readerTimes = [];
        List<double> serializerTimes = [];
        for (var round = 0; round < WriterRounds; round++)
        {
            ourTimes.Add(WriteOurs(documents, zone, ours).Elapsed.TotalSeconds);
            rawTimes.Add(WriteRaw(records, raw).TotalSeconds);
            readerTimes.Add(ReadPayloads(documents, new AnsweredPayload().Read).TotalSeconds);
            serializerTimes.Add(ReadPayloads(documents, p => System.Text.Json.JsonSerializer.Deserialize<PurchaseOrderAnswered>(p, ContractJson.Options)!).TotalSeconds);
        }

        Console.WriteLine(Invariant($"  (d) of the writer's {ourTimes.Min():0.000} s, reading the {documents.Count} payloads takes {readerTimes.Min():0.000} s (the contract serializer would take {serializerTimes.Min():0.000} s); raw write {rawTimes.Min():0.000} s"));

        var ourBytes = await File.ReadAllBytesAsync(ours);
        var rawBytes = await File.ReadAllBytesAsync(raw);
        var same = ourBytes.AsSpan().SequenceEqual(rawBytes);
        Directory.Delete(folder, recursive: true);
        return (new Measurement(rows, TimeSpan.FromSeconds(ourTimes.Min())), new Measurement(rows, TimeSpan.FromSeconds(rawTimes.Min())), same);
    }

    private static Measurement WriteOurs(List<(string Type, string Payload)> documents, TimeZoneInfo zone, string path)
    {
        var clock = Stopwatch.StartNew();
        int rows;
        using (var output = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024))
        using (var writer = new ExportFileWriter(output, Profile, Profile.Outbound.Answers, zone))
        {
            foreach (var (type, payload) in documents)
            {
                writer.Write(type, payload);
            }

            writer.Complete();
            rows = writer.Rows;
        }

        return new Measurement(rows, clock.Elapsed);
    }

    /// <summary>The part of the writer's work that is reading the payloads into their contract.</summary>
    private static TimeSpan ReadPayloads(List<(string Type, string Payload)> documents, Func<string, PurchaseOrderAnswered> read)
    {
        var clock = Stopwatch.StartNew();
        var lines = 0;
        foreach (var (_, payload) in documents)
        {
            lines += read(payload).Lines.Count;
        }

        return lines > 0 ? clock.Elapsed : TimeSpan.Zero;
    }

    private static TimeSpan WriteRaw(List<string[]> records, string path)
    {
        var clock = Stopwatch.StartNew();
        using (var output = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024))
        using (var text = new StreamWriter(output, CsvEncodings.Strict(CsvEncoding.ShiftJis), 64 * 1024))
        using (var csv = CsvWriter.Create(text, CsvWriterOptions.Default with
        {
            Separator = Profile.Format.Delimiter, Quoting = CsvQuoting.Always, NewLine = "\r\n", Injection = CsvInjection.None,
        }))
        {
            foreach (var record in records)
            {
                foreach (var field in record)
                {
                    csv.WriteField(field);
                }

                csv.EndRecord();
            }

            csv.Flush();
        }

        return clock.Elapsed;
    }

    private static List<string[]> ReadRecords(string path)
    {
        using var text = new StreamReader(path, CsvEncodings.Strict(CsvEncoding.ShiftJis), detectEncodingFromByteOrderMarks: false);
        using var csv = CsvReader.Create(text, CsvReaderOptions.Default with { HasHeader = false });
        var records = new List<string[]>();
        while (csv.Read())
        {
            var record = new string[csv.FieldCount];
            for (var i = 0; i < record.Length; i++)
            {
                record[i] = csv.GetString(i);
            }

            records.Add(record);
        }

        return records;
    }

    private static Measurement Best(Func<Measurement> measure)
    {
        measure();
        return Enumerable.Range(0, Rounds).Select(_ => measure()).MinBy(m => m.Elapsed)!;
    }

    private static async Task<ExchangeRun> LastRunAsync(DatabaseOptions options, ExchangeDirection direction)
    {
        await using var db = OpenContext(options);
        return await db.ExchangeRuns.AsNoTracking().Where(r => r.Direction == direction && !r.DryRun).OrderByDescending(r => r.StartedAt).FirstAsync();
    }

    /// <summary>
    /// Statistics, as autovacuum would have gathered them by the next night — only once the tables hold rows: analysed
    /// empty, PostgreSQL plans every foreign-key check of the raw INSERTs as a scan of a table it believes empty, and (b)
    /// fell to 1,700 lines/s.
    /// </summary>
    private static async Task AnalyzeAsync(DatabaseOptions options)
    {
        await using var connection = Open(options);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "ANALYZE";
        await command.ExecuteNonQueryAsync();
    }

    private static WebEdiDbContext OpenContext(DatabaseOptions options)
    {
        var builder = new DbContextOptionsBuilder<WebEdiDbContext>();
        DataExtensions.Configure(builder, options, Path.GetTempPath());
        return new WebEdiDbContext(builder.Options);
    }

    private static DbConnection Open(DatabaseOptions options) => options.Provider == DatabaseProvider.Sqlite
        ? new SqliteConnection(options.ConnectionString)
        : new NpgsqlConnection(options.ConnectionString);

    private static void Expect(CommandResult result, string what)
    {
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"webedi {what} exited with {result.ExitCode}:\n{result.StandardOutput}\n{result.StandardError}");
        }
    }

    private static void Print(List<Result> results, int lineCount)
    {
        Console.WriteLine();
        Console.WriteLine("Import: (a) raw CsvHelper parse, (b) raw batched INSERT of orders and lines, (b') of the import's own rows, (c) `webedi exchange run --in`");
        Console.WriteLine("| database | lines | (a) lines/s | (b) lines/s | (b') lines/s | (c) wall s | (c) run s | (c) lines/s | (c) / min(a, b) | (c) / min(a, b')¹ | peak working set | target ≤ 10 s, ≥ 30 % of min(a, b')¹ |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in results)
        {
            foreach (var import in new[] { r.SmallImport, r.LargeImport })
            {
                var rate = import.Lines / import.Run.TotalSeconds;
                var ratio = rate / Math.Min(r.Parse.PerSecond, r.Insert.PerSecond);
                var sameRows = rate / Math.Min(r.Parse.PerSecond, ReplayedRows.Ceiling(r.Replayed.PerSecond, r.Insert.PerSecond, rate));
                var target = import.Lines == lineCount
                    ? $"{(import.Wall.TotalSeconds <= 10 ? "met" : "not met")}, {(sameRows >= 0.3 ? "met" : "not met")}"
                    : "—";
                Console.WriteLine(Invariant(
                    $"| {r.Database} | {import.Lines:#,0} | {r.Parse.PerSecond:#,0} | {r.Insert.PerSecond:#,0} | {r.Replayed.PerSecond:#,0} | {import.Wall.TotalSeconds:0.00} | {import.Run.TotalSeconds:0.00} | {rate:#,0} | {ratio:P0} | {sameRows:P0} | {import.PeakMiB:0} MiB | {target} |"));
            }
        }

        Console.WriteLine();
        Console.WriteLine("Export: `webedi exchange run --out` end to end; ExportFileWriter alone beside raw CsvHelper writing the same rows");
        Console.WriteLine("| database | answer rows | export wall s | export run s | end-to-end rows/s | peak working set | writer rows/s | raw write rows/s | writer / raw | target ≥ 70 % |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in results)
        {
            var ratio = r.Writer.PerSecond / r.RawWrite.PerSecond;
            Console.WriteLine(Invariant(
                $"| {r.Database} | {r.Export.Lines:#,0} | {r.Export.Wall.TotalSeconds:0.00} | {r.Export.Run.TotalSeconds:0.00} | {r.Export.Lines / r.Export.Run.TotalSeconds:#,0} | {r.Export.PeakMiB:0} MiB | {r.Writer.PerSecond:#,0} | {r.RawWrite.PerSecond:#,0} | {ratio:P0} | {(ratio >= 0.7 ? "met" : "not met")} |"));
        }

        Console.WriteLine();
        Console.WriteLine("(a) CsvReader over a CP932 StreamReader, every field read as a string (best of 3). (b) RawInserts: the same orders' rows");
        Console.WriteLine("into PurchaseOrders/PurchaseOrderLines, one transaction per 100 orders. (b') ReplayedRows: every row the large import");
        Console.WriteLine("committed (orders, lines, revisions, notices, outbox) read back, deleted and inserted again the same way, timed.");
        Console.WriteLine("¹ min(a, b) where (b') went slower than the import itself (no ceiling then).");
        Console.WriteLine("(c) the import process: wall = start to exit of");
        Console.WriteLine("the process (runtime start-up included), run = the ExchangeRuns row's StartedAt→FinishedAt (hash, check, intake, archive);");
        Console.WriteLine("lines/s from the run; peak working set = VmHWM of the process. ≤ 10 s is judged on the wall time. Export run = its");
        Console.WriteLine("ExchangeRuns row; writer = ExportFileWriter over the same PurchaseOrderAnswered payloads held in memory (JSON read,");
        Console.WriteLine("rendered, CP932-checked, written); raw = CsvWriter writing the writer's own records, pre-extracted (best of 9 each, alternating).");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);


    /// <summary>One run of the executable: the lines (or rows) it handled, start to exit, its run's own duration, its peak resident set.</summary>
    private sealed record CommandRun(int Lines, TimeSpan Wall, TimeSpan Run, long PeakBytes)
    {
        public double PeakMiB => PeakBytes / 1048576.0;
    }

    private sealed record Result(
        BenchDatabase Database, Measurement Parse, Measurement Insert, Measurement Replayed, CommandRun SmallImport, CommandRun LargeImport, CommandRun Export, Measurement Writer, Measurement RawWrite);
}
