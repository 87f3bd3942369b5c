using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using WebEdi.Data;
using WebEdi.Data.Exchange;
using WebEdi.Integration.Exchange.Inbound;
using WebEdi.Integration.Exchange.Profiles;
using WebEdi.IntegrationTests.Portal;
using WebEdi.Testing;

namespace WebEdi.IntegrationTests.Exchange;

/// <summary>
/// The night of a buyer whose ERP only writes and reads files: it drops a Shift_JIS order file in its inbound folder,
/// the exchange imports it, the supplier sees and answers the orders in the browser, the next exchange writes the
/// answers file, and the ERP reads every field back with its own profile.
/// </summary>
public sealed class Exchanging_files_with_a_nightly_erp
{
    private const string Buyer = "TOKAI-MOTOR";

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_shift_jis_order_file_reaches_the_suppliers_inbox_and_the_answers_come_back_in_the_erps_own_layout(DatabaseProvider provider)
    {
        await using var portal = await PortalServer.StartAsync(provider, demoOrders: 0, extra: new Dictionary<string, string?> { ["WebEdi:Roles"] = "web,orders" });
        var profile = BuiltInProfiles.JapaneseErp;
        var inbound = await InboundFolderAsync(portal, profile);

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        ExchangeFiles.Line[] lines =
        [
            new("EX-24001", 1, "S10021", today, "TM-B-6203", "深溝玉軸受 6203ZZ 〜特注～", 120, "個", 185.5m, today.AddDays(14)),
            new("EX-24001", 2, "S10021", today, "TM-S-M8-30", "六角ボルト M8×30 ㈱髙木製 ①", 2000, "本", 12.8m, today.AddDays(14)),
            new("EX-24002", 1, "S10021", today, "TM-G-0451", "平歯車 45T", 40, "個", 2450m, today.AddDays(21)),
            new("EX-24003", 1, "S10021", today, "TM-SH-220", "シャフト φ20×220 −0.02", 15, "本", 3870m, today.AddDays(30)),
            new("EX-24003", 2, "S10021", today, "TM-B-6203", "深溝玉軸受 6203ZZ", 60, "個", 185.5m, today.AddDays(30)),
        ];
        await DropAsync(inbound, "ORDERS_20261202.csv", ExchangeFiles.OrderFile(profile, lines), profile);

        var imported = await RunExchangeAsync(portal, "--in");
        Assert.True(imported.ExitCode == 0, imported.StandardOutput + imported.StandardError);
        Assert.Contains("Succeeded", imported.StandardOutput, StringComparison.Ordinal);
        Assert.Empty(ExchangeFilesIn(inbound));

        // The supplier's clerk sees the orders, with the Japanese text as the ERP wrote it, and answers them.
        using var clerk = await portal.SignInAsync(PortalServer.SakuraAdmin);
        var inbox = await clerk.GetAsync("/Orders?Filter.Query=EX-240&Filter.Tab=All");
        foreach (var number in new[] { "EX-24001", "EX-24002", "EX-24003" })
        {
            Assert.Contains(number, inbox.Text, StringComparison.Ordinal);
        }

        await using (var db = portal.OpenDatabase())
        {
            var names = await db.PurchaseOrderLines.Where(l => l.BuyerItemCode == "TM-S-M8-30").Select(l => l.ItemName).ToListAsync();
            Assert.Contains("六角ボルト M8×30 ㈱髙木製 ①", names);
        }

        var ids = await OrderIdsAsync(portal);
        await AcceptAllAsync(clerk, ids["EX-24001"]);
        await AcceptAllAsync(clerk, ids["EX-24002"]);
        var page = await clerk.GetAsync($"/Orders/{ids["EX-24003"]}");
        var promised = today.AddDays(35);
        var answered = await clerk.PostAsync($"/Orders/{ids["EX-24003"]}?handler=Answer", page,
            ("Version", page.Document.QuerySelector("#answer-form input[name=Version]")!.GetAttribute("value")!),
            ("Answers[0].LineNumber", "1"), ("Answers[0].Kind", "Change"), ("Answers[0].PromisedDate", promised.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ("Answers[0].Comment", "材料入荷待ちのため"),
            ("Answers[1].LineNumber", "2"), ("Answers[1].Kind", "Reject"), ("Answers[1].Reason", "OutOfStock"), ("Answers[1].Comment", "在庫切れ"));
        Assert.Equal(HttpStatusCode.Redirect, answered.Status);

        var exported = await RunExchangeAsync(portal, "--out");
        Assert.True(exported.ExitCode == 0, exported.StandardOutput + exported.StandardError);
        var outbound = Path.Combine(portal.Server.DataDirectory, "exchange", Buyer, profile.Folders.Outbound);
        var answersFile = Assert.Single(Directory.GetFiles(outbound), f => Path.GetFileName(f).StartsWith(profile.Outbound.Answers.FileName.Split('{')[0], StringComparison.Ordinal));
        Assert.DoesNotContain(Directory.GetFiles(outbound), f => Path.GetFileName(f).StartsWith('.'));

        var (rows, count) = ExchangeFiles.ReadExport(profile, profile.Outbound.Answers, await File.ReadAllBytesAsync(answersFile));
        Assert.Equal(rows.Count, count ?? rows.Count);
        Assert.Equal(5, rows.Count);
        string Date(DateOnly d) => d.ToString(profile.Format.DateFormat, CultureInfo.InvariantCulture);
        Dictionary<string, string> Row(string order, string line) => Assert.Single(rows, r => r["orderNumber"] == order && r["lineNumber"] == line);
        foreach (var line in lines.Where(l => l.OrderNumber != "EX-24003"))
        {
            var row = Row(line.OrderNumber, line.LineNumber.ToString(CultureInfo.InvariantCulture));
            Assert.Equal("Accepted", row["answer"]);
            Assert.Equal(Date(line.Requested), row["deliveryDate"]);
            Assert.Equal(line.Quantity, decimal.Parse(row["quantity"], CultureInfo.InvariantCulture));
            Assert.Equal("佐藤 花子", row.GetValueOrDefault("answeredBy", "佐藤 花子"));
        }

        var changed = Row("EX-24003", "1");
        Assert.Equal("AcceptedWithChanges", changed["answer"]);
        Assert.Equal(Date(promised), changed["deliveryDate"]);
        Assert.Equal(15m, decimal.Parse(changed["quantity"], CultureInfo.InvariantCulture));
        Assert.Equal("材料入荷待ちのため", changed.GetValueOrDefault("comment", "材料入荷待ちのため"));
        var rejected = Row("EX-24003", "2");
        Assert.Equal("Rejected", rejected["answer"]);
        Assert.Equal("OutOfStock", rejected["rejectionReason"]);
        Assert.Equal("", rejected.GetValueOrDefault("deliveryDate", ""));

        // Exactly once: the next export has nothing new, and the watermark sits at the end of what was exported.
        var again = await RunExchangeAsync(portal, "--out");
        Assert.Equal(0, again.ExitCode);
        await using (var db = portal.OpenDatabase())
        {
            var runs = await db.ExchangeRuns.AsNoTracking().Where(r => r.Direction == ExchangeDirection.Outbound).OrderBy(r => r.StartedAt).ToListAsync();
            Assert.Equal(2, runs.Count);
            Assert.Equal(3, runs[0].Documents);
            Assert.Equal(0, runs[1].Documents);
            Assert.All(runs, r => Assert.NotEqual(ExchangeRunStatus.Running, r.Status));
        }

        var files = Directory.GetFiles(outbound).Where(f => Path.GetFileName(f).StartsWith(profile.Outbound.Answers.FileName.Split('{')[0], StringComparison.Ordinal)).ToList();
        foreach (var file in files.Where(f => f != answersFile))
        {
            Assert.Empty(ExchangeFiles.ReadExport(profile, profile.Outbound.Answers, await File.ReadAllBytesAsync(file)).Rows);
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_file_of_many_intake_batches_is_imported_whole_with_a_reply_for_every_order(DatabaseProvider provider)
    {
        await using var portal = await PortalServer.StartAsync(provider, demoOrders: 0, extra: new Dictionary<string, string?> { ["WebEdi:Roles"] = "web,orders" });
        var profile = BuiltInProfiles.Standard;
        var inbound = await InboundFolderAsync(portal, profile);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        // Three intake batches and one more order; on PostgreSQL two batches are written at once.
        const int orders = 3 * OrderFileImport.BatchSize + 1;
        var lines = Enumerable.Range(1, orders)
            .SelectMany(n => Enumerable.Range(1, 1 + (n % 3)).Select(line =>
                new ExchangeFiles.Line($"BIG-{n:D5}", line, "S10021", today, "TM-B-6203", "深溝玉軸受", n + line, "個", 185.5m, today.AddDays(14))))
            .ToList();
        await DropAsync(inbound, "BIG.csv", ExchangeFiles.OrderFile(profile, lines), profile);

        var imported = await RunExchangeAsync(portal, "--in");

        Assert.True(imported.ExitCode == 0, imported.StandardOutput + imported.StandardError);
        await using var db = portal.OpenDatabase();
        var run = await db.ExchangeRuns.AsNoTracking().SingleAsync(r => r.FileName == "BIG.csv");
        Assert.Equal((lines.Count, orders, orders, 0), (run.Rows, run.Documents, run.Received, run.Duplicates));
        Assert.Equal(orders, await db.PurchaseOrders.CountAsync(o => o.OrderNumber.StartsWith("BIG-")));
        Assert.Equal(lines.Count, await db.PurchaseOrderLines.CountAsync(l => l.Order.OrderNumber.StartsWith("BIG-")));
        Assert.Equal(lines.Sum(l => l.Quantity), await db.PurchaseOrderLines.Where(l => l.Order.OrderNumber.StartsWith("BIG-")).SumAsync(l => l.Quantity));
        var replies = await db.OutboxMessages.Where(m => m.MessageType == "PurchaseOrderReceived" && m.OrderNumber!.StartsWith("BIG-")).Select(m => m.OrderNumber).ToListAsync();
        Assert.Equal(orders, replies.Distinct().Count());
        Assert.Equal(orders, await db.OrderNotices.CountAsync(n => n.OrderNumber.StartsWith("BIG-")));
    }

    internal static async Task<string> InboundFolderAsync(PortalServer portal, ExchangeProfile profile)
    {
        await SetProfileAsync(portal, profile);
        var inbound = Path.Combine(portal.Server.DataDirectory, "exchange", Buyer, profile.Folders.Inbound);
        Directory.CreateDirectory(inbound);

        // The demo leaves a sample file waiting; each test drops exactly the files it is about.
        foreach (var file in Directory.GetFiles(inbound))
        {
            File.Delete(file);
        }

        return inbound;
    }

    internal static async Task SetProfileAsync(PortalServer portal, ExchangeProfile profile)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("webedi-profile-").FullName, "profile.json");
        await File.WriteAllTextAsync(path, ExchangeProfileJson.Serialize(profile));
        var stored = await WebEdiServer.RunAsync(portal.Settings, portal.Server.DataDirectory, "exchange", "profile", "--buyer", Buyer, "--import", path);
        Assert.True(stored.ExitCode == 0, stored.StandardError);
    }

    internal static Task<CommandResult> RunExchangeAsync(PortalServer portal, params string[] options) =>
        WebEdiServer.RunAsync(portal.Settings, portal.Server.DataDirectory, ["exchange", "run", "--buyer", Buyer, .. options]);

    /// <summary>As the ERP does: written under another name, renamed, then (for a .done profile) the marker.</summary>
    internal static async Task DropAsync(string folder, string name, byte[] bytes, ExchangeProfile profile)
    {
        var temporary = Path.Combine(folder, name + ".part");
        await File.WriteAllBytesAsync(temporary, bytes);
        File.Move(temporary, Path.Combine(folder, name));
        if (profile.Inbound.Completion == FileCompletion.DoneMarker)
        {
            await File.WriteAllBytesAsync(Path.Combine(folder, name + ".done"), []);
        }
    }

    internal static IEnumerable<string> ExchangeFilesIn(string folder) => Directory.GetFiles(folder).Select(Path.GetFileName)!;

    private static async Task<Dictionary<string, Guid>> OrderIdsAsync(PortalServer portal)
    {
        await using var db = portal.OpenDatabase();
        return await db.PurchaseOrders.Where(o => o.OrderNumber.StartsWith("EX-")).ToDictionaryAsync(o => o.OrderNumber, o => o.Id);
    }

    private static async Task AcceptAllAsync(PortalSession clerk, Guid id)
    {
        var page = await clerk.GetAsync($"/Orders/{id}");
        var response = await clerk.PostAsync($"/Orders/{id}?handler=AcceptAll",
            page.Form("form.accept-all").QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ("Version", page.Document.QuerySelector("#answer-form input[name=Version]")!.GetAttribute("value")!));
        Assert.Equal(HttpStatusCode.Redirect, response.Status);
    }
}
