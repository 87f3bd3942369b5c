using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using WebEdi.Data;
using WebEdi.Data.Notifications;
using WebEdi.Domain.Orders;
using WebEdi.Ordering.Answers;
using WebEdi.Server.Portal;

namespace WebEdi.Server.Pages.Orders;

/// <summary>
/// One order (注文詳細): header, lines with their answers, the form to answer them, the revision history with what
/// changed, and the trail of e-mails and documents. Opening it marks the order read for the whole company.
/// </summary>
public sealed class DetailModel(
    WebEdiDbContext db, OrderDetailQuery details, OrderAnswering answering, OrderSheetPrinting sheets, PortalUser user, CompanyAccessPolicy company,
    TimeProvider clock, IStringLocalizer<OrdersText> text, IStringLocalizer<SharedResource> shared) : PageModel
{
    /// <summary>How many scheduled-delivery rows the form offers per line without JavaScript.</summary>
    public const int DeliveryRows = 5;

    public PurchaseOrder Order { get; private set; } = null!;

    public string BuyerName { get; private set; } = "";

    public string BuyerCode { get; private set; } = "";

    public string SupplierCode { get; private set; } = "";

    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    public IReadOnlyList<RevisionView> Revisions { get; private set; } = [];

    public IReadOnlyList<TrailEntry> Trail { get; private set; } = [];

    public IReadOnlyDictionary<Guid, string> People { get; private set; } = new Dictionary<Guid, string>();

    public bool CanAnswer => user.CanAnswer && Order.CancelledAt is null;

    /// <summary>Whether the "create shipment" button shows: a clerk, and a line with something accepted and not shipped.</summary>
    public bool CanShip => user.CanAnswer && Order.Lines.Any(l => l.OpenQuantity > 0);

    /// <summary>Why the order sheet could not be printed.</summary>
    public List<string> PrintErrors { get; } = [];

    /// <summary>The order's version when the page was drawn; an answer against an older one is a conflict.</summary>
    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public List<LineAnswerForm> Answers { get; set; } = [];

    /// <summary>Problems per line number, shown beside the line.</summary>
    public Dictionary<int, List<string>> LineErrors { get; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        // Read without change tracking: only the first opening of an order writes, and it reads the order again to do so.
        if (!await LoadAsync(id, tracked: false, cancellationToken))
        {
            return NotFound();
        }

        if (Order.ViewedAt is null && await LoadAsync(id, tracked: true, cancellationToken) && Order.ViewedAt is null)
        {
            Order.MarkViewed(clock.GetUtcNow().UtcDateTime);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone else opened or answered it at the same moment: it is read either way.
            }
        }

        Version = Order.Version;
        Answers = Order.Lines.OrderBy(l => l.LineNumber).Select(l => new LineAnswerForm { LineNumber = l.LineNumber }).ToList();
        return Page();
    }

    /// <summary>The order as a purchase-order sheet (注文書) PDF; reading it does not mark or change anything.</summary>
    public async Task<IActionResult> OnGetSheetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (Printing.Answer(this, await sheets.PrintAsync(user.Company, id, cancellationToken), shared, "注文書", PrintErrors) is { } result)
        {
            return result;
        }

        return await RedisplayAsync(id, cancellationToken);
    }

    public async Task<IActionResult> OnPostAnswerAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!user.CanAnswer)
        {
            return Forbid();
        }

        // Values the browser sent that are not numbers or dates ("abc" as a quantity): name the line, send nothing.
        foreach (var (key, entry) in ModelState.Where(e => e.Value?.Errors.Count > 0))
        {
            var index = int.TryParse(key.AsSpan(key.IndexOf('[', StringComparison.Ordinal) + 1, Math.Max(0, key.IndexOf(']', StringComparison.Ordinal) - key.IndexOf('[', StringComparison.Ordinal) - 1)), out var i) ? i : -1;
            var line = key.StartsWith("Answers[", StringComparison.Ordinal) && index >= 0 && index < Answers.Count ? Answers[index].LineNumber : 0;
            var field = key[(key.LastIndexOf('.') + 1)..];
            AddLineError(line, text["明細 {0}: 「{1}」は正しい数値または日付ではありません。", line, entry!.AttemptedValue ?? field].Value);
        }

        var answers = new List<LineAnswer>();
        foreach (var form in Answers.Where(a => a.Kind != AnswerChoice.None))
        {
            var (answer, problems) = form.ToAnswer(text);
            if (problems.Count > 0)
            {
                problems.ForEach(p => AddLineError(form.LineNumber, p));
            }
            else
            {
                answers.Add(new LineAnswer(form.LineNumber, answer!));
            }
        }

        if (LineErrors.Count == 0 && answers.Count == 0)
        {
            ModelState.AddModelError("", text["回答する明細を選んでください（受諾・条件付き受諾・辞退）。"]);
        }

        if (LineErrors.Count == 0 && answers.Count > 0)
        {
            var outcome = await answering.AnswerAsync(user.Company, new OrderAnswers(id, Version, answers), new Answerer(user.UserId, user.DisplayName), cancellationToken);
            if (Handle(outcome) is { } result)
            {
                return result;
            }
        }

        return await RedisplayAsync(id, cancellationToken);
    }

    public async Task<IActionResult> OnPostAcceptAllAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!user.CanAnswer)
        {
            return Forbid();
        }

        var outcome = await answering.AcceptAllAsync(user.Company, id, Version, new Answerer(user.UserId, user.DisplayName), cancellationToken);
        return Handle(outcome) ?? await RedisplayAsync(id, cancellationToken);
    }

    private void AddLineError(int line, string message)
    {
        if (!LineErrors.TryGetValue(line, out var list))
        {
            LineErrors[line] = list = [];
        }

        list.Add(message);
    }

    public string Person(Guid? id) => id is { } known && People.TryGetValue(known, out var name) ? name : "—";

    /// <summary>The form row of a line (kept from the post when the page is shown again with errors).</summary>
    public LineAnswerForm FormFor(int lineNumber) =>
        Answers.FirstOrDefault(a => a.LineNumber == lineNumber) ?? new LineAnswerForm { LineNumber = lineNumber };

    public bool IsAnswerable(PurchaseOrderLine line) => CanAnswer && !line.IsCancelled && line.ShippedQuantity == 0;

    private IActionResult? Handle(AnswerOutcome outcome)
    {
        switch (outcome)
        {
            case AnswerOutcome.Answered answered:
                TempData["Notice"] = text["{0} 明細の回答を送信しました。発注元へ通知されます。", answered.Lines].Value;
                return RedirectToPage(new { id = RouteData.Values["id"] });
            case AnswerOutcome.NotFound:
                return NotFound();
            case AnswerOutcome.Conflict:
                ModelState.AddModelError("", text["この注文は、あなたが画面を開いた後に他の方（または発注元）が更新しました。最新の内容を表示しています。入力内容を確認して、もう一度送信してください。"]);
                return null;
            case AnswerOutcome.Refused refused:
                foreach (var error in refused.Problems.Values.SelectMany(p => p))
                {
                    if (AnswerErrors.LineOf(error) is { } line)
                    {
                        AddLineError(line, AnswerErrors.Describe(error, text));
                    }
                    else
                    {
                        ModelState.AddModelError("", AnswerErrors.Describe(error, text));
                    }
                }

                return null;
            default:
                throw new InvalidOperationException($"Unknown outcome {outcome}.");
        }
    }

    private async Task<IActionResult> RedisplayAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, tracked: false, cancellationToken))
        {
            return NotFound();
        }

        if (LineErrors.Count > 0)
        {
            ModelState.Clear();
            ModelState.AddModelError("", text["入力に誤りがあります。各明細のメッセージを確認してください。何も送信していません。"]);
        }

        // The page shows the order as it is now; the version moves on so a second try can succeed.
        Version = Order.Version;
        ModelState.Remove(nameof(Version));
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, bool tracked, CancellationToken cancellationToken)
    {
        if (await details.ReadAsync(user.Company, id, tracked, cancellationToken) is not { } detail)
        {
            return false;
        }

        Order = detail.Order;
        (BuyerName, BuyerCode, SupplierCode, People) = (detail.BuyerName, detail.BuyerCode, detail.SupplierCode, detail.People);
        Zone = (await company.RulesAsync(user.Company, cancellationToken))!.TimeZone;

        var revisions = Order.Revisions.OrderBy(r => r.Number).ToList();
        Revisions = revisions.Select((r, i) => new RevisionView(r.Number, r.ReceivedAt, i == 0 ? [] : r.Snapshot.ChangesSince(revisions[i - 1].Snapshot)))
            .Reverse().ToList();
        Trail = Describe(detail);
        return true;
    }

    /// <summary>What happened around the order, newest first: notices, the e-mails that carried them, documents to the buyer.</summary>
    private List<TrailEntry> Describe(OrderDetail detail) =>
        detail.Notices.Select(n => new TrailEntry(n.CreatedAt, text[n.Kind switch
            {
                OrderNoticeKind.New => "新規注文を受信（第{0}版）",
                OrderNoticeKind.Changed => "注文変更を受信（第{0}版）",
                _ => "注文取消を受信（第{0}版）",
            }, n.Revision].Value, null))
            .Concat(detail.Digests.Select(d => new TrailEntry(d.At, d.Status switch
            {
                DigestStatus.Sent => text["通知メールを送信: {0}", d.Recipient].Value,
                DigestStatus.Failed => text["通知メールを送信できませんでした: {0}", d.Recipient].Value,
                _ => text["通知メールを送信待ち: {0}", d.Recipient].Value,
            }, d.LastError)))
            .Concat(detail.Documents.Select(m => new TrailEntry(
                m.CreatedAt, text[m.Waiting ? "発注元へ送信待ち: {0}" : "発注元へ送信済み: {0}", m.MessageType].Value, null)))
            .OrderByDescending(e => e.At)
            .ToList();

    public sealed record RevisionView(int Number, DateTime ReceivedAt, IReadOnlyList<FieldChange> Changes);

    public sealed record TrailEntry(DateTime At, string What, string? Detail);
}

public enum AnswerChoice
{
    None,
    Accept,
    Change,
    Reject,
}

/// <summary>One line's answer as typed into the form.</summary>
public sealed class LineAnswerForm
{
    public int LineNumber { get; set; }

    public AnswerChoice Kind { get; set; }

    public DateOnly? PromisedDate { get; set; }

    public decimal? UnitPrice { get; set; }

    public List<DeliveryForm> Deliveries { get; set; } = [];

    public RejectionReason? Reason { get; set; }

    public string? Comment { get; set; }

    public (OrderAnswer? Answer, List<string> Problems) ToAnswer(IStringLocalizer text)
    {
        var problems = new List<string>();
        var line = LineNumber.ToString(CultureInfo.InvariantCulture);
        switch (Kind)
        {
            case AnswerChoice.Accept:
                return (new OrderAnswer.Accept(Comment), problems);
            case AnswerChoice.Change:
                var deliveries = new List<ScheduledDeliveryData>();
                foreach (var d in Deliveries.Where(d => d.Date is not null || d.Quantity is not null))
                {
                    if (d.Date is null || d.Quantity is null)
                    {
                        problems.Add(text["明細 {0}: 分納には日付と数量の両方を入力してください。", line]);
                    }
                    else
                    {
                        deliveries.Add(new ScheduledDeliveryData(d.Date.Value, d.Quantity.Value));
                    }
                }

                return problems.Count > 0 ? (null, problems) : (new OrderAnswer.AcceptWithChanges(PromisedDate, UnitPrice, deliveries.Count > 0 ? deliveries : null, Comment), problems);
            case AnswerChoice.Reject:
                if (Reason is null)
                {
                    problems.Add(text["明細 {0}: 辞退理由を選んでください。", line]);
                    return (null, problems);
                }

                return (new OrderAnswer.Reject(Reason.Value, Comment), problems);
            default:
                return (null, problems);
        }
    }
}

public sealed class DeliveryForm
{
    public DateOnly? Date { get; set; }

    public decimal? Quantity { get; set; }
}
