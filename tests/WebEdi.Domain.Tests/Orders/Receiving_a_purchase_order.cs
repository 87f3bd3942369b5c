using WebEdi.Domain.Orders;
using static WebEdi.Domain.Tests.Scenario;

namespace WebEdi.Domain.Tests.Orders;

public class Receiving_a_purchase_order
{
    private static PurchaseOrder ReceiveWith(OrderHeader header, params OrderLineData[] lines) =>
        PurchaseOrder.Receive(Relationship(), OrderNumber, 1, header, lines, Received);

    [Fact]
    public void Stores_it_as_a_new_order_of_the_relationships_buyer_and_supplier()
    {
        var relationship = Relationship();

        var order = PurchaseOrder.Receive(relationship, OrderNumber, 3, Header, [Line(1), Line(2)], Received);

        Assert.Equal(relationship.BuyerId, order.BuyerId);
        Assert.Equal(relationship.SupplierId, order.SupplierId);
        Assert.Equal(relationship.Id, order.TradingRelationshipId);
        Assert.Equal(OrderNumber, order.OrderNumber);
        Assert.Equal(3, order.Revision);
        Assert.Equal(OrderDate, order.OrderDate);
        Assert.Equal("JPY", order.Currency);
        Assert.Equal("Plant 1", order.DeliveryLocation);
        Assert.Equal("Sato", order.BuyerContact);
        Assert.Equal(OrderStatus.New, order.Status);
        Assert.Equal(Received, order.ReceivedAt);
        Assert.Equal(Received, order.UpdatedAt);
        Assert.Null(order.ViewedAt);
        Assert.Null(order.CancelledAt);
        Assert.Equal([1, 2], order.Lines.Select(l => l.LineNumber));
        Assert.All(order.Lines, l => Assert.Equal(LineStatus.Open, l.Status));
        Assert.All(order.Lines, l => Assert.Equal(3, l.ChangedInRevision));
        var revision = Assert.Single(order.Revisions);
        Assert.Equal(3, revision.Number);
        Assert.Equal(order.Id, revision.PurchaseOrderId);
        Assert.Equal(Received, revision.ReceivedAt);
    }

    [Fact]
    public void Accepts_revision_zero_for_ERPs_that_count_from_zero()
    {
        var order = PurchaseOrder.Receive(Relationship(), OrderNumber, 0, Header, [Line(1)], Received);

        Assert.Equal(0, order.Revision);
    }

    [Fact]
    public void Keeps_lines_in_line_number_order_whatever_order_they_arrive_in()
    {
        var order = Receive(Line(30), Line(10), Line(20));

        Assert.Equal([10, 20, 30], order.Lines.Select(l => l.LineNumber));
        Assert.Equal([10, 20, 30], order.Revisions[0].Snapshot.Lines.Select(l => l.LineNumber));
    }

    [Fact]
    public void Trims_text_and_stores_blank_optional_text_as_absent()
    {
        var header = Header with { DeliveryLocation = "  Plant 1 ", BuyerContact = "   ", Remarks = " Call before delivery " };
        var line = Line(1) with
        {
            BuyerItemCode = "  BOLT-001 ",
            SupplierItemCode = "   ",
            ItemName = " Hex bolt M8 ",
            Specification = "",
            Unit = " PCS ",
            DeliveryLocation = "  ",
            Remarks = " Zinc plated ",
        };

        var order = ReceiveWith(header, line);

        Assert.Equal("Plant 1", order.DeliveryLocation);
        Assert.Null(order.BuyerContact);
        Assert.Equal("Call before delivery", order.Remarks);
        var stored = order.Line(1);
        Assert.Equal("BOLT-001", stored.BuyerItemCode);
        Assert.Null(stored.SupplierItemCode);
        Assert.Equal("Hex bolt M8", stored.ItemName);
        Assert.Null(stored.Specification);
        Assert.Equal("PCS", stored.Unit);
        Assert.Null(stored.DeliveryLocation);
        Assert.Equal("Zinc plated", stored.Remarks);
        Assert.Equal("BOLT-001", order.Revisions[0].Snapshot.Lines[0].BuyerItemCode);
    }

    [Fact]
    public void Keeps_line_breaks_and_tabs_in_remarks()
    {
        var order = ReceiveWith(Header with { Remarks = "Gate 3\nDock\t2" }, Line(1));

        Assert.Equal("Gate 3\nDock\t2", order.Remarks);
    }

    [Fact]
    public void Computes_a_missing_yen_amount_rounding_half_yen_up()
    {
        var order = Receive(Line(1, quantity: 3m, unitPrice: 33.5m), Line(2, quantity: 3m, unitPrice: 33.1m));

        Assert.Equal(101m, order.Line(1).Amount);
        Assert.Equal(99m, order.Line(2).Amount);
    }

    [Fact]
    public void Computes_a_missing_dollar_amount_to_the_cent_rounding_half_up()
    {
        var order = ReceiveWith(Header with { Currency = "USD" }, Line(1, quantity: 3m, unitPrice: 0.335m));

        Assert.Equal(1.01m, order.Line(1).Amount);
    }

    [Fact]
    public void Keeps_the_amount_the_ERP_computed()
    {
        var order = Receive(Line(1, quantity: 3m, unitPrice: 33.5m) with { Amount = 100m });

        Assert.Equal(100m, order.Line(1).Amount);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(101)]
    public void Accepts_a_yen_amount_rounded_either_way(int amount)
    {
        var order = Receive(Line(1, quantity: 3m, unitPrice: 33.5m) with { Amount = amount });

        Assert.Equal(amount, order.Line(1).Amount);
    }

    [Theory]
    [InlineData(11999)]
    [InlineData(12001)]
    [InlineData(13200)]
    public void Refuses_a_yen_amount_one_yen_or_more_off(int amount)
    {
        var refusal = Refused(() => Receive(Line(1) with { Amount = amount }), ("lines[1].amount", "amount_mismatch"));
        Assert.Contains("12000", refusal.Errors[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.00")]
    [InlineData("10.01")]
    public void Accepts_a_dollar_amount_within_a_cent(string amount)
    {
        var order = ReceiveWith(Header with { Currency = "USD" },
            Line(1, quantity: 3m, unitPrice: 3.335m) with { Amount = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal("USD", order.Currency);
    }

    [Theory]
    [InlineData("9.99")]
    [InlineData("10.02")]
    public void Refuses_a_dollar_amount_a_cent_or_more_off(string amount)
    {
        Refused(() => ReceiveWith(Header with { Currency = "USD" },
                Line(1, quantity: 3m, unitPrice: 3.335m) with { Amount = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture) }),
            ("lines[1].amount", "amount_mismatch"));
    }

    [Theory]
    [InlineData("XXX")]
    [InlineData("jpy")]
    [InlineData("")]
    [InlineData(null)]
    public void Refuses_a_currency_that_is_not_supported(string? currency)
    {
        Refused(() => ReceiveWith(Header with { Currency = currency! }, Line(1) with { Amount = 1m }), ("currency", "unknown_currency"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("PO 0001")]
    [InlineData("PO-0001\t")]
    [InlineData("PO-0001\u200B")]
    [InlineData("PO-0001-0002-0003-0004-0005-0006-0007-001")]
    [InlineData(null)]
    public void Refuses_an_order_number_that_is_empty_too_long_or_has_spaces_or_control_characters(string? orderNumber)
    {
        Refused(() => PurchaseOrder.Receive(Relationship(), orderNumber!, 1, Header, [Line(1)], Received),
            ("orderNumber", "invalid_order_number"));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("注文-2026/11-0001")]
    [InlineData("PO-0001-0002-0003-0004-0005-0006-0007-00")]
    public void Accepts_any_order_number_of_1_to_40_visible_characters(string orderNumber)
    {
        Assert.Equal(orderNumber, PurchaseOrder.Receive(Relationship(), orderNumber, 1, Header, [Line(1)], Received).OrderNumber);
    }

    [Fact]
    public void Refuses_a_negative_revision()
    {
        Refused(() => PurchaseOrder.Receive(Relationship(), OrderNumber, -1, Header, [Line(1)], Received), ("revision", "invalid_revision"));
    }

    [Fact]
    public void Refuses_an_order_without_lines()
    {
        Refused(() => Receive(), ("lines", "required"));
    }

    [Fact]
    public void Accepts_999_lines_and_refuses_1000()
    {
        Assert.Equal(999, Receive(Enumerable.Range(1, 999).Select(n => Line(n)).ToArray()).Lines.Count);
        Refused(() => Receive(Enumerable.Range(1, 1000).Select(n => Line(n)).ToArray()), ("lines", "too_many"));
    }

    [Fact]
    public void Refuses_a_line_number_that_appears_twice_and_names_it_once()
    {
        var refusal = Refused(() => Receive(Line(1), Line(2), Line(2), Line(2)), ("lines[2].lineNumber", "duplicate_line"));
        Assert.Contains("3 times", refusal.Errors[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(100000)]
    public void Refuses_a_line_number_outside_1_to_99999(int lineNumber)
    {
        Refused(() => Receive(Line(lineNumber)), ($"lines[{lineNumber}].lineNumber", "out_of_range"));
    }

    [Fact]
    public void Accepts_line_number_99999()
    {
        Assert.Equal(99999, Receive(Line(99999)).Lines[0].LineNumber);
    }

    [Fact]
    public void Refuses_a_quantity_of_minus_one_and_names_the_line()
    {
        var refusal = Refused(() => Receive(Line(1), Line(2, quantity: -1m)), ("lines[2].quantity", "not_positive"));
        Assert.Contains("-1", refusal.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_quantity_of_zero()
    {
        Refused(() => Receive(Line(1, quantity: 0m)), ("lines[1].quantity", "not_positive"));
    }

    [Fact]
    public void Refuses_a_quantity_with_more_than_three_decimal_places()
    {
        Refused(() => Receive(Line(1, quantity: 1.2345m)), ("lines[1].quantity", "too_precise"));
    }

    [Fact]
    public void Accepts_three_decimal_places_and_trailing_zeros_beyond_them()
    {
        Assert.Equal(1.234m, Receive(Line(1, quantity: 1.234m)).Line(1).Quantity);
        Assert.Equal(1.5m, Receive(Line(1, quantity: 1.50000m)).Line(1).Quantity);
    }

    [Fact]
    public void Refuses_a_quantity_of_a_billion_or_more()
    {
        Refused(() => Receive(Line(1, quantity: 1_000_000_000m)), ("lines[1].quantity", "too_large"));
        Assert.Equal(999_999_999m, Receive(Line(1, quantity: 999_999_999m)).Line(1).Quantity);
    }

    [Fact]
    public void Refuses_a_negative_unit_price_but_accepts_a_free_line()
    {
        Refused(() => Receive(Line(1, unitPrice: -0.01m)), ("lines[1].unitPrice", "negative"));
        Assert.Equal(0m, Receive(Line(1, unitPrice: 0m)).Line(1).Amount);
    }

    [Fact]
    public void Refuses_a_unit_price_of_a_trillion_or_more()
    {
        Refused(() => Receive(Line(1, quantity: 1m, unitPrice: 1_000_000_000_000m)), ("lines[1].unitPrice", "too_large"));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("100.01")]
    public void Refuses_a_tax_rate_outside_0_to_100_percent(string rate)
    {
        Refused(() => Receive(Line(1) with { TaxRate = decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture) }),
            ("lines[1].taxRate", "out_of_range"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    [InlineData(10)]
    [InlineData(100)]
    public void Accepts_a_tax_rate_from_0_to_100_percent(int rate)
    {
        Assert.Equal(rate, Receive(Line(1) with { TaxRate = rate }).Line(1).TaxRate);
    }

    [Fact]
    public void Refuses_a_requested_date_before_the_order_date()
    {
        Refused(() => Receive(Line(1) with { RequestedDeliveryDate = OrderDate.AddDays(-1) }),
            ("lines[1].requestedDeliveryDate", "before_order_date"));
    }

    [Fact]
    public void Accepts_delivery_on_the_order_date()
    {
        Assert.Equal(OrderDate, Receive(Line(1) with { RequestedDeliveryDate = OrderDate }).NextDeliveryDate);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Refuses_a_line_without_item_code_item_name_or_unit(string blank)
    {
        Refused(() => Receive(Line(1) with { BuyerItemCode = blank, ItemName = blank, Unit = blank }),
            ("lines[1].buyerItemCode", "required"), ("lines[1].itemName", "required"), ("lines[1].unit", "required"));
    }

    [Fact]
    public void Refuses_text_longer_than_its_field_and_names_each_field()
    {
        var line = Line(1) with
        {
            BuyerItemCode = new string('B', 41),
            SupplierItemCode = new string('S', 41),
            ItemName = new string('N', 201),
            Specification = new string('P', 201),
            Unit = new string('U', 11),
            DeliveryLocation = new string('L', 101),
            Remarks = new string('R', 501),
        };
        var header = Header with { DeliveryLocation = new string('L', 101), BuyerContact = new string('C', 101), Remarks = new string('R', 1001) };

        Refused(() => ReceiveWith(header, line),
            ("deliveryLocation", "too_long"), ("buyerContact", "too_long"), ("remarks", "too_long"),
            ("lines[1].buyerItemCode", "too_long"), ("lines[1].supplierItemCode", "too_long"), ("lines[1].itemName", "too_long"),
            ("lines[1].specification", "too_long"), ("lines[1].unit", "too_long"), ("lines[1].deliveryLocation", "too_long"),
            ("lines[1].remarks", "too_long"));
    }

    [Fact]
    public void Accepts_text_exactly_as_long_as_its_field()
    {
        var line = Line(1) with { BuyerItemCode = new string('B', 40), ItemName = new string('N', 200), Unit = new string('U', 10) };

        Assert.Equal(200, ReceiveWith(Header with { Remarks = new string('R', 1000) }, line).Line(1).ItemName.Length);
    }

    [Fact]
    public void Refuses_control_characters_in_text()
    {
        var line = Line(1) with { ItemName = "Hex bolt\u0000M8", Remarks = "Bell\u0007" };

        Refused(() => ReceiveWith(Header with { BuyerContact = "Sato\u001B" }, line),
            ("buyerContact", "control_character"), ("lines[1].itemName", "control_character"), ("lines[1].remarks", "control_character"));
    }

    [Fact]
    public void Reports_every_problem_of_every_line_at_once()
    {
        var lines = new[]
        {
            Line(1, quantity: -1m),
            Line(2, unitPrice: -5m) with { TaxRate = 110m },
            Line(3) with { RequestedDeliveryDate = OrderDate.AddDays(-3), Amount = 1m },
            Line(3),
        };

        Refused(() => PurchaseOrder.Receive(Relationship(), "PO 1", 1, Header, lines, Received),
            ("orderNumber", "invalid_order_number"),
            ("lines[3].lineNumber", "duplicate_line"),
            ("lines[1].quantity", "not_positive"),
            ("lines[2].unitPrice", "negative"),
            ("lines[2].taxRate", "out_of_range"),
            ("lines[3].requestedDeliveryDate", "before_order_date"),
            ("lines[3].amount", "amount_mismatch"));
    }

    [Fact]
    public void Sets_the_next_delivery_date_to_the_earliest_requested_date()
    {
        var order = Receive(
            Line(1) with { RequestedDeliveryDate = new DateOnly(2026, 12, 10) },
            Line(2) with { RequestedDeliveryDate = new DateOnly(2026, 11, 25) },
            Line(3) with { RequestedDeliveryDate = new DateOnly(2026, 12, 1) });

        Assert.Equal(new DateOnly(2026, 11, 25), order.NextDeliveryDate);
    }

    [Fact]
    public void Keeps_what_the_revision_said_as_its_first_snapshot()
    {
        var order = Receive(Line(1, quantity: 3m, unitPrice: 33.5m));

        var snapshot = order.Revisions[0].Snapshot;
        Assert.Equal(Header, snapshot.Header);
        Assert.Equal(Line(1, quantity: 3m, unitPrice: 33.5m) with { Amount = 101m }, Assert.Single(snapshot.Lines));
    }

    [Fact]
    public void Refuses_a_receipt_instant_that_is_not_UTC()
    {
        Assert.Throws<ArgumentException>(() => PurchaseOrder.Receive(Relationship(), OrderNumber, 1, Header, [Line(1)], NotUtc));
    }
}
