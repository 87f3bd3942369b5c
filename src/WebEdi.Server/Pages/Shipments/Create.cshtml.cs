using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using WebEdi.Ordering.Shipments;
using WebEdi.Server.Portal;

namespace WebEdi.Server.Pages.Shipments;

/// <summary>
/// Creating a shipment (出荷登録) from the orders a clerk picked: their shippable lines, grouped by buyer and delivery
/// location — one form per group, because one shipment goes to one place — with the open quantity prefilled, and the
/// buyer's other open lines to the same place offered unticked.
/// </summary>
public sealed class CreateModel(
    ShipmentCandidates candidates, ShipmentService shipments, PortalUser user, CompanyAccessPolicy company, TimeProvider clock,
    IStringLocalizer<ShipmentsText> text) : PageModel
{
    /// <summary>The orders the clerk started from (<c>?order=…&amp;order=…</c>).</summary>
    [BindProperty(SupportsGet = true, Name = "order")]
    public List<Guid> Orders { get; set; } = [];

    public CandidateSet Candidates { get; private set; } = null!;

    /// <summary>The group whose form was posted (see <see cref="CandidateGroup.Key"/>).</summary>
    [BindProperty]
    public string? Group { get; set; }

    [BindProperty]
    public DateOnly? ShipDate { get; set; }

    [BindProperty]
    public List<LineForm> Lines { get; set; } = [];

    /// <summary>Each order's version when the page was drawn; a shipment against an order changed since is a conflict.</summary>
    [BindProperty]
    public Dictionary<Guid, int> Versions { get; set; } = [];

    /// <summary>The company's today: the ship date offered.</summary>
    public DateOnly Today { get; private set; }

    public Dictionary<Guid, List<string>> LineErrors { get; } = [];

    /// <summary>Problems not tied to one line, shown above the forms.</summary>
    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!user.CanAnswer)
        {
            return Forbid();
        }

        return await ShowAsync(cancellationToken);
    }

    /// <summary>From the inbox: the ticked orders become this page's orders.</summary>
    public async Task<IActionResult> OnPostStartAsync(List<Guid> selected, CancellationToken cancellationToken)
    {
        if (!user.CanAnswer)
        {
            return Forbid();
        }

        if (selected.Count == 0)
        {
            TempData["Notice"] = text["出荷を作成する注文を選択してください。"].Value;
            return Redirect("/Orders");
        }

        if (selected.Count > ShipmentCandidates.MaxOrders || await candidates.FindAsync(user.Company, selected, cancellationToken) is null)
        {
            return selected.Count > ShipmentCandidates.MaxOrders ? BadRequest() : NotFound();
        }

        return RedirectToPage(new { order = selected.Distinct().ToList() });
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!user.CanAnswer)
        {
            return Forbid();
        }

        // Values that are not numbers or dates ("abc" as a quantity): name the line, store nothing. Missing versions (a
        // hand-made post) only skip the conflict check; the service still checks every rule.
        var typed = ModelState.ContainsKey(nameof(ShipDate)) && ModelState[nameof(ShipDate)]!.Errors.Count > 0;
        foreach (var (key, entry) in ModelState.Where(e => e.Value?.Errors.Count > 0 && (e.Key.StartsWith("Lines[", StringComparison.Ordinal) || e.Key == nameof(ShipDate))))
        {
            var line = key.StartsWith("Lines[", StringComparison.Ordinal) && int.TryParse(key.AsSpan(6, Math.Max(0, key.IndexOf(']', StringComparison.Ordinal) - 6)), out var i)
                && i >= 0 && i < Lines.Count ? Lines[i].LineId : Guid.Empty;
            AddError(line == Guid.Empty ? null : line, text["「{0}」は正しい数値または日付ではありません。", entry!.AttemptedValue ?? key].Value);
        }

        ModelState.Clear();
        var picked = Lines.Where(l => l.Selected).ToList();
        if (ShipDate is null && !typed)
        {
            AddError(null, text["出荷日を入力してください。"].Value);
        }

        foreach (var line in picked.Where(l => l.Quantity is null && !HasError(l.LineId)))
        {
            AddError(line.LineId, text["出荷数量を入力してください。"].Value);
        }

        if (picked.Count == 0 && LineErrors.Count == 0 && Errors.Count == 0)
        {
            AddError(null, text["出荷する明細を選んでください。"].Value);
        }

        if (LineErrors.Count == 0 && Errors.Count == 0)
        {
            var request = new NewShipment(ShipDate!.Value, [.. picked.Select(l => new ShipmentLineRequest(l.LineId, l.Quantity!.Value))], Versions);
            switch (await shipments.CreateAsync(user.Company, request, new Shipper(user.UserId, user.DisplayName), cancellationToken))
            {
                case ShipmentOutcome.Created created:
                    TempData["Notice"] = text["出荷を登録しました（納品書番号 {0}）。納品書を印刷して貨物に添付してください。発注元へ出荷案内を送信します。", created.DeliveryNoteNumber].Value;
                    return Redirect($"/Shipments/{created.ShipmentId}");
                case ShipmentOutcome.NotFound:
                    return NotFound();
                case ShipmentOutcome.Conflict conflict:
                    // The page is drawn again from the orders as they are now, with their new versions: a second try can succeed.
                    AddError(null, conflict.What.Length > 0
                        ? text["注文 {0} は、あなたが画面を開いた後に他の方（または発注元）が更新しました。最新の内容を表示しています。数量を確認して、もう一度登録してください。", conflict.What].Value
                        : text["同時に他の出荷が登録されたため登録できませんでした。内容を確認して、もう一度登録してください。"].Value);
                    break;
                case ShipmentOutcome.Refused refused:
                    foreach (var problem in refused.Problems)
                    {
                        AddError(problem.OrderLineId, ShipmentErrors.Describe(problem, text));
                    }

                    break;
            }
        }

        return await ShowAsync(cancellationToken);
    }

    /// <summary>A quantity as a number input holds it: invariant, no trailing zeros of the stored scale.</summary>
    public static string? Number(decimal? value) => value?.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);

    public bool WasPosted(CandidateGroup group) => Group == group.Key;

    /// <summary>The form row of a line: as posted when its group was posted, otherwise ticked for the chosen orders with the open quantity.</summary>
    public LineForm FormFor(CandidateGroup group, CandidateLine line, bool chosen) =>
        WasPosted(group) && Lines.FirstOrDefault(l => l.LineId == line.LineId) is { } posted
            ? posted
            : new LineForm { LineId = line.LineId, Selected = chosen && !WasPosted(group), Quantity = line.OpenQuantity };

    public DateOnly ShipDateFor(CandidateGroup group) => WasPosted(group) && ShipDate is { } posted ? posted : Today;

    private bool HasError(Guid lineId) => LineErrors.ContainsKey(lineId);

    private void AddError(Guid? lineId, string message)
    {
        if (lineId is not { } id)
        {
            Errors.Add(message);
            return;
        }

        if (!LineErrors.TryGetValue(id, out var list))
        {
            LineErrors[id] = list = [];
        }

        list.Add(message);
    }

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        if (Orders.Count > ShipmentCandidates.MaxOrders)
        {
            return BadRequest();
        }

        var zone = (await company.RulesAsync(user.Company, cancellationToken))!.TimeZone;
        Today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, zone));
        if (Orders.Count == 0)
        {
            Candidates = new CandidateSet([], []);
            return Page();
        }

        if (await candidates.FindAsync(user.Company, Orders, cancellationToken) is not { } found)
        {
            return NotFound();
        }

        Candidates = found;
        // Lines with a problem that are no longer on the page (cancelled meanwhile) still need their message shown.
        var shownLines = found.Groups.SelectMany(g => g.Chosen.Concat(g.Others)).Select(l => l.LineId).ToHashSet();
        foreach (var (lineId, messages) in LineErrors.Where(e => !shownLines.Contains(e.Key)).ToList())
        {
            Errors.AddRange(messages);
            LineErrors.Remove(lineId);
        }

        return Page();
    }
}

/// <summary>One line's row of the shipment form.</summary>
public sealed class LineForm
{
    public Guid LineId { get; set; }

    public bool Selected { get; set; }

    public decimal? Quantity { get; set; }
}
