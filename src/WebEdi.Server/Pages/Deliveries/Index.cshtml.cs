using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using WebEdi.Data.Deliveries;
using WebEdi.Integration.Channels.Files;
using WebEdi.Integration.Deliveries;
using WebEdi.Server.Portal;

namespace WebEdi.Server.Pages.Deliveries;

/// <summary>
/// The buyer's delivery log (配信履歴): every document on every channel, newest first, with tabs by state, filters,
/// paging, and "send all dead ones again" once the buyer has fixed its endpoint. Only the buyer's own deliveries.
/// </summary>
public sealed class IndexModel(DeliveryLog log, PortalUser me, CompanyAccessPolicy company, IStringLocalizer<DeliveriesText> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DeliveryView View { get; set; }

    [BindProperty(SupportsGet = true)]
    public ChannelKind? Channel { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Type { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Order { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public DeliveryPage Log { get; private set; } = null!;

    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    /// <summary>The document types the log can show, for the filter.</summary>
    public static IReadOnlyList<string> DocumentTypes { get; } =
        [.. DocumentCsv.MessageTypes.Order(StringComparer.Ordinal)];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            var fields = string.Join(", ", ModelState.Where(e => e.Value?.Errors.Count > 0).Select(e => e.Key));
            ModelState.Clear();
            ModelState.AddModelError("", text["検索条件の一部が正しくないため無視しました: {0}", fields]);
            (View, Channel, Type, Order, From, To, PageNumber) = (DeliveryView.All, null, null, null, null, null, 1);
        }

        await LoadAsync(cancellationToken);
    }

    /// <summary>Sends every dead document of the buyer again (same document ids), after its endpoint was fixed.</summary>
    public async Task<IActionResult> OnPostReplayDeadAsync(CancellationToken cancellationToken)
    {
        var count = await log.ReplayDeadAsync(me.Company, cancellationToken);
        TempData["Notice"] = count == 0
            ? text["配信不能の文書はありません。"].Value
            : text["配信不能だった {0} 件の文書をもう一度送ります。", count.ToString("#,0", CultureInfo.InvariantCulture)].Value;
        return RedirectToPage(RouteValues(view: DeliveryView.Waiting, page: 1));
    }

    public Dictionary<string, string?> RouteValues(DeliveryView? view = null, int? page = null) => new()
    {
        ["View"] = (view ?? View).ToString(),
        ["Channel"] = Channel?.ToString(),
        ["Type"] = Type,
        ["Order"] = Order,
        ["From"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["To"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["p"] = (page ?? PageNumber).ToString(CultureInfo.InvariantCulture),
    };

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Zone = (await company.RulesAsync(me.Company, cancellationToken))!.TimeZone;
        Log = await log.ForBuyerAsync(me.Company, new DeliveryFilter(View, Channel, Type, Order, From, To), PageNumber, Zone, cancellationToken);
    }
}
