using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using WebEdi.Contracts;
using WebEdi.Data;
using WebEdi.Data.Bulk;
using WebEdi.Data.Notifications;
using WebEdi.Data.Outbox;
using WebEdi.Domain;
using WebEdi.Domain.Companies;
using WebEdi.Domain.Orders;

namespace WebEdi.Ordering.Intake;

/// <summary>
/// The one way purchase orders enter WebEdi, whatever the transport (bus, HTTPS, CSV): validates, applies the revision
/// rules, stores the order, and writes the reply for the buyer's ERP to the outbox and the notice for the supplier —
/// all in one transaction. Idempotent: the same (buyer, order number, revision) again changes nothing and is answered
/// Duplicate, so a redelivered message after a crash never stores an order twice.
/// </summary>
/// <remarks>The buyer is always the authenticated sender (queue, API key, exchange folder), never the message body.</remarks>
public sealed partial class PurchaseOrderIntake(WebEdiDbContext db, TimeProvider clock, ILogger<PurchaseOrderIntake> logger)
{
    private const int MaxAttempts = 3;

    /// <summary>While a batch is applied: which of its order numbers the database already holds (one query for all).</summary>
    private HashSet<string>? _known;

    // What this unit of work has loaded or created, so later messages of a batch find it. Kept here rather than read from
    // DbSet.Local, which runs change detection over every tracked entity on each access.
    private readonly Dictionary<string, PurchaseOrder> _orders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TradingRelationship?> _relationships = new(StringComparer.Ordinal);

    /// <summary>While a batch is applied: the rows it creates, written in bulk when it is saved rather than tracked one by one.</summary>
    private List<object>? _newRows;

    /// <summary>A new order, or a full new revision of one (<see cref="SubmitPurchaseOrder"/> or <see cref="ChangePurchaseOrder"/>).</summary>
    public Task<IntakeReply> ReviseAsync(Company buyer, IPurchaseOrderRevision message, CancellationToken cancellationToken = default) =>
        WithRetriesAsync(() => ApplyRevisionAsync(buyer, message, cancellationToken), cancellationToken);

    /// <summary>Cancels a whole order or some of its lines. Cancelling what is already cancelled is answered Cancelled again.</summary>
    public Task<IntakeReply> CancelAsync(Company buyer, CancelPurchaseOrder message, CancellationToken cancellationToken = default) =>
        WithRetriesAsync(() => ApplyCancelAsync(buyer, message, cancellationToken), cancellationToken);

    /// <summary>
    /// Applies many messages of one buyer in one transaction — the bus intake's fast path. Each message gets its own
    /// reply exactly as if sent alone (a rejected one changes nothing, the domain refuses before it mutates), and a
    /// later message sees what an earlier one of the same batch stored. If the batch cannot be saved (another process
    /// stored one of its orders a moment earlier, say), every message is applied again on its own.
    /// </summary>
    public async Task<IReadOnlyList<IntakeReply>> ApplyBatchAsync(Company buyer, IReadOnlyList<IntakeMessage> messages, CancellationToken cancellationToken = default)
    {
        StartUnitOfWork();
        var newRows = _newRows = [];
        var numbers = messages.Select(m => m.OrderNumber).OfType<string>().Distinct().ToList();
        _known = (await db.PurchaseOrders.Where(o => o.BuyerId == buyer.Id && numbers.Contains(o.OrderNumber))
            .Select(o => o.OrderNumber).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var replies = new List<IntakeReply>(messages.Count);
        try
        {
            foreach (var message in messages)
            {
                replies.Add(await StepAsync(buyer, message, cancellationToken));
            }
        }
        finally
        {
            _known = null;
            _newRows = null;
        }

        try
        {
            await db.SaveAsync(newRows, cancellationToken);
            return replies;
        }
        catch (DbUpdateException e)
        {
            LogBatchFallback(logger, messages.Count, e.GetBaseException().Message);
        }

        replies.Clear();
        foreach (var message in messages)
        {
            replies.Add(await ApplyAsync(buyer, message, cancellationToken));
        }

        return replies;
    }

    /// <summary>Applies one message as read from the wire, in its own transaction.</summary>
    public Task<IntakeReply> ApplyAsync(Company buyer, IntakeMessage message, CancellationToken cancellationToken = default) => message.Command switch
    {
        CancelPurchaseOrder cancel => CancelAsync(buyer, cancel, cancellationToken),
        IPurchaseOrderRevision revision => ReviseAsync(buyer, revision, cancellationToken),
        _ => RejectAsync(buyer, message.MessageType, message.OrderNumber, message.Revision, message.Problems, cancellationToken),
    };

    private Task<IntakeReply> StepAsync(Company buyer, IntakeMessage message, CancellationToken cancellationToken) => message.Command switch
    {
        CancelPurchaseOrder cancel => ApplyCancelAsync(buyer, cancel, cancellationToken),
        IPurchaseOrderRevision revision => ApplyRevisionAsync(buyer, revision, cancellationToken),
        _ => Task.FromResult(Rejected(buyer, message.MessageType, message.OrderNumber, message.Revision, message.Problems)),
    };

    /// <summary>
    /// Records a message that could not even be read (malformed JSON, unknown type, a poison message): the buyer gets a
    /// <see cref="PurchaseOrderRejected"/> like any other rejection, and nothing else changes.
    /// </summary>
    public async Task<IntakeReply> RejectAsync(
        Company buyer, string messageType, string? orderNumber, int? revision, IReadOnlyList<Problem> problems, CancellationToken cancellationToken = default)
    {
        StartUnitOfWork();
        var reply = Rejected(buyer, messageType, orderNumber, revision, problems);
        await db.SaveChangesAsync(cancellationToken);
        return reply;
    }

    private async Task<IntakeReply> ApplyRevisionAsync(Company buyer, IPurchaseOrderRevision message, CancellationToken cancellationToken)
    {
        var type = message.GetType().Name;
        if (BuyerMismatch(buyer, message.BuyerCode) is { } mismatch)
        {
            return Rejected(buyer, type, message.OrderNumber, message.Revision, [mismatch]);
        }

        var order = await FindOrderAsync(buyer, message.OrderNumber, cancellationToken);
        if (!_relationships.TryGetValue(message.SupplierCode, out var relationship))
        {
            relationship = await db.TradingRelationships.SingleOrDefaultAsync(r => r.BuyerId == buyer.Id && r.SupplierCode == message.SupplierCode, cancellationToken);
            _relationships[message.SupplierCode] = relationship;
        }

        if (relationship is null)
        {
            return Rejected(buyer, type, message.OrderNumber, message.Revision, [ContractReader.Problem("supplierCode", ProblemCodes.UnknownSupplier,
                $"{buyer.Code} has no supplier with the code '{message.SupplierCode}'.")]);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            if (order is null)
            {
                if (message is ChangePurchaseOrder)
                {
                    return Rejected(buyer, type, message.OrderNumber, message.Revision, [ContractReader.Problem("orderNumber", ProblemCodes.UnknownOrder,
                        $"there is no order {message.OrderNumber} to change; send it as SubmitPurchaseOrder first.")]);
                }

                order = PurchaseOrder.Receive(relationship, message.OrderNumber, message.Revision, ContractMapping.Header(message), ContractMapping.Lines(message), now);
                Insert(order);
                _orders[order.OrderNumber] = order;
                Insert(OrderNotice.Create(order.SupplierId, buyer.Id, order.Id, order.OrderNumber, order.Revision, OrderNoticeKind.New, now));
                return Received(buyer, relationship, order.OrderNumber, order.Revision, IntakeOutcome.Received);
            }

            if (order.TradingRelationshipId != relationship.Id)
            {
                return Rejected(buyer, type, message.OrderNumber, message.Revision, [ContractReader.Problem("supplierCode", "supplier_changed",
                    $"order {order.OrderNumber} was placed with another supplier; cancel it and submit a new order instead.")]);
            }

            var outcome = order.Revise(message.Revision, ContractMapping.Header(message), ContractMapping.Lines(message), now);
            if (outcome == RevisionOutcome.Applied)
            {
                Insert(OrderNotice.Create(order.SupplierId, buyer.Id, order.Id, order.OrderNumber, order.Revision, OrderNoticeKind.Changed, now));
            }

            return Received(buyer, relationship, order.OrderNumber, message.Revision, outcome switch
            {
                RevisionOutcome.Applied => IntakeOutcome.Received,
                RevisionOutcome.Duplicate => IntakeOutcome.Duplicate,
                _ => IntakeOutcome.Stale,
            });
        }
        catch (DomainRuleException e)
        {
            return Rejected(buyer, type, message.OrderNumber, message.Revision, ContractMapping.Problems(e));
        }
    }

    private async Task<IntakeReply> ApplyCancelAsync(Company buyer, CancelPurchaseOrder message, CancellationToken cancellationToken)
    {
        const string type = nameof(CancelPurchaseOrder);
        if (BuyerMismatch(buyer, message.BuyerCode) is { } mismatch)
        {
            return Rejected(buyer, type, message.OrderNumber, null, [mismatch]);
        }

        var order = await FindOrderAsync(buyer, message.OrderNumber, cancellationToken);
        if (order is null)
        {
            return Rejected(buyer, type, message.OrderNumber, null, [ContractReader.Problem("orderNumber", ProblemCodes.UnknownOrder,
                $"there is no order {message.OrderNumber} to cancel.")]);
        }

        var relationship = _relationships.Values.FirstOrDefault(r => r?.Id == order.TradingRelationshipId)
            ?? await db.TradingRelationships.SingleAsync(r => r.Id == order.TradingRelationshipId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            // Redelivery of a cancel must not fail on what it already cancelled: only the lines still open count.
            var lines = message.LineNumbers is { Count: > 0 } numbers
                ? numbers.Distinct().Where(n => order.Lines.SingleOrDefault(l => l.LineNumber == n) is not { IsCancelled: true }).ToList()
                : null;
            var changed = false;
            if (lines is null && order.CancelledAt is null)
            {
                order.Cancel(message.Reason, now);
                changed = true;
            }
            else if (lines is { Count: > 0 } && order.CancelledAt is null)
            {
                order.CancelLines(lines, message.Reason, now);
                changed = true;
            }

            if (changed)
            {
                Insert(OrderNotice.Create(order.SupplierId, buyer.Id, order.Id, order.OrderNumber, order.Revision, OrderNoticeKind.Cancelled, now));
            }

            return Received(buyer, relationship, order.OrderNumber, order.Revision, IntakeOutcome.Cancelled);
        }
        catch (DomainRuleException e)
        {
            return Rejected(buyer, type, message.OrderNumber, order.Revision, ContractMapping.Problems(e));
        }
    }

    /// <summary>
    /// Runs one intake step and saves it. A unique-key or concurrency conflict means another process stored the same
    /// order a moment earlier: start again from the database, where the step will now find it (and answer Duplicate).
    /// </summary>
    private async Task<IntakeReply> WithRetriesAsync(Func<Task<IntakeReply>> step, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            StartUnitOfWork();
            var reply = await step();
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return reply;
            }
            catch (DbUpdateException e) when (attempt < MaxAttempts)
            {
                LogConflict(logger, reply.OrderNumber, attempt, e.GetBaseException().Message);
            }
        }
    }

    private static Problem? BuyerMismatch(Company buyer, string? claimed) =>
        claimed is null || claimed == buyer.Code
            ? null
            : ContractReader.Problem("buyerCode", ProblemCodes.BuyerMismatch,
                $"the message claims buyer '{claimed}' but was sent with the credentials of {buyer.Code}.");

    private IntakeReply Received(Company buyer, TradingRelationship relationship, string orderNumber, int revision, IntakeOutcome outcome)
    {
        var document = new PurchaseOrderReceived
        {
            DocumentId = Guid.CreateVersion7(),
            BuyerCode = buyer.Code,
            SupplierCode = relationship.SupplierCode,
            OrderNumber = orderNumber,
            Revision = revision,
            Outcome = outcome,
            OccurredAt = clock.GetUtcNow(),
        };
        Enqueue(buyer, document.DocumentId, nameof(PurchaseOrderReceived), document, orderNumber);
        return new IntakeReply(document, null);
    }

    private IntakeReply Rejected(Company buyer, string messageType, string? orderNumber, int? revision, IReadOnlyList<Problem> problems)
    {
        var document = new PurchaseOrderRejected
        {
            DocumentId = Guid.CreateVersion7(),
            BuyerCode = buyer.Code,
            OrderNumber = orderNumber,
            Revision = revision,
            MessageType = messageType,
            Problems = problems,
            OccurredAt = clock.GetUtcNow(),
        };
        Enqueue(buyer, document.DocumentId, nameof(PurchaseOrderRejected), document, orderNumber);
        return new IntakeReply(null, document);
    }

    private void Enqueue<T>(Company buyer, Guid documentId, string messageType, T document, string? orderNumber) =>
        Insert(OutboxMessage.Create(
            documentId, buyer.Id, messageType, JsonSerializer.Serialize(document, ContractJson.Options),
            orderNumber is { Length: <= 40 } ? orderNumber : null, clock.GetUtcNow().UtcDateTime));

    /// <summary>A new row: kept for the batch's bulk write, or tracked when a message is applied on its own.</summary>
    private void Insert(object row)
    {
        if (_newRows is { } batch)
        {
            batch.Add(row);
        }
        else
        {
            db.Add(row);
        }
    }

    /// <summary>Forgets everything tracked: each message alone, each batch, and each retry starts from the database.</summary>
    private void StartUnitOfWork()
    {
        db.ChangeTracker.Clear();
        _orders.Clear();
        _relationships.Clear();
    }

    /// <summary>
    /// The order as this unit of work knows it: one stored or changed earlier in the same batch first, else from the
    /// database. Most messages are new orders, so a cheap existence check spares them loading an aggregate.
    /// </summary>
    private async Task<PurchaseOrder?> FindOrderAsync(Company buyer, string orderNumber, CancellationToken cancellationToken)
    {
        if (_orders.TryGetValue(orderNumber, out var known))
        {
            return known;
        }

        var exists = _known?.Contains(orderNumber)
            ?? await db.PurchaseOrders.AnyAsync(o => o.BuyerId == buyer.Id && o.OrderNumber == orderNumber, cancellationToken);
        if (!exists)
        {
            return null;
        }

        var order = await db.OrdersWithDetails().SingleAsync(o => o.BuyerId == buyer.Id && o.OrderNumber == orderNumber, cancellationToken);
        _orders[orderNumber] = order;
        return order;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A batch of {Count} intake messages could not be saved together ({Reason}); applying them one by one.")]
    private static partial void LogBatchFallback(ILogger logger, int count, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderNumber} was stored concurrently (attempt {Attempt}: {Reason}); retrying.")]
    private static partial void LogConflict(ILogger logger, string? orderNumber, int attempt, string reason);
}
