using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using WebEdi.Ordering.Shipments;
using WebEdi.Server.Portal;

namespace WebEdi.Server.Pages.Shipments;

/// <summary>One shipment (出荷詳細): header, lines and totals, printing its delivery note set, the print history, and cancelling it.</summary>
public sealed class DetailModel(
    ShipmentDetailQuery details, ShipmentService shipments, DeliveryNotePrinting printing, PortalUser user, CompanyAccessPolicy company,
    IStringLocalizer<ShipmentsText> text, IStringLocalizer<SharedResource> shared) : PageModel
{
    public ShipmentDetail Detail { get; private set; } = null!;

    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    /// <summary>The shipment's version when the page was drawn; a cancellation against an older one is a conflict.</summary>
    [BindProperty]
    public int Version { get; set; }

    public bool CanAct => user.CanAnswer;

    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await ShowAsync(id, cancellationToken);

    public async Task<IActionResult> OnPostPrintAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!user.CanAnswer)
        {
            return Forbid();
        }

        return Printing.Answer(this, await printing.PrintAsync(user.Company, [id], user, cancellationToken), shared, "納品書", Errors)
            ?? await ShowAsync(id, cancellationToken);
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!user.CanAnswer)
        {
            return Forbid();
        }

        switch (await shipments.CancelAsync(user.Company, id, Version, new Shipper(user.UserId, user.DisplayName), cancellationToken))
        {
            case ShipmentOutcome.Cancelled cancelled:
                TempData["Notice"] = text["出荷 {0} を取り消しました。数量は未出荷に戻り、発注元へ出荷取消を送信します。納品書番号は再使用されません。", cancelled.DeliveryNoteNumber].Value;
                return RedirectToPage(new { id });
            case ShipmentOutcome.NotFound:
                return NotFound();
            case ShipmentOutcome.Conflict:
                Errors.Add(text["この出荷は、あなたが画面を開いた後に更新されました。最新の内容を確認してから、もう一度操作してください。"]);
                break;
            case ShipmentOutcome.Refused refused:
                Errors.AddRange(refused.Problems.Select(p => ShipmentErrors.Describe(p, text)));
                break;
        }

        return await ShowAsync(id, cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await details.ReadAsync(user.Company, id, cancellationToken) is not { } detail)
        {
            return NotFound();
        }

        Detail = detail;
        Zone = (await company.RulesAsync(user.Company, cancellationToken))!.TimeZone;
        // The page shows the shipment as it is now; the version moves on so a second try can succeed.
        Version = detail.Shipment.Version;
        ModelState.Remove(nameof(Version));
        return Page();
    }
}
