using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using WebEdi.Data;
using WebEdi.Integration.Deliveries;
using WebEdi.Server.Pages.Deliveries;

namespace WebEdi.Server.Pages.Operator;

/// <summary>
/// For the platform operator: deliveries across all buyers that need a look — dead, retried several times, waiting
/// long, or handed over and not finished — with the buyer, so the operator can call the right integrator, and replay.
/// </summary>
public sealed class DeliveriesModel(DeliveryLog log, WebEdiDbContext db, IStringLocalizer<DeliveriesText> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? Buyer { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public DeliveryPage Log { get; private set; } = null!;

    public IReadOnlyList<(Guid Id, string Code, string Name)> Buyers { get; private set; } = [];

    /// <summary>Operators work on the platform's clock: Japan time.</summary>
    public TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById(WebEdi.Domain.Companies.Company.DefaultTimeZoneId);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>Replays every dead delivery of the chosen buyer (all buyers when none is chosen).</summary>
    public async Task<IActionResult> OnPostReplayDeadAsync(CancellationToken cancellationToken)
    {
        var count = await log.ReplayDeadAsync(Buyer, cancellationToken);
        TempData["Notice"] = text["配信不能だった {0} 件の文書をもう一度送ります。", count.ToString("#,0", CultureInfo.InvariantCulture)].Value;
        return RedirectToPage(new { Buyer });
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Buyers = (await db.Companies.AsNoTracking().Where(c => c.IsBuyer).OrderBy(c => c.Code).Select(c => new { c.Id, c.Code, c.Name }).ToListAsync(cancellationToken))
            .Select(c => (c.Id, c.Code, c.Name)).ToList();
        Log = await log.StuckAsync(new DeliveryFilter(BuyerId: Buyer), PageNumber, Zone, cancellationToken);
    }
}
