using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using WebEdi.Data;
using WebEdi.Data.Exchange;
using WebEdi.Integration.Channels.Files;
using WebEdi.Integration.Exchange.Inbound;
using WebEdi.Integration.Exchange.Outbound;
using WebEdi.Integration.Exchange.Profiles;

namespace WebEdi.Integration.Exchange;

/// <summary>
/// Runs one buyer's exchange under its lease: every complete order file in the inbound folder (oldest name first),
/// then the export. The scheduler, "run now" and <c>webedi exchange run</c> all come here.
/// </summary>
public sealed partial class ExchangeRunner(
    WebEdiDbContext db, ExchangeLease lease, OrderFileImport import, AnswerExport export, FileDropOptions files, TimeProvider clock,
    ILogger<ExchangeRunner> logger)
{
    /// <summary>
    /// Runs the exchange if nobody else is running it. <paramref name="scheduledAnchor"/> / <paramref name="servedRequest"/>:
    /// see <see cref="ExchangeLease.TryTakeAsync"/>; <paramref name="newAnchor"/> is where a scheduled run moves the schedule.
    /// </summary>
    public async Task<ExchangeOutcome> RunAsync(
        Guid buyerId, ExchangeRequest request, IProgress<ExchangeProgress>? progress, CancellationToken cancellationToken,
        DateTime? scheduledAnchor = null, DateTime? newAnchor = null, DateTime? servedRequest = null)
    {
        var buyer = await db.Companies.AsNoTracking().SingleAsync(c => c.Id == buyerId, cancellationToken);
        var exchange = await db.BuyerExchanges.AsNoTracking().SingleOrDefaultAsync(e => e.BuyerId == buyerId, cancellationToken);
        if (exchange is null)
        {
            return new ExchangeOutcome([], $"{buyer.Code} has no exchange profile yet.");
        }

        var profile = ExchangeProfileJson.Deserialize(exchange.ProfileJson);
        if (!await lease.TryTakeAsync(buyerId, scheduledAnchor, servedRequest is not null, cancellationToken))
        {
            var holder = await db.BuyerExchanges.AsNoTracking().Where(e => e.BuyerId == buyerId).Select(e => new { e.LeaseOwner, e.LeaseExpiresAt }).SingleAsync(cancellationToken);
            return new ExchangeOutcome([], holder.LeaseOwner is null
                ? $"the exchange of {buyer.Code} is no longer due (another process ran it)."
                : $"the exchange of {buyer.Code} is running in {holder.LeaseOwner} (lease until {holder.LeaseExpiresAt:yyyy-MM-dd HH:mm:ss} UTC).", Busy: true);
        }

        var runs = new List<ExchangeRun>();
        try
        {
            var folders = ExchangeFolderSet.For(files, buyer.Code, profile.Folders);
            if (!request.DryRun)
            {
                folders.Create();
                await FailAbandonedImportsAsync(buyerId, cancellationToken);
            }

            if (request.Inbound || request.File is not null)
            {
                foreach (var file in request.File is { } single ? [new FileInfo(single)] : CompleteFiles(folders.Inbound, profile.Inbound.Completion))
                {
                    runs.Add(await RunSafelyAsync(buyerId, ExchangeDirection.Inbound, request, file.Name,
                        () => import.RunAsync(buyer, profile, folders, file, request, progress, cancellationToken), cancellationToken));
                }
            }

            if (request.Outbound && request.File is null)
            {
                runs.Add(await RunSafelyAsync(buyerId, ExchangeDirection.Outbound, request, null,
                    () => export.RunAsync(buyer, profile, folders, request, progress, cancellationToken), cancellationToken));
            }
        }
        finally
        {
            await lease.ReleaseAsync(buyerId, newAnchor, servedRequest, CancellationToken.None);
        }

        return new ExchangeOutcome(runs);
    }

    /// <summary>
    /// The complete order files waiting in the folder, by name (ERPs put the date in it): <c>*.csv</c> files, or with
    /// <see cref="FileCompletion.DoneMarker"/> only those whose <c>.done</c> marker exists. Hidden files are ignored.
    /// </summary>
    public static IReadOnlyList<FileInfo> CompleteFiles(string folder, FileCompletion completion)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return new DirectoryInfo(folder).EnumerateFiles()
            .Where(f => f.Extension.Equals(".csv", StringComparison.OrdinalIgnoreCase) && !f.Name.StartsWith('.'))
            .Where(f => completion != FileCompletion.DoneMarker || File.Exists(f.FullName + ".done"))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>An unexpected failure of one run is recorded on it (and logged); the other files still run.</summary>
    private async Task<ExchangeRun> RunSafelyAsync(
        Guid buyerId, ExchangeDirection direction, ExchangeRequest request, string? fileName, Func<Task<ExchangeRun>> run, CancellationToken cancellationToken)
    {
        try
        {
            return await run();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogRunFailed(logger, e, direction, fileName);
            db.ChangeTracker.Clear();
            var open = await db.ExchangeRuns
                .Where(r => r.BuyerId == buyerId && r.Direction == direction && r.Status == ExchangeRunStatus.Running)
                .OrderByDescending(r => r.StartedAt).FirstOrDefaultAsync(cancellationToken);
            if (open is { WatermarkTo: not null })
            {
                // An export whose range is fixed stays Running: the next run completes it rather than exporting it twice.
                return open;
            }

            var failed = open;
            if (failed is null)
            {
                failed = ExchangeRun.Start(buyerId, direction, request.Trigger, request.DryRun, request.StartedBy, clock.GetUtcNow().UtcDateTime);
                if (fileName is not null)
                {
                    failed.ForFile(fileName, null);
                }

                db.ExchangeRuns.Add(failed);
            }

            failed.Finish(ExchangeRunStatus.Failed, e.GetBaseException().Message, clock.GetUtcNow().UtcDateTime);
            if (!request.DryRun)
            {
                await db.SaveChangesAsync(cancellationToken);
            }

            return failed;
        }
    }

    /// <summary>
    /// Imports left in Running hold no lease any more (this process has it now): their process died. Their file is still
    /// in the inbound folder and is imported again in this run; the old entries say what happened.
    /// </summary>
    private Task<int> FailAbandonedImportsAsync(Guid buyerId, CancellationToken cancellationToken) =>
        db.ExchangeRuns.Where(r => r.BuyerId == buyerId && r.Direction == ExchangeDirection.Inbound && r.Status == ExchangeRunStatus.Running)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, ExchangeRunStatus.Failed)
                .SetProperty(r => r.FinishedAt, clock.GetUtcNow().UtcDateTime)
                .SetProperty(r => r.Message, "the process ended during the import; the file stayed in the inbound folder and is imported again by the next run."),
                cancellationToken);

    [LoggerMessage(Level = LogLevel.Error, Message = "An exchange run ({Direction}, {FileName}) failed.")]
    private static partial void LogRunFailed(ILogger logger, Exception exception, ExchangeDirection direction, string? fileName);
}
