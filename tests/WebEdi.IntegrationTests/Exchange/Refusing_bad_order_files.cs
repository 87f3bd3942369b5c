using System.Text;
using Microsoft.EntityFrameworkCore;
using WebEdi.Data.Exchange;
using WebEdi.Integration.Exchange.Profiles;
using WebEdi.IntegrationTests.Portal;
using WebEdi.Testing;
using static WebEdi.IntegrationTests.Exchange.Exchanging_files_with_a_nightly_erp;

namespace WebEdi.IntegrationTests.Exchange;

/// <summary>
/// What the exchange does with files it must not import: one bad row rejects the whole file into the error folder with
/// a report beside it; a second copy of an imported file is refused; a file still being written is left alone; a dry
/// run changes nothing. The command line says so and exits non-zero.
/// </summary>
public sealed class Refusing_bad_order_files(Refusing_bad_order_files.Server fixture) : IClassFixture<Refusing_bad_order_files.Server>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task One_bad_row_rejects_the_whole_file_into_the_error_folder_with_a_report_and_imports_nothing()
    {
        var (portal, profile, folders) = await fixture.ReadyAsync(BuiltInProfiles.Standard);
        var good = new ExchangeFiles.Line("BAD-00001", 1, "S10021", Today, "TM-B-6203", "深溝玉軸受", 10, "個", 185.5m, Today.AddDays(7));
        ExchangeFiles.Line[] lines =
        [
            good,
            good with { OrderNumber = "BAD-00002", Quantity = -1 },
            good with { OrderNumber = "BAD-00003", SupplierCode = "S99999" },
            good with { OrderNumber = "BAD-00004", Requested = Today.AddDays(-3) },
        ];
        await DropAsync(folders.In, "bad.csv", ExchangeFiles.OrderFile(profile, lines), profile);

        var result = await RunExchangeAsync(portal, "--in");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Rejected", result.StandardOutput, StringComparison.Ordinal);
        Assert.Empty(ExchangeFilesIn(folders.In));
        var moved = Directory.GetFiles(folders.Error);
        var file = Assert.Single(moved, f => f.EndsWith("_bad.csv", StringComparison.Ordinal));
        var report = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file + ".errors.csv"));
        Assert.Contains("-1", report, StringComparison.Ordinal);
        Assert.Contains("S99999", report, StringComparison.Ordinal);
        Assert.Contains("3", report, StringComparison.Ordinal);
        await using var db = portal.OpenDatabase();
        Assert.False(await db.PurchaseOrders.AnyAsync(o => o.OrderNumber.StartsWith("BAD-")));
        var run = await db.ExchangeRuns.AsNoTracking().Where(r => r.FileName == "bad.csv").SingleAsync();
        Assert.Equal(ExchangeRunStatus.Rejected, run.Status);
        Assert.True(run.Errors >= 3, $"{run.Errors} errors: {report}");
        Assert.NotNull(run.ErrorReport);
    }

    [Fact]
    public async Task A_second_copy_of_an_imported_file_is_refused_as_a_duplicate()
    {
        var (portal, profile, folders) = await fixture.ReadyAsync(BuiltInProfiles.Standard);
        var bytes = ExchangeFiles.OrderFile(profile, [new("DUP-00001", 1, "S10021", Today, "TM-B-6203", "深溝玉軸受", 10, "個", 185.5m, Today.AddDays(7))]);
        await DropAsync(folders.In, "day1.csv", bytes, profile);
        Assert.Equal(0, (await RunExchangeAsync(portal, "--in")).ExitCode);

        await DropAsync(folders.In, "day1-again.csv", bytes, profile);
        var second = await RunExchangeAsync(portal, "--in");

        Assert.Equal(1, second.ExitCode);
        Assert.Contains("Duplicate", second.StandardOutput, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(folders.Error), f => f.EndsWith("_day1-again.csv", StringComparison.Ordinal));
        Assert.Single(Directory.GetFiles(folders.Archive), f => f.EndsWith("_day1.csv", StringComparison.Ordinal));
        await using var db = portal.OpenDatabase();
        Assert.Equal(1, await db.PurchaseOrders.CountAsync(o => o.OrderNumber == "DUP-00001"));
    }

    [Fact]
    public async Task A_file_still_being_written_is_left_alone_until_it_is_complete()
    {
        var (portal, profile, folders) = await fixture.ReadyAsync(BuiltInProfiles.JapaneseErp);
        var bytes = ExchangeFiles.OrderFile(profile, [new("HALF-00001", 1, "S10021", Today, "TM-B-6203", "深溝玉軸受", 10, "個", 185.5m, Today.AddDays(7))]);

        // A .done profile: the .csv is there but its marker is not yet; and a second file under its temporary name.
        await File.WriteAllBytesAsync(Path.Combine(folders.In, "half.csv"), bytes[..(bytes.Length / 2)]);
        await File.WriteAllBytesAsync(Path.Combine(folders.In, "other.csv.part"), bytes);
        var first = await RunExchangeAsync(portal, "--in");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("no complete order file", first.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(["half.csv", "other.csv.part"], ExchangeFilesIn(folders.In).Order());

        await File.WriteAllBytesAsync(Path.Combine(folders.In, "half.csv"), bytes);
        await File.WriteAllBytesAsync(Path.Combine(folders.In, "half.csv.done"), []);
        var second = await RunExchangeAsync(portal, "--in");

        Assert.True(second.ExitCode == 0, second.StandardOutput);
        Assert.Equal(["other.csv.part"], ExchangeFilesIn(folders.In));
        await using var db = portal.OpenDatabase();
        Assert.True(await db.PurchaseOrders.AnyAsync(o => o.OrderNumber == "HALF-00001"));
    }

    [Fact]
    public async Task A_dry_run_checks_the_file_and_changes_nothing()
    {
        var (portal, profile, folders) = await fixture.ReadyAsync(BuiltInProfiles.Standard);
        await DropAsync(folders.In, "dry.csv", ExchangeFiles.OrderFile(profile, [new("DRY-00001", 1, "S10021", Today, "TM-B-6203", "深溝玉軸受", 10, "個", 185.5m, Today.AddDays(7))]), profile);

        var result = await RunExchangeAsync(portal, "--in", "--dry-run");

        Assert.True(result.ExitCode == 0, result.StandardOutput);
        Assert.Contains("dry run", result.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(["dry.csv"], ExchangeFilesIn(folders.In));
        await using var db = portal.OpenDatabase();
        Assert.False(await db.PurchaseOrders.AnyAsync(o => o.OrderNumber == "DRY-00001"));
        Assert.False(await db.ExchangeRuns.AnyAsync(r => r.FileName == "dry.csv"));
    }

    [Fact]
    public async Task A_buyer_without_an_exchange_and_an_unknown_buyer_are_told_so()
    {
        var (portal, _, _) = await fixture.ReadyAsync(BuiltInProfiles.Standard);

        var none = await Testing.WebEdiServer.RunAsync(portal.Settings, portal.Server.DataDirectory, "exchange", "run", "--buyer", "KANSAI-DENKI");
        var unknown = await Testing.WebEdiServer.RunAsync(portal.Settings, portal.Server.DataDirectory, "exchange", "run", "--buyer", "NOBODY");
        var supplier = await Testing.WebEdiServer.RunAsync(portal.Settings, portal.Server.DataDirectory, "exchange", "run", "--buyer", "SAKURA-SEIMITSU");

        Assert.Equal(1, none.ExitCode);
        Assert.Contains("no exchange profile", none.StandardOutput + none.StandardError, StringComparison.Ordinal);
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("no company with the code 'NOBODY'", unknown.StandardError, StringComparison.Ordinal);
        Assert.Contains("not a buyer", supplier.StandardError, StringComparison.Ordinal);
    }

    /// <summary>One server (SQLite) for the class; each test sets the profile it needs and empties the folders.</summary>
    public sealed class Server : IAsyncLifetime
    {
        public PortalServer Portal { get; private set; } = null!;

        public async Task InitializeAsync() =>
            Portal = await PortalServer.StartAsync(demoOrders: 0, extra: new Dictionary<string, string?> { ["WebEdi:Roles"] = "web,orders" });

        public async Task<(PortalServer Portal, ExchangeProfile Profile, (string In, string Error, string Archive) Folders)> ReadyAsync(ExchangeProfile profile)
        {
            // The tests of this class share the buyer's folders; xunit runs a class's tests one after another.
            var inbound = await InboundFolderAsync(Portal, profile);
            var root = Path.Combine(Portal.Server.DataDirectory, "exchange", "TOKAI-MOTOR");
            var error = Path.Combine(root, profile.Folders.Error);
            var archive = Path.Combine(root, profile.Folders.Archive);
            foreach (var folder in new[] { error, archive })
            {
                Directory.CreateDirectory(folder);
                foreach (var file in Directory.GetFiles(folder))
                {
                    File.Delete(file);
                }
            }

            return (Portal, profile, (inbound, error, archive));
        }

        public async Task DisposeAsync() => await Portal.DisposeAsync();
    }
}
