using WebEdi.Domain.Companies;
using WebEdi.Domain.Orders;
using static WebEdi.Domain.Tests.Scenario;

namespace WebEdi.Domain.Tests.Companies;

public class Changing_a_trading_relationship_status
{
    [Fact]
    public void An_active_relationship_can_be_suspended_and_reactivated()
    {
        var relationship = Relationship();

        relationship.Suspend(Revised);
        Assert.Equal(TradingRelationshipStatus.Suspended, relationship.Status);
        Assert.Equal(Revised, relationship.StatusChangedAt);

        relationship.Reactivate(Cancelled);
        Assert.Equal(TradingRelationshipStatus.Active, relationship.Status);
        Assert.Equal(Cancelled, relationship.StatusChangedAt);
    }

    [Fact]
    public void An_active_relationship_can_be_ended()
    {
        var relationship = Relationship();

        relationship.End(Cancelled);

        Assert.Equal(TradingRelationshipStatus.Ended, relationship.Status);
        Assert.Equal(Cancelled, relationship.StatusChangedAt);
    }

    [Fact]
    public void A_suspended_relationship_can_be_ended()
    {
        var relationship = Relationship();
        relationship.Suspend(Revised);

        relationship.End(Cancelled);

        Assert.Equal(TradingRelationshipStatus.Ended, relationship.Status);
    }

    [Fact]
    public void An_active_relationship_cannot_be_reactivated()
    {
        var relationship = Relationship();

        Refused(() => relationship.Reactivate(Revised), ("status", "invalid_transition"));

        Assert.Equal(TradingRelationshipStatus.Active, relationship.Status);
        Assert.Null(relationship.StatusChangedAt);
    }

    [Fact]
    public void A_suspended_relationship_cannot_be_suspended_again()
    {
        var relationship = Relationship();
        relationship.Suspend(Revised);

        Refused(() => relationship.Suspend(Cancelled), ("status", "invalid_transition"));

        Assert.Equal(Revised, relationship.StatusChangedAt);
    }

    [Fact]
    public void An_ended_relationship_can_be_neither_suspended_nor_reactivated()
    {
        var relationship = Relationship();
        relationship.End(Revised);

        Refused(() => relationship.Suspend(Cancelled), ("status", "invalid_transition"));
        Refused(() => relationship.Reactivate(Cancelled), ("status", "invalid_transition"));

        Assert.Equal(TradingRelationshipStatus.Ended, relationship.Status);
        Assert.Equal(Revised, relationship.StatusChangedAt);
    }

    [Fact]
    public void An_ended_relationship_cannot_be_ended_again()
    {
        var relationship = Relationship();
        relationship.End(Revised);

        Refused(() => relationship.End(Cancelled), ("status", "already_ended"));

        Assert.Equal(Revised, relationship.StatusChangedAt);
    }

    [Fact]
    public void A_change_at_an_instant_that_is_not_UTC_is_refused_and_changes_nothing()
    {
        var relationship = Relationship();

        Assert.Throws<ArgumentException>(() => relationship.Suspend(NotUtc));
        Assert.Throws<ArgumentException>(() => relationship.End(NotUtc));

        Assert.Equal(TradingRelationshipStatus.Active, relationship.Status);
        Assert.Null(relationship.StatusChangedAt);
    }

    [Theory]
    [InlineData(TradingRelationshipStatus.Suspended)]
    [InlineData(TradingRelationshipStatus.Ended)]
    public void An_inactive_relationship_takes_no_new_orders(TradingRelationshipStatus status)
    {
        var relationship = Relationship();
        if (status == TradingRelationshipStatus.Suspended)
        {
            relationship.Suspend(Revised);
        }
        else
        {
            relationship.End(Revised);
        }

        var refusal = Refused(() => Receive(relationship, Line(1)), ("supplier", "relationship_inactive"));
        Assert.Contains("S0001", refusal.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reactivated_relationship_takes_orders_again()
    {
        var relationship = Relationship();
        relationship.Suspend(Revised);
        relationship.Reactivate(Cancelled);

        Assert.Equal(OrderStatus.New, Receive(relationship, Line(1)).Status);
    }

    [Fact]
    public void Orders_already_received_can_still_be_answered_revised_and_shipped_while_suspended()
    {
        var relationship = Relationship();
        var order = Receive(relationship, Line(1), Line(2));
        relationship.Suspend(Viewed);

        order.AcceptAll(Tanaka, Answered);
        Assert.Equal(RevisionOutcome.Applied, order.ReviseTo(2, Line(1), Line(2, quantity: 100m)));
        Ship(order, 1, 100m);

        Assert.Equal(OrderStatus.PartiallyShipped, order.Status);
    }
}
