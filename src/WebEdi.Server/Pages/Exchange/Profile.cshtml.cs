using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using WebEdi.Integration.Exchange;
using WebEdi.Integration.Exchange.Profiles;
using WebEdi.Server.Portal;

namespace WebEdi.Server.Pages.Exchange;

/// <summary>
/// The profile editor: every setting of the buyer's exchange profile as a form, so no admin needs to write JSON. A
/// profile with problems is not stored; every problem is listed at the top (each names its JSON path, which the
/// import and the docs use too) and marked on its input, and the form keeps what the admin typed.
/// </summary>
public sealed class ProfileModel(BuyerExchangeSettings settings, PortalUser me, CompanyAccessPolicy company, IStringLocalizer<ExchangeText> text) : PageModel
{
    [BindProperty]
    public ProfileForm Form { get; set; } = new();

    public IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>The company's own zone, which an empty time zone means.</summary>
    public string CompanyZone { get; private set; } = "";

    public static IReadOnlyList<string> TimeZones { get; } =
        ["Asia/Tokyo", "UTC", "Asia/Seoul", "Asia/Shanghai", "Asia/Taipei", "Asia/Bangkok", "Asia/Singapore", "America/Los_Angeles", "America/New_York", "Europe/London", "Europe/Berlin"];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var overview = await settings.OverviewAsync(me.Company, 1, cancellationToken);
        if (overview.Profile is not { } profile)
        {
            TempData["Notice"] = text["先に用意されたプロファイルから夜間ファイル連携を始めてください。"].Value;
            return RedirectToPage("/Exchange/Index");
        }

        Form = ProfileForm.From(profile);
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // The form binds everything as text; what does not bind (a letter in a number field) is a problem of its own.
        var bindingProblems = ModelState.Where(e => e.Value?.Errors.Count > 0)
            .Select(e => text["{0} の値が正しくありません。", e.Key.Replace("Form.", "", StringComparison.Ordinal)].Value).ToList();
        var (profile, formProblems) = Form.ToProfile();
        var problems = bindingProblems.Concat(formProblems).ToList();
        if (problems.Count == 0)
        {
            try
            {
                await settings.SaveAsync(me.Company, profile, me.DisplayName, cancellationToken);
                TempData["Notice"] = text["プロファイルを保存しました。"].Value;
                return RedirectToPage("/Exchange/Index");
            }
            catch (ExchangeProfileException e)
            {
                problems.AddRange(e.Problems);
            }
        }
        else
        {
            // Every problem at once: the rules see the profile as far as the form could build it.
            problems.AddRange(ExchangeProfileRules.Validate(profile));
        }

        Problems = problems;
        foreach (var problem in problems.Skip(bindingProblems.Count))
        {
            if (Form.FormKey(problem) is { } key)
            {
                ModelState.AddModelError(key, problem);
            }
        }

        Form.EnsureBlankRows();
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        CompanyZone = (await company.RulesAsync(me.Company, cancellationToken))!.TimeZoneId;
}
