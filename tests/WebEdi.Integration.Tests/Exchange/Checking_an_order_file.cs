using System.Text;
using WebEdi.Integration.Exchange.Inbound;
using WebEdi.Integration.Exchange.Profiles;
using static WebEdi.Integration.Tests.Exchange.OrderFiles;

namespace WebEdi.Integration.Tests.Exchange;

/// <summary>Pass 1 of the nightly import: every problem of an order file, with its line and the ERP's column.</summary>
public sealed class Checking_an_order_file
{
    private static readonly ExchangeProfile Standard = BuiltInProfiles.Standard;
    private static readonly ExchangeProfile Erp = BuiltInProfiles.JapaneseErp;

    private static FileError Single(OrderFileCheck check) => Assert.Single(check.Errors);

    [Fact]
    public void A_standard_file_with_two_orders_passes()
    {
        var check = Check(Standard, Utf8(OrderFiles.Standard(Row(), Row("lineNumber=2"), Row("orderNumber=PO-2", "supplierCode=S10034"))));

        Assert.True(check.IsValid, string.Join("\n", check.Errors));
        Assert.Equal(3, check.DataRows);
        Assert.Equal(2, check.Orders);
        Assert.Empty(check.IgnoredColumns);
    }

    [Fact]
    public void A_wave_dash_in_Shift_JIS_is_read_as_the_one_Windows_wrote()
    {
        // 〜 (WAVE DASH) and ～ (FULLWIDTH TILDE) are both 0x8160 in Windows' Shift_JIS, which reads back as ～.
        var file = ShiftJis(JapaneseErp(2, Row("itemName=波〜ワッシャ"), Row("lineNumber=2", "itemName=波～ワッシャ", "specification=−5℃")));
        Assert.True(file.AsSpan().IndexOf((ReadOnlySpan<byte>)[0x94, 0x67, 0x81, 0x60]) >= 0, "波〜 is written as 0x9467 0x8160");

        var order = Assert.Single(Read(Erp, file));

        Assert.Equal("波～ワッシャ", order.Lines[0].ItemName);
        Assert.Equal("波～ワッシャ", order.Lines[1].ItemName);
        Assert.Equal("－5℃", order.Lines[1].Specification);
    }

    [Fact]
    public void NEC_special_characters_come_through_as_written()
    {
        var file = ShiftJis(JapaneseErp(1, Row("itemName=①号ボルト ㈱髙橋製作所", "remarks=Ⅲ型 №12")));

        var check = Check(Erp, file);
        var order = Assert.Single(Read(Erp, file));

        Assert.True(check.IsValid, string.Join("\n", check.Errors));
        Assert.Equal("①号ボルト ㈱髙橋製作所", order.Lines[0].ItemName);
        Assert.Equal("Ⅲ型 №12", order.Remarks);
    }

    [Fact]
    public void An_NEC_selected_IBM_extension_pair_is_reported_rather_than_guessed()
    {
        // 髙 as older NEC systems wrote it (0xEEE0); Windows writes 0xFBFC, which reads. .NET's CP932 has no 0xED/0xEE rows.
        var file = ShiftJis(JapaneseErp(1, Row("itemName=髙")));
        var at = file.AsSpan().IndexOf((ReadOnlySpan<byte>)[0xFB, 0xFC]);
        file[at] = 0xEE;
        file[at + 1] = 0xE0;

        var error = Single(Check(Erp, file));

        Assert.Equal(("invalid_encoding", 2, "0xEE 0xE0"), (error.Code, error.Line, error.Value));
    }

    [Fact]
    public void Bytes_that_are_not_Shift_JIS_are_named_with_their_line_and_offset()
    {
        var good = ShiftJis(JapaneseErp(2, Row(), Row("lineNumber=2")));
        var secondRow = IndexOfLine(good, 3);
        var file = good.ToArray();
        file[secondRow + 1] = 0x81;
        file[secondRow + 2] = 0x20;

        var error = Single(Check(Erp, file));

        Assert.Equal("invalid_encoding", error.Code);
        Assert.Equal(3, error.Line);
        Assert.Equal("0x81 0x20", error.Value);
        Assert.Contains($"{secondRow + 2:#,0} バイト目", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_UTF_8_file_for_a_Shift_JIS_profile_is_named_as_UTF_8()
    {
        var error = Single(Check(Erp, Utf8(JapaneseErp(1, Row()), bom: false)));

        Assert.Equal("wrong_encoding", error.Code);
        Assert.Equal(0, error.Line);
        Assert.Contains("UTF-8 で書かれています", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Shift_JIS_file_for_a_UTF_8_profile_is_named_as_Shift_JIS()
    {
        var error = Single(Check(Standard, ShiftJis(OrderFiles.Standard(Row()))));

        Assert.Equal("wrong_encoding", error.Code);
        Assert.Contains("Shift_JIS で書かれています", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_with_another_number_of_fields_than_the_header_is_refused()
    {
        var text = OrderFiles.Standard(Row(), Row("lineNumber=2")).Replace("\r\nPO-1,1,S10021,2026-12-01,JPY,本社工場 第1受入場,山田 太郎,,2,", "\r\nPO-1,1,S10021,2026-12-01,JPY,本社工場 第1受入場,山田 太郎,2,", StringComparison.Ordinal);

        var error = Single(Check(Standard, Utf8(text)));

        Assert.Equal(("field_count", 3), (error.Code, error.Line));
        Assert.Contains("20 個ですが、見出し行は 21 個", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_quoted_value_may_hold_a_line_break_and_lines_stay_physical()
    {
        var file = Utf8(OrderFiles.Standard(Row("itemName=深溝玉軸受\n特注品"), Row("lineNumber=2", "quantity=0", "amount=")));

        var error = Single(Check(Standard, file));

        Assert.Equal(("not_positive", 4, "quantity"), (error.Code, error.Line, error.Column));
        var text = Encoding.UTF8.GetString(file);
        Assert.Equal("深溝玉軸受\n特注品", Assert.Single(Read(Standard, Utf8(OrderFiles.Standard(Row("itemName=深溝玉軸受\n特注品"))))).Lines[0].ItemName);
        Assert.Contains("\"深溝玉軸受\n特注品\"", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "empty_file")]
    [InlineData(1, "empty_file")]
    [InlineData(2, "no_data_rows")]
    [InlineData(3, "empty_file")]
    public void An_empty_file_is_refused(int shape, string code)
    {
        byte[] file = shape switch
        {
            0 => [],
            1 => [.. Documents.Csv.CsvEncodings.Bom],
            2 => Utf8(OrderFiles.Standard()),
            _ => Utf8("\r\n\r\n"),
        };

        Assert.Equal(code, Single(Check(Standard, file)).Code);
    }

    [Fact]
    public void A_trailer_count_that_disagrees_with_the_rows_is_refused()
    {
        var error = Single(Check(Erp, ShiftJis(JapaneseErp(3, Row(), Row("lineNumber=2")))));

        Assert.Equal(("trailer_count", 4, "3"), (error.Code, error.Line, error.Value));
        Assert.Contains("件数 3 が、データ行の数 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_trailer_or_a_record_after_it_is_refused()
    {
        Assert.Equal("trailer_missing", Single(Check(Erp, ShiftJis(JapaneseErp(null, Row())))).Code);

        var after = Check(Erp, ShiftJis(JapaneseErp(1, Row()) + "\"PO-9\"\r\n"));

        Assert.Equal(("after_trailer", 4), (Single(after).Code, Single(after).Line));
    }

    [Fact]
    public void Header_columns_the_profile_does_not_map_are_ignored_and_listed()
    {
        var text = OrderFiles.Standard(Row(), Row("lineNumber=2")).Split("\r\n");
        var widened = string.Join("\r\n", text.Select((l, i) => l.Length == 0 ? l : i == 0 ? l + ",倉庫区分,予備" : l + ",A1,"));

        var check = Check(Standard, Utf8(widened));

        Assert.True(check.IsValid, string.Join("\n", check.Errors));
        Assert.Equal(["倉庫区分", "予備"], check.IgnoredColumns);
    }

    [Fact]
    public void A_mapped_column_missing_from_the_header_is_refused()
    {
        var text = OrderFiles.Standard(Row()).Replace("taxRate", "tax", StringComparison.Ordinal);

        var error = Single(Check(Standard, Utf8(text)));

        Assert.Equal(("missing_column", 1, "taxRate"), (error.Code, error.Line, error.Column));
    }

    [Fact]
    public void A_mapped_column_twice_in_the_header_is_refused()
    {
        var text = OrderFiles.Standard(Row()).Split("\r\n");
        var doubled = $"{text[0]},quantity\r\n{text[1]},5\r\n";

        Assert.Equal("duplicate_column", Single(Check(Standard, Utf8(doubled))).Code);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    public void A_quantity_that_is_not_positive_is_refused_on_its_row_and_the_ERPs_column(string quantity)
    {
        var error = Single(Check(Erp, ShiftJis(JapaneseErp(2, Row(), Row("lineNumber=2", $"quantity={quantity}", "amount=")))));

        Assert.Equal(("not_positive", 3, "数量", quantity), (error.Code, error.Line, error.Column, error.Value));
        Assert.Equal($"「数量」は 0 より大きい数にしてください（{quantity}）。", error.Message);
    }

    [Fact]
    public void A_requested_date_before_the_order_date_is_refused()
    {
        var error = Single(Check(Standard, Utf8(OrderFiles.Standard(Row("requestedDeliveryDate=2026-11-30")))));

        Assert.Equal(("before_order_date", 2, "requestedDeliveryDate"), (error.Code, error.Line, error.Column));
    }

    [Fact]
    public void A_date_in_another_format_is_refused_with_the_format()
    {
        var error = Single(Check(Erp, ShiftJis(JapaneseErp(1, Row("requestedDeliveryDate=2026/12/10")))));

        Assert.Equal(("invalid_value", "希望納期", "2026/12/10"), (error.Code, error.Column, error.Value));
        Assert.Contains("yyyyMMdd の形（例 20270108）", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1,000", false)]
    [InlineData("１２０", true)]
    [InlineData("12.5", true)]
    [InlineData("12,5", false)]
    public void Numbers_take_the_decimal_point_and_full_width_digits_but_no_thousands_separators(string quantity, bool valid)
    {
        var check = Check(Standard, Utf8(OrderFiles.Standard(Row($"quantity={quantity}", "amount="))));

        Assert.Equal(valid, check.IsValid);
        if (!valid)
        {
            Assert.Equal(("invalid_value", "quantity"), (Single(check).Code, Single(check).Column));
        }
    }

    [Fact]
    public void Order_columns_that_differ_between_rows_of_one_order_are_refused()
    {
        var error = Single(Check(Standard, Utf8(OrderFiles.Standard(Row(), Row("lineNumber=2", "orderDate=2026-12-02")))));

        Assert.Equal(("conflicting_value", 3, "orderDate", "2026-12-02"), (error.Code, error.Line, error.Column, error.Value));
        Assert.Contains("2 行目の「2026-12-01」と違います", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_of_an_order_after_other_orders_are_refused()
    {
        var error = Single(Check(Standard, Utf8(OrderFiles.Standard(Row(), Row("orderNumber=PO-2"), Row("lineNumber=2")))));

        Assert.Equal(("order_rows_apart", 4, "PO-1"), (error.Code, error.Line, error.Value));
        Assert.Contains("2 行目から始まる注文", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_required_value_that_is_empty_is_refused()
    {
        var error = Single(Check(Standard, Utf8(OrderFiles.Standard(Row("itemName=")))));

        Assert.Equal(("required", 2, "itemName"), (error.Code, error.Line, error.Column));
    }

    [Fact]
    public void An_unclosed_quote_is_refused_with_the_line_its_record_starts_on()
    {
        var text = OrderFiles.Standard(Row(), Row("lineNumber=2")) + "PO-1,1,\"S10021,2026-12-01\r\n";

        var error = Single(Check(Standard, Utf8(text)));

        Assert.Equal(("invalid_csv", 4), (error.Code, error.Line));
    }

    [Fact]
    public void A_duplicated_line_number_is_refused_on_the_second_row()
    {
        var error = Single(Check(Standard, Utf8(OrderFiles.Standard(Row(), Row()))));

        Assert.Equal(("duplicate_line", 3, "lineNumber"), (error.Code, error.Line, error.Column));
    }

    [Fact]
    public void Messages_are_in_English_when_the_profile_says_so()
    {
        var english = Standard with { Language = "en" };

        var error = Single(Check(english, Utf8(OrderFiles.Standard(Row("quantity=-5", "amount=")))));

        Assert.Equal("quantity: must be greater than zero (is -5).", error.Message);
        Assert.Equal("The file is empty.", Single(Check(english, [])).Message);
    }

    [Fact]
    public void At_most_a_thousand_errors_are_listed_and_one_more_says_so()
    {
        var rows = Enumerable.Range(1, 1200).Select(i => Row($"lineNumber={i}", "unit=")).ToArray();

        var check = Check(Standard, Utf8(OrderFiles.Standard(rows)));

        Assert.True(check.Errors.Count > 1, string.Join("\n", check.Errors));
        Assert.Equal(OrderFileReader.MaxErrors + 1, check.Errors.Count);
        Assert.Equal("too_many_errors", check.Errors[^1].Code);
        Assert.Equal(1200, check.DataRows);
    }

    [Fact]
    public void Each_supplier_code_comes_with_its_first_place_in_the_file()
    {
        var check = Check(Erp, ShiftJis(JapaneseErp(3, Row(), Row("orderNumber=PO-2", "supplierCode=S10034"), Row("orderNumber=PO-3"))));

        Assert.Equal(["S10021", "S10034"], check.SupplierCodes.Keys.Order());
        Assert.Equal(new FileError(3, "仕入先コード", "S10034", "unknown_supplier_code", "仕入先コード「S10034」の取引先は WebEdi に登録されていません。"), check.SupplierCodes["S10034"]);
    }

    [Fact]
    public void The_error_report_is_UTF_8_CSV_with_a_row_per_error()
    {
        var reader = new OrderFileReader(Standard);
        var check = reader.Check(new MemoryStream(Utf8(OrderFiles.Standard(Row("quantity=0", "amount=")))));
        var output = new MemoryStream();

        reader.WriteErrorReport([.. check.Errors, new FileError(0, null, null, "trailer_missing", "=HYPERLINK(\"x\")")], output);

        var bytes = output.ToArray();
        Assert.Equal(Documents.Csv.CsvEncodings.Bom.ToArray(), bytes[..3]);
        Assert.Equal(
            "行,列,値,内容\r\n2,quantity,0,「quantity」は 0 より大きい数にしてください（0）。\r\n,,,\"'=HYPERLINK(\"\"x\"\")\"\r\n",
            Encoding.UTF8.GetString(bytes[3..]));
    }

    private static int IndexOfLine(byte[] file, int line)
    {
        var at = 0;
        for (var l = 1; l < line; l++)
        {
            at = Array.IndexOf(file, (byte)'\n', at) + 1;
        }

        return at;
    }
}
