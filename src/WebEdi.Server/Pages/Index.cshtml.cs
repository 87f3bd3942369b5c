using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using WebEdi.Server.Health;

namespace WebEdi.Server.Pages;

/// <summary>The front page: what WebEdi is, and whether this instance is ready.</summary>
public sealed class IndexModel(HealthCheckService health) : PageModel
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["database"] = "データベース",
        ["masstransit-bus"] = "メッセージバス",
    };

    public bool Ready { get; private set; }

    public IReadOnlyList<CheckView> Checks { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(c => c.Tags.Contains(HealthExtensions.ReadyTag), cancellationToken);
        Ready = report.Status == HealthStatus.Healthy;
        Checks = report.Entries
            .Select(e => new CheckView(
                Names.GetValueOrDefault(e.Key, e.Key),
                e.Value.Status == HealthStatus.Healthy,
                e.Value.Status == HealthStatus.Healthy ? "正常" : "異常: " + (e.Value.Description ?? e.Value.Exception?.Message)))
            .ToList();
    }

    public sealed record CheckView(string Name, bool Healthy, string Description);
}
