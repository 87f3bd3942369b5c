using System.Text;
using System.Text.Json;
using WebEdi.Contracts;
using WebEdi.Data.Deliveries;
using WebEdi.Integration.Channels.Files;

namespace WebEdi.Integration.Tests;

/// <summary>The file-drop channel's CSV layouts and encodings (docs/buyer-integration.md).</summary>
public sealed class Writing_document_files
{
    private static readonly PurchaseOrderAnswered Answered = SampleDocuments.Answered;

    [Fact]
    public void An_answer_has_a_row_per_promised_delivery_and_one_for_a_rejected_line()
    {
        var text = Encoding.UTF8.GetString(Render(Answered, FileDropEncoding.Utf8));

        Assert.Equal(
            """
            documentId,occurredAt,buyerCode,supplierCode,orderNumber,revision,lineNumber,answer,deliveryDate,quantity,unitPrice,rejectionReason,comment,answeredBy
            0193a7c2-5f1e-7d4b-9a8e-2c6f1b3d4e5a,2026-12-01T01:15:42.318+00:00,TOKAI-MOTOR,S10021,PO-2026-004512,2,1,AcceptedWithChanges,2026-12-10,60,180.5,,"分納で対応します, よろしく",鈴木 健
            0193a7c2-5f1e-7d4b-9a8e-2c6f1b3d4e5a,2026-12-01T01:15:42.318+00:00,TOKAI-MOTOR,S10021,PO-2026-004512,2,1,AcceptedWithChanges,2026-12-20,60,180.5,,"分納で対応します, よろしく",鈴木 健
            0193a7c2-5f1e-7d4b-9a8e-2c6f1b3d4e5a,2026-12-01T01:15:42.318+00:00,TOKAI-MOTOR,S10021,PO-2026-004512,2,2,Rejected,,,,OutOfStock,,鈴木 健

            """.ReplaceLineEndings("\r\n"),
            text);
    }

    [Fact]
    public void A_rejection_has_a_row_per_problem()
    {
        var rejected = new PurchaseOrderRejected
        {
            DocumentId = Guid.Parse("0193a7c2-5f1e-7d4b-9a8e-2c6f1b3d4e5b"), BuyerCode = "TOKAI-MOTOR", MessageType = "SubmitPurchaseOrder",
            OrderNumber = "PO-9", Revision = 1, OccurredAt = Answered.OccurredAt,
            Problems = [new() { Path = "lines[0].quantity", Code = "not_positive", Message = "must be greater than 0." }, new() { Path = "currency", Code = "required", Message = "is required." }],
        };

        var lines = Encoding.UTF8.GetString(Render(rejected, FileDropEncoding.Utf8)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("documentId,occurredAt,buyerCode,messageType,orderNumber,revision,path,code,message", lines[0]);
        Assert.Equal(["lines[0].quantity,not_positive,must be greater than 0.", "currency,required,is required."], lines[1..].Select(l => string.Join(',', l.Split(',')[6..])));
    }

    [Fact]
    public void Utf8_with_bom_starts_with_the_bom_and_shift_jis_is_cp932_with_the_windows_wave_dash()
    {
        var answered = Answered with { AnsweredBy = "山田〜太郎" };

        var bom = Render(answered, FileDropEncoding.Utf8WithBom);
        var sjis = Render(answered, FileDropEncoding.ShiftJis);

        Assert.Equal([0xEF, 0xBB, 0xBF], bom[..3]);
        Assert.Contains("山田～太郎", WebEdi.Documents.Csv.CsvEncodings.Strict(WebEdi.Documents.Csv.CsvEncoding.ShiftJis).GetString(sjis), StringComparison.Ordinal);
        Assert.DoesNotContain((byte)'?', sjis.Where((b, i) => i > 0 && sjis[i - 1] < 0x80));
    }

    [Fact]
    public void Text_shift_jis_cannot_hold_is_refused_naming_the_line_column_and_character()
    {
        var answered = Answered with { AnsweredBy = "𠮷田 花子" };

        var e = Assert.Throws<DocumentCsvException>(() => Render(answered, FileDropEncoding.ShiftJis));

        Assert.Equal("line 2, column answeredBy holds U+20BB7 '𠮷', which Shift_JIS cannot hold; switch the channel to UTF-8 or correct the text.", e.Message);
        Assert.Contains("𠮷田 花子", Encoding.UTF8.GetString(Render(answered, FileDropEncoding.Utf8)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_type_without_a_layout_is_refused_by_name()
    {
        var e = Assert.Throws<DocumentCsvException>(() => DocumentCsv.Encode("SomethingElse", "{}", FileDropEncoding.Utf8));

        Assert.Equal("there is no CSV layout for SomethingElse documents.", e.Message);
    }

    private static byte[] Render<T>(T document, FileDropEncoding encoding) =>
        DocumentCsv.Encode(typeof(T).Name, JsonSerializer.Serialize(document, ContractJson.Options), encoding);
}
