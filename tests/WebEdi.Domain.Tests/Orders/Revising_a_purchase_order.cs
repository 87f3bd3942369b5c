using WebEdi.Domain.Orders;
using static WebEdi.Domain.Tests.Scenario;

namespace WebEdi.Domain.Tests.Orders;

public class Revising_a_purchase_order
{
    [Fact]
    public void The_same_revision_again_is_a_duplicate_and_changes_nothing()
    {
        var order = Receive(Line(1), Line(2));
        order.Answer(1, new OrderAnswer.Accept(), Tanaka, Answered);
        var before = order.Describe();

        var outcome = order.ReviseTo(1, Line(1, quantity: 5m));

        Assert.Equal(RevisionOutcome.Duplicate, outcome);
        Assert.Equal(before, order.Describe());
        Assert.Single(order.Revisions);
    }

    [Fact]
    public void An_older_revision_is_stale_and_changes_nothing()
    {
        var order = Receive(Line(1), Line(2));
        order.ReviseTo(3, Line(1), Line(2, quantity: 80m));
        var before = order.Describe();

        var outcome = order.ReviseTo(2, Line(1, quantity: 5m));

        Assert.Equal(RevisionOutcome.Stale, outcome);
        Assert.Equal(before, order.Describe());
        Assert.Equal([1, 3], order.Revisions.Select(r => r.Number));
    }

    [Fact]
    public void A_newer_revision_is_applied_and_kept_beside_the_earlier_ones()
    {
        var order = Receive(Line(1), Line(2));

        var outcome = order.Revise(2, Header with { Remarks = "Urgent" }, [Line(1, quantity: 80m), Line(2)], Revised);

        Assert.Equal(RevisionOutcome.Applied, outcome);
        Assert.Equal(2, order.Revision);
        Assert.Equal("Urgent", order.Remarks);
        Assert.Equal(80m, order.Line(1).Quantity);
        Assert.Equal(9600m, order.Line(1).Amount);
        Assert.Equal(2, order.Line(1).ChangedInRevision);
        Assert.Equal(1, order.Line(2).ChangedInRevision);
        Assert.Equal(Revised, order.UpdatedAt);
        Assert.Equal(Received, order.ReceivedAt);
        Assert.Equal([1, 2], order.Revisions.Select(r => r.Number));
        Assert.Equal(100m, order.Revisions[0].Snapshot.Lines[0].Quantity);
        Assert.Equal(80m, order.Revisions[1].Snapshot.Lines[0].Quantity);
        Assert.Equal(Revised, order.Revisions[1].ReceivedAt);
    }

    [Fact]
    public void The_search_text_follows_the_lines_item_codes_and_names()
    {
        var order = Receive(Line(1), Line(2) with { BuyerItemCode = "TM-OLD-2", ItemName = "旧品名" });

        order.ReviseTo(2, Line(1), Line(2) with { BuyerItemCode = "TM-NEW-2", SupplierItemCode = "SK-NEW-2", ItemName = "新品名" });

        Assert.StartsWith(order.OrderNumber + "\n", order.SearchText, StringComparison.Ordinal);
        Assert.Contains("TM-NEW-2\nSK-NEW-2\n新品名", order.SearchText, StringComparison.Ordinal);
        Assert.DoesNotContain("TM-OLD-2", order.SearchText, StringComparison.Ordinal);
        Assert.DoesNotContain("旧品名", order.SearchText, StringComparison.Ordinal);
    }

    [Fact]
    public void Revisions_may_skip_numbers()
    {
        var order = Receive(Line(1));

        Assert.Equal(RevisionOutcome.Applied, order.ReviseTo(5, Line(1, quantity: 80m)));
        Assert.Equal(5, order.Revision);
    }

    [Fact]
    public void The_kept_snapshots_list_changed_fields_and_added_and_removed_lines()
    {
        var order = Receive(Line(1), Line(2));

        order.ReviseTo(2, Line(1, quantity: 80m), Line(3));

        FieldChange[] expected =
        [
            new(1, "quantity", "100", "80"),
            new(1, "amount", "12000", "9600"),
            new(3, FieldChange.LineAdded, null, null),
            new(2, FieldChange.LineRemoved, null, null),
        ];
        Assert.Equal(expected, order.Revisions[1].Snapshot.ChangesSince(order.Revisions[0].Snapshot));
    }

    [Fact]
    public void Changes_to_the_header_are_applied_and_listed()
    {
        var order = Receive(Line(1));

        order.Revise(2, Header with { DeliveryLocation = "Plant 2", BuyerContact = null, Remarks = "Gate 4" }, [Line(1)], Revised);

        Assert.Equal("Plant 2", order.DeliveryLocation);
        Assert.Null(order.BuyerContact);
        Assert.Equal("Gate 4", order.Remarks);
        FieldChange[] expected =
        [
            new(null, "deliveryLocation", "Plant 1", "Plant 2"),
            new(null, "buyerContact", "Sato", null),
            new(null, "remarks", null, "Gate 4"),
        ];
        Assert.Equal(expected, order.Revisions[1].Snapshot.ChangesSince(order.Revisions[0].Snapshot));
    }

    [Fact]
    public void Unchanged_lines_keep_their_answers()
    {
        var order = ReceiveAccepted(Line(1), Line(2));
        var answer = order.Line(1).CurrentResponse;

        order.ReviseTo(2, Line(1), Line(2, quantity: 80m));

        var unchanged = order.Line(1);
        Assert.Equal(ResponseKind.Accepted, unchanged.CurrentAnswer);
        Assert.Same(answer, unchanged.CurrentResponse);
        Assert.True(answer!.IsCurrent);
        Assert.Equal(LineStatus.Accepted, unchanged.Status);
        Assert.Equal(1, unchanged.ChangedInRevision);
        Assert.Equal(100m, unchanged.OpenQuantity);
    }

    [Fact]
    public void A_changed_line_of_an_answered_order_is_reopened_and_its_answer_kept_as_superseded()
    {
        var order = ReceiveAccepted(Line(1), Line(2));
        var previous = order.Line(2).CurrentResponse!;

        order.ReviseTo(2, Line(1), Line(2, quantity: 80m));

        Assert.Equal(OrderStatus.ChangedAwaitingAnswer, order.Status);
        var changed = order.Line(2);
        Assert.Equal(LineStatus.ChangedAwaitingAnswer, changed.Status);
        Assert.True(changed.AwaitingAnswerAfterChange);
        Assert.True(changed.NeedsAnswer);
        Assert.Null(changed.CurrentAnswer);
        Assert.Null(changed.CurrentResponse);
        Assert.Equal(0m, changed.OpenQuantity);
        Assert.Same(previous, Assert.Single(changed.Responses));
        Assert.False(previous.IsCurrent);
        Assert.Equal(Revised, previous.SupersededAt);
        Assert.Equal(1, previous.Revision);
    }

    [Fact]
    public void Answering_the_changed_line_again_settles_the_order()
    {
        var order = ReceiveAccepted(Line(1), Line(2));
        order.ReviseTo(2, Line(1), Line(2, quantity: 80m));

        var response = order.Answer(2, new OrderAnswer.Accept(), Tanaka, Reanswered);

        Assert.Equal(OrderStatus.Answered, order.Status);
        Assert.Equal(2, response.Revision);
        Assert.False(order.Line(2).AwaitingAnswerAfterChange);
        Assert.Equal(80m, order.Line(2).OpenQuantity);
        Assert.Equal(2, order.Line(2).Responses.Count);
    }

    [Fact]
    public void A_second_change_before_the_supplier_answers_again_still_awaits_an_answer()
    {
        var order = ReceiveAccepted(Line(1));
        order.ReviseTo(2, Line(1, quantity: 80m));

        order.Revise(3, Header, [Line(1, quantity: 70m)], Reanswered);

        Assert.Equal(OrderStatus.ChangedAwaitingAnswer, order.Status);
        Assert.Equal(LineStatus.ChangedAwaitingAnswer, order.Line(1).Status);
    }

    [Fact]
    public void A_changed_line_of_an_unanswered_order_simply_stays_open()
    {
        var order = Receive(Line(1), Line(2));
        order.MarkViewed(Viewed);

        order.ReviseTo(2, Line(1), Line(2, quantity: 80m));

        Assert.Equal(OrderStatus.Viewed, order.Status);
        Assert.Equal(LineStatus.Open, order.Line(2).Status);
        Assert.False(order.Line(2).AwaitingAnswerAfterChange);
    }

    [Fact]
    public void Differences_only_in_surrounding_whitespace_or_blank_text_are_not_a_change()
    {
        var order = ReceiveAccepted(Line(1) with { Specification = "M8x20", Remarks = null });
        var answer = order.Line(1).CurrentResponse;
        var messy = Line(1) with
        {
            BuyerItemCode = "  BOLT-001 ",
            SupplierItemCode = "   ",
            ItemName = "Hex bolt M8\t",
            Specification = " M8x20 ",
            Unit = " PCS",
            Remarks = "",
        };

        var outcome = order.Revise(2, Header with { DeliveryLocation = " Plant 1 ", Remarks = "  " }, [messy], Revised);

        Assert.Equal(RevisionOutcome.Applied, outcome);
        Assert.Equal(OrderStatus.Answered, order.Status);
        Assert.Same(answer, order.Line(1).CurrentResponse);
        Assert.Equal(1, order.Line(1).ChangedInRevision);
        Assert.Empty(order.Revisions[1].Snapshot.ChangesSince(order.Revisions[0].Snapshot));
    }

    [Fact]
    public void A_quantity_written_with_trailing_zeros_is_not_a_change()
    {
        var order = ReceiveAccepted(Line(1, quantity: 100m));

        order.ReviseTo(2, Line(1, quantity: 100.000m));

        Assert.Equal(OrderStatus.Answered, order.Status);
        Assert.Empty(order.Revisions[1].Snapshot.ChangesSince(order.Revisions[0].Snapshot));
    }

    [Fact]
    public void A_line_added_to_an_answered_order_needs_an_answer()
    {
        var order = ReceiveAccepted(Line(1));

        order.ReviseTo(2, Line(1), Line(2));

        var added = order.Line(2);
        Assert.Equal(LineStatus.ChangedAwaitingAnswer, added.Status);
        Assert.True(added.NeedsAnswer);
        Assert.Equal(2, added.ChangedInRevision);
        Assert.Equal(OrderStatus.ChangedAwaitingAnswer, order.Status);
        Assert.Equal(2, Assert.Single(order.AcceptAll(Tanaka, Reanswered)).Revision);
        Assert.Equal(OrderStatus.Answered, order.Status);
    }

    [Fact]
    public void A_line_added_to_an_unanswered_order_is_simply_open()
    {
        var order = Receive(Line(1));

        order.ReviseTo(2, Line(1), Line(2));

        Assert.Equal(LineStatus.Open, order.Line(2).Status);
        Assert.Equal(OrderStatus.New, order.Status);
    }

    [Fact]
    public void A_line_missing_from_the_revision_is_cancelled()
    {
        var order = ReceiveAccepted(Line(1), Line(2) with { RequestedDeliveryDate = new DateOnly(2026, 11, 10) });

        order.ReviseTo(2, Line(1));

        var removed = order.Line(2);
        Assert.True(removed.IsCancelled);
        Assert.Equal(Revised, removed.CancelledAt);
        Assert.Equal(LineStatus.Cancelled, removed.Status);
        Assert.Equal(0m, removed.OpenQuantity);
        Assert.Equal([1], order.ActiveLines.Select(l => l.LineNumber));
        Assert.Equal(OrderStatus.Answered, order.Status);
        Assert.Null(order.CancelledAt);
        Assert.Equal(RequestedDate, order.NextDeliveryDate);
    }

    [Fact]
    public void A_line_that_comes_back_in_a_later_revision_is_restored_and_needs_an_answer()
    {
        var order = ReceiveAccepted(Line(1), Line(2));
        order.ReviseTo(2, Line(1));

        order.Revise(3, Header, [Line(1), Line(2)], Reanswered);

        var restored = order.Line(2);
        Assert.False(restored.IsCancelled);
        Assert.Null(restored.CancelledAt);
        Assert.Equal(3, restored.ChangedInRevision);
        Assert.Equal(LineStatus.ChangedAwaitingAnswer, restored.Status);
        Assert.False(Assert.Single(restored.Responses).IsCurrent);
    }

    [Fact]
    public void Refuses_a_quantity_below_what_was_already_shipped_and_changes_nothing()
    {
        var order = ReceiveAccepted(Line(1));
        Ship(order, 1, 60m);
        var before = order.Describe();

        Refused(() => order.ReviseTo(2, Line(1, quantity: 50m)), ("lines[1].quantity", "below_shipped"));

        Assert.Equal(before, order.Describe());
    }

    [Fact]
    public void Accepts_a_quantity_equal_to_what_was_already_shipped()
    {
        var order = ReceiveAccepted(Line(1));
        Ship(order, 1, 60m);

        Assert.Equal(RevisionOutcome.Applied, order.ReviseTo(2, Line(1, quantity: 60m)));
        Assert.Equal(60m, order.Line(1).ShippedQuantity);
        Assert.Equal(LineStatus.ChangedAwaitingAnswer, order.Line(1).Status);
    }

    [Fact]
    public void Refuses_to_remove_a_line_that_has_shipments_and_changes_nothing()
    {
        var order = ReceiveAccepted(Line(1), Line(2));
        Ship(order, 1, 10m);
        var before = order.Describe();

        var refusal = Refused(() => order.ReviseTo(2, Line(2)), ("lines[1]", "line_shipped"));

        Assert.Contains("line 1", refusal.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(before, order.Describe());
    }

    [Fact]
    public void Refuses_a_revision_of_a_cancelled_order_and_changes_nothing()
    {
        var order = Receive(Line(1));
        order.Cancel("Project stopped", Cancelled);
        var before = order.Describe();

        Refused(() => order.Revise(2, Header, [Line(1, quantity: 80m)], Reanswered), ("", "order_cancelled"));

        Assert.Equal(before, order.Describe());
    }

    [Fact]
    public void Refuses_an_invalid_revision_with_every_problem_and_changes_nothing()
    {
        var order = ReceiveAccepted(Line(1), Line(2));
        var before = order.Describe();

        Refused(() => order.Revise(2, Header with { Currency = "XYZ" }, [Line(1, quantity: -1m), Line(2) with { ItemName = " " }], Revised),
            ("currency", "unknown_currency"), ("lines[1].quantity", "not_positive"), ("lines[2].itemName", "required"));

        Assert.Equal(before, order.Describe());
    }

    [Fact]
    public void Refuses_a_revision_without_lines()
    {
        var order = Receive(Line(1));

        Refused(() => order.ReviseTo(2), ("lines", "required"));
    }

    [Fact]
    public void Refuses_a_revision_that_repeats_a_line_number_and_changes_nothing()
    {
        var order = ReceiveAccepted(Line(1), Line(2));
        var before = order.Describe();

        Refused(() => order.ReviseTo(2, Line(1), Line(2), Line(2, quantity: 80m)), ("lines[2].lineNumber", "duplicate_line"));

        Assert.Equal(before, order.Describe());
    }

    [Fact]
    public void Refuses_a_revision_instant_that_is_not_UTC_and_changes_nothing()
    {
        var order = ReceiveAccepted(Line(1));
        var before = order.Describe();

        Assert.Throws<ArgumentException>(() => order.Revise(2, Header, [Line(1, quantity: 80m)], NotUtc));

        Assert.Equal(before, order.Describe());
    }
}
