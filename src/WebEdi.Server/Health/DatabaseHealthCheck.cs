using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using WebEdi.Data;

namespace WebEdi.Server.Health;

/// <summary>Ready when the database answers and carries every migration this build knows.</summary>
internal sealed class DatabaseHealthCheck(WebEdiDbContext db, IOptions<DatabaseOptions> options, DatabaseInitialization initialization)
    : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var provider = options.Value.Provider;
        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count == 0 && initialization.Pending is { } stage)
            {
                return HealthCheckResult.Unhealthy($"{provider} database reachable; start-up still {stage}.");
            }

            return pending.Count == 0
                ? HealthCheckResult.Healthy($"{provider} database reachable and up to date.")
                : HealthCheckResult.Unhealthy($"{provider} database reachable but {pending.Count} migration(s) not applied: {string.Join(", ", pending)}.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{provider} database unreachable: {e.GetBaseException().Message}");
        }
    }
}
