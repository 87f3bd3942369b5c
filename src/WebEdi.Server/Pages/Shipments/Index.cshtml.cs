using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using WebEdi.Server.Portal;

namespace WebEdi.Server.Pages.Shipments;

/// <summary>The shipment list (出荷一覧): filters, paging, and printing the delivery notes of ticked (or all filtered) shipments as one PDF.</summary>
public sealed class IndexModel(
    ShipmentList list, DeliveryNotePrinting printing, PortalUser user, IStringLocalizer<ShipmentsText> text, IStringLocalizer<SharedResource> shared) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public ShipmentFilter Filter { get; set; } = new();

    public ShipmentPage Shipments { get; private set; } = null!;

    public bool CanPrint => user.CanAnswer;

    /// <summary>Why the last print request printed nothing.</summary>
    public List<string> PrintErrors { get; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            // A hand-edited or stale link (a date that is not one, status=foo): say so and show the defaults.
            var fields = string.Join(", ", ModelState.Where(e => e.Value?.Errors.Count > 0).Select(e => e.Key.Replace("Filter.", "", StringComparison.Ordinal)));
            ModelState.Clear();
            ModelState.AddModelError("", text["検索条件の一部が正しくないため無視しました: {0}", fields]);
            Filter = new ShipmentFilter();
        }

        await LoadAsync(cancellationToken);
    }

    /// <summary>The ticked shipments' notes in one PDF.</summary>
    public async Task<IActionResult> OnPostPrintAsync(List<Guid> selected, CancellationToken cancellationToken) =>
        await PrintAsync(selected, text["印刷する出荷を選択してください。"], text["一度に印刷できるのは {0} 件までです。", ShipmentList.MaxBatch], cancellationToken);

    /// <summary>Every shipment the filter selects that is not cancelled, up to <see cref="ShipmentList.MaxBatch"/>, in one PDF.</summary>
    public async Task<IActionResult> OnPostPrintAllAsync(CancellationToken cancellationToken) =>
        await PrintAsync(
            user.CanAnswer && ModelState.IsValid ? await list.PrintableIdsAsync(user.Company, Filter, cancellationToken) : [],
            text["この条件で印刷できる出荷はありません（取消済みは印刷しません）。"],
            text["この条件の出荷は {0} 件を超えています。出荷日などで絞り込んでから印刷してください。", ShipmentList.MaxBatch],
            cancellationToken);

    /// <summary>The current filter as route values, for links that change the page.</summary>
    public Dictionary<string, string?> RouteValues(int? page = null)
    {
        var f = Filter;
        var values = new Dictionary<string, string?>
        {
            ["Filter.Buyer"] = f.Buyer?.ToString(),
            ["Filter.ShippedFrom"] = f.ShippedFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Filter.ShippedTo"] = f.ShippedTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Filter.Status"] = f.Status?.ToString(),
            ["Filter.Query"] = f.Query,
            ["Filter.PageNumber"] = page is > 1 ? page.Value.ToString(CultureInfo.InvariantCulture) : null,
        };
        return values.Where(v => !string.IsNullOrEmpty(v.Value)).ToDictionary(v => v.Key, v => v.Value);
    }

    private async Task<IActionResult> PrintAsync(IReadOnlyList<Guid> ids, string none, string tooMany, CancellationToken cancellationToken)
    {
        if (!user.CanAnswer)
        {
            return Forbid();
        }

        if (ids.Count == 0 || ids.Count > ShipmentList.MaxBatch)
        {
            PrintErrors.Add(ids.Count == 0 ? none : tooMany);
        }
        else if (Printing.Answer(this, await printing.PrintAsync(user.Company, ids, user, cancellationToken), shared, "納品書", PrintErrors) is { } result)
        {
            return result;
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) => Shipments = await list.PageAsync(user.Company, Filter, cancellationToken);
}
