using System.Collections.Concurrent;
using Cronos;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WebEdi.Data;
using WebEdi.Data.Exchange;
using WebEdi.Integration.Exchange.Profiles;

namespace WebEdi.Integration.Exchange;

/// <summary>
/// The <c>scheduler</c> role: looks at every enabled exchange every few seconds and runs those that are due — their
/// cron time (in the buyer's time zone) has come since the last scheduled run, or a buyer admin pressed "run now".
/// Several instances may run: the lease lets one of them run a buyer's exchange and the others pass. A server that was
/// down at 02:00 finds the run due when it starts and runs it once, however many nights it missed.
/// </summary>
public sealed partial class ExchangeScheduler(IServiceProvider services, IServiceScopeFactory scopes, TimeProvider clock, ILogger<ExchangeScheduler> logger)
    : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Migrated and the demo loaded (it may set up an exchange): a pass before that would only log errors.
        if (services.GetService<DatabaseInitialization>() is { } initialization)
        {
            await initialization.Completion.WaitAsync(stoppingToken);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be starting or restarting; the next look tries again.
                LogPassFailed(logger, e);
            }

            await Task.Delay(PollInterval, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>
    /// Each exchange's schedule as its profile states it, kept while the exchange's <see cref="BuyerExchange.UpdatedAt"/>
    /// stays the same: a look reads the small columns of every exchange and a profile only when it changed.
    /// </summary>
    private readonly ConcurrentDictionary<Guid, Schedule> _schedules = new();

    /// <summary>One look: runs every due exchange, one after the other. Returns how many ran.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        List<Due> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WebEdiDbContext>();
            var exchanges = await db.BuyerExchanges.AsNoTracking().Where(e => e.Enabled)
                .Join(db.Companies, e => e.BuyerId, c => c.Id, (e, c) => new Looked(
                    e.BuyerId, c.Code, c.TimeZoneId, e.UpdatedAt, e.ScheduleAnchor, e.RunRequestedAt, e.RunRequestedBy))
                .ToListAsync(cancellationToken);
            var changed = exchanges.Where(x => !_schedules.TryGetValue(x.BuyerId, out var known) || known.UpdatedAt != x.UpdatedAt)
                .Select(x => x.BuyerId).ToList();
            if (changed.Count > 0)
            {
                var profiles = await db.BuyerExchanges.AsNoTracking().Where(e => changed.Contains(e.BuyerId))
                    .Select(e => new { e.BuyerId, e.UpdatedAt, e.ProfileJson }).ToListAsync(cancellationToken);
                foreach (var profile in profiles)
                {
                    var code = exchanges.First(x => x.BuyerId == profile.BuyerId).Code;
                    _schedules[profile.BuyerId] = Read(code, profile.UpdatedAt, profile.ProfileJson);
                }
            }

            var now = clock.GetUtcNow().UtcDateTime;
            due = exchanges.Select(x => DueRun(x, _schedules.GetValueOrDefault(x.BuyerId), now)).OfType<Due>().ToList();
        }

        var ran = 0;
        foreach (var run in due)
        {
            await using var scope = scopes.CreateAsyncScope();
            var runner = scope.ServiceProvider.GetRequiredService<ExchangeRunner>();
            var outcome = await runner.RunAsync(run.BuyerId, new ExchangeRequest(run.Trigger, run.By), progress: null, cancellationToken,
                scheduledAnchor: run.Anchor, newAnchor: run.NewAnchor, servedRequest: run.Request);
            if (outcome.Ran)
            {
                ran++;
                LogRan(logger, run.BuyerCode, run.Trigger, outcome.Runs.Count, string.Join(", ", outcome.Runs.Select(r => r.Status)));
            }
        }

        return ran;
    }

    /// <summary>The run an exchange is due for now, or null: a "run now" first, else its schedule's time.</summary>
    private static Due? DueRun(Looked exchange, Schedule? schedule, DateTime now)
    {
        if (exchange.RunRequestedAt is { } requested)
        {
            return new Due(exchange.BuyerId, exchange.Code, ExchangeTrigger.Request, exchange.RunRequestedBy, null, null, requested);
        }

        if (schedule?.Cron is not { } cron)
        {
            return null;
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(schedule.TimeZone ?? exchange.CompanyZone);
        var anchor = DateTime.SpecifyKind(exchange.ScheduleAnchor, DateTimeKind.Utc);
        if (cron.GetNextOccurrence(anchor, zone) is not { } next || next > now)
        {
            return null;
        }

        // Several missed times (a server down for days) make one run; the schedule continues from the latest of them.
        var latest = cron.GetOccurrences(next, now, zone, fromInclusive: true, toInclusive: true).Last();
        return new Due(exchange.BuyerId, exchange.Code, ExchangeTrigger.Schedule, null, exchange.ScheduleAnchor, latest, null);
    }

    /// <summary>A profile's schedule; none for a profile run only on demand, or one that cannot be read (logged once per change).</summary>
    private Schedule Read(string code, DateTime updatedAt, string json)
    {
        try
        {
            var profile = ExchangeProfileJson.Deserialize(json);
            return new Schedule(updatedAt, profile.Schedule is { } cron ? CronExpression.Parse(cron) : null, profile.TimeZone);
        }
        catch (ExchangeProfileException e)
        {
            LogBadProfile(logger, code, string.Join("; ", e.Problems));
            return new Schedule(updatedAt, null, null);
        }
    }

    private sealed record Looked(
        Guid BuyerId, string Code, string CompanyZone, DateTime UpdatedAt, DateTime ScheduleAnchor, DateTime? RunRequestedAt, string? RunRequestedBy);

    private sealed record Schedule(DateTime UpdatedAt, CronExpression? Cron, string? TimeZone);

    private sealed record Due(Guid BuyerId, string BuyerCode, ExchangeTrigger Trigger, string? By, DateTime? Anchor, DateTime? NewAnchor, DateTime? Request);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The exchange scheduler's pass failed; it looks again shortly.")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Exchange of {Buyer} ({Trigger}): {Count} run(s): {Statuses}.")]
    private static partial void LogRan(ILogger logger, string buyer, ExchangeTrigger trigger, int count, string statuses);

    [LoggerMessage(Level = LogLevel.Error, Message = "The exchange profile of {Buyer} cannot be read ({Problems}); its schedule is skipped.")]
    private static partial void LogBadProfile(ILogger logger, string buyer, string problems);
}
