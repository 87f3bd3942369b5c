using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using WebEdi.Integration.Deliveries;
using WebEdi.Server.Portal;

namespace WebEdi.Server.Pages.Deliveries;

/// <summary>
/// One delivery: the document as the buyer receives it, where it goes, every attempt with what the other side said,
/// and "send again". A buyer admin sees only the buyer's own deliveries (another's id is 404); a platform operator
/// sees any, to help a buyer whose documents are stuck.
/// </summary>
public sealed class DetailModel(DeliveryLog log, PortalUser me, CompanyAccessPolicy company, IStringLocalizer<DeliveriesText> text) : PageModel
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public DeliveryDetail Delivery { get; private set; } = null!;

    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    /// <summary>The document, indented for reading (the buyer receives it compact).</summary>
    public string Document { get; private set; } = "";

    public bool IsOperator => me.CompanyId is null;

    public async Task<IActionResult> OnGetAsync(long sequence, CancellationToken cancellationToken)
    {
        if (await LoadAsync(sequence, cancellationToken) is null)
        {
            return NotFound();
        }

        return Page();
    }

    public async Task<IActionResult> OnPostReplayAsync(long sequence, CancellationToken cancellationToken)
    {
        if (await LoadAsync(sequence, cancellationToken) is null)
        {
            return NotFound();
        }

        TempData["Notice"] = await log.ReplayAsync(Scope, sequence, cancellationToken)
            ? text["同じ文書番号でもう一度送ります。"].Value
            : text["この文書はいま送信中です。結果が出てからもう一度お試しください。"].Value;
        return RedirectToPage(new { sequence });
    }

    /// <summary>The buyer whose deliveries the user may see: the own company, or every buyer for a platform operator.</summary>
    private Guid? Scope => IsOperator ? null : me.Company;

    private async Task<DeliveryDetail?> LoadAsync(long sequence, CancellationToken cancellationToken)
    {
        var detail = await log.DetailAsync(Scope, sequence, cancellationToken);
        if (detail is null)
        {
            return null;
        }

        Delivery = detail;
        Zone = IsOperator
            ? TimeZoneInfo.FindSystemTimeZoneById(WebEdi.Domain.Companies.Company.DefaultTimeZoneId)
            : (await company.RulesAsync(me.Company, cancellationToken))!.TimeZone;
        using var json = JsonDocument.Parse(detail.Payload);
        Document = JsonSerializer.Serialize(json.RootElement, Indented);
        return detail;
    }
}
