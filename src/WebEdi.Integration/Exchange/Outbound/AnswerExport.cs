using Microsoft.EntityFrameworkCore;
using WebEdi.Contracts;
using WebEdi.Data;
using WebEdi.Data.Exchange;
using WebEdi.Domain.Companies;
using WebEdi.Integration.Exchange.Profiles;

namespace WebEdi.Integration.Exchange.Outbound;

/// <summary>
/// Exports the buyer's answers and shipment notices since the last export, exactly once: the outbox range is fixed
/// and recorded before any file is written; the files are written under hidden temporary names and renamed into place;
/// the watermark moves in the transaction that completes the run. A process that dies between the rename and that
/// transaction leaves a run in Running: the next run finds it, writes whichever of its files is missing (the same
/// range gives the same content) and completes it, instead of exporting the range a second time.
/// </summary>
public sealed class AnswerExport(WebEdiDbContext db, ExchangeLease lease, OutboxHorizon horizon, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> AnswerTypes = [nameof(PurchaseOrderAnswered)];

    public static readonly IReadOnlyList<string> ShipmentTypes = [nameof(ShipmentNotified), nameof(ShipmentCancelled)];

    private const int PageSize = 1000;

    public async Task<ExchangeRun> RunAsync(
        Company buyer, ExchangeProfile profile, ExchangeFolderSet folders, ExchangeRequest request,
        IProgress<ExchangeProgress>? progress, CancellationToken cancellationToken)
    {
        var zone = Zone(profile, buyer);
        if (!request.DryRun && await db.ExchangeRuns.SingleOrDefaultAsync(
                r => r.BuyerId == buyer.Id && r.Direction == ExchangeDirection.Outbound && r.Status == ExchangeRunStatus.Running && !r.DryRun,
                cancellationToken) is { } unfinished)
        {
            return await CompleteAsync(buyer, profile, folders, zone, unfinished, documents: null, progress, cancellationToken);
        }

        var from = await db.BuyerExchanges.Where(e => e.BuyerId == buyer.Id).Select(e => e.ExportWatermark).SingleAsync(cancellationToken);
        var to = await horizon.StableEndAsync(cancellationToken);
        var run = ExchangeRun.Start(buyer.Id, ExchangeDirection.Outbound, request.Trigger, request.DryRun, request.StartedBy, Now());
        var answers = await Range(buyer.Id, from, to, AnswerTypes).CountAsync(cancellationToken);
        var shipments = await Range(buyer.Id, from, to, ShipmentTypes).CountAsync(cancellationToken);
        var language = profile.Language;
        if (request.DryRun)
        {
            run.Count(0, answers + shipments);
            run.Finish(ExchangeRunStatus.Succeeded, ProfileLanguage.Say(language,
                $"確認のみ: 回答 {answers:#,0} 件、出荷 {shipments:#,0} 件を出力します。",
                $"dry run: {answers:#,0} answer and {shipments:#,0} shipment documents would be exported."), Now());
            return run;
        }

        if (answers + shipments == 0 && profile.Outbound.WhenEmpty == EmptyExport.WriteNothing)
        {
            run.ForRange(from, to, "");
            run.Finish(ExchangeRunStatus.NothingNew, ProfileLanguage.Say(language, "前回の出力以降、新しい回答・出荷はありません。", "nothing new since the last export."), Now());
            db.ExchangeRuns.Add(run);
            await CommitAsync(run, buyer.Id, from, to, cancellationToken);
            return run;
        }

        var at = clock.GetUtcNow();
        var names = new[] { profile.Outbound.Answers, profile.Outbound.Shipments }
            .Select(f => Unused(folders.Outbound, ExportFileWriter.FileName(f, buyer.Code, at, zone))).ToList();
        run.ForRange(from, to, string.Join(",", names));
        db.ExchangeRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        return await CompleteAsync(buyer, profile, folders, zone, run, answers + shipments, progress, cancellationToken);
    }

    /// <param name="documents">How many documents the range holds, when the caller just counted them; null for a run left unfinished, whose range is counted here.</param>
    private async Task<ExchangeRun> CompleteAsync(
        Company buyer, ExchangeProfile profile, ExchangeFolderSet folders, TimeZoneInfo zone, ExchangeRun run, int? documents,
        IProgress<ExchangeProgress>? progress, CancellationToken cancellationToken)
    {
        var from = run.WatermarkFrom!.Value;
        var to = run.WatermarkTo!.Value;
        var names = run.FileName!.Split(',');
        var language = profile.Language;
        var recovered = documents is null;
        var total = documents ?? await Range(buyer.Id, from, to, [.. AnswerTypes, .. ShipmentTypes]).CountAsync(cancellationToken);
        var counts = new Counts(total, progress);
        try
        {
            Directory.CreateDirectory(folders.Outbound);
            var answerRows = await WriteAsync(buyer.Id, profile, profile.Outbound.Answers, zone, Path.Combine(folders.Outbound, names[0]), from, to, AnswerTypes, counts, cancellationToken);
            var shipmentRows = await WriteAsync(buyer.Id, profile, profile.Outbound.Shipments, zone, Path.Combine(folders.Outbound, names[1]), from, to, ShipmentTypes, counts, cancellationToken);
            run.Count(answerRows + shipmentRows, total);
            run.Finish(ExchangeRunStatus.Succeeded, ProfileLanguage.Say(language,
                $"{total:#,0} 件の文書（{answerRows + shipmentRows:#,0} 行）を {string.Join("、", names)} に出力しました。" + (recovered ? "（中断された出力を完了）" : ""),
                $"{total:#,0} documents ({answerRows + shipmentRows:#,0} rows) exported to {string.Join(", ", names)}." + (recovered ? " (An interrupted export, completed.)" : "")), Now());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ExchangeFileException)
        {
            // Nothing was published for what failed, and the watermark stays: the next run exports the same range.
            foreach (var name in names)
            {
                TryDelete(Path.Combine(folders.Outbound, $".{name}.tmp"));
            }

            run.Finish(ExchangeRunStatus.Failed, ProfileLanguage.Say(language, $"出力できませんでした: {e.Message}", $"the export failed: {e.Message}"), Now());
        }

        if (run.Status == ExchangeRunStatus.Succeeded)
        {
            await CommitAsync(run, buyer.Id, from, to, cancellationToken);
        }
        else
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return run;
    }

    /// <summary>The watermark moves in the transaction that records the run as done: both or neither.</summary>
    private async Task CommitAsync(ExchangeRun run, Guid buyerId, long from, long to, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await AdvanceAsync(buyerId, from, to, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Writes one file unless a dead run already renamed it into place; returns its data rows.</summary>
    private async Task<int> WriteAsync(
        Guid buyerId, ExchangeProfile profile, OutboundFile file, TimeZoneInfo zone, string target, long from, long to,
        IReadOnlyList<string> types, Counts counts, CancellationToken cancellationToken)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.tmp");
        var documents = 0;
        int rows;
        await using (var output = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024))
        using (var writer = new ExportFileWriter(output, profile, file, zone))
        {
            var after = from;
            while (true)
            {
                var page = await Range(buyerId, after, to, types).OrderBy(m => m.Sequence).Take(PageSize)
                    .Select(m => new { m.Sequence, m.MessageType, m.Payload }).ToListAsync(cancellationToken);
                foreach (var document in page)
                {
                    writer.Write(document.MessageType, document.Payload);
                }

                documents += page.Count;
                counts.Add(page.Count);
                await lease.RenewAsync(buyerId, cancellationToken);
                if (page.Count < PageSize)
                {
                    break;
                }

                after = page[^1].Sequence;
            }

            writer.Complete();
            rows = writer.Rows;
            output.Flush(flushToDisk: true);
        }

        if ((documents == 0 && profile.Outbound.WhenEmpty == EmptyExport.WriteNothing) || File.Exists(target))
        {
            // Nothing to say; or renamed into place by a run that died before it could record so — that file is this range already.
            File.Delete(temporary);
            return documents == 0 ? 0 : rows;
        }

        File.Move(temporary, target);
        return rows;
    }

    private IQueryable<Data.Outbox.OutboxMessage> Range(Guid buyerId, long from, long to, IReadOnlyList<string> types) =>
        db.OutboxMessages.AsNoTracking().Where(m => m.BuyerId == buyerId && m.Sequence > from && m.Sequence <= to && types.Contains(m.MessageType));

    /// <summary>Moves the watermark only from where this run found it: two exports of one range cannot both complete.</summary>
    private async Task AdvanceAsync(Guid buyerId, long from, long to, CancellationToken cancellationToken)
    {
        var moved = await db.BuyerExchanges.Where(e => e.BuyerId == buyerId && e.ExportWatermark == from)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ExportWatermark, to), cancellationToken);
        if (moved == 0)
        {
            throw new InvalidOperationException($"the export watermark of the buyer moved while this export ran (expected {from}).");
        }
    }

    private static string Unused(string folder, string name)
    {
        var candidate = name;
        for (var n = 2; File.Exists(Path.Combine(folder, candidate)); n++)
        {
            candidate = $"{Path.GetFileNameWithoutExtension(name)}_{n}{Path.GetExtension(name)}";
        }

        return candidate;
    }

    private static TimeZoneInfo Zone(ExchangeProfile profile, Company buyer) =>
        profile.TimeZone is { } id ? TimeZoneInfo.FindSystemTimeZoneById(id) : buyer.TimeZone;

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The folder refused the write in the first place; a hidden temporary file left behind is harmless.
        }
    }

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;

    private sealed class Counts(long total, IProgress<ExchangeProgress>? progress)
    {
        private long _done;

        public void Add(int documents)
        {
            _done += documents;
            progress?.Report(new ExchangeProgress("export", null, _done, total));
        }
    }
}
