using Microsoft.EntityFrameworkCore;
using WebEdi.Data;
using WebEdi.Data.Exchange;
using WebEdi.Integration.Exchange.Profiles;
using WebEdi.IntegrationTests.Deliveries;
using WebEdi.IntegrationTests.Portal;
using WebEdi.Testing;

namespace WebEdi.IntegrationTests.Exchange;

/// <summary>
/// The <c>scheduler</c> role: a run missed while the server was down happens once when it starts; two schedulers never
/// run one buyer's exchange at the same time; an export cut off after its files were written is completed, not repeated.
/// </summary>
public sealed class Scheduling_the_exchange
{
    private const string Buyer = "TOKAI-MOTOR";
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task A_run_missed_while_the_server_was_down_runs_once_when_the_scheduler_starts()
    {
        var root = Directory.CreateTempSubdirectory("webedi-exchange-root-").FullName;
        await using var portal = await PortalServer.StartAsync(DatabaseProvider.Sqlite, demoOrders: 0, extra: new Dictionary<string, string?>
        {
            ["WebEdi:Roles"] = "web,orders",
            ["WebEdi:Integration:FileDropRoot"] = root,
        });
        var profile = BuiltInProfiles.Standard with { Schedule = "0 2 * * *", TimeZone = "Asia/Tokyo" };
        await Exchanging_files_with_a_nightly_erp.SetProfileAsync(portal, profile);
        var inbound = Path.Combine(root, Buyer, profile.Folders.Inbound);
        Directory.CreateDirectory(inbound);
        foreach (var file in Directory.GetFiles(inbound))
        {
            File.Delete(file);
        }

        await Exchanging_files_with_a_nightly_erp.DropAsync(inbound, "night.csv",
            ExchangeFiles.OrderFile(profile, [new("MISS-00001", 1, "S10021", Today, "TM-B-6203", "深溝玉軸受", 10, "個", 185.5m, Today.AddDays(7))]), profile);

        // The last scheduled run was three nights ago: the server was down since.
        var threeNightsAgo = DateTime.UtcNow.AddDays(-3);
        await using (var db = portal.OpenDatabase())
        {
            await db.BuyerExchanges.ExecuteUpdateAsync(s => s.SetProperty(e => e.ScheduleAnchor, threeNightsAgo));
        }

        await using var scheduler = await WebEdiServer.StartAsync(new Dictionary<string, string?>(portal.Settings) { ["WebEdi:Roles"] = "scheduler" }, waitUntilReady: false);
        var runs = await WaitForRunsAsync(portal, r => r.Count >= 2, scheduler);

        // Three missed nights make one run of each direction; the schedule continues from the latest missed 02:00 JST.
        await Task.Delay(ExchangeSchedulerPoll * 3);
        runs = await RunsAsync(portal);
        Assert.Equal(2, runs.Count);
        Assert.All(runs, r => Assert.Equal(ExchangeTrigger.Schedule, r.Trigger));
        Assert.Equal(ExchangeRunStatus.Succeeded, Assert.Single(runs, r => r.Direction == ExchangeDirection.Inbound).Status);
        await using var check = portal.OpenDatabase();
        var anchor = await check.BuyerExchanges.Select(e => e.ScheduleAnchor).SingleAsync();
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(anchor, DateTimeKind.Utc), tokyo);
        Assert.Equal(new TimeOnly(2, 0), TimeOnly.FromDateTime(local));
        Assert.True(anchor <= DateTime.UtcNow && anchor > DateTime.UtcNow.AddDays(-1), $"anchor {anchor:o}");
        Assert.True(await check.PurchaseOrders.AnyAsync(o => o.OrderNumber == "MISS-00001"));
    }

    [Fact]
    public async Task Two_schedulers_never_run_one_buyers_exchange_at_the_same_time()
    {
        var root = Directory.CreateTempSubdirectory("webedi-exchange-root-").FullName;
        await using var portal = await PortalServer.StartAsync(DatabaseProvider.PostgreSql, demoOrders: 0, extra: new Dictionary<string, string?>
        {
            ["WebEdi:Roles"] = "web,orders",
            ["WebEdi:Integration:FileDropRoot"] = root,
        });
        var profile = BuiltInProfiles.Standard with { Schedule = null };
        await Exchanging_files_with_a_nightly_erp.SetProfileAsync(portal, profile);
        var inbound = Path.Combine(root, Buyer, profile.Folders.Inbound);
        Directory.CreateDirectory(inbound);
        foreach (var file in Directory.GetFiles(inbound))
        {
            File.Delete(file);
        }

        var lines = Enumerable.Range(1, 600)
            .Select(i => new ExchangeFiles.Line($"TWO-{i:D5}", 1, "S10021", Today, "TM-B-6203", "深溝玉軸受", 10, "個", 185.5m, Today.AddDays(7)))
            .ToList();
        await Exchanging_files_with_a_nightly_erp.DropAsync(inbound, "big.csv", ExchangeFiles.OrderFile(profile, lines), profile);
        var settings = new Dictionary<string, string?>(portal.Settings) { ["WebEdi:Roles"] = "scheduler" };
        await using var first = await WebEdiServer.StartAsync(settings, waitUntilReady: false);
        await using var second = await WebEdiServer.StartAsync(settings, waitUntilReady: false);

        // "Run now", pressed twice while the first run is under way.
        await using (var db = portal.OpenDatabase())
        {
            await db.BuyerExchanges.ExecuteUpdateAsync(s => s.SetProperty(e => e.RunRequestedAt, DateTime.UtcNow).SetProperty(e => e.RunRequestedBy, "test"));
        }

        await WaitForRunsAsync(portal, r => r.Any(x => x.FileName == "big.csv" && x.Status != ExchangeRunStatus.Running), first);
        await Task.Delay(ExchangeSchedulerPoll * 3);

        var runs = await RunsAsync(portal);
        var import = Assert.Single(runs, r => r.Direction == ExchangeDirection.Inbound);
        Assert.Equal(ExchangeRunStatus.Succeeded, import.Status);
        Assert.Equal(600, import.Received);
        Assert.Single(runs, r => r.Direction == ExchangeDirection.Outbound);
        await using var check = portal.OpenDatabase();
        Assert.Equal(600, await check.PurchaseOrders.CountAsync(o => o.OrderNumber.StartsWith("TWO-")));
        var exchange = await check.BuyerExchanges.AsNoTracking().SingleAsync();
        Assert.Null(exchange.RunRequestedAt);
        Assert.Null(exchange.LeaseOwner);
    }

    [Fact]
    public async Task An_export_cut_off_after_its_files_were_written_is_completed_and_not_exported_again()
    {
        await using var scenario = await DeliveryScenario.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["WebEdi:Roles"] = "web,orders" });
        var settings = new Dictionary<string, string?>(scenario.Settings);
        var stored = await WebEdiServer.RunAsync(settings, scenario.Server.DataDirectory, "exchange", "profile", "--buyer", Buyer, "--builtin", "standard");
        Assert.True(stored.ExitCode == 0, stored.StandardError);
        var orders = await scenario.SubmitOrdersAsync("CUT", 3);
        await scenario.AnswerOrdersAsync(orders);
        var profile = BuiltInProfiles.Standard;
        var outbound = Path.Combine(scenario.Server.DataDirectory, "exchange", Buyer, profile.Folders.Outbound);
        Directory.CreateDirectory(outbound);

        // A process fixed the range, renamed the answers file into place and died before it could record so.
        await using (var db = scenario.Open())
        {
            var exchange = await db.BuyerExchanges.SingleAsync();
            var end = await db.OutboxMessages.MaxAsync(m => m.Sequence);
            var buyer = await db.Companies.SingleAsync(c => c.Code == Buyer);
            var cut = ExchangeRun.Start(buyer.Id, ExchangeDirection.Outbound, ExchangeTrigger.Schedule, false, null, DateTime.UtcNow.AddMinutes(-20));
            cut.ForRange(exchange.ExportWatermark, end, "answers_cut.csv,shipments_cut.csv");
            db.ExchangeRuns.Add(cut);
            await db.SaveChangesAsync();
        }

        await File.WriteAllTextAsync(Path.Combine(outbound, "answers_cut.csv"), "written by the process that died\r\n");

        var result = await WebEdiServer.RunAsync(settings, scenario.Server.DataDirectory, "exchange", "run", "--buyer", Buyer, "--out");
        var again = await WebEdiServer.RunAsync(settings, scenario.Server.DataDirectory, "exchange", "run", "--buyer", Buyer, "--out");

        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        Assert.Equal("written by the process that died\r\n", await File.ReadAllTextAsync(Path.Combine(outbound, "answers_cut.csv")));
        Assert.True(File.Exists(Path.Combine(outbound, "shipments_cut.csv")));
        await using var check = scenario.Open();
        var runs = await check.ExchangeRuns.AsNoTracking().Where(r => r.Direction == ExchangeDirection.Outbound).OrderBy(r => r.StartedAt).ToListAsync();
        Assert.Equal(2, runs.Count);
        Assert.Equal(ExchangeRunStatus.Succeeded, runs[0].Status);
        Assert.Equal(3, runs[0].Documents);
        Assert.Equal(0, runs[1].Documents);
        Assert.Equal(runs[0].WatermarkTo, (await check.BuyerExchanges.SingleAsync()).ExportWatermark);
        Assert.Equal(2, Directory.GetFiles(outbound, "answers_*.csv").Length);
        Assert.Contains(Directory.GetFiles(outbound, "answers_*.csv"), f => ExchangeFiles.ReadExport(profile, profile.Outbound.Answers, File.ReadAllBytes(f)).Rows.Count == 0);
        _ = again;
    }

    private static readonly TimeSpan ExchangeSchedulerPoll = WebEdi.Integration.Exchange.ExchangeScheduler.PollInterval;

    private static async Task<List<ExchangeRun>> RunsAsync(PortalServer portal)
    {
        await using var db = portal.OpenDatabase();
        return await db.ExchangeRuns.AsNoTracking().OrderBy(r => r.StartedAt).ToListAsync();
    }

    private static async Task<List<ExchangeRun>> WaitForRunsAsync(PortalServer portal, Func<List<ExchangeRun>, bool> condition, WebEdiServer scheduler)
    {
        var until = DateTime.UtcNow.AddSeconds(90);
        List<ExchangeRun> runs;
        do
        {
            runs = await RunsAsync(portal);
            if (condition(runs))
            {
                return runs;
            }

            await Task.Delay(250);
        }
        while (DateTime.UtcNow < until);

        Assert.Fail($"after 90 s the runs are [{string.Join(", ", runs.Select(r => $"{r.Direction} {r.FileName} {r.Status} {r.Message}"))}].\nScheduler output:\n{scheduler.Output[^Math.Min(4000, scheduler.Output.Length)..]}");
        return runs;
    }
}
