using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using WebEdi.Data;
using WebEdi.Server.Pages.Orders;
using WebEdi.Testing;

namespace WebEdi.Benchmarks.Portal;

/// <summary>
/// The supplier portal under load on PostgreSQL: with <c>--lines</c> order lines (default 1,000,000) across
/// <c>--suppliers</c> suppliers (default 300), <c>--users</c> signed-in users (default 50) of as many suppliers ask for
/// their inbox (five views in turn, see <see cref="InboxViews"/>) and for order pages through wrk, and then as many
/// sessions of the largest supplier's admin do the same — first as people use it (each user pauses <c>--think-ms</c>, default 1 s, ±50 % between
/// pages), then with no pause at all (saturation); beside each, the same page's SQL (recorded from the page's own query
/// code) replayed over plain Npgsql by as many concurrent workers with the same pauses. The target is p95 ≤ 50 ms.
/// </summary>
internal static partial class PortalBenchmark
{
    /// <summary>The inbox views each user asks for in turn: the default tab, all orders by number, overdue, a second page, a search.</summary>
    private static readonly (string Path, InboxFilter Filter)[] InboxViews =
    [
        ("/Orders", new InboxFilter()),
        ("/Orders?Filter.Tab=All&Filter.Sort=OrderNumber", new InboxFilter { Tab = InboxTab.All, Sort = InboxSort.OrderNumber }),
        ("/Orders?Filter.Tab=Overdue", new InboxFilter { Tab = InboxTab.Overdue }),
        ("/Orders?Filter.Tab=Answered&Filter.PageNumber=2", new InboxFilter { Tab = InboxTab.Answered, PageNumber = 2 }),
        ("/Orders?Filter.Tab=All&Filter.Query=TM-0012", new InboxFilter { Tab = InboxTab.All, Query = "TM-0012" }),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var lines = BenchmarkArgs.Int(args, "--lines", 1_000_000);
        var suppliers = BenchmarkArgs.Int(args, "--suppliers", 300);
        var users = BenchmarkArgs.Int(args, "--users", 50);
        var duration = TimeSpan.FromSeconds(BenchmarkArgs.Int(args, "--seconds", 20));
        var think = BenchmarkArgs.Int(args, "--think-ms", 1000);
        Console.WriteLine($"WebEdi portal benchmark: {lines:N0} lines, {suppliers} suppliers, {users} users, {duration.TotalSeconds:0} s per measurement, {Environment.ProcessorCount} cores");

        // Sized like a server for this much data (about 1 GB with indexes), not like the tests' 32 MB: otherwise nearly
        // every page of lines would come from the OS cache through a syscall, for the raw SQL and the pages alike.
        // WEBEDI_BENCH_PG adds postgresql.conf lines, e.g. log_min_duration_statement to see which statements are slow.
        await using var postgres = await PostgresServer.StartAsync("shared_buffers = 1GB\n" + Environment.GetEnvironmentVariable("WEBEDI_BENCH_PG"));
        var connectionString = await postgres.CreateDatabaseAsync("portal");
        await using var server = await WebEdiServer.StartAsync(new Dictionary<string, string?>
        {
            ["WebEdi:Roles"] = "web",
            ["WebEdi:Database:Provider"] = "PostgreSql",
            ["WebEdi:Database:ConnectionString"] = connectionString,
            ["WebEdi:Demo:Seed"] = "true",
            ["WebEdi:Demo:OrderCount"] = "0",
            ["Logging:LogLevel:Default"] = "Warning",
        }, timeout: TimeSpan.FromSeconds(120));
        try
        {
            return await MeasureAsync(server, connectionString, lines, suppliers, users, duration, think, BenchmarkArgs.Option(args, "--loads"));
        }
        catch
        {
            // The server is a child process: without its own words a failure here says only "connection refused".
            var output = server.Output;
            await Console.Error.WriteLineAsync("The server's output:\n" + output[Math.Max(0, output.Length - 8000)..]);
            throw;
        }
    }

    private static async Task<int> MeasureAsync(
        WebEdiServer server, string connectionString, int lines, int suppliers, int users, TimeSpan duration, int think, string? only)
    {
        Console.WriteLine("  seeding …");
        IReadOnlyList<BenchUser> benchUsers;
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            benchUsers = await PortalSeed.RunAsync(connection, suppliers, lines, users, Console.Out);
        }

        Console.WriteLine("  signing in and opening every measured order once (marks them read) …");
        var cookies = await Task.WhenAll(benchUsers.Select(u => SignInAsync(server.BaseAddress, u)));
        // The largest supplier (a tenth of all orders) on its own: as many sessions of its admin as there are users.
        var largest = benchUsers[0];
        var largestCookies = await Task.WhenAll(benchUsers.Select(_ => SignInAsync(server.BaseAddress, largest)));

        Console.WriteLine("  recording each page's SQL …");
        var (inboxSql, detailSql) = await RecordAsync(connectionString, benchUsers);

        var inboxPaths = InboxViews.Select(v => v.Path).ToList();
        var measured = new (string Page, IReadOnlyList<LoadSession> Sessions, IReadOnlyList<IReadOnlyList<IReadOnlyList<SqlCommandCopy>>> Sql)[]
        {
            ("inbox /Orders", cookies.Select(c => new LoadSession(c, inboxPaths)).ToList(), inboxSql),
            ("order page /Orders/{id}", cookies.Select((c, i) => new LoadSession(c, OrderPaths(benchUsers[i]))).ToList(), detailSql),
            ("inbox, largest supplier", largestCookies.Select(c => new LoadSession(c, inboxPaths)).ToList(), [.. benchUsers.Select(_ => inboxSql[0])]),
            ("order page, largest supplier", largestCookies.Select(c => new LoadSession(c, OrderPaths(largest))).ToList(), [.. benchUsers.Select(_ => detailSql[0])]),
        };
        var rows = new List<(string Page, string Load, LatencyResult Web, LatencyResult Raw, string MachineLoad)>();
        var loads = new[] { ($"think {think} ms", think), ("no think time", 0) };
        foreach (var (load, pause) in only switch { "think" => loads[..1], "no-think" => loads[1..], _ => loads })
        {
            foreach (var (page, sessions, sql) in measured)
            {
                var web = await Wrk.RunAsync(server.BaseAddress, sessions, duration, pause);
                // The machine is shared: the 1-minute load average after the web measurement says how much else ran.
                var machineLoad = LoadAverage();
                var raw = await RawReplay.MeasureAsync(connectionString, sql, duration, pause);
                rows.Add((page, load, web, raw, machineLoad));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"    measured {page}, {load}: p50 {web.P50:0.0} / p95 {web.P95:0.0} ms (raw SQL {raw.P50:0.0} / {raw.P95:0.0} ms), load average {machineLoad}"));
            }
        }

        Console.WriteLine();
        // Ratios against the raw SQL: throughput (meaningful without think time, when both run flat out) and p95.
        Console.WriteLine("| page | users | load | requests/s | p50 ms | p95 ms | p99 ms | errors | raw SQL pages/s | raw SQL p50 ms | raw SQL p95 ms | raw SQL p99 ms | req/s ÷ raw | p95 ÷ raw | load avg | p95 ≤ 50 ms |");
        Console.WriteLine("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var (page, load, web, raw, machineLoad) in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {page} | {users} | {load} | {web.PerSecond:0} | {web.P50:0.0} | {web.P95:0.0} | {web.P99:0.0} | {web.Failures} | {raw.PerSecond:0} | {raw.P50:0.0} | {raw.P95:0.0} | {raw.P99:0.0} | {web.PerSecond / raw.PerSecond:P0} | {web.P95 / raw.P95:0.0}× | {machineLoad} | {(web.P95 <= 50 ? "met" : "not met")} |"));
        }

        return 0;
    }

    /// <summary>Signs in through the login form and opens the user's orders once; returns the Cookie header to send.</summary>
    private static async Task<string> SignInAsync(Uri baseAddress, BenchUser user)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = baseAddress };
        var login = await http.GetStringAsync(new Uri("/Account/Login", UriKind.Relative));
        var token = TokenPattern().Match(login).Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = user.Email,
            ["Password"] = PortalSeed.Password,
            ["__RequestVerificationToken"] = token,
        });
        var response = await http.PostAsync(new Uri("/Account/Login", UriKind.Relative), form);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"{user.Email} could not sign in: {response.StatusCode}");
        }

        foreach (var order in user.Orders)
        {
            (await http.GetAsync(new Uri($"/Orders/{order}", UriKind.Relative))).EnsureSuccessStatusCode();
        }

        (await http.GetAsync(new Uri("/Orders", UriKind.Relative))).EnsureSuccessStatusCode();
        return cookies.GetCookieHeader(baseAddress);
    }

    /// <summary>Runs the pages' own query classes once per user (and order) with a recorder attached.</summary>
    private static async Task<(List<IReadOnlyList<IReadOnlyList<SqlCommandCopy>>> Inbox, List<IReadOnlyList<IReadOnlyList<SqlCommandCopy>>> Detail)> RecordAsync(
        string connectionString, IReadOnlyList<BenchUser> users)
    {
        var recorder = new SqlRecorder();
        var options = new DbContextOptionsBuilder<WebEdiDbContext>();
        DataExtensions.Configure(options, new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = connectionString }, Path.GetTempPath());
        options.AddInterceptors(recorder);
        await using var db = new WebEdiDbContext(options.Options);
        var inbox = new OrderInbox(db);
        var detail = new OrderDetailQuery(db);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9));

        var inboxSql = new List<IReadOnlyList<IReadOnlyList<SqlCommandCopy>>>();
        var detailSql = new List<IReadOnlyList<IReadOnlyList<SqlCommandCopy>>>();
        foreach (var user in users)
        {
            var views = new List<IReadOnlyList<SqlCommandCopy>>();
            foreach (var (_, filter) in InboxViews)
            {
                await inbox.PageAsync(user.SupplierId, filter, today, CancellationToken.None);
                views.Add(recorder.TakeAll());
            }

            inboxSql.Add(views);
            var pages = new List<IReadOnlyList<SqlCommandCopy>>();
            foreach (var order in user.Orders)
            {
                _ = await detail.ReadAsync(user.SupplierId, order, tracked: false, CancellationToken.None) ?? throw new InvalidOperationException($"Order {order} not found.");
                pages.Add(recorder.TakeAll());
            }

            detailSql.Add(pages);
        }

        return (inboxSql, detailSql);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    private static List<string> OrderPaths(BenchUser user) => [.. user.Orders.Select(o => $"/Orders/{o}")];



    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
