using System.Globalization;
using WebEdi.Data.Deliveries;
using WebEdi.Domain.Orders;
using WebEdi.Domain.Shipments;
using WebEdi.Integration.Deliveries;

namespace WebEdi.Server.Portal;

/// <summary>
/// How the portal writes dates, quantities and money: the Japanese business way in both languages — 2026/11/24,
/// 1,250.5, ¥12,345 — and times in the company's time zone.
/// </summary>
public static class PortalFormat
{
    private static readonly CultureInfo Ja = PortalCulture.Formats;

    public static string Date(DateOnly date) => date.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture);

    public static string Date(DateOnly? date) => date is { } d ? Date(d) : "—";

    /// <summary>A UTC instant as the company's wall clock: 2026/11/24 10:15.</summary>
    public static string Time(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone).ToString("yyyy/MM/dd HH:mm", CultureInfo.InvariantCulture);

    public static string Time(DateTime? utc, TimeZoneInfo zone) => utc is { } t ? Time(t, zone) : "—";

    /// <summary>Up to three decimals, only as many as the number has: 1,250 / 12.5 / 0.125.</summary>
    public static string Quantity(decimal quantity) => quantity.ToString("#,0.###", Ja);

    /// <summary>Yen without decimals unless there are some (単価 12.8 円 exists); other currencies with their code.</summary>
    public static string Money(decimal amount, string currency) => currency switch
    {
        "JPY" => "¥" + amount.ToString(amount == decimal.Truncate(amount) ? "#,0" : "#,0.####", Ja),
        _ => amount.ToString("#,0.00##", Ja) + " " + currency,
    };

    /// <summary>A tax rate as 10% / 8%.</summary>
    public static string Percent(decimal rate) => rate.ToString("0.##", Ja) + "%";
}

/// <summary>The Japanese words for the trade's states; the English ones are in SharedResource.en.resx.</summary>
public static class PortalLabels
{
    public static string Status(OrderStatus status) => status switch
    {
        OrderStatus.New => "未読",
        OrderStatus.Viewed => "未回答",
        OrderStatus.PartiallyAnswered => "一部回答",
        OrderStatus.Answered => "回答済",
        OrderStatus.ChangedAwaitingAnswer => "変更あり・再回答待ち",
        OrderStatus.PartiallyShipped => "一部出荷",
        OrderStatus.Shipped => "出荷済",
        OrderStatus.Completed => "完了",
        OrderStatus.Cancelled => "取消",
        _ => status.ToString(),
    };

    public static string LineStatus(LineStatus status) => status switch
    {
        Domain.Orders.LineStatus.Open => "未回答",
        Domain.Orders.LineStatus.ChangedAwaitingAnswer => "変更あり・再回答待ち",
        Domain.Orders.LineStatus.Accepted => "受諾",
        Domain.Orders.LineStatus.Rejected => "辞退",
        Domain.Orders.LineStatus.PartiallyShipped => "一部出荷",
        Domain.Orders.LineStatus.Shipped => "出荷済",
        Domain.Orders.LineStatus.Completed => "完了",
        Domain.Orders.LineStatus.Cancelled => "取消",
        _ => status.ToString(),
    };

    public static string Shipment(ShipmentStatus status) => status switch
    {
        ShipmentStatus.Shipped => "出荷済",
        ShipmentStatus.Received => "受領済",
        ShipmentStatus.Cancelled => "取消",
        _ => status.ToString(),
    };

    public static string Answer(ResponseKind kind) => kind switch
    {
        ResponseKind.Accepted => "受諾",
        ResponseKind.AcceptedWithChanges => "条件付き受諾",
        ResponseKind.Rejected => "辞退",
        _ => kind.ToString(),
    };

    public static string Reason(RejectionReason reason) => reason switch
    {
        RejectionReason.OutOfStock => "欠品・在庫なし",
        RejectionReason.Discontinued => "生産終了",
        RejectionReason.DateNotPossible => "納期対応不可",
        RejectionReason.PriceDisagreement => "価格不一致",
        RejectionReason.QuantityNotPossible => "数量対応不可",
        RejectionReason.DuplicateOrder => "重複注文",
        RejectionReason.Other => "その他",
        _ => reason.ToString(),
    };

    public static string Delivery(DeliveryState state) => state switch
    {
        DeliveryState.Pending => "配信待ち",
        DeliveryState.Queued => "送信順番待ち",
        DeliveryState.Sending => "送信中",
        DeliveryState.Delivered => "配信済み",
        DeliveryState.Retrying => "再試行待ち",
        DeliveryState.Dead => "配信不能",
        _ => state.ToString(),
    };

    /// <summary>The delivery log's tab names.</summary>
    public static string DeliveryView(DeliveryView view) => view switch
    {
        Integration.Deliveries.DeliveryView.Waiting => "未配信",
        Integration.Deliveries.DeliveryView.Retrying => "再試行中",
        Integration.Deliveries.DeliveryView.Dead => "配信不能",
        Integration.Deliveries.DeliveryView.Delivered => "配信済み",
        _ => "すべて",
    };

    public static string Channel(ChannelKind kind) => kind switch
    {
        ChannelKind.Bus => "メッセージキュー",
        ChannelKind.Webhook => "Webhook",
        ChannelKind.FileDrop => "ファイル連携",
        _ => kind.ToString(),
    };

    /// <summary>The documents buyers receive, by their contract name.</summary>
    public static string Document(string messageType) => messageType switch
    {
        "PurchaseOrderReceived" => "注文受付",
        "PurchaseOrderRejected" => "注文エラー",
        "PurchaseOrderAnswered" => "注文回答",
        "ShipmentNotified" => "出荷案内",
        "ShipmentCancelled" => "出荷取消",
        _ => messageType,
    };

    /// <summary>The inbox tab names.</summary>
    public static string Tab(string tab) => tab switch
    {
        "Unread" => "未読",
        "Awaiting" => "未回答",
        "Changed" => "変更あり",
        "Answered" => "回答済",
        "Overdue" => "納期遅れ",
        "Cancelled" => "取消",
        _ => "すべて",
    };
}

/// <summary>The Japanese names of order fields, for the revision history (English in SharedResource.en.resx).</summary>
public static class FieldLabels
{
    public static string Of(string field) => field switch
    {
        "orderDate" => "注文日",
        "currency" => "通貨",
        "deliveryLocation" => "納入場所",
        "buyerContact" => "発注担当",
        "remarks" => "備考",
        "buyerItemCode" => "品目コード",
        "supplierItemCode" => "仕入先品番",
        "itemName" => "品名",
        "specification" => "仕様",
        "quantity" => "数量",
        "unit" => "単位",
        "unitPrice" => "単価",
        "amount" => "金額",
        "taxRate" => "税率",
        "requestedDeliveryDate" => "希望納期",
        FieldChange.LineAdded => "明細追加",
        FieldChange.LineRemoved => "明細削除",
        _ => field,
    };
}
