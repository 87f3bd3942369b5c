using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using WebEdi.Ordering.Shipments;
using WebEdi.Server.Pages.Shipments;
using WebEdi.Server.Portal;

namespace WebEdi.Server.Pages.Company;

/// <summary>
/// The company's delivery note numbering (納品書番号): the prefix in front of the counter. Changing it never restarts the
/// counter, so a number is never handed out twice. Only for suppliers; a buyer company has nothing to number.
/// </summary>
public sealed class DeliveryNotesModel(
    ShipmentService shipments, PortalUser me, CompanyAccessPolicy access, IStringLocalizer<CompanyText> text, IStringLocalizer<ShipmentsText> shipmentText)
    : PageModel
{
    [BindProperty]
    public string? Prefix { get; set; }

    public string NextNumber { get; private set; } = "";

    public bool IsSupplier { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } prefix)
        {
            Prefix = prefix;
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is null)
        {
            return NotFound();
        }

        var prefix = (Prefix ?? "").Trim().ToUpperInvariant();
        var problems = await shipments.ChangePrefixAsync(me.Company, prefix, cancellationToken);
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                ModelState.AddModelError(nameof(Prefix), ShipmentErrors.Describe(new ShipmentProblem(problem), shipmentText));
            }

            return Page();
        }

        TempData["Notice"] = text["納品書番号のプレフィックスを「{0}」にしました。次の出荷から使われます。", prefix].Value;
        return RedirectToPage();
    }

    /// <summary>The current prefix, or null for a company that does not supply.</summary>
    private async Task<string?> LoadAsync(CancellationToken cancellationToken)
    {
        IsSupplier = (await access.RulesAsync(me.Company, cancellationToken))?.IsSupplier == true;
        if (!IsSupplier)
        {
            return null;
        }

        var (prefix, next) = await shipments.NumberingAsync(me.Company, cancellationToken);
        NextNumber = next;
        return prefix;
    }
}
