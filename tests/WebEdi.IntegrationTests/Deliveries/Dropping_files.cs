using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WebEdi.Data;
using WebEdi.Data.Deliveries;

namespace WebEdi.IntegrationTests.Deliveries;

/// <summary>
/// A buyer whose ERP reads CSV files from a folder: one file per document appears in its outbound folder, whole or not
/// at all, in the encoding it chose; a read-only or full folder is retried until it is fixed; text its encoding cannot
/// hold is given up at once with the character named.
/// </summary>
public sealed class Dropping_files
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Each_document_becomes_one_whole_csv_file_and_no_half_written_file_is_ever_visible(DatabaseProvider provider)
    {
        await using var scenario = await DeliveryScenario.StartAsync(provider);
        await scenario.AddFileDropAsync(FileDropEncoding.Utf8WithBom);
        var folder = Path.Combine(scenario.Server.DataDirectory, "exchange", DeliveryScenario.Buyer, "outbound");

        // An ERP polling the folder as fast as it can: every *.csv it sees must already be complete.
        using var stop = new CancellationTokenSource();
        var incomplete = new ConcurrentBag<string>();
        var seen = new ConcurrentDictionary<string, bool>();
        var watcher = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var file in Directory.Exists(folder) ? Directory.GetFiles(folder, "*.csv") : [])
                {
                    var bytes = await File.ReadAllBytesAsync(file);
                    var text = Encoding.UTF8.GetString(bytes);
                    if (!bytes.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }) || !text.EndsWith("\r\n", StringComparison.Ordinal) || text.Split("\r\n").Length < 3)
                    {
                        incomplete.Add($"{Path.GetFileName(file)}: {bytes.Length} bytes");
                    }

                    seen[Path.GetFileName(file)] = true;
                }
            }
        });

        var orders = await scenario.SubmitOrdersAsync("PO-FILE", 100);
        await scenario.AnswerOrdersAsync(orders);
        var deliveries = await scenario.WaitForDeliveriesAsync(d => d.Count == 200 && d.All(x => x.State == DeliveryState.Delivered));
        await stop.CancelAsync();
        await watcher;

        Assert.Empty(incomplete);
        var files = Directory.GetFiles(folder).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(200, files.Count);
        Assert.DoesNotContain(files, f => f!.EndsWith(".tmp", StringComparison.Ordinal));
        Assert.False(seen.IsEmpty, "the watcher saw files while they were written");

        await using var db = scenario.Open();
        var first = await db.OutboxMessages.OrderBy(m => m.Sequence).FirstAsync();
        var name = Assert.Single(files, f => f!.Contains(first.Id.ToString("N"), StringComparison.Ordinal));
        Assert.Equal($"PurchaseOrderReceived_{first.CreatedAt:yyyyMMddHHmmssfff}_{first.Id:N}.csv", name);
        var lines = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(Path.Combine(folder, name!)))[1..].Split("\r\n");
        Assert.Equal("documentId,occurredAt,buyerCode,supplierCode,orderNumber,revision,outcome", lines[0]);
        var json = JsonDocument.Parse(first.Payload).RootElement;
        Assert.Equal($"{first.Id},{json.GetProperty("occurredAt").GetString()},TOKAI-MOTOR,S10021,PO-FILE-00001,1,Received", lines[1]);
    }

    [Fact]
    public async Task Shift_jis_files_are_cp932_and_a_character_shift_jis_cannot_hold_kills_only_that_document_with_the_character_named()
    {
        await using var scenario = await DeliveryScenario.StartAsync(DatabaseProvider.Sqlite);
        await scenario.AddFileDropAsync(FileDropEncoding.ShiftJis);
        var folder = Path.Combine(scenario.Server.DataDirectory, "exchange", DeliveryScenario.Buyer, "outbound");
        var orders = await scenario.SubmitOrdersAsync("PO-SJIS", 2);
        await scenario.AnswerOrdersAsync(orders.Take(1), answeredBy: "髙橋 〜 一郎");
        await scenario.AnswerOrdersAsync(orders.Skip(1), answeredBy: "𠮷田 花子");

        var deliveries = await scenario.WaitForDeliveriesAsync(d => d.Count == 4 && d.All(x => x.State is DeliveryState.Delivered or DeliveryState.Dead));

        var dead = Assert.Single(deliveries, d => d.State == DeliveryState.Dead);
        Assert.Equal(("PurchaseOrderAnswered", "PO-SJIS-00002", 1), (dead.MessageType, dead.OrderNumber, dead.Attempts));
        Assert.Equal("line 2, column answeredBy holds U+20BB7 '𠮷', which Shift_JIS cannot hold; switch the channel to UTF-8 or correct the text.", dead.LastError);
        var answered = Assert.Single(Directory.GetFiles(folder, "PurchaseOrderAnswered_*.csv"));
        var text = WebEdi.Documents.Csv.CsvEncodings.Strict(WebEdi.Documents.Csv.CsvEncoding.ShiftJis).GetString(await File.ReadAllBytesAsync(answered));
        Assert.Contains(",髙橋 ～ 一郎\r\n", text, StringComparison.Ordinal);
        Assert.Equal(3, Directory.GetFiles(folder, "*.csv").Length);
    }

    [Fact]
    public async Task A_read_only_folder_and_then_a_full_disk_are_retried_with_the_reason_until_they_are_fixed()
    {
        await using var mount = await ScratchMount.CreateAsync(kilobytes: 256);
        await using var scenario = await DeliveryScenario.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?>
        {
            ["WebEdi:Integration:FileDropRoot"] = mount.Path,
        });
        await scenario.AddFileDropAsync(FileDropEncoding.Utf8);
        var folder = Path.Combine(mount.Path, DeliveryScenario.Buyer, "outbound");
        Directory.CreateDirectory(folder);

        await mount.MakeReadOnlyAsync();
        await scenario.SubmitOrdersAsync("PO-RO", 1);
        var readOnly = (await scenario.WaitForDeliveriesAsync(d => d.Count == 1 && d[0].Attempts >= 2)).Single();
        Assert.Equal(DeliveryState.Retrying, readOnly.State);
        Assert.StartsWith($"could not write {folder}/PurchaseOrderReceived_", readOnly.LastError, StringComparison.Ordinal);
        Assert.Contains("Read-only file system", readOnly.LastError, StringComparison.Ordinal);

        await mount.MakeWritableAsync();
        await mount.FillAsync();
        var full = (await scenario.WaitForDeliveriesAsync(d => d[0].LastError?.Contains("No space left on device", StringComparison.Ordinal) == true)).Single();
        Assert.Equal(DeliveryState.Retrying, full.State);
        Assert.Empty(Directory.GetFiles(folder));

        mount.Free();
        var delivered = (await scenario.WaitForDeliveriesAsync(d => d[0].State == DeliveryState.Delivered)).Single();
        Assert.True(delivered.Attempts >= 3);
        Assert.Single(Directory.GetFiles(folder), f => f.EndsWith(".csv", StringComparison.Ordinal));
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
    }
}
