using System.Text;
using System.Text.Json;
using WebEdi.Contracts;
using WebEdi.Integration.Exchange;
using WebEdi.Integration.Exchange.Outbound;
using WebEdi.Integration.Exchange.Profiles;

namespace WebEdi.Integration.Tests.Exchange;

/// <summary>The answers and shipments files an export leaves for the ERP.</summary>
public sealed class Writing_export_files
{
    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    // 16:15 UTC is the next day in Tokyo, which answeredDate and the file names show.
    private static readonly PurchaseOrderAnswered Answered = SampleDocuments.Answered with
    {
        OccurredAt = new DateTimeOffset(2026, 12, 1, 16, 15, 42, 318, TimeSpan.Zero),
        Lines = [SampleDocuments.Answered.Lines[0] with { Comment = "分納で対応します〜よろしく" }, SampleDocuments.Answered.Lines[1]],
    };

    private static readonly ShipmentNotified Shipped = new()
    {
        DocumentId = Guid.Parse("0193a7c2-5f1e-7d4b-9a8e-2c6f1b3d4e5c"),
        BuyerCode = "TOKAI-MOTOR",
        SupplierCode = "S10021",
        DeliveryNoteNumber = "DN-000123",
        ShipDate = new DateOnly(2026, 12, 9),
        DeliveryLocation = "本社工場 第1受入場",
        ShippedBy = "佐藤 一郎",
        OccurredAt = new DateTimeOffset(2026, 12, 9, 0, 30, 0, TimeSpan.Zero),
        Lines =
        [
            new ShippedLine { OrderNumber = "PO-2026-004512", LineNumber = 1, BuyerItemCode = "TM-B-6203", SupplierItemCode = "SK-6203ZZ", Quantity = 60.000m, Unit = "個", CompletesLine = false },
            new ShippedLine { OrderNumber = "PO-2026-004513", LineNumber = 3, BuyerItemCode = "TM-S-M8-30", Quantity = 1000m, Unit = "本", CompletesLine = true },
        ],
    };

    private static readonly ShipmentCancelled Cancelled = new()
    {
        DocumentId = Guid.Parse("0193a7c2-5f1e-7d4b-9a8e-2c6f1b3d4e5d"),
        BuyerCode = Shipped.BuyerCode,
        SupplierCode = Shipped.SupplierCode,
        DeliveryNoteNumber = Shipped.DeliveryNoteNumber,
        ShipDate = Shipped.ShipDate,
        CancelledBy = "佐藤 一郎",
        OccurredAt = new DateTimeOffset(2026, 12, 9, 1, 0, 0, TimeSpan.Zero),
        Lines = [Shipped.Lines[0]],
    };

    [Fact]
    public void The_standard_answers_file_has_every_field_and_a_row_per_promised_delivery()
    {
        var bytes = Export(BuiltInProfiles.Standard, answers: true, (nameof(PurchaseOrderAnswered), Answered));

        Assert.Equal(Documents.Csv.CsvEncodings.Bom.ToArray(), bytes[..3]);
        Assert.Equal(
            """
            documentId,occurredAt,answeredDate,buyerCode,supplierCode,orderNumber,revision,lineNumber,answer,deliveryDate,quantity,unitPrice,rejectionReason,comment,answeredBy
            0193a7c2-5f1e-7d4b-9a8e-2c6f1b3d4e5a,2026-12-01T16:15:42.318+00:00,2026-12-02,TOKAI-MOTOR,S10021,PO-2026-004512,2,1,AcceptedWithChanges,2026-12-10,60,180.5,,分納で対応します〜よろしく,鈴木 健
            0193a7c2-5f1e-7d4b-9a8e-2c6f1b3d4e5a,2026-12-01T16:15:42.318+00:00,2026-12-02,TOKAI-MOTOR,S10021,PO-2026-004512,2,1,AcceptedWithChanges,2026-12-20,60,180.5,,分納で対応します〜よろしく,鈴木 健
            0193a7c2-5f1e-7d4b-9a8e-2c6f1b3d4e5a,2026-12-01T16:15:42.318+00:00,2026-12-02,TOKAI-MOTOR,S10021,PO-2026-004512,2,2,Rejected,,,,OutOfStock,,鈴木 健

            """.ReplaceLineEndings("\r\n"),
            Encoding.UTF8.GetString(bytes[3..]));
    }

    [Fact]
    public void The_standard_shipments_file_has_a_row_per_line_of_a_shipment_and_of_its_cancellation()
    {
        var bytes = Export(BuiltInProfiles.Standard, answers: false, (nameof(ShipmentNotified), Shipped), (nameof(ShipmentCancelled), Cancelled));

        Assert.Equal(
            """
            documentId,occurredAt,event,buyerCode,supplierCode,deliveryNoteNumber,shipDate,deliveryLocation,orderNumber,lineNumber,buyerItemCode,supplierItemCode,quantity,unit,completesLine,by
            0193a7c2-5f1e-7d4b-9a8e-2c6f1b3d4e5c,2026-12-09T00:30:00+00:00,Shipped,TOKAI-MOTOR,S10021,DN-000123,2026-12-09,本社工場 第1受入場,PO-2026-004512,1,TM-B-6203,SK-6203ZZ,60,個,false,佐藤 一郎
            0193a7c2-5f1e-7d4b-9a8e-2c6f1b3d4e5c,2026-12-09T00:30:00+00:00,Shipped,TOKAI-MOTOR,S10021,DN-000123,2026-12-09,本社工場 第1受入場,PO-2026-004513,3,TM-S-M8-30,,1000,本,true,佐藤 一郎
            0193a7c2-5f1e-7d4b-9a8e-2c6f1b3d4e5d,2026-12-09T01:00:00+00:00,Cancelled,TOKAI-MOTOR,S10021,DN-000123,2026-12-09,,PO-2026-004512,1,TM-B-6203,SK-6203ZZ,60,個,false,佐藤 一郎

            """.ReplaceLineEndings("\r\n"),
            Encoding.UTF8.GetString(bytes[3..]));
    }

    [Fact]
    public void The_Japanese_ERP_answers_file_is_Shift_JIS_with_its_codes_dates_and_trailer()
    {
        var bytes = Export(BuiltInProfiles.JapaneseErp, answers: true, (nameof(PurchaseOrderAnswered), Answered));

        Assert.Equal(
            """
            "レコード区分","発注番号","改訂番号","行番号","仕入先コード","回答区分","回答納期","回答数量","回答単価","辞退理由","回答コメント","回答者","回答日","回答日時","文書ID"
            "D","PO-2026-004512","2","1","S10021","2","20261210","60","180.5","","分納で対応します～よろしく","鈴木 健","20261202","20261202011542","0193a7c2-5f1e-7d4b-9a8e-2c6f1b3d4e5a"
            "D","PO-2026-004512","2","1","S10021","2","20261220","60","180.5","","分納で対応します～よろしく","鈴木 健","20261202","20261202011542","0193a7c2-5f1e-7d4b-9a8e-2c6f1b3d4e5a"
            "D","PO-2026-004512","2","2","S10021","9","","","","01","","鈴木 健","20261202","20261202011542","0193a7c2-5f1e-7d4b-9a8e-2c6f1b3d4e5a"
            "E","3","","","","","","","","","","","","",""

            """.ReplaceLineEndings("\r\n"),
            OrderFiles.Cp932.GetString(bytes));
    }

    [Fact]
    public void The_Japanese_ERP_shipments_file_translates_units_events_and_completion()
    {
        var bytes = Export(BuiltInProfiles.JapaneseErp, answers: false, (nameof(ShipmentNotified), Shipped), (nameof(ShipmentCancelled), Cancelled));

        Assert.Equal(
            """
            "レコード区分","区分","納品書番号","出荷日","仕入先コード","納入場所","発注番号","行番号","品目コード","仕入先品番","出荷数量","単位","完納区分","担当者","文書ID"
            "D","1","DN-000123","20261209","S10021","本社工場 第1受入場","PO-2026-004512","1","TM-B-6203","SK-6203ZZ","60","PCS","0","佐藤 一郎","0193a7c2-5f1e-7d4b-9a8e-2c6f1b3d4e5c"
            "D","1","DN-000123","20261209","S10021","本社工場 第1受入場","PO-2026-004513","3","TM-S-M8-30","","1000","HON","1","佐藤 一郎","0193a7c2-5f1e-7d4b-9a8e-2c6f1b3d4e5c"
            "D","9","DN-000123","20261209","S10021","","PO-2026-004512","1","TM-B-6203","SK-6203ZZ","60","PCS","0","佐藤 一郎","0193a7c2-5f1e-7d4b-9a8e-2c6f1b3d4e5d"
            "E","3","","","","","","","","","","","","",""

            """.ReplaceLineEndings("\r\n"),
            OrderFiles.Cp932.GetString(bytes));
    }

    [Fact]
    public void An_empty_export_has_the_header_and_the_trailer()
    {
        var text = OrderFiles.Cp932.GetString(Export(BuiltInProfiles.JapaneseErp, answers: true));

        Assert.EndsWith("\r\n\"E\",\"0\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\"\r\n", text, StringComparison.Ordinal);
        Assert.Equal(2, text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void A_character_Shift_JIS_cannot_hold_is_refused_with_the_document_column_and_code_point()
    {
        var output = new MemoryStream();
        using var writer = new ExportFileWriter(output, BuiltInProfiles.JapaneseErp, BuiltInProfiles.JapaneseErp.Outbound.Answers, Tokyo);
        var document = Answered with { Lines = [Answered.Lines[0] with { Comment = "𠮷野家さんへ" }] };

        var refused = Assert.Throws<ExchangeFileException>(() => writer.Write(nameof(PurchaseOrderAnswered), Json(document)));

        Assert.Contains("document 0193a7c2-5f1e-7d4b-9a8e-2c6f1b3d4e5a", refused.Message, StringComparison.Ordinal);
        Assert.Contains("'回答コメント' holds U+20BB7", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, writer.Rows);
        writer.Complete();
        Assert.DoesNotContain("PO-2026", OrderFiles.Cp932.GetString(output.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_of_many_batches_holds_every_row_in_document_order_with_the_trailer_counting_them()
    {
        // Enough documents for the writing thread to take many batches, with refused documents between them.
        var documents = Enumerable.Range(1, 1500).Select(n => Answered with { DocumentId = Guid.CreateVersion7(), OrderNumber = $"PO-{n:000000}" }).ToList();
        var output = new MemoryStream();
        using (var writer = new ExportFileWriter(output, BuiltInProfiles.JapaneseErp, BuiltInProfiles.JapaneseErp.Outbound.Answers, Tokyo))
        {
            foreach (var (document, n) in documents.Select((d, i) => (d, i)))
            {
                writer.Write(nameof(PurchaseOrderAnswered), Json(document));
                if (n % 100 == 0)
                {
                    Assert.Throws<ExchangeFileException>(() => writer.Write(nameof(PurchaseOrderAnswered), Json(document with { Lines = [document.Lines[0] with { Comment = "𠮷" }] })));
                }
            }

            writer.Complete();
            Assert.Equal(4500, writer.Rows);
        }

        var rows = OrderFiles.Cp932.GetString(output.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1 + 4500 + 1, rows.Length);
        var expected = documents.SelectMany(d => new[] { (d.OrderNumber, "1"), (d.OrderNumber, "1"), (d.OrderNumber, "2") });
        Assert.Equal(expected, rows[1..^1].Select(r => r.Split(',')).Select(f => (f[1].Trim('"'), f[3].Trim('"'))));
        Assert.Equal("\"E\",\"4500\"", string.Join(',', rows[^1].Split(',')[..2]));
    }

    [Fact]
    public void An_output_that_fails_midway_fails_the_writer_with_its_error()
    {
        // A disk that fills up after 64 KiB: the rows written by the writing thread fail, and the caller hears of it.
        using var writer = new ExportFileWriter(new FullDisk(64 * 1024), BuiltInProfiles.JapaneseErp, BuiltInProfiles.JapaneseErp.Outbound.Answers, Tokyo);

        var failed = Assert.Throws<IOException>(() =>
        {
            for (var n = 0; n < 5000; n++)
            {
                writer.Write(nameof(PurchaseOrderAnswered), Json(Answered with { OrderNumber = $"PO-{n:000000}" }));
            }

            writer.Complete();
        });

        Assert.Equal("No space left on device", failed.Message);
    }

    [Fact]
    public void A_document_of_another_type_is_refused()
    {
        using var writer = new ExportFileWriter(new MemoryStream(), BuiltInProfiles.Standard, BuiltInProfiles.Standard.Outbound.Answers, Tokyo);

        var refused = Assert.Throws<ExchangeFileException>(() => writer.Write(nameof(ShipmentNotified), Json(Shipped)));

        Assert.Contains("takes PurchaseOrderAnswered documents, not ShipmentNotified", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_name_holds_the_buyer_and_the_local_time()
    {
        var file = new OutboundFile { FileName = "{buyer}_answers_{timestamp}.csv" };

        var name = ExportFileWriter.FileName(file, "TOKAI-MOTOR", new DateTimeOffset(2026, 12, 1, 17, 0, 5, TimeSpan.Zero), Tokyo);

        Assert.Equal("TOKAI-MOTOR_answers_20261202020005.csv", name);
    }

    [Fact]
    public void Numbers_take_the_profiles_decimal_separator_and_lines_its_line_ending()
    {
        var profile = BuiltInProfiles.Standard with
        {
            Format = BuiltInProfiles.Standard.Format with { Delimiter = ';', DecimalSeparator = ',', LineEnding = LineEnding.Lf, Encoding = FileEncoding.Utf8 },
        };

        var text = Encoding.UTF8.GetString(Export(profile, answers: true, (nameof(PurchaseOrderAnswered), Answered)));

        Assert.Contains(";AcceptedWithChanges;2026-12-10;60;180,5;;", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
        Assert.StartsWith("documentId;", text, StringComparison.Ordinal);
    }

    private static string Json<T>(T document) => JsonSerializer.Serialize(document, ContractJson.Options);

    private static byte[] Export(ExchangeProfile profile, bool answers, params (string Type, object Document)[] documents)
    {
        var output = new MemoryStream();
        using (var writer = new ExportFileWriter(output, profile, answers ? profile.Outbound.Answers : profile.Outbound.Shipments, Tokyo))
        {
            foreach (var (type, document) in documents)
            {
                writer.Write(type, JsonSerializer.Serialize(document, document.GetType(), ContractJson.Options));
            }

            writer.Complete();
        }

        return output.ToArray();
    }

    /// <summary>An output that takes <c>capacity</c> bytes and then refuses every write, as a full disk does.</summary>
    private sealed class FullDisk(int capacity) : MemoryStream
    {
        // MemoryStream hands a span written to a subclass to this overload (through a rented array), so every write ends here.
        public override void Write(byte[] buffer, int offset, int count)
        {
            if (Length + count > capacity)
            {
                throw new IOException("No space left on device");
            }

            base.Write(buffer, offset, count);
        }
    }
}
