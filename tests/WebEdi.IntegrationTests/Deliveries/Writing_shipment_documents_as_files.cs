using System.Text;
using System.Text.Json;
using WebEdi.Contracts;
using WebEdi.Data.Deliveries;
using WebEdi.Documents.Csv;
using WebEdi.Integration.Channels.Files;

namespace WebEdi.IntegrationTests.Deliveries;

/// <summary>The file drop's CSV of a shipment notice and its cancellation: one row per shipment line, values as in the JSON.</summary>
public sealed class Writing_shipment_documents_as_files
{
    private static readonly ShipmentNotified Notice = new()
    {
        DocumentId = Guid.Parse("0193f7b1-2d3e-7f40-8a5b-6c7d8e9f0a1b"),
        BuyerCode = "TOKAI-MOTOR",
        SupplierCode = "S10021",
        DeliveryNoteNumber = "SA-00000042",
        ShipDate = new DateOnly(2026, 12, 3),
        DeliveryLocation = "豊田工場 資材倉庫",
        Lines =
        [
            new() { OrderNumber = "PO-2026-004512", LineNumber = 1, BuyerItemCode = "TM-B-6203", SupplierItemCode = "SK-6203ZZ", Quantity = 300m, Unit = "個", CompletesLine = false },
            new() { OrderNumber = "PO-2026-004530", LineNumber = 2, BuyerItemCode = "TM-S-M8-30", Quantity = 12.5m, Unit = "本", CompletesLine = true },
        ],
        ShippedBy = "鈴木 健",
        OccurredAt = new DateTimeOffset(2026, 12, 3, 0, 42, 10, 517, TimeSpan.Zero),
    };

    [Fact]
    public void A_notice_is_one_row_per_line_with_the_header_repeated()
    {
        var csv = Encoding.UTF8.GetString(DocumentCsv.Encode(nameof(ShipmentNotified), JsonSerializer.Serialize(Notice, ContractJson.Options), FileDropEncoding.Utf8));

        Assert.Equal(
            [
                "documentId,occurredAt,buyerCode,supplierCode,deliveryNoteNumber,shipDate,deliveryLocation,orderNumber,lineNumber,buyerItemCode,supplierItemCode,quantity,unit,completesLine,shippedBy",
                "0193f7b1-2d3e-7f40-8a5b-6c7d8e9f0a1b,2026-12-03T00:42:10.517+00:00,TOKAI-MOTOR,S10021,SA-00000042,2026-12-03,豊田工場 資材倉庫,PO-2026-004512,1,TM-B-6203,SK-6203ZZ,300,個,false,鈴木 健",
                "0193f7b1-2d3e-7f40-8a5b-6c7d8e9f0a1b,2026-12-03T00:42:10.517+00:00,TOKAI-MOTOR,S10021,SA-00000042,2026-12-03,豊田工場 資材倉庫,PO-2026-004530,2,TM-S-M8-30,,12.5,本,true,鈴木 健",
            ],
            csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void A_cancellation_has_the_same_columns_and_names_who_cancelled()
    {
        var cancelled = new ShipmentCancelled
        {
            DocumentId = Notice.DocumentId,
            BuyerCode = Notice.BuyerCode,
            SupplierCode = Notice.SupplierCode,
            DeliveryNoteNumber = Notice.DeliveryNoteNumber,
            ShipDate = Notice.ShipDate,
            Lines = [Notice.Lines[0] with { CompletesLine = false }],
            CancelledBy = "佐藤 花子",
            OccurredAt = Notice.OccurredAt,
        };

        var rows = CsvEncodings.Strict(CsvEncoding.ShiftJis).GetString(DocumentCsv.Encode(nameof(ShipmentCancelled), JsonSerializer.Serialize(cancelled, ContractJson.Options), FileDropEncoding.ShiftJis))
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.EndsWith(",completesLine,cancelledBy", rows[0], StringComparison.Ordinal);
        Assert.Equal(2, rows.Length);
        Assert.EndsWith(",SA-00000042,2026-12-03,,PO-2026-004512,1,TM-B-6203,SK-6203ZZ,300,個,false,佐藤 花子", rows[1], StringComparison.Ordinal);
    }
}
