using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using WebEdi.Domain;

namespace WebEdi.Server.Pages.Orders;

/// <summary>
/// Turns the domain's problems with an answer into sentences for the clerk, by code, in the portal's language (the
/// English ones in OrdersText.en.resx). The domain's own messages are for ERP developers — "but 410.0 were ordered" —
/// and appear only for a code the portal does not know. Always names the line.
/// </summary>
public static partial class AnswerErrors
{
    private static readonly Dictionary<string, string> Japanese = new(StringComparer.Ordinal)
    {
        ["quantity_mismatch"] = "分納数量の合計が注文数量と一致しません。",
        ["before_order_date"] = "納期が注文日より前です。",
        ["no_change"] = "条件付き受諾では、納期・単価・分納のいずれかを変更してください。変更がなければ「受諾」を選んでください。",
        ["date_and_deliveries"] = "回答納期と分納は同時に指定できません。分納の場合は各回の日付を入力してください。",
        ["negative"] = "単価に負の値は指定できません。",
        ["not_positive"] = "数量は 0 より大きくしてください。",
        ["duplicate_date"] = "同じ日付の分納が複数あります。1 回にまとめてください。",
        ["too_many"] = "指定できる件数を超えています。",
        ["required"] = "理由が「その他」の場合はコメントを入力してください。",
        ["unknown_reason"] = "辞退理由を選んでください。",
        ["order_cancelled"] = "この注文は取り消されているため回答できません。",
        ["nothing_to_answer"] = "回答待ちの明細がありません。",
        ["line_cancelled"] = "取り消された明細には回答できません。",
        ["line_shipped"] = "出荷済みの数量がある明細は辞退できません。",
        ["unknown_line"] = "注文にない明細番号です。",
        ["revision_changed"] = "発注元が注文を変更しました。最新の版に対して回答してください。",
        ["duplicate_line"] = "同じ明細に複数の回答があります。",
        ["too_long"] = "コメントが長すぎます（500 文字まで）。",
        ["control_character"] = "コメントに使用できない文字が含まれています。",
    };

    public static string Describe(DomainError error, IStringLocalizer text)
    {
        var line = LinePattern().Match(error.Path) is { Success: true } m ? m.Groups[1].Value : null;
        var message = Japanese.TryGetValue(error.Code, out var known) ? text[known].Value : error.Message;
        return line is null ? message : text["明細 {0}: {1}", line, message].Value;
    }

    /// <summary>The line number a problem's path names (<c>lines[3].deliveries</c> → 3), or null.</summary>
    public static int? LineOf(DomainError error) =>
        LinePattern().Match(error.Path) is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;

    [GeneratedRegex(@"^lines\[(\d+)\]")]
    private static partial Regex LinePattern();
}
