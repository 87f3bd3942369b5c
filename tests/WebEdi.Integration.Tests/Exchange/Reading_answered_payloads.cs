using System.Text.Json;
using System.Text.Json.Nodes;
using WebEdi.Contracts;
using WebEdi.Integration.Exchange;
using WebEdi.Integration.Exchange.Outbound;
using WebEdi.Integration.Exchange.Profiles;

namespace WebEdi.Integration.Tests.Exchange;

/// <summary>The export's own reader of <see cref="PurchaseOrderAnswered"/> payloads reads what the contract serializer reads.</summary>
public sealed class Reading_answered_payloads
{
    private readonly AnsweredPayload reader = new();

    public static TheoryData<string> Documents() =>
    [
        Json(SampleDocuments.Answered),
        Json(SampleDocuments.Answered with { AnsweredBy = null, Revision = 17 }),
        Json(SampleDocuments.Answered with
        {
            OccurredAt = new DateTimeOffset(2026, 12, 31, 23, 59, 59, 999, TimeSpan.FromHours(9)),
            Lines =
            [
                new AnsweredLine
                {
                    LineNumber = 99999, Answer = AnswerKind.Accepted, UnitPrice = 0.0001m,
                    Comment = "引用 \"符\" と\n改行、タブ\t、〜 ① ㈱ 髙, \\ / \u0001 𠮷",
                    Deliveries = [new() { Date = new DateOnly(2028, 2, 29), Quantity = 999999999.9999m }],
                },
                new AnsweredLine { LineNumber = 3, Answer = AnswerKind.Rejected, RejectionReason = RejectionReasonCode.Other, Comment = "", Deliveries = [] },
            ],
        }),
        Json(SampleDocuments.Answered with
        {
            Lines = [.. Enum.GetValues<RejectionReasonCode>().Select((reason, i) => new AnsweredLine
            {
                LineNumber = i + 1, Answer = AnswerKind.Rejected, RejectionReason = reason, Deliveries = [],
            })],
        }),

        // Properties in another order, escaped names and values, an extra property a later release may add.
        """
        {"lines":[{"deliveries":[{"quantity":5,"date":"2026-12-10","note":{"a":[1,2]}},{"date":"\u0032026-12-11","quantity":0.5}],"answer":"Accepted","lineNumber":1,"unitPrice":null,"hint":[{"x":1},[]],"comment":"\u3042\u3044"}],
         "occurredAt":"2026-12-01T01:15:42.318+00:00","revision":1,"orderNumber":"PO-\u0031","supplierCode":"S1","buyerCode":"TOKAI-MOTOR",
         "documentId":"0193a7c2-5f1e-7d4b-9a8e-2c6f1b3d4e5a","answeredBy":null,"\u0065xtra":{"nested":[{"lines":[]}]}}
        """,
    ];

    [Theory]
    [MemberData(nameof(Documents))]
    public void It_reads_what_the_contract_serializer_reads(string payload)
    {
        var expected = JsonSerializer.Deserialize<PurchaseOrderAnswered>(RemoveExtra(payload), ContractJson.Options)!;

        var read = reader.Read(payload);

        Assert.Equal(Json(expected), Json(read));
    }

    [Theory]
    [InlineData("""{"documentId":"0193a7c2-5f1e-7d4b-9a8e-2c6f1b3d4e5a","buyerCode":"B1" """, "Expected depth to be zero")]
    [InlineData("""[]""", "Expected StartObject")]
    [InlineData("""{"buyerCode":"B1"}""", "'documentId' is missing")]
    [InlineData("""{"lines":[{"lineNumber":1,"answer":"Accepted","deliveries":[]}]}""", "'documentId' is missing")]
    [InlineData("""{"lines":[{"lineNumber":1,"answer":"Yes","deliveries":[]}]}""", "'Yes' is not a value of answer")]
    [InlineData("""{"lines":[{"lineNumber":"1","answer":"Accepted","deliveries":[]}]}""", "Expected Number, found String")]
    [InlineData("""{"lines":[{"lineNumber":1,"answer":"Accepted"}]}""", "'lines[].deliveries' is missing")]
    [InlineData("""{"lines":[{"lineNumber":1,"answer":"Accepted","deliveries":[{"date":"2026-02-29","quantity":1}]}]}""", "'2026-02-29' is not a date")]
    [InlineData("""{"lines":[{"lineNumber":1,"answer":"Accepted","deliveries":[{"date":"2026/12/01","quantity":1}]}]}""", "'2026/12/01' is not a date")]
    [InlineData("""{"lines":[{"lineNumber":1,"answer":"Accepted","deliveries":[{"date":"2026-12-01"}]}]}""", "'lines[].deliveries[].quantity' is missing")]
    [InlineData("""{"lines":[null]}""", "A line must be an object, not Null")]
    [InlineData("""{"revision":1e400}""", "A value is not of its property's type")]
    [InlineData("""{"revision":1,"revision":2}""", "'revision' appears twice")]
    [InlineData("""{"lines":[{"lineNumber":1,"lineNumber":2}]}""", "'lineNumber' appears twice")]
    [InlineData("""{"answeredBy":"\uD800"}""", "not valid Unicode")]
    [InlineData("""{"lines":[{"lineNumber":1,"answer":"Accepted","deliveries":[],"comment":"\uDC00x"}]}""", "not valid Unicode")]
    [InlineData("""{"occurredAt":"yesterday"}""", "A value is not of its property's type")]
    public void A_broken_payload_is_a_JSON_error_that_names_the_problem(string payload, string problem)
    {
        var error = Assert.ThrowsAny<JsonException>(() => reader.Read(payload));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_export_refuses_a_broken_payload_with_the_reason_and_writes_nothing_of_it()
    {
        var output = new MemoryStream();
        using var writer = new ExportFileWriter(output, BuiltInProfiles.Standard, BuiltInProfiles.Standard.Outbound.Answers, TimeZoneInfo.Utc);

        var refused = Assert.Throws<ExchangeFileException>(() => writer.Write(nameof(PurchaseOrderAnswered), """{"documentId":"not a guid"}"""));

        Assert.Contains("the PurchaseOrderAnswered document cannot be read: A value is not of its property's type", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, writer.Rows);
    }

    [Theory]
    [InlineData(" xyz")]
    [InlineData("{}")]
    public void Anything_after_the_document_is_refused(string after)
    {
        Assert.ThrowsAny<JsonException>(() => reader.Read(Json(SampleDocuments.Answered) + after));
        Assert.Equal(SampleDocuments.Answered.OrderNumber, reader.Read(Json(SampleDocuments.Answered) + " \r\n").OrderNumber);
    }

    [Fact]
    public void A_refused_document_leaves_nothing_behind_for_the_next_one()
    {
        var output = new MemoryStream();
        using (var writer = new ExportFileWriter(output, BuiltInProfiles.JapaneseErp, BuiltInProfiles.JapaneseErp.Outbound.Answers, TimeZoneInfo.Utc))
        {
            // Refused at its second line's comment, after its first line was rendered with the same order and price.
            var refused = SampleDocuments.Answered with { Lines = [SampleDocuments.Answered.Lines[0], SampleDocuments.Answered.Lines[1] with { Comment = "𠮷" }] };
            Assert.Throws<ExchangeFileException>(() => writer.Write(nameof(PurchaseOrderAnswered), Json(refused)));
            writer.Write(nameof(PurchaseOrderAnswered), Json(SampleDocuments.Answered with { OrderNumber = "PO-NEXT", Revision = 5 }));
            writer.Complete();
            Assert.Equal(3, writer.Rows);
        }

        var text = OrderFiles.Cp932.GetString(output.ToArray());
        Assert.DoesNotContain("PO-2026-004512", text, StringComparison.Ordinal);
        Assert.Equal(3, text.Split("\"PO-NEXT\",\"5\"").Length - 1);
    }

    [Fact]
    public void A_reader_reused_for_a_larger_document_after_a_smaller_one_reads_it_whole()
    {
        var large = SampleDocuments.Answered with
        {
            Lines = [.. Enumerable.Range(1, 400).Select(i => SampleDocuments.Answered.Lines[0] with { LineNumber = i })],
        };

        reader.Read(Json(SampleDocuments.Answered));
        var read = reader.Read(Json(large));

        Assert.Equal(Json(large), Json(read));
    }

    private static string Json(PurchaseOrderAnswered document) => JsonSerializer.Serialize(document, ContractJson.Options);

    /// <summary>The payload without the properties the contract does not know, which its serializer refuses and the export skips.</summary>
    private static string RemoveExtra(string payload)
    {
        var node = JsonNode.Parse(payload)!.AsObject();
        node.Remove("extra");
        foreach (var line in node["lines"]!.AsArray())
        {
            line!.AsObject().Remove("hint");
            foreach (var delivery in line!["deliveries"]!.AsArray())
            {
                delivery!.AsObject().Remove("note");
            }
        }

        return node.ToJsonString();
    }
}
