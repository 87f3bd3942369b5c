using System.Text.Json;
using System.Text.Json.Nodes;

namespace WebEdi.Contracts.Tests;

public class Reading_messages
{
    private const string Order = """
        {
          "orderNumber": "PO-1",
          "revision": 1,
          "supplierCode": "S10021",
          "orderDate": "2026-11-24",
          "currency": "JPY",
          "lines": [
            {
              "lineNumber": 1,
              "buyerItemCode": "TM-B-6203",
              "itemName": "深溝玉軸受 6203ZZ",
              "quantity": 200,
              "unit": "個",
              "unitPrice": 185.5,
              "taxRate": 10,
              "requestedDeliveryDate": "2026-12-08"
            }
          ]
        }
        """;

    [Fact]
    public void A_valid_order_reads_with_every_field()
    {
        var order = Read<SubmitPurchaseOrder>(Order);

        Assert.Equal("PO-1", order.OrderNumber);
        Assert.Null(order.BuyerCode);
        Assert.Equal(new DateOnly(2026, 11, 24), order.OrderDate);
        var line = Assert.Single(order.Lines);
        Assert.Equal(185.5m, line.UnitPrice);
        Assert.Equal(new DateOnly(2026, 12, 8), line.RequestedDeliveryDate);
        Assert.Null(line.Amount);
    }

    [Theory]
    [InlineData("$", "discount", "'discount'")]
    [InlineData("$.lines[0]", "price", "'price'")]
    [InlineData("$", "OrderDate", "'OrderDate'")]
    public void An_unknown_field_is_refused_naming_it(string where, string field, string named)
    {
        var json = Edit(Order, where, node => node[field] = 1);

        var error = Assert.Throws<JsonException>(() => Read<SubmitPurchaseOrder>(json));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.Equal(where == "$" ? $"$.{field}" : $"{where}.{field}", error.Path);
    }

    [Theory]
    [InlineData("$", "orderNumber")]
    [InlineData("$", "revision")]
    [InlineData("$", "supplierCode")]
    [InlineData("$", "lines")]
    [InlineData("$.lines[0]", "quantity")]
    [InlineData("$.lines[0]", "taxRate")]
    [InlineData("$.lines[0]", "requestedDeliveryDate")]
    public void A_missing_required_field_is_refused_naming_it(string where, string field)
    {
        var json = Edit(Order, where, node => node.Remove(field));

        var error = Assert.Throws<JsonException>(() => Read<SubmitPurchaseOrder>(json));

        Assert.Contains($"'{field}'", error.Message, StringComparison.Ordinal);
        Assert.Equal(where, error.Path);
    }

    [Theory]
    [InlineData("orderNumber")]
    [InlineData("currency")]
    [InlineData("lines")]
    public void Null_in_a_required_field_is_refused_naming_it(string field)
    {
        var json = Edit(Order, "$", node => node[field] = null);

        var error = Assert.Throws<JsonException>(() => Read<SubmitPurchaseOrder>(json));

        Assert.Equal($"$.{field}", error.Path);
    }

    [Fact]
    public void A_null_line_is_refused()
    {
        var json = Edit(Order, "$", node => node["lines"]!.AsArray().Add(null));

        var error = Assert.Throws<JsonException>(() => Read<SubmitPurchaseOrder>(json));

        Assert.Equal("$.lines", error.Path);
    }

    [Fact]
    public void Optional_fields_may_be_null()
    {
        var json = Edit(Order, "$", node =>
        {
            node["buyerCode"] = null;
            node["remarks"] = null;
            node["lines"]![0]!["amount"] = null;
        });

        var order = Read<SubmitPurchaseOrder>(json);

        Assert.Null(order.Remarks);
        Assert.Null(order.Lines[0].Amount);
    }

    [Theory]
    [InlineData("2026/11/24")]
    [InlineData("2026-11-4")]
    [InlineData("20261124")]
    [InlineData("2026-11-24T00:00:00")]
    [InlineData("24.11.2026")]
    public void Dates_other_than_yyyy_MM_dd_are_refused(string date)
    {
        var json = Edit(Order, "$", node => node["orderDate"] = date);

        var error = Assert.Throws<JsonException>(() => Read<SubmitPurchaseOrder>(json));

        Assert.Equal("$.orderDate", error.Path);
    }

    [Fact]
    public void Numbers_in_quotes_are_refused()
    {
        var json = Edit(Order, "$.lines[0]", node => node["quantity"] = "200");

        var error = Assert.Throws<JsonException>(() => Read<SubmitPurchaseOrder>(json));

        Assert.Equal("$.lines[0].quantity", error.Path);
    }

    [Fact]
    public void A_field_given_twice_is_refused()
    {
        var json = Order.Replace("\"revision\": 1,", "\"revision\": 1, \"revision\": 2,", StringComparison.Ordinal);

        var error = Assert.Throws<JsonException>(() => Read<SubmitPurchaseOrder>(json));

        Assert.Contains("'revision'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decimals_keep_every_digit()
    {
        var json = Edit(Order, "$.lines[0]", node =>
        {
            node["quantity"] = JsonNode.Parse("0.125");
            node["unitPrice"] = JsonNode.Parse("123456789012.34");
        });

        var line = Read<SubmitPurchaseOrder>(json).Lines[0];

        Assert.Equal(0.125m, line.Quantity);
        Assert.Equal(123456789012.34m, line.UnitPrice);
    }

    [Fact]
    public void A_cancellation_without_line_numbers_reads_as_the_whole_order()
    {
        var cancel = Read<CancelPurchaseOrder>("""{ "orderNumber": "PO-1" }""");

        Assert.Null(cancel.LineNumbers);
    }

    private static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, ContractJson.Options)!;

    private static string Edit(string json, string where, Action<JsonObject> edit)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        edit(where == "$" ? root : root["lines"]![0]!.AsObject());
        return root.ToJsonString();
    }
}
