using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using WebEdi.Data.Deliveries;
using WebEdi.Domain;
using WebEdi.Integration;
using WebEdi.Integration.Channels;
using WebEdi.Server.Portal;

namespace WebEdi.Server.Pages.Company;

/// <summary>
/// 連携設定: how the buyer's documents reach its ERP — the message queue (set up by the platform operator), a signed
/// webhook, CSV files in its outbound folder — each switched on or off. A webhook's secret is shown once, when the
/// webhook is created or the secret rotated; the old secret keeps being signed with for a day so the ERP can switch.
/// </summary>
public sealed class IntegrationModel(
    BuyerChannels channels, PortalUser me, IntegrationOptions options, IStringLocalizer<CompanyText> text, IStringLocalizer<SharedResource> shared) : PageModel
{
    [BindProperty]
    public string WebhookUrl { get; set; } = "";

    [BindProperty]
    public int TimeoutSeconds { get; set; } = BuyerChannel.DefaultTimeoutSeconds;

    [BindProperty]
    public int WebhookRetryHours { get; set; } = BuyerChannel.DefaultRetryWindowHours;

    [BindProperty]
    public FileDropEncoding Encoding { get; set; } = FileDropEncoding.ShiftJis;

    [BindProperty]
    public int FileRetryHours { get; set; } = BuyerChannel.DefaultRetryWindowHours;

    public ChannelOverview Channels { get; private set; } = null!;

    /// <summary>A secret just created or rotated: shown on this response only, never again.</summary>
    public string? NewSecret { get; private set; }

    public bool HttpAllowed => options.Webhooks.AllowHttp;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(Section.None, cancellationToken);

    public async Task<IActionResult> OnPostWebhookAsync(CancellationToken cancellationToken)
    {
        try
        {
            NewSecret = await channels.SaveWebhookAsync(me.Company, WebhookUrl, TimeoutSeconds, WebhookRetryHours, cancellationToken);
            if (NewSecret is null)
            {
                TempData["Notice"] = text["Webhook の設定を保存しました。"].Value;
                return RedirectToPage();
            }
        }
        catch (DomainRuleException e)
        {
            AddErrors(e, new() { ["url"] = nameof(WebhookUrl), ["timeoutSeconds"] = nameof(TimeoutSeconds), ["retryWindowHours"] = nameof(WebhookRetryHours) });
        }

        await LoadAsync(Section.Webhook, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRotateAsync(CancellationToken cancellationToken)
    {
        NewSecret = await channels.RotateSecretAsync(me.Company, cancellationToken);
        if (NewSecret is null)
        {
            return NotFound();
        }

        await LoadAsync(Section.None, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostFileDropAsync(CancellationToken cancellationToken)
    {
        try
        {
            await channels.SaveFileDropAsync(me.Company, Encoding, FileRetryHours, cancellationToken);
            TempData["Notice"] = text["ファイル連携の設定を保存しました。"].Value;
            return RedirectToPage();
        }
        catch (DomainRuleException e)
        {
            AddErrors(e, new() { ["encoding"] = nameof(Encoding), ["retryWindowHours"] = nameof(FileRetryHours) });
        }

        await LoadAsync(Section.FileDrop, cancellationToken);
        return Page();
    }

    /// <summary>Switches a channel on or off. Off means no new deliveries on it; what is already waiting resumes when it is on again.</summary>
    public async Task<IActionResult> OnPostSwitchAsync(ChannelKind kind, bool on, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(kind) || !await channels.SwitchAsync(me.Company, kind, on, cancellationToken))
        {
            return NotFound();
        }

        TempData["Notice"] = on
            ? text["{0} を有効にしました。", shared[PortalLabels.Channel(kind)]].Value
            : text["{0} を停止しました。停止中の文書はこの経路には送られません。", shared[PortalLabels.Channel(kind)]].Value;
        return RedirectToPage();
    }

    private void AddErrors(DomainRuleException e, Dictionary<string, string> fields)
    {
        foreach (var error in e.Errors)
        {
            var field = fields.GetValueOrDefault(error.Path, "");
            ModelState.AddModelError(field, error.Code switch
            {
                "invalid_url" => text["https:// で始まる URL を入力してください（ユーザー名・パスワード・# は使えません）。"],
                "https_required" => text["このWebEdiでは https:// の URL だけが使えます。"],
                "too_long" => text["URL は {0} 文字以内にしてください。", BuyerChannel.MaxUrlLength],
                "out_of_range" when error.Path == "timeoutSeconds" => text["待ち時間は 1〜120 秒にしてください。"],
                "out_of_range" => text["再送を続ける時間は 1〜720 時間にしてください。"],
                _ => text["入力内容を確認してください: {0}", error.Message],
            });
        }
    }

    /// <summary>The stored settings fill the forms, except the one just posted, which keeps what the admin typed.</summary>
    private async Task LoadAsync(Section posted, CancellationToken cancellationToken)
    {
        Channels = await channels.OverviewAsync(me.Company, cancellationToken);
        if (posted != Section.Webhook && Channels.Webhook is { } webhook)
        {
            (WebhookUrl, TimeoutSeconds, WebhookRetryHours) = (webhook.Url ?? "", webhook.TimeoutSeconds, webhook.RetryWindowHours);
        }

        if (posted != Section.FileDrop && Channels.FileDrop is { } files)
        {
            (Encoding, FileRetryHours) = (files.Encoding, files.RetryWindowHours);
        }
    }

    private enum Section
    {
        None,
        Webhook,
        FileDrop,
    }
}
