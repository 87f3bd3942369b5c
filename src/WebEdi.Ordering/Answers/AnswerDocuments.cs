using WebEdi.Contracts;
using WebEdi.Domain.Orders;

namespace WebEdi.Ordering.Answers;

/// <summary>Maps a stored answer to the contract the buyer's ERP reads: the one place domain and contract meet for answers.</summary>
public static class AnswerDocuments
{
    public static AnsweredLine Line(Domain.Orders.PurchaseOrderLine line, OrderResponse response) => new()
    {
        LineNumber = line.LineNumber,
        Answer = response.Kind switch
        {
            ResponseKind.Accepted => AnswerKind.Accepted,
            ResponseKind.AcceptedWithChanges => AnswerKind.AcceptedWithChanges,
            ResponseKind.Rejected => AnswerKind.Rejected,
            _ => throw new ArgumentOutOfRangeException(nameof(response), response.Kind, "Unknown kind of answer."),
        },
        Deliveries = response.Kind == ResponseKind.Rejected ? []
            : response.Deliveries.Count > 0
                ? response.Deliveries.OrderBy(d => d.Date).Select(d => new ScheduledDeliveryItem { Date = d.Date, Quantity = d.Quantity }).ToList()
                : [new ScheduledDeliveryItem { Date = response.PromisedDate ?? line.RequestedDeliveryDate, Quantity = line.Quantity }],
        UnitPrice = response.PromisedUnitPrice is { } price && price != line.UnitPrice ? price : null,
        RejectionReason = response.RejectionReason is { } reason ? (RejectionReasonCode)(int)reason : null,
        Comment = response.Comment,
    };
}
