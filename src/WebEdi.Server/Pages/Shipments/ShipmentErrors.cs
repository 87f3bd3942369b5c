using Microsoft.Extensions.Localization;
using WebEdi.Ordering.Shipments;
using WebEdi.Server.Portal;

namespace WebEdi.Server.Pages.Shipments;

/// <summary>
/// Turns the problems with a shipment into sentences for the clerk: Japanese by code (the domain writes English for ERP
/// developers), the domain's own English message in the English portal. Names the order line when there is one.
/// </summary>
public static class ShipmentErrors
{
    private static readonly Dictionary<string, string> Japanese = new(StringComparer.Ordinal)
    {
        ["over_open_quantity"] = "出荷数量が未出荷の数量を超えています。",
        ["not_positive"] = "出荷数量は 0 より大きくしてください。",
        ["line_cancelled"] = "この明細は取り消されているため出荷できません。",
        ["line_not_accepted"] = "この明細はまだ受諾していません。回答してから出荷してください。",
        ["line_rejected"] = "この明細は辞退したため出荷できません。",
        ["unknown_line"] = "注文にない明細です。",
        ["duplicate_line"] = "同じ明細が二度指定されています。",
        ["mixed_buyers"] = "発注元の異なる注文は一つの出荷にできません。発注元ごとに出荷を作成してください。",
        ["mixed_locations"] = "納入場所の異なる明細は一つの出荷にできません。納入場所ごとに出荷を作成してください。",
        ["mixed_suppliers"] = "他社あての注文は出荷できません。",
        ["required"] = "出荷する明細を選んでください。",
        ["too_many"] = "一つの出荷に含められる明細は 999 件までです。",
        ["before_order_date"] = "出荷日が注文日より前です。",
        ["exhausted"] = "納品書番号の連番を使い切りました。会社の設定で納品書番号のプレフィックスを変更してください。",
        ["invalid_number"] = "納品書番号が正しくありません。",
        ["already_cancelled"] = "この出荷はすでに取り消されています。",
        ["already_received"] = "発注元が受領済みのため取り消せません。",
        ["invalid_prefix"] = "プレフィックスは英大文字・数字・ハイフンで 8 文字までです（空欄も可）。",
        ["busy"] = "同時に出荷が登録されていたため保存できませんでした。もう一度保存してください。",
    };

    public static string Describe(ShipmentProblem problem, IStringLocalizer text)
    {
        var error = problem.Error;
        if (PortalCulture.Current == "en")
        {
            return error.Message;
        }

        var message = Japanese.TryGetValue(error.Code, out var known) ? text[known].Value : error.Message;
        return problem switch
        {
            { OrderNumber: { } order, LineNumber: { } line } => text["注文 {0} 行 {1}: {2}", order, line, message].Value,
            { OrderNumber: { } order } => text["注文 {0}: {1}", order, message].Value,
            _ => message,
        };
    }
}
