using System.Text;
using Cronos;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using WebEdi.Data;
using WebEdi.Integration.Exchange;
using WebEdi.Integration.Exchange.Profiles;
using WebEdi.Server.Portal;

namespace WebEdi.Server.Pages.Exchange;

/// <summary>
/// 夜間ファイル連携: the buyer's nightly CSV exchange — its profile, schedule, folders and history; "run now"; the
/// profile as a JSON file out and in; starting from a built-in profile. Buyer admins only, always their own buyer.
/// </summary>
[RequestSizeLimit(MaxImportBytes + (64 * 1024))]
[RequestFormLimits(MultipartBodyLengthLimit = MaxImportBytes + (64 * 1024))]
public sealed class IndexModel(
    BuyerExchangeSettings settings, WebEdiDbContext db, PortalUser me, CompanyAccessPolicy company, TimeProvider clock, IStringLocalizer<ExchangeText> text) : PageModel
{
    /// <summary>A profile JSON is a few KB; 200 KB is far beyond any real one and below what the database column holds.</summary>
    public const int MaxImportBytes = 200 * 1024;

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public ExchangeOverview Overview { get; private set; } = null!;

    /// <summary>The zone the schedule runs in: the profile's, else the company's. Times on the page are shown in it.</summary>
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    public DateTime? NextRun { get; private set; }

    /// <summary>What was wrong with an imported file, each problem as the reader or the rules said it.</summary>
    public IReadOnlyList<string> ImportProblems { get; private set; } = [];

    public int PageCount => Math.Max(1, (Overview.TotalRuns + BuyerExchangeSettings.PageSize - 1) / BuyerExchangeSettings.PageSize);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>The error report of one of the buyer's own runs; another buyer's run (or one without a report) is not found.</summary>
    public async Task<IActionResult> OnGetReportAsync(Guid run, CancellationToken cancellationToken) =>
        await settings.ErrorReportAsync(me.Company, run, cancellationToken) is { } report
            ? File(report.Report, "text/csv; charset=utf-8", report.FileName)
            : NotFound();

    /// <summary>The profile as the JSON file an import reads back.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var overview = await settings.OverviewAsync(me.Company, 1, cancellationToken);
        if (overview.Profile is not { } profile)
        {
            return NotFound();
        }

        var code = await db.Companies.Where(c => c.Id == me.Company).Select(c => c.Code).SingleAsync(cancellationToken);
        return File(new UTF8Encoding(false).GetBytes(ExchangeProfileJson.Serialize(profile)), "application/json", $"exchange-profile-{code}.json");
    }

    /// <summary>Creates the exchange from a built-in profile; an existing exchange is left as it is.</summary>
    public async Task<IActionResult> OnPostStartAsync(string? profile, CancellationToken cancellationToken)
    {
        if (BuiltInProfiles.All.FirstOrDefault(p => p.Key == profile).Profile is not { } builtIn)
        {
            return NotFound();
        }

        if ((await settings.OverviewAsync(me.Company, 1, cancellationToken)).Exchange is not null)
        {
            TempData["Notice"] = text["夜間ファイル連携は設定済みです。プロファイルを変えるには編集するか、JSON を取り込んでください。"].Value;
            return RedirectToPage();
        }

        await settings.SaveAsync(me.Company, builtIn, me.DisplayName, cancellationToken);
        TempData["Notice"] = text["「{0}」で夜間ファイル連携を始めました。フォルダーとスケジュールを確認してください。", builtIn.Name].Value;
        return RedirectToPage();
    }

    /// <summary>Replaces (or creates) the profile from a JSON file: stored only when it has no problem at all.</summary>
    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        ImportProblems = await ImportAsync(file, cancellationToken);
        if (ImportProblems.Count == 0)
        {
            TempData["Notice"] = text["プロファイルを取り込みました。"].Value;
            return RedirectToPage();
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostSwitchAsync(bool on, CancellationToken cancellationToken)
    {
        if (!await settings.EnableAsync(me.Company, on, me.DisplayName, cancellationToken))
        {
            return NotFound();
        }

        TempData["Notice"] = on
            ? text["夜間ファイル連携を有効にしました。次のスケジュールの時刻から実行します。"].Value
            : text["夜間ファイル連携を停止しました。スケジュールでも「今すぐ実行」でも実行されません。"].Value;
        return RedirectToPage();
    }

    /// <summary>"Run now": the scheduler picks the request up within a few seconds.</summary>
    public async Task<IActionResult> OnPostRunAsync(CancellationToken cancellationToken)
    {
        TempData["Notice"] = await settings.RequestRunAsync(me.Company, me.DisplayName, cancellationToken)
            ? text["実行を依頼しました。数秒以内に始まります。結果はこの画面を再読み込みすると履歴に表示されます。"].Value
            : text["停止中のため実行できません。先に有効にしてください。"].Value;
        return RedirectToPage();
    }

    private async Task<IReadOnlyList<string>> ImportAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            return [text["取り込む JSON ファイルを選んでください。"]];
        }

        if (file.Length > MaxImportBytes)
        {
            return [text["ファイルが大きすぎます（{0:#,0} バイト）。{1:#,0} KB までにしてください。", file.Length, MaxImportBytes / 1024]];
        }

        string json;
        try
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, cancellationToken);
            // Strict UTF-8: a Shift_JIS file would otherwise import with replacement characters in its column names.
            json = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return [text["ファイルが UTF-8 ではありません。書き出したままの JSON ファイルを選んでください。"]];
        }

        try
        {
            await settings.SaveJsonAsync(me.Company, json, me.DisplayName, cancellationToken);
            return [];
        }
        catch (ExchangeProfileException e)
        {
            return e.Problems;
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        PageNumber = Math.Max(1, PageNumber);
        Overview = await settings.OverviewAsync(me.Company, PageNumber, cancellationToken);
        var companyZone = (await company.RulesAsync(me.Company, cancellationToken))!.TimeZone;
        Zone = Overview.Profile?.TimeZone is { } id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : companyZone;
        if (Overview.Exchange is { Enabled: true } && Overview.Profile?.Schedule is { } schedule)
        {
            NextRun = CronExpression.Parse(schedule).GetNextOccurrence(clock.GetUtcNow().UtcDateTime, Zone);
        }
    }
}
