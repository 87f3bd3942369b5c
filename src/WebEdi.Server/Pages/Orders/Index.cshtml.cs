using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using WebEdi.Ordering.Answers;
using WebEdi.Server.Portal;

namespace WebEdi.Server.Pages.Orders;

/// <summary>The order inbox (注文一覧): tabs with counts, search, sort, paging, and bulk acceptance of selected orders.</summary>
public sealed class IndexModel(
    OrderInbox inbox, OrderAnswering answering, PortalUser user, CompanyAccessPolicy company, TimeProvider clock,
    IStringLocalizer<OrdersText> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public InboxFilter Filter { get; set; } = new();

    public InboxPage Inbox { get; private set; } = null!;

    public IReadOnlyList<BuyerOption> Buyers { get; private set; } = [];

    public bool CanAnswer => user.CanAnswer;

    /// <summary>The company's time zone: times on the page are its wall clock.</summary>
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            // A hand-edited or stale link (tab=foo, page=-1, a date that is not one): say so and show the defaults.
            var fields = string.Join(", ", ModelState.Where(e => e.Value?.Errors.Count > 0).Select(e => e.Key.Replace("Filter.", "", StringComparison.Ordinal)));
            ModelState.Clear();
            ModelState.AddModelError("", text["検索条件の一部が正しくないため無視しました: {0}", fields]);
            Filter = new InboxFilter();
        }

        await LoadAsync(cancellationToken);
    }

    /// <summary>Accepts every waiting line of the selected orders (一括受諾), in one transaction.</summary>
    public async Task<IActionResult> OnPostAcceptAsync(List<Guid> selected, CancellationToken cancellationToken)
    {
        if (!user.CanAnswer)
        {
            return Forbid();
        }

        if (selected.Count == 0)
        {
            ModelState.AddModelError("", text["一括受諾する注文を選択してください。"]);
            await LoadAsync(cancellationToken);
            return Page();
        }

        var (outcome, result) = await answering.AcceptOrdersAsync(user.Company, selected.Distinct().ToList(), Answerer(), cancellationToken);
        switch (outcome)
        {
            case AnswerOutcome.Answered when result is not null:
                var notice = text["{0} 件の注文を受諾しました。", result.Accepted.Count].Value;
                if (result.NothingToAnswer.Count > 0)
                {
                    notice += " " + text["回答待ちの明細がないため対象外: {0}", string.Join(", ", result.NothingToAnswer)].Value;
                }

                TempData["Notice"] = notice;
                return RedirectToPage(RouteValues());
            case AnswerOutcome.NotFound:
                return NotFound();
            case AnswerOutcome.Conflict conflict:
                ModelState.AddModelError("", text["注文 {0} は他の方が同時に更新しました。内容を確認してからもう一度操作してください。", conflict.OrderNumber]);
                break;
            case AnswerOutcome.Refused refused:
                foreach (var error in refused.Problems.Values.SelectMany(p => p))
                {
                    ModelState.AddModelError("", AnswerErrors.Describe(error, text));
                }

                break;
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>The current filter as route values, for links that change one part of it (tab, sort, page).</summary>
    public Dictionary<string, string?> RouteValues(InboxTab? tab = null, InboxSort? sort = null, bool? descending = null, int? page = null)
    {
        var f = Filter;
        var values = new Dictionary<string, string?>
        {
            ["Filter.Tab"] = (tab ?? f.Tab).ToString(),
            ["Filter.Query"] = f.Query,
            ["Filter.Buyer"] = f.Buyer?.ToString(),
            ["Filter.OrderedFrom"] = f.OrderedFrom?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Filter.OrderedTo"] = f.OrderedTo?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Filter.DeliveryFrom"] = f.DeliveryFrom?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Filter.DeliveryTo"] = f.DeliveryTo?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Filter.Sort"] = (sort ?? f.Sort).ToString(),
            ["Filter.Descending"] = (descending ?? f.Descending) ? "true" : null,
            ["Filter.PageNumber"] = page is > 1 ? page.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
        };
        return values.Where(v => !string.IsNullOrEmpty(v.Value)).ToDictionary(v => v.Key, v => v.Value);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var rules = await company.RulesAsync(user.Company, cancellationToken);
        Zone = rules!.TimeZone;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, Zone));
        Inbox = await inbox.PageAsync(user.Company, Filter, today, cancellationToken);
        Buyers = Inbox.Buyers;
    }

    private Answerer Answerer() => new(user.UserId, user.DisplayName);
}
