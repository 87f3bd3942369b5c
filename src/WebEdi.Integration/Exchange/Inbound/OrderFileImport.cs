using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebEdi.Contracts;
using WebEdi.Data;
using WebEdi.Data.Exchange;
using WebEdi.Domain.Companies;
using WebEdi.Integration.Exchange.Profiles;
using WebEdi.Ordering.Intake;

namespace WebEdi.Integration.Exchange.Inbound;

/// <summary>
/// Imports one order file: refuses a copy of a file already imported, checks every row before anything is stored
/// (one error rejects the whole file, which goes to the error folder with its report beside it), then feeds the orders
/// through the same <see cref="PurchaseOrderIntake"/> as the bus and the API — same revision and duplicate rules — and
/// archives the file. A process that dies half-way leaves the file where it was; the next run imports it again and the
/// intake answers Duplicate for what was already stored.
/// </summary>
public sealed class OrderFileImport(WebEdiDbContext db, IServiceScopeFactory scopes, ExchangeLease lease, TimeProvider clock)
{
    /// <summary>
    /// Orders per intake transaction: big enough to amortise a commit and the batch's queries (on SQLite 500 reached 32 %
    /// of raw INSERTs where 250 reached 26 %), small enough to keep memory flat (1,000 added 50–80 MiB).
    /// </summary>
    public const int BatchSize = 500;

    public async Task<ExchangeRun> RunAsync(
        Company buyer, ExchangeProfile profile, ExchangeFolderSet folders, FileInfo file, ExchangeRequest request,
        IProgress<ExchangeProgress>? progress, CancellationToken cancellationToken)
    {
        var language = profile.Language;
        var run = ExchangeRun.Start(buyer.Id, ExchangeDirection.Inbound, request.Trigger, request.DryRun, request.StartedBy, Now());
        await using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
        stream.Position = 0;
        run.ForFile(file.Name, hash);
        if (!request.DryRun)
        {
            db.ExchangeRuns.Add(run);
            await db.SaveChangesAsync(cancellationToken);
        }

        var inFolder = IsIn(file, folders.Inbound);
        var earlier = await db.ExchangeRuns.AsNoTracking()
            .Where(r => r.BuyerId == buyer.Id && r.ContentHash == hash && r.Status == ExchangeRunStatus.Succeeded && !r.DryRun && r.Direction == ExchangeDirection.Inbound)
            .OrderBy(r => r.StartedAt).Select(r => new { r.FileName, r.StartedAt }).FirstOrDefaultAsync(cancellationToken);
        var reader = new OrderFileReader(profile, buyer.TimeZone);
        if (earlier is not null)
        {
            var when = buyer.ToLocalTime(earlier.StartedAt).ToString("yyyy/MM/dd HH:mm", CultureInfo.InvariantCulture);
            var message = ProfileLanguage.Say(language,
                $"同じ内容のファイル（{earlier.FileName}）を {when} に取り込み済みです。二重取り込みを防ぐため、このファイルは取り込みません。",
                $"a file with the same content ({earlier.FileName}) was imported on {when}; this one is refused so no order is imported twice.");
            var report = Report(reader, [new FileError(0, null, null, "duplicate_file", message)]);
            await stream.DisposeAsync();
            return await RefuseAsync(run, file, folders, inFolder, request.DryRun, ExchangeRunStatus.Duplicate, 1, report, message, cancellationToken);
        }

        progress?.Report(new ExchangeProgress("check", file.Name, 0, stream.Length));
        var check = reader.Check(stream, cancellationToken);
        // Unknown supplier codes are reported with everything else, so the ERP's people fix the file in one go.
        var errors = check.Errors.Concat(await CheckSuppliersAsync(buyer, check, language, cancellationToken)).ToList();

        run.Count(check.DataRows, check.Orders);
        if (errors.Count > 0)
        {
            var message = ProfileLanguage.Say(language,
                $"{errors.Count:#,0} 件のエラーがあるため、ファイル全体を取り込みませんでした。エラー一覧を確認して、修正したファイルを置き直してください。",
                $"{errors.Count:#,0} error(s): nothing of the file was imported. Correct the file as the error report says and drop it again.");
            var report = Report(reader, errors);
            await stream.DisposeAsync();
            return await RefuseAsync(run, file, folders, inFolder, request.DryRun, ExchangeRunStatus.Rejected, errors.Count, report, message, cancellationToken);
        }

        if (request.DryRun)
        {
            run.Finish(ExchangeRunStatus.Succeeded, ProfileLanguage.Say(language,
                $"確認のみ: {check.Orders:#,0} 件の注文（{check.DataRows:#,0} 行）はすべて取り込めます。",
                $"dry run: all {check.Orders:#,0} orders ({check.DataRows:#,0} rows) can be imported."), Now());
            return run;
        }

        stream.Position = 0;
        var counts = await ImportAsync(buyer, reader, stream, check, file.Name, progress, cancellationToken);
        await stream.DisposeAsync();
        if (inFolder)
        {
            Move(file, folders.Archive, run);
        }

        run.Count(check.DataRows, check.Orders, counts.Received, counts.Duplicates, counts.Stale, counts.Refused);
        run.Finish(ExchangeRunStatus.Succeeded, ProfileLanguage.Say(language,
            $"{check.Orders:#,0} 件の注文を処理しました（新規・変更 {counts.Received:#,0}、取込済み {counts.Duplicates:#,0}、古い改訂 {counts.Stale:#,0}、拒否 {counts.Refused:#,0}）。",
            $"{check.Orders:#,0} orders processed ({counts.Received:#,0} received, {counts.Duplicates:#,0} duplicate, {counts.Stale:#,0} stale, {counts.Refused:#,0} refused)."), Now());
        await db.SaveChangesAsync(cancellationToken);
        return run;
    }

    /// <remarks>
    /// On PostgreSQL the next batch is applied while the previous one is still being written, so the database and this
    /// process work at the same time. Two batches in flight must not share an order number (the later one would not see
    /// the earlier one's revision); the check already refuses a file whose order's lines are not together, so they do
    /// not, and the import waits when they would. SQLite takes one writer at a time, so there the batches go one after
    /// the other.
    /// </remarks>
    private async Task<(int Received, int Duplicates, int Stale, int Refused)> ImportAsync(
        Company buyer, OrderFileReader reader, Stream stream, OrderFileCheck check, string fileName,
        IProgress<ExchangeProgress>? progress, CancellationToken cancellationToken)
    {
        int received = 0, duplicates = 0, stale = 0, refused = 0, done = 0;
        var overlap = !db.Database.IsSqlite();

        // The batches applied and not yet counted, oldest first: at most two, and two only when they may overlap.
        var inFlight = new Queue<(Task<IReadOnlyList<IntakeReply>> Replies, HashSet<string> Numbers)>();

        async Task<IReadOnlyList<IntakeReply>> ApplyAsync(List<IntakeMessage> batch)
        {
            // A fresh unit of work per batch: the intake clears its tracker, and nothing of one batch stays in memory.
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<PurchaseOrderIntake>().ApplyBatchAsync(buyer, batch, cancellationToken);
        }

        async Task FinishOldestAsync()
        {
            // Dequeued only once it succeeded: a failed batch stays for the cleanup below, with any other in flight.
            var replies = await inFlight.Peek().Replies;
            inFlight.Dequeue();
            foreach (var reply in replies)
            {
                switch (reply)
                {
                    case { Rejected: not null }: refused++; break;
                    case { Received.Outcome: IntakeOutcome.Duplicate }: duplicates++; break;
                    case { Received.Outcome: IntakeOutcome.Stale }: stale++; break;
                    default: received++; break;
                }
            }

            done += replies.Count;
            progress?.Report(new ExchangeProgress("import", fileName, done, check.Orders));
            await lease.RenewAsync(buyer.Id, cancellationToken);
        }

        async Task StartAsync(List<IntakeMessage> batch)
        {
            var numbers = batch.Select(m => m.OrderNumber).OfType<string>().ToHashSet(StringComparer.Ordinal);
            if (inFlight.TryPeek(out var previous) && (!overlap || previous.Numbers.Overlaps(numbers)))
            {
                await FinishOldestAsync();
            }

            inFlight.Enqueue((ApplyAsync(batch), numbers));
            if (inFlight.Count > 1)
            {
                await FinishOldestAsync();
            }
        }

        var batch = new List<IntakeMessage>(BatchSize);
        try
        {
            foreach (var order in reader.ReadOrders(stream, cancellationToken))
            {
                batch.Add(new IntakeMessage(nameof(SubmitPurchaseOrder), order, order.OrderNumber, order.Revision, []));
                if (batch.Count == BatchSize)
                {
                    await StartAsync(batch);
                    batch = new List<IntakeMessage>(BatchSize);
                }
            }

            if (batch.Count > 0)
            {
                await StartAsync(batch);
            }

            while (inFlight.Count > 0)
            {
                await FinishOldestAsync();
            }
        }
        finally
        {
            // A failed batch ends the import; another one in flight must not outlive it unobserved.
            foreach (var (orphan, _) in inFlight)
            {
                await orphan.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }

        return (received, duplicates, stale, refused);
    }

    /// <summary>Supplier codes the buyer does not trade with (or no longer does), each at its first line.</summary>
    private async Task<List<FileError>> CheckSuppliersAsync(Company buyer, OrderFileCheck check, string language, CancellationToken cancellationToken)
    {
        var codes = check.SupplierCodes.Keys.ToList();
        var known = await db.TradingRelationships.AsNoTracking()
            .Where(r => r.BuyerId == buyer.Id && codes.Contains(r.SupplierCode))
            .Select(r => new { r.SupplierCode, r.Status }).ToDictionaryAsync(r => r.SupplierCode, r => r.Status, StringComparer.Ordinal, cancellationToken);
        var errors = new List<FileError>();
        foreach (var (code, place) in check.SupplierCodes)
        {
            if (!known.TryGetValue(code, out var status))
            {
                errors.Add(place);
            }
            else if (status != TradingRelationshipStatus.Active)
            {
                errors.Add(place with
                {
                    Code = "relationship_inactive",
                    Message = ProfileLanguage.Say(language, $"仕入先「{code}」との取引は {status} のため、新しい注文を受け付けません。",
                        $"the trading relationship with supplier {code} is {status}; it takes no new orders."),
                });
            }
        }

        return errors;
    }

    private async Task<ExchangeRun> RefuseAsync(
        ExchangeRun run, FileInfo file, ExchangeFolderSet folders, bool inFolder, bool dryRun, ExchangeRunStatus status, int errors, byte[] report,
        string message, CancellationToken cancellationToken)
    {
        if (status == ExchangeRunStatus.Rejected)
        {
            run.Reject(errors, report, message, Now());
        }
        else
        {
            run.Finish(status, message, Now());
        }

        if (dryRun)
        {
            return run;
        }

        if (inFolder)
        {
            var moved = Move(file, folders.Error, run);
            await File.WriteAllBytesAsync(moved + ".errors.csv", report, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return run;
    }

    private static byte[] Report(OrderFileReader reader, IReadOnlyList<FileError> errors)
    {
        using var report = new MemoryStream();
        reader.WriteErrorReport(errors, report);
        return report.ToArray();
    }

    /// <summary>
    /// Moves the file (and its .done marker) into <paramref name="folder"/> under a name starting with the run's time,
    /// so a file of the same name the next night does not collide. Same file system: a rename, never a copy.
    /// </summary>
    private static string Move(FileInfo file, string folder, ExchangeRun run)
    {
        Directory.CreateDirectory(folder);
        var target = Path.Combine(folder, $"{run.StartedAt:yyyyMMdd'T'HHmmss}_{file.Name}");
        if (File.Exists(target))
        {
            target = Path.Combine(folder, $"{run.StartedAt:yyyyMMdd'T'HHmmss}_{run.Id:N}_{file.Name}");
        }

        File.Move(file.FullName, target);
        var marker = file.FullName + ".done";
        if (File.Exists(marker))
        {
            File.Delete(marker);
        }

        return target;
    }

    private static bool IsIn(FileInfo file, string folder) =>
        string.Equals(Path.GetDirectoryName(file.FullName), Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal);

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;
}
