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
/// <c>--suppliers</c> suppliers (default 300), <c>--users</c> signed-in users (default 50) ask for their inbox and for
/// order pages through wrk — first as people use it (each user pauses <c>--think-ms</c>, default 1 s, ±50 % between
/// pages), then with no pause at all (saturation); beside each, the same page's SQL (recorded from the page's own query
/// code) replayed over plain Npgsql by as many concurrent workers with the same pauses. The target is p95 ≤ 50 ms.
/// </summary>
internal static partial class PortalBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var lines = Int(args, "--lines", 1_000_000);
        var suppliers = Int(args, "--suppliers", 300);
        var users = Int(args, "--users", 50);
        var duration = TimeSpan.FromSeconds(Int(args, "--seconds", 20));
        var think = Int(args, "--think-ms", 1000);
        Console.WriteLine($"WebEdi portal benchmark: {lines:N0} lines, {suppliers} suppliers, {users} users, {duration.TotalSeconds:0} s per measurement, {Environment.ProcessorCount} cores");

        await using var postgres = await PostgresServer.StartAsync();
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
            return await MeasureAsync(server, connectionString, lines, suppliers, users, duration, think);
        }
        catch
        {
            // The server is a child process: without its own words a failure here says only "connection refused".
            var output = server.Output;
            await Console.Error.WriteLineAsync("The server's output:\n" + output[Math.Max(0, output.Length - 8000)..]);
            throw;
        }
    }

    private static async Task<int> MeasureAsync(WebEdiServer server, string connectionString, int lines, int suppliers, int users, TimeSpan duration, int think)
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

        Console.WriteLine("  recording each page's SQL …");
        var (inboxSql, detailSql) = await RecordAsync(connectionString, benchUsers);

        var rows = new List<(string Page, string Load, LatencyResult Web, LatencyResult Raw)>();
        var inboxSessions = cookies.Select(c => new LoadSession(c, ["/Orders"])).ToList();
        var detailSessions = cookies.Select((c, i) => new LoadSession(c, benchUsers[i].Orders.Select(o => $"/Orders/{o}").ToList())).ToList();
        foreach (var (load, pause) in new[] { ($"think {think} ms", think), ("no think time", 0) })
        {
            rows.Add(("inbox /Orders", load, await Wrk.RunAsync(server.BaseAddress, inboxSessions, duration, pause),
                await RawReplay.MeasureAsync(connectionString, inboxSql, duration, pause)));
            rows.Add(("order page /Orders/{id}", load, await Wrk.RunAsync(server.BaseAddress, detailSessions, duration, pause),
                await RawReplay.MeasureAsync(connectionString, detailSql, duration, pause)));
        }

        Console.WriteLine();
        Console.WriteLine("| page | users | load | requests/s | p50 ms | p95 ms | p99 ms | errors | raw SQL pages/s | raw SQL p50 ms | raw SQL p95 ms | p95 ≤ 50 ms |");
        Console.WriteLine("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var (page, load, web, raw) in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {page} | {users} | {load} | {web.PerSecond:0} | {web.P50:0.0} | {web.P95:0.0} | {web.P99:0.0} | {web.Failures} | {raw.PerSecond:0} | {raw.P50:0.0} | {raw.P95:0.0} | {(web.P95 <= 50 ? "met" : "not met")} |"));
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
            await inbox.PageAsync(user.SupplierId, new InboxFilter(), today, CancellationToken.None);
            inboxSql.Add([recorder.TakeAll()]);
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

    private static int Int(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
