using Microsoft.EntityFrameworkCore;
using WebEdi.Data;
using WebEdi.Data.Exchange;
using WebEdi.Integration.Channels.Files;
using WebEdi.Integration.Exchange.Profiles;

namespace WebEdi.Integration.Exchange;

/// <summary>A buyer's exchange as its admin sees it: the profile, where its folders are, and the latest runs.</summary>
public sealed record ExchangeOverview(BuyerExchange? Exchange, ExchangeProfile? Profile, ExchangeFolderSet? Folders, IReadOnlyList<ExchangeRunView> Runs, int TotalRuns);

/// <summary>One run in the history, without its error report (fetched alone when downloaded).</summary>
public sealed record ExchangeRunView(
    Guid Id, ExchangeDirection Direction, ExchangeTrigger Trigger, ExchangeRunStatus Status, DateTime StartedAt, DateTime? FinishedAt,
    string? StartedBy, string? FileName, int Rows, int Documents, int Received, int Duplicates, int Stale, int Refused, int Errors,
    string? Message, bool HasReport)
{
    public TimeSpan? Duration => FinishedAt - StartedAt;
}

/// <summary>
/// What a buyer admin (browser) and an operator (command line) change about a buyer's exchange. Every call is scoped
/// to the buyer it is made for; a profile is stored only when it passes every rule.
/// </summary>
public sealed class BuyerExchangeSettings(WebEdiDbContext db, FileDropOptions files, TimeProvider clock)
{
    public const int PageSize = 50;

    public async Task<ExchangeOverview> OverviewAsync(Guid buyerId, int page, CancellationToken cancellationToken)
    {
        var exchange = await db.BuyerExchanges.AsNoTracking().SingleOrDefaultAsync(e => e.BuyerId == buyerId, cancellationToken);
        var code = await db.Companies.Where(c => c.Id == buyerId).Select(c => c.Code).SingleAsync(cancellationToken);
        var profile = exchange is null ? null : ExchangeProfileJson.Deserialize(exchange.ProfileJson);
        var runs = db.ExchangeRuns.AsNoTracking().Where(r => r.BuyerId == buyerId && !r.DryRun);
        var total = await runs.CountAsync(cancellationToken);
        var latest = await runs.OrderByDescending(r => r.StartedAt).Skip(Math.Max(0, page - 1) * PageSize).Take(PageSize)
            .Select(r => new ExchangeRunView(
                r.Id, r.Direction, r.Trigger, r.Status, r.StartedAt, r.FinishedAt, r.StartedBy, r.FileName, r.Rows, r.Documents,
                r.Received, r.Duplicates, r.Stale, r.Refused, r.Errors, r.Message, r.ErrorReport != null))
            .ToListAsync(cancellationToken);
        return new ExchangeOverview(exchange, profile, profile is null ? null : ExchangeFolderSet.For(files, code, profile.Folders), latest, total);
    }

    /// <summary>Stores a profile given as JSON (an import): every problem of the file, or none, so nothing half-stored.</summary>
    public Task SaveJsonAsync(Guid buyerId, string json, string? by, CancellationToken cancellationToken) =>
        SaveAsync(buyerId, ExchangeProfileJson.Deserialize(json), by, cancellationToken);

    /// <summary>Creates the buyer's exchange with this profile, or changes its profile. Throws <see cref="ExchangeProfileException"/> when the profile breaks a rule.</summary>
    public async Task SaveAsync(Guid buyerId, ExchangeProfile profile, string? by, CancellationToken cancellationToken)
    {
        if (ExchangeProfileRules.Validate(profile) is { Count: > 0 } problems)
        {
            throw new ExchangeProfileException(problems);
        }

        var json = ExchangeProfileJson.Serialize(profile);
        var now = clock.GetUtcNow().UtcDateTime;
        var exchange = await db.BuyerExchanges.SingleOrDefaultAsync(e => e.BuyerId == buyerId, cancellationToken);
        if (exchange is null)
        {
            // A new exchange exports from now on: answers written before it existed went out by the buyer's other channels.
            var end = await db.OutboxMessages.Where(m => m.BuyerId == buyerId).MaxAsync(m => (long?)m.Sequence, cancellationToken) ?? 0;
            db.BuyerExchanges.Add(BuyerExchange.Create(buyerId, profile.Name, json, end, by, now));
        }
        else
        {
            exchange.ChangeProfile(profile.Name, json, by, now);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<bool> EnableAsync(Guid buyerId, bool enabled, string? by, CancellationToken cancellationToken)
    {
        if (await db.BuyerExchanges.SingleOrDefaultAsync(e => e.BuyerId == buyerId, cancellationToken) is not { } exchange)
        {
            return false;
        }

        exchange.Enable(enabled, by, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>"Run now": the scheduler runs the exchange at its next look. False when there is no enabled exchange.</summary>
    public async Task<bool> RequestRunAsync(Guid buyerId, string by, CancellationToken cancellationToken)
    {
        if (await db.BuyerExchanges.SingleOrDefaultAsync(e => e.BuyerId == buyerId && e.Enabled, cancellationToken) is not { } exchange)
        {
            return false;
        }

        exchange.RequestRun(by, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The error report of one of the buyer's runs and the name to download it by; null for another buyer's run or a run without one.</summary>
    public async Task<(byte[] Report, string FileName)?> ErrorReportAsync(Guid buyerId, Guid runId, CancellationToken cancellationToken)
    {
        var run = await db.ExchangeRuns.AsNoTracking().Where(r => r.Id == runId && r.BuyerId == buyerId && r.ErrorReport != null)
            .Select(r => new { r.ErrorReport, r.FileName }).SingleOrDefaultAsync(cancellationToken);
        return run is null ? null : (run.ErrorReport!, $"{Path.GetFileNameWithoutExtension(run.FileName ?? "file")}.errors.csv");
    }
}
