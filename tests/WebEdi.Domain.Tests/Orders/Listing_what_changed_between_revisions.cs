using System.Globalization;
using WebEdi.Domain.Orders;
using static WebEdi.Domain.Tests.Scenario;

namespace WebEdi.Domain.Tests.Orders;

public class Listing_what_changed_between_revisions
{
    private static readonly OrderSnapshot Before = new(Header, [Line(1), Line(2)]);

    [Fact]
    public void Identical_revisions_list_nothing()
    {
        Assert.Empty(new OrderSnapshot(Header, [Line(1), Line(2)]).ChangesSince(Before));
    }

    [Fact]
    public void Writes_dates_as_year_month_day()
    {
        var after = new OrderSnapshot(Header with { OrderDate = new DateOnly(2026, 11, 3) },
            [Line(1) with { RequestedDeliveryDate = new DateOnly(2026, 12, 5) }, Line(2)]);

        FieldChange[] expected =
        [
            new(null, "orderDate", "2026-11-02", "2026-11-03"),
            new(1, "requestedDeliveryDate", "2026-11-30", "2026-12-05"),
        ];
        Assert.Equal(expected, after.ChangesSince(Before));
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("fr-FR")]
    [InlineData("ja-JP")]
    public void Writes_numbers_with_a_decimal_point_and_no_grouping_whatever_the_users_culture(string culture)
    {
        var before = new OrderSnapshot(Header, [Line(1, quantity: 1234.5m, unitPrice: 1200m)]);
        var after = new OrderSnapshot(Header, [Line(1, quantity: 1500.25m, unitPrice: 1180.75m) with { TaxRate = 8m }]);
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            FieldChange[] expected =
            [
                new(1, "quantity", "1234.5", "1500.25"),
                new(1, "unitPrice", "1200", "1180.75"),
                new(1, "taxRate", "10", "8"),
            ];
            Assert.Equal(expected, after.ChangesSince(before));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Lists_every_header_field_with_null_for_absent_text()
    {
        var after = new OrderSnapshot(new OrderHeader(OrderDate, "USD", null, "Suzuki", "Rush"), [Line(1), Line(2)]);

        FieldChange[] expected =
        [
            new(null, "currency", "JPY", "USD"),
            new(null, "deliveryLocation", "Plant 1", null),
            new(null, "buyerContact", "Sato", "Suzuki"),
            new(null, "remarks", null, "Rush"),
        ];
        Assert.Equal(expected, after.ChangesSince(Before));
    }

    [Fact]
    public void Lists_every_line_field_under_its_line_number()
    {
        var changed = new OrderLineData(2, "NUT-002", "MS-77", "Hex nut M8", "Zinc", 50m, "BOX", 30m, 1500m, 8m,
            new DateOnly(2026, 12, 1), "Plant 2", "Fragile");
        var after = new OrderSnapshot(Header, [Line(1), changed]);

        Assert.Equal(
            ["buyerItemCode", "supplierItemCode", "itemName", "specification", "quantity", "unit", "unitPrice", "amount", "taxRate",
                "requestedDeliveryDate", "deliveryLocation", "remarks"],
            after.ChangesSince(Before).Select(c => c.Field));
        Assert.All(after.ChangesSince(Before), c => Assert.Equal(2, c.LineNumber));
        Assert.Contains(new FieldChange(2, "amount", null, "1500"), after.ChangesSince(Before));
    }

    [Fact]
    public void Lists_added_lines_in_order_then_removed_lines()
    {
        var after = new OrderSnapshot(Header, [Line(1), Line(3), Line(4)]);

        FieldChange[] expected =
        [
            new(3, FieldChange.LineAdded, null, null),
            new(4, FieldChange.LineAdded, null, null),
            new(2, FieldChange.LineRemoved, null, null),
        ];
        Assert.Equal(expected, after.ChangesSince(Before));
    }

    [Fact]
    public void The_same_number_written_with_more_decimals_is_not_a_change()
    {
        var after = new OrderSnapshot(Header, [Line(1, quantity: 100.000m, unitPrice: 120.00m), Line(2)]);

        Assert.Empty(after.ChangesSince(Before));
    }
}
