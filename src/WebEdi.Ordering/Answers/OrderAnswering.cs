using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WebEdi.Contracts;
using WebEdi.Data;
using WebEdi.Data.Outbox;
using WebEdi.Domain;
using WebEdi.Domain.Orders;

namespace WebEdi.Ordering.Answers;

/// <summary>Who answers: the supplier's user (recorded on the answer and named to the buyer).</summary>
public sealed record Answerer(Guid UserId, string DisplayName);

/// <summary>An answer to one line of an order.</summary>
public sealed record LineAnswer(int LineNumber, OrderAnswer Answer);

/// <summary>
/// Answers to lines of one order. <see cref="ExpectedVersion"/> is the order's version the person saw; when the order has
/// changed since (another user answered, the buyer sent a new revision), nothing is applied and the caller hears so.
/// Null skips that check (the CSV upload checks the revision per row instead).
/// </summary>
public sealed record OrderAnswers(Guid OrderId, int? ExpectedVersion, IReadOnlyList<LineAnswer> Lines, int? ExpectedRevision = null);

/// <summary>What became of a set of answers. Nothing was stored unless it is <see cref="Answered"/>.</summary>
public abstract record AnswerOutcome
{
    private AnswerOutcome()
    {
    }

    /// <summary>Stored, with one <c>PurchaseOrderAnswered</c> document per order in the outbox.</summary>
    public sealed record Answered(int Orders, int Lines) : AnswerOutcome;

    /// <summary>An order is not the supplier's, or does not exist: the same answer, so ids cannot be probed.</summary>
    public sealed record NotFound(Guid OrderId) : AnswerOutcome;

    /// <summary>Someone changed the order after the person loaded it; they must look again.</summary>
    public sealed record Conflict(Guid OrderId, string OrderNumber) : AnswerOutcome;

    /// <summary>The answers break rules; every problem, per order, with paths like <c>lines[2].deliveries</c>.</summary>
    public sealed record Refused(IReadOnlyDictionary<Guid, IReadOnlyList<DomainError>> Problems) : AnswerOutcome;
}

/// <summary>The result of accepting many orders at once: how many were accepted, and which had nothing to accept.</summary>
public sealed record BulkAcceptance(IReadOnlyList<string> Accepted, IReadOnlyList<string> NothingToAnswer, IReadOnlyList<Guid> NotFound);

/// <summary>
/// The one way suppliers answer orders — the order page, "accept all", bulk acceptance and the CSV upload all come here.
/// Every order is checked to belong to the answering supplier; every problem is collected before anything is stored;
/// the answers and their <see cref="PurchaseOrderAnswered"/> documents for the buyer's ERP are saved in one
/// transaction, or nothing is (optimistic concurrency turns a lost update into <see cref="AnswerOutcome.Conflict"/>).
/// </summary>
public sealed class OrderAnswering(WebEdiDbContext db, TimeProvider clock)
{
    /// <summary>Most orders a single bulk acceptance takes (a page of the inbox is 50; a selection across pages, more).</summary>
    public const int MaxBulkOrders = 500;

    public Task<AnswerOutcome> AnswerAsync(Guid supplierId, OrderAnswers answers, Answerer by, CancellationToken cancellationToken = default) =>
        ApplyAsync(supplierId, [answers], by, commit: true, cancellationToken);

    /// <summary>Accepts every line of the order that waits for an answer (一括受諾), including lines the buyer changed.</summary>
    public async Task<AnswerOutcome> AcceptAllAsync(Guid supplierId, Guid orderId, int expectedVersion, Answerer by, CancellationToken cancellationToken = default)
    {
        var order = await LoadAsync(supplierId, [orderId], cancellationToken);
        if (!order.TryGetValue(orderId, out var found))
        {
            return new AnswerOutcome.NotFound(orderId);
        }

        var open = found.ActiveLines.Where(l => l.NeedsAnswer || l.AwaitingAnswerAfterChange)
            .Select(l => new LineAnswer(l.LineNumber, new OrderAnswer.Accept())).ToList();
        if (open.Count == 0)
        {
            return Refused(orderId, new DomainError("", "nothing_to_answer", $"order {found.OrderNumber} has no line waiting for an answer."));
        }

        return await ApplyAsync(supplierId, [new OrderAnswers(orderId, expectedVersion, open)], by, commit: true, cancellationToken);
    }

    /// <summary>
    /// Accepts every waiting line of many orders in one transaction (the inbox's bulk acceptance). Orders with nothing to
    /// answer are skipped and named; an order that is not the supplier's fails the whole request.
    /// </summary>
    public async Task<(AnswerOutcome Outcome, BulkAcceptance? Result)> AcceptOrdersAsync(
        Guid supplierId, IReadOnlyCollection<Guid> orderIds, Answerer by, CancellationToken cancellationToken = default)
    {
        if (orderIds.Count > MaxBulkOrders)
        {
            return (Refused(Guid.Empty, new DomainError("orders", "too_many", $"at most {MaxBulkOrders} orders at once.")), null);
        }

        var orders = await LoadAsync(supplierId, orderIds, cancellationToken);
        if (orderIds.FirstOrDefault(id => !orders.ContainsKey(id)) is var missing && missing != Guid.Empty)
        {
            return (new AnswerOutcome.NotFound(missing), null);
        }

        var batch = new List<OrderAnswers>();
        var skipped = new List<string>();
        foreach (var order in orders.Values.OrderBy(o => o.OrderNumber, StringComparer.Ordinal))
        {
            var open = order.CancelledAt is null
                ? order.ActiveLines.Where(l => l.NeedsAnswer || l.AwaitingAnswerAfterChange).Select(l => new LineAnswer(l.LineNumber, new OrderAnswer.Accept())).ToList()
                : [];
            if (open.Count == 0)
            {
                skipped.Add(order.OrderNumber);
            }
            else
            {
                batch.Add(new OrderAnswers(order.Id, null, open));
            }
        }

        var outcome = batch.Count == 0 ? new AnswerOutcome.Answered(0, 0) : await ApplyAsync(supplierId, batch, by, commit: true, cancellationToken);
        var accepted = batch.Select(b => orders[b.OrderId].OrderNumber).ToList();
        return (outcome, outcome is AnswerOutcome.Answered ? new BulkAcceptance(accepted, skipped, []) : null);
    }

    /// <summary>
    /// Applies answers to several orders at once, all or nothing (the CSV upload). With <paramref name="commit"/> false
    /// it only checks them — the upload's preview — and stores nothing.
    /// </summary>
    public async Task<AnswerOutcome> ApplyAsync(
        Guid supplierId, IReadOnlyList<OrderAnswers> answers, Answerer by, bool commit, CancellationToken cancellationToken = default)
    {
        db.ChangeTracker.Clear();
        var orders = await LoadAsync(supplierId, answers.Select(a => a.OrderId).Distinct().ToList(), cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var problems = new Dictionary<Guid, IReadOnlyList<DomainError>>();
        var documents = new List<(PurchaseOrder Order, List<OrderResponse> Responses)>();
        foreach (var group in answers.GroupBy(a => a.OrderId))
        {
            if (!orders.TryGetValue(group.Key, out var order))
            {
                return new AnswerOutcome.NotFound(group.Key);
            }

            var expected = group.Select(a => a.ExpectedVersion).FirstOrDefault(v => v is not null);
            if (expected is { } version && version != order.Version)
            {
                return new AnswerOutcome.Conflict(order.Id, order.OrderNumber);
            }

            var errors = new List<DomainError>();
            if (group.Select(a => a.ExpectedRevision).FirstOrDefault(r => r is not null) is { } revision && revision != order.Revision)
            {
                errors.Add(new DomainError("revision", "revision_changed",
                    $"order {order.OrderNumber} is now revision {order.Revision}, not {revision}: the buyer changed it; answer the new revision."));
            }

            var lines = group.SelectMany(a => a.Lines).ToList();
            foreach (var twice in lines.GroupBy(l => l.LineNumber).Where(g => g.Count() > 1))
            {
                errors.Add(new DomainError($"lines[{twice.Key}]", "duplicate_line", $"line {twice.Key} is answered {twice.Count()} times."));
            }

            var responses = new List<OrderResponse>();
            foreach (var line in lines.DistinctBy(l => l.LineNumber))
            {
                try
                {
                    responses.Add(order.Answer(line.LineNumber, line.Answer, by.UserId, now));
                }
                catch (DomainRuleException e)
                {
                    errors.AddRange(e.Errors);
                }
            }

            if (errors.Count > 0)
            {
                problems[order.Id] = errors;
            }
            else if (responses.Count > 0)
            {
                documents.Add((order, responses));
            }
        }

        if (problems.Count > 0)
        {
            db.ChangeTracker.Clear();
            return new AnswerOutcome.Refused(problems);
        }

        if (!commit)
        {
            db.ChangeTracker.Clear();
            return new AnswerOutcome.Answered(documents.Count, documents.Sum(d => d.Responses.Count));
        }

        await EnqueueDocumentsAsync(documents, by, now, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException e)
        {
            var order = e.Entries.Select(x => x.Entity).OfType<PurchaseOrder>().FirstOrDefault() ?? documents[0].Order;
            db.ChangeTracker.Clear();
            return new AnswerOutcome.Conflict(order.Id, order.OrderNumber);
        }

        return new AnswerOutcome.Answered(documents.Count, documents.Sum(d => d.Responses.Count));
    }

    private async Task<Dictionary<Guid, PurchaseOrder>> LoadAsync(Guid supplierId, IReadOnlyCollection<Guid> orderIds, CancellationToken cancellationToken)
    {
        var ids = orderIds.ToList();
        return await db.OrdersWithDetails()
            .Where(o => o.SupplierId == supplierId && ids.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, cancellationToken);
    }

    private async Task EnqueueDocumentsAsync(
        List<(PurchaseOrder Order, List<OrderResponse> Responses)> documents, Answerer by, DateTime now, CancellationToken cancellationToken)
    {
        var relationshipIds = documents.Select(d => d.Order.TradingRelationshipId).Distinct().ToList();
        var relationships = await db.TradingRelationships.AsNoTracking()
            .Where(r => relationshipIds.Contains(r.Id))
            .Select(r => new { r.Id, r.SupplierCode, BuyerCode = db.Companies.Where(c => c.Id == r.BuyerId).Select(c => c.Code).First() })
            .ToDictionaryAsync(r => r.Id, cancellationToken);

        foreach (var (order, responses) in documents)
        {
            var relationship = relationships[order.TradingRelationshipId];
            var document = new PurchaseOrderAnswered
            {
                DocumentId = Guid.CreateVersion7(),
                BuyerCode = relationship.BuyerCode,
                SupplierCode = relationship.SupplierCode,
                OrderNumber = order.OrderNumber,
                Revision = order.Revision,
                Lines = responses.Select(r => AnswerDocuments.Line(order.Lines.Single(l => l.Id == r.PurchaseOrderLineId), r)).ToList(),
                AnsweredBy = by.DisplayName.Length is > 0 and <= 100 ? by.DisplayName : null,
                OccurredAt = new DateTimeOffset(now, TimeSpan.Zero),
            };
            db.OutboxMessages.Add(OutboxMessage.Create(
                document.DocumentId, order.BuyerId, nameof(PurchaseOrderAnswered),
                JsonSerializer.Serialize(document, ContractJson.Options), order.OrderNumber, now));
        }
    }

    private static AnswerOutcome.Refused Refused(Guid orderId, DomainError error) =>
        new(new Dictionary<Guid, IReadOnlyList<DomainError>> { [orderId] = [error] });
}
