using System.Text.Json;
using System.Text.Json.Nodes;

namespace WebEdi.Contracts.Tests;

public class Writing_replies
{
    private static readonly PurchaseOrderReceived Received = new()
    {
        DocumentId = Guid.Parse("0193f5a2-7c1e-7d4a-9b2e-5f0c8a1d3e47"),
        BuyerCode = "TOKAI-MOTOR",
        SupplierCode = "S10021",
        OrderNumber = "PO-2026-004512",
        Revision = 3,
        Outcome = IntakeOutcome.Stale,
        OccurredAt = new DateTimeOffset(2026, 11, 24, 1, 15, 42, 318, TimeSpan.Zero),
    };

    [Fact]
    public void Field_names_are_camel_case_and_outcomes_their_names()
    {
        var json = JsonSerializer.SerializeToNode(Received, ContractJson.Options)!;

        Assert.Equal("Stale", (string?)json["outcome"]);
        Assert.Equal("PO-2026-004512", (string?)json["orderNumber"]);
        Assert.Equal("2026-11-24T01:15:42.318+00:00", (string?)json["occurredAt"]);
        Assert.Equal("0193f5a2-7c1e-7d4a-9b2e-5f0c8a1d3e47", (string?)json["documentId"]);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("\"Unknown\"")]
    public void An_outcome_that_is_not_a_name_is_refused(string outcome)
    {
        var json = JsonSerializer.SerializeToNode(Received, ContractJson.Options)!.AsObject();
        json["outcome"] = JsonNode.Parse(outcome);

        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<PurchaseOrderReceived>(json.ToJsonString(), ContractJson.Options));

        Assert.Equal("$.outcome", error.Path);
    }

    [Fact]
    public void Absent_optional_fields_are_left_out()
    {
        var rejected = new PurchaseOrderRejected
        {
            DocumentId = Guid.Parse("0193f5c6-0b1c-7d2e-8f3a-4b5c6d7e8f90"),
            BuyerCode = "TOKAI-MOTOR",
            MessageType = nameof(SubmitPurchaseOrder),
            Problems = [new Problem { Path = "$", Code = ProblemCodes.InvalidJson, Message = "The body is not JSON." }],
            OccurredAt = new DateTimeOffset(2026, 11, 24, 2, 5, 47, TimeSpan.Zero),
        };

        var json = JsonSerializer.SerializeToNode(rejected, ContractJson.Options)!.AsObject();

        Assert.False(json.ContainsKey("orderNumber"));
        Assert.False(json.ContainsKey("revision"));
        Assert.Equal("invalid_json", (string?)json["problems"]![0]!["code"]);
    }

    [Fact]
    public void Dates_are_written_as_yyyy_MM_dd()
    {
        var line = new PurchaseOrderLine
        {
            LineNumber = 1,
            BuyerItemCode = "TM-B-6203",
            ItemName = "深溝玉軸受 6203ZZ",
            Quantity = 200,
            Unit = "個",
            UnitPrice = 185.5m,
            TaxRate = 10,
            RequestedDeliveryDate = new DateOnly(2026, 12, 8),
        };

        var json = JsonSerializer.SerializeToNode(line, ContractJson.Options)!;

        Assert.Equal("2026-12-08", (string?)json["requestedDeliveryDate"]);
        Assert.Equal(JsonValueKind.Number, json["unitPrice"]!.GetValueKind());
    }

    [Fact]
    public void The_shared_options_cannot_be_changed_by_a_caller()
    {
        Assert.True(ContractJson.Options.IsReadOnly);
        Assert.Throws<InvalidOperationException>(() => ContractJson.Options.PropertyNameCaseInsensitive = true);
    }

    [Fact]
    public void Every_message_name_is_its_type_name()
    {
        Assert.All(ContractJson.MessageTypes, pair => Assert.Equal(pair.Key, pair.Value.Name));
        Assert.Equal(8, ContractJson.MessageTypes.Count);
    }
}
