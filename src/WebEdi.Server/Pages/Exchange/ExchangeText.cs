using System.Globalization;
using Microsoft.Extensions.Localization;
using WebEdi.Data.Exchange;

namespace WebEdi.Server.Pages.Exchange;

/// <summary>The anchor type of the exchange pages' shared messages and labels (Resources/Pages/Exchange/ExchangeText.en.resx).</summary>
public sealed class ExchangeText;

/// <summary>How the exchange pages name directions, triggers, statuses and schedules, in the page's language.</summary>
public static class ExchangeLabels
{
    public static string Direction(IStringLocalizer<ExchangeText> text, ExchangeDirection direction) => direction switch
    {
        ExchangeDirection.Inbound => text["取込"],
        _ => text["出力"],
    };

    public static string Trigger(IStringLocalizer<ExchangeText> text, ExchangeTrigger trigger) => trigger switch
    {
        ExchangeTrigger.Schedule => text["スケジュール"],
        ExchangeTrigger.Request => text["今すぐ実行"],
        _ => text["コマンド"],
    };

    public static string Status(IStringLocalizer<ExchangeText> text, ExchangeRunStatus status) => status switch
    {
        ExchangeRunStatus.Running => text["実行中"],
        ExchangeRunStatus.Succeeded => text["成功"],
        ExchangeRunStatus.Rejected => text["ファイル不備"],
        ExchangeRunStatus.Duplicate => text["取込済みのファイル"],
        ExchangeRunStatus.NothingNew => text["新しい文書なし"],
        _ => text["失敗"],
    };

    /// <summary>The badge colour: the delivery log's states, so green and red mean the same on both pages.</summary>
    public static string StatusClass(ExchangeRunStatus status) => status switch
    {
        ExchangeRunStatus.Succeeded => "state-delivered",
        ExchangeRunStatus.Running => "state-queued",
        ExchangeRunStatus.NothingNew => "",
        ExchangeRunStatus.Duplicate => "state-retrying",
        _ => "state-dead",
    };

    /// <summary>
    /// The common cron shapes in words (毎日 02:00, 平日 01:30, 毎時 15 分); anything else is shown as its expression.
    /// Null: on demand only.
    /// </summary>
    public static string Schedule(IStringLocalizer<ExchangeText> text, string? cron)
    {
        if (cron is null)
        {
            return text["スケジュールなし（「今すぐ実行」でのみ実行）"];
        }

        var parts = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 5 && parts[2] == "*" && parts[3] == "*"
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var minute) && minute < 60)
        {
            if (int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var hour) && hour < 24)
            {
                var time = $"{hour:00}:{minute:00}";
                switch (parts[4])
                {
                    case "*":
                        return text["毎日 {0}", time];
                    case "1-5":
                        return text["平日（月〜金）{0}", time];
                }
            }
            else if (parts[1] == "*" && parts[4] == "*")
            {
                return text["毎時 {0} 分", minute];
            }
        }

        return text["cron 式 {0}", cron];
    }
}
