using WebEdi.Contracts;

namespace WebEdi.Integration.Tests;

/// <summary>Outbox documents the file tests write: an answer with split deliveries and a rejected line.</summary>
internal static class SampleDocuments
{
    public static PurchaseOrderAnswered Answered { get; } = new()
    {
        DocumentId = Guid.Parse("0193a7c2-5f1e-7d4b-9a8e-2c6f1b3d4e5a"),
        BuyerCode = "TOKAI-MOTOR",
        SupplierCode = "S10021",
        OrderNumber = "PO-2026-004512",
        Revision = 2,
        AnsweredBy = "鈴木 健",
        OccurredAt = new DateTimeOffset(2026, 12, 1, 1, 15, 42, 318, TimeSpan.Zero),
        Lines =
        [
            new AnsweredLine
            {
                LineNumber = 1, Answer = AnswerKind.AcceptedWithChanges, UnitPrice = 180.5000m, Comment = "分納で対応します, よろしく",
                Deliveries = [new() { Date = new DateOnly(2026, 12, 10), Quantity = 60.000m }, new() { Date = new DateOnly(2026, 12, 20), Quantity = 60m }],
            },
            new AnsweredLine { LineNumber = 2, Answer = AnswerKind.Rejected, RejectionReason = RejectionReasonCode.OutOfStock, Deliveries = [] },
        ],
    };
}
