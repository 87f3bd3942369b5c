using WebEdi.Domain.Orders;
using static WebEdi.Domain.Tests.Scenario;

namespace WebEdi.Domain.Tests.Orders;

public class Accepting_an_order_line_with_changes
{
    private static readonly DateOnly December1 = new(2026, 12, 1);
    private static readonly DateOnly December10 = new(2026, 12, 10);

    private static OrderResponse AnswerLine1(PurchaseOrder order, OrderAnswer answer) => order.Answer(1, answer, Tanaka, Answered);

    private static OrderAnswer.AcceptWithChanges Split(params (DateOnly Date, decimal Quantity)[] deliveries) =>
        new(null, null, deliveries.Select(d => new ScheduledDeliveryData(d.Date, d.Quantity)).ToList());

    [Fact]
    public void Promises_a_different_date()
    {
        var order = Receive(Line(1));

        var response = AnswerLine1(order, new OrderAnswer.AcceptWithChanges(December10, null, null, "Material shortage"));

        Assert.Equal(ResponseKind.AcceptedWithChanges, response.Kind);
        Assert.Equal(December10, response.PromisedDate);
        Assert.Null(response.PromisedUnitPrice);
        Assert.Equal("Material shortage", response.Comment);
        Assert.Equal(LineStatus.Accepted, order.Line(1).Status);
        Assert.Equal(100m, order.Line(1).OpenQuantity);
        Assert.Equal(OrderStatus.Answered, order.Status);
    }

    [Fact]
    public void Promises_a_different_unit_price()
    {
        var order = Receive(Line(1));

        var response = AnswerLine1(order, new OrderAnswer.AcceptWithChanges(null, 115.5m, null));

        Assert.Equal(115.5m, response.PromisedUnitPrice);
        Assert.Equal(120m, order.Line(1).UnitPrice);
    }

    [Fact]
    public void Accepts_a_free_of_charge_price()
    {
        var order = Receive(Line(1));

        Assert.Equal(0m, AnswerLine1(order, new OrderAnswer.AcceptWithChanges(null, 0m, null)).PromisedUnitPrice);
    }

    [Fact]
    public void Splits_the_quantity_into_scheduled_deliveries_kept_in_date_order()
    {
        var order = Receive(Line(1));

        var response = AnswerLine1(order, Split((December10, 40m), (December1, 60m)));

        Assert.Equal([(December1, 60m), (December10, 40m)], response.Deliveries.Select(d => (d.Date, d.Quantity)));
        Assert.All(response.Deliveries, d => Assert.Equal(response.Id, d.OrderResponseId));
        Assert.Null(response.PromisedDate);
    }

    [Fact]
    public void Refuses_scheduled_deliveries_that_do_not_add_up_to_the_ordered_quantity()
    {
        var order = Receive(Line(1));

        var refusal = Refused(() => AnswerLine1(order, Split((December1, 40m), (December10, 50m))), ("lines[1].deliveries", "quantity_mismatch"));

        Assert.Contains("add up to 90, but 100 were ordered", refusal.Errors[0].Message, StringComparison.Ordinal);
        Assert.Empty(order.Line(1).Responses);
    }

    [Fact]
    public void Refuses_scheduled_deliveries_adding_up_to_more_than_ordered()
    {
        var order = Receive(Line(1));

        Refused(() => AnswerLine1(order, Split((December1, 60m), (December10, 50m))), ("lines[1].deliveries", "quantity_mismatch"));
    }

    [Fact]
    public void Refuses_two_deliveries_on_the_same_date()
    {
        var order = Receive(Line(1));

        Refused(() => AnswerLine1(order, Split((December1, 50m), (December1, 50m))), ("lines[1].deliveries", "duplicate_date"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-10)]
    public void Refuses_a_delivery_of_zero_or_less_naming_it(int quantity)
    {
        var order = Receive(Line(1));

        Refused(() => AnswerLine1(order, Split((December1, 100m - quantity), (December10, quantity))),
            ("lines[1].deliveries[1].quantity", "not_positive"));
    }

    [Fact]
    public void Refuses_a_delivery_before_the_order_date_naming_it()
    {
        var order = Receive(Line(1));

        Refused(() => AnswerLine1(order, Split((OrderDate.AddDays(-1), 40m), (December1, 60m))),
            ("lines[1].deliveries[0].date", "before_order_date"));
    }

    [Fact]
    public void Refuses_more_than_99_scheduled_deliveries()
    {
        var order = Receive(Line(1));
        var hundred = Enumerable.Range(0, 100).Select(i => (OrderDate.AddDays(i), 1m)).ToArray();

        Refused(() => AnswerLine1(order, Split(hundred)), ("lines[1].deliveries", "too_many"));
    }

    [Fact]
    public void Accepts_99_scheduled_deliveries()
    {
        var order = Receive(Line(1, quantity: 99m));
        var ninetyNine = Enumerable.Range(0, 99).Select(i => (OrderDate.AddDays(i), 1m)).ToArray();

        Assert.Equal(99, AnswerLine1(order, Split(ninetyNine)).Deliveries.Count);
    }

    [Fact]
    public void Refuses_a_promised_date_together_with_scheduled_deliveries()
    {
        var order = Receive(Line(1));
        var both = new OrderAnswer.AcceptWithChanges(December10, null, [new(December1, 100m)]);

        Refused(() => AnswerLine1(order, both), ("lines[1].promisedDate", "date_and_deliveries"));
    }

    [Fact]
    public void Refuses_an_acceptance_with_changes_that_changes_nothing()
    {
        var order = Receive(Line(1));

        Refused(() => AnswerLine1(order, new OrderAnswer.AcceptWithChanges(null, null, null, "Fine")), ("lines[1]", "no_change"));
        Refused(() => AnswerLine1(order, new OrderAnswer.AcceptWithChanges(null, null, [])), ("lines[1]", "no_change"));
    }

    [Fact]
    public void Refuses_changes_that_repeat_the_order_as_it_stands()
    {
        var order = Receive(Line(1, quantity: 100m, unitPrice: 120m));

        Refused(() => AnswerLine1(order, new OrderAnswer.AcceptWithChanges(RequestedDate, null, null)), ("lines[1]", "no_change"));
        Refused(() => AnswerLine1(order, new OrderAnswer.AcceptWithChanges(null, 120m, null)), ("lines[1]", "no_change"));
        Refused(() => AnswerLine1(order, new OrderAnswer.AcceptWithChanges(null, null, [new ScheduledDeliveryData(RequestedDate, 100m)])),
            ("lines[1]", "no_change"));
        Assert.Null(order.Line(1).CurrentAnswer);
    }

    [Fact]
    public void Accepts_one_delivery_on_another_date_as_a_change()
    {
        var order = Receive(Line(1, quantity: 100m));

        AnswerLine1(order, new OrderAnswer.AcceptWithChanges(null, null, [new ScheduledDeliveryData(RequestedDate.AddDays(5), 100m)]));

        Assert.Equal(ResponseKind.AcceptedWithChanges, order.Line(1).CurrentAnswer);
    }

    [Fact]
    public void Refuses_a_promised_date_before_the_order_date()
    {
        var order = Receive(Line(1));

        Refused(() => AnswerLine1(order, new OrderAnswer.AcceptWithChanges(OrderDate.AddDays(-1), null, null)),
            ("lines[1].promisedDate", "before_order_date"));
    }

    [Fact]
    public void Accepts_a_promised_date_on_the_order_date()
    {
        var order = Receive(Line(1));

        Assert.Equal(OrderDate, AnswerLine1(order, new OrderAnswer.AcceptWithChanges(OrderDate, null, null)).PromisedDate);
    }

    [Fact]
    public void Refuses_a_negative_unit_price()
    {
        var order = Receive(Line(1));

        Refused(() => AnswerLine1(order, new OrderAnswer.AcceptWithChanges(null, -1m, null)), ("lines[1].unitPrice", "negative"));
    }

    [Fact]
    public void Reports_every_problem_at_once_and_changes_nothing()
    {
        var order = Receive(Line(1));
        var before = order.Describe();
        var answer = new OrderAnswer.AcceptWithChanges(December1, -1m, [new(OrderDate.AddDays(-1), 0m), new(OrderDate.AddDays(-1), 50m)]);

        Refused(() => AnswerLine1(order, answer),
            ("lines[1].promisedDate", "date_and_deliveries"),
            ("lines[1].unitPrice", "negative"),
            ("lines[1].deliveries[0].quantity", "not_positive"),
            ("lines[1].deliveries[0].date", "before_order_date"),
            ("lines[1].deliveries[1].date", "before_order_date"),
            ("lines[1].deliveries", "duplicate_date"),
            ("lines[1].deliveries", "quantity_mismatch"));

        Assert.Equal(before, order.Describe());
    }
}
