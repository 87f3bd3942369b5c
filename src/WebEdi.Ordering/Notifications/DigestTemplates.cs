using System.Globalization;
using System.Text;
using WebEdi.Data.Notifications;
using WebEdi.Domain.Companies;

namespace WebEdi.Ordering.Notifications;

/// <summary>What a digest is about: the supplier, its recipient, and the notices grouped by buyer in arrival order.</summary>
public sealed record DigestContent(
    Company Supplier, string RecipientName, bool IsPerson, IReadOnlyList<(Company Buyer, IReadOnlyList<OrderNotice> Notices)> ByBuyer, Uri OrdersUrl)
{
    public int Count(OrderNoticeKind kind) => ByBuyer.Sum(b => b.Notices.Count(n => n.Kind == kind));

    public int NoticeCount => ByBuyer.Sum(b => b.Notices.Count);
}

/// <summary>
/// The e-mail templates of the order digest, Japanese and English. Plain text: every mail client shows it the same,
/// and suppliers forward and quote it.
/// </summary>
public static class DigestTemplates
{
    /// <summary>A digest lists at most this many notices; the counts in the subject stay complete.</summary>
    public const int MaxListedNotices = 200;

    public static (string Subject, string Body) Render(string language, DigestContent content) =>
        string.Equals(language, "en", StringComparison.OrdinalIgnoreCase) ? English(content) : Japanese(content);

    private static (string, string) Japanese(DigestContent c)
    {
        var ja = CultureInfo.GetCultureInfo("ja-JP");
        var counts = string.Join("・", new[]
        {
            (OrderNoticeKind.New, "新規注文"), (OrderNoticeKind.Changed, "変更"), (OrderNoticeKind.Cancelled, "取消"),
        }.Where(k => c.Count(k.Item1) > 0).Select(k => string.Create(ja, $"{k.Item2} {c.Count(k.Item1)}件")));
        var buyers = c.ByBuyer.Count > 1 ? $"{c.ByBuyer[0].Buyer.Name} ほか" : c.ByBuyer[0].Buyer.Name;
        var subject = $"【WebEdi】{counts}（{buyers}）";

        var body = new StringBuilder();
        body.AppendLine(c.IsPerson ? $"{c.RecipientName} 様" : $"{c.Supplier.Name} ご担当者様").AppendLine();
        body.AppendLine("WebEdi に注文の新着・変更・取消がありました。").AppendLine(counts).AppendLine();
        Lines(body, c, ja, kind => kind switch
        {
            OrderNoticeKind.New => "新規",
            OrderNoticeKind.Changed => "変更",
            _ => "取消",
        }, (n, kind) => string.Create(ja, $"  {kind}　注文番号 {n.OrderNumber}　第{n.Revision}版"), more => string.Create(ja, $"  …ほか {more}件"));
        body.AppendLine("注文一覧はこちら:").AppendLine(c.OrdersUrl.ToString()).AppendLine();
        body.AppendLine("※ このメールは送信専用です。返信いただいてもお答えできません。");
        body.AppendLine("※ 通知メールの受信設定（受け取る・受け取らない、夜間停止時間）は WebEdi の設定画面で変更できます。");
        return (subject, body.ToString());
    }

    private static (string, string) English(DigestContent c)
    {
        var en = CultureInfo.InvariantCulture;
        static string Plural(int n, string one, string many) => string.Create(CultureInfo.InvariantCulture, $"{n} {(n == 1 ? one : many)}");
        var parts = new List<string>();
        if (c.Count(OrderNoticeKind.New) is var added and > 0)
        {
            parts.Add(Plural(added, "new order", "new orders"));
        }

        if (c.Count(OrderNoticeKind.Changed) is var changed and > 0)
        {
            parts.Add(Plural(changed, "change", "changes"));
        }

        if (c.Count(OrderNoticeKind.Cancelled) is var cancelled and > 0)
        {
            parts.Add(Plural(cancelled, "cancellation", "cancellations"));
        }

        var counts = string.Join(", ", parts);
        var buyers = c.ByBuyer.Count > 1 ? $"{c.ByBuyer[0].Buyer.Name} and others" : c.ByBuyer[0].Buyer.Name;
        var subject = $"[WebEdi] {counts} ({buyers})";

        var body = new StringBuilder();
        body.AppendLine(c.IsPerson ? $"Dear {c.RecipientName}," : $"Dear {c.Supplier.Name},").AppendLine();
        body.AppendLine("WebEdi has received new, changed or cancelled orders for you:").AppendLine(counts).AppendLine();
        Lines(body, c, en, kind => kind switch
        {
            OrderNoticeKind.New => "New      ",
            OrderNoticeKind.Changed => "Changed  ",
            _ => "Cancelled",
        }, (n, kind) => string.Create(en, $"  {kind}  order {n.OrderNumber}  revision {n.Revision}"), more => string.Create(en, $"  … and {more} more"));
        body.AppendLine("Your order list:").AppendLine(c.OrdersUrl.ToString()).AppendLine();
        body.AppendLine("This is an automatic message; replies are not read.");
        body.AppendLine("You can turn these e-mails off or set quiet hours in your WebEdi settings.");
        return (subject, body.ToString());
    }

    /// <summary>One block per buyer, one line per notice with the company's local time it arrived.</summary>
    private static void Lines(
        StringBuilder body, DigestContent c, CultureInfo culture, Func<OrderNoticeKind, string> kindName,
        Func<OrderNotice, string, string> line, Func<int, string> more)
    {
        var listed = 0;
        foreach (var (buyer, notices) in c.ByBuyer)
        {
            body.AppendLine(string.Create(culture, $"■ {buyer.Name} ({buyer.Code})"));
            foreach (var notice in notices)
            {
                if (listed++ >= MaxListedNotices)
                {
                    continue;
                }

                var local = c.Supplier.ToLocalTime(notice.CreatedAt);
                body.Append(line(notice, kindName(notice.Kind))).AppendLine(string.Create(culture, $"  ({local:MM/dd HH:mm})"));
            }

            body.AppendLine();
        }

        if (listed > MaxListedNotices)
        {
            body.AppendLine(more(listed - MaxListedNotices)).AppendLine();
        }
    }
}
