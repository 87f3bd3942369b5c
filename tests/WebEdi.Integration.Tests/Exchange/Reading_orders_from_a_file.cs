using System.Text;
using WebEdi.Integration.Exchange;
using WebEdi.Integration.Exchange.Inbound;
using WebEdi.Integration.Exchange.Profiles;
using static WebEdi.Integration.Tests.Exchange.OrderFiles;

namespace WebEdi.Integration.Tests.Exchange;

/// <summary>Pass 2 of the nightly import: the orders of a file that passed its check.</summary>
public sealed class Reading_orders_from_a_file
{
    [Fact]
    public void Rows_with_one_order_number_become_one_order_with_the_profiles_defaults_and_codes()
    {
        var file = ShiftJis(JapaneseErp(3, Row("unit=PCS", "revision="), Row("lineNumber=2", "revision=", "amount=", "lineRemarks=至急"), Row("orderNumber=PO-2", "supplierCode=S10034")));

        var orders = Read(BuiltInProfiles.JapaneseErp, file);

        Assert.Equal(["PO-1", "PO-2"], orders.Select(o => o.OrderNumber));
        var first = orders[0];
        Assert.Null(first.BuyerCode);
        Assert.Equal((0, "S10021", new DateOnly(2026, 12, 1), "JPY", "本社工場 第1受入場"), (first.Revision, first.SupplierCode, first.OrderDate, first.Currency, first.DeliveryLocation));
        Assert.Equal(["個", "個"], first.Lines.Select(l => l.Unit));
        Assert.Equal((100m, 185.5m, 18550m, 10m, new DateOnly(2026, 12, 10)), (first.Lines[0].Quantity, first.Lines[0].UnitPrice, first.Lines[0].Amount, first.Lines[0].TaxRate, first.Lines[0].RequestedDeliveryDate));
        Assert.Null(first.Lines[1].Amount);
        Assert.Equal("至急", first.Lines[1].Remarks);
        Assert.Null(first.Remarks);
    }

    [Fact]
    public void A_file_that_changed_after_its_check_is_refused()
    {
        var file = Utf8(OrderFiles.Standard(Row("quantity=abc")));

        Assert.Throws<ExchangeFileException>(() => Read(BuiltInProfiles.Standard, file));
    }

    [Fact]
    public void A_file_without_a_header_is_read_by_position()
    {
        var profile = BuiltInProfiles.Standard with
        {
            Format = BuiltInProfiles.Standard.Format with { HasHeader = false, Delimiter = '\t', DecimalSeparator = ',' },
            Inbound = BuiltInProfiles.Standard.Inbound with
            {
                Columns = [.. ExchangeFields.Order.Select((f, i) => new ColumnMapping { Column = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Field = f.Name })],
            },
        };
        Assert.Empty(ExchangeProfileRules.Validate(profile));
        var line = string.Join('\t', ExchangeFields.Order.Select(f => Row("unitPrice=185,5")[f.Name]));

        var check = Check(profile, Utf8(line + "\r\n" + line.Replace("\t1\tTM-B", "\t2\tTM-B", StringComparison.Ordinal) + "\r\n"));
        var order = Assert.Single(Read(profile, Utf8(line + "\r\n")));

        Assert.True(check.IsValid, string.Join("\n", check.Errors));
        Assert.Equal(185.5m, order.Lines[0].UnitPrice);
    }

    [Theory]
    [InlineData("standard", "standard-orders.csv")]
    [InlineData("japanese-erp", "japanese-erp-orders.csv")]
    public void The_sample_files_pass_with_their_profile(string key, string name)
    {
        var profile = BuiltInProfiles.All.Single(p => p.Key == key).Profile;
        var file = File.ReadAllBytes(Path.Combine(Seeds(), "exchange", name));

        var check = Check(profile, file);
        var orders = Read(profile, file);

        Assert.True(check.IsValid, string.Join("\n", check.Errors));
        Assert.Empty(check.IgnoredColumns);
        Assert.Equal((12, 6), (check.DataRows, check.Orders));
        Assert.Equal(["S10021", "S10034", "S10057"], check.SupplierCodes.Keys.Order());
        Assert.Equal(12, orders.Sum(o => o.Lines.Count));
        Assert.Equal("①号ライン用（㈱東海モーター工業 髙橋課長宛）", orders[3].Remarks);
    }

    [Fact]
    public void A_file_of_100000_lines_is_checked_and_read()
    {
        // 20,000 orders of five lines each, in the Japanese ERP's shape (Shift_JIS, every field quoted, trailer).
        var header = JapaneseErp(null);
        var text = new StringBuilder(header);
        for (var order = 1; order <= 20_000; order++)
        {
            var rows = Enumerable.Range(1, 5)
                .Select(line => Row($"orderNumber=PO-{order:D6}", $"lineNumber={line}", $"quantity={line * 10}", $"amount={line * 1855}", "itemName=六角ボルト M8×30 波～"))
                .ToArray();
            text.Append(JapaneseErp(null, rows).AsSpan(header.Length));
        }

        text.Append("\"E\",\"100000\"\r\n");
        var file = ShiftJis(text.ToString());
        var reader = new OrderFileReader(BuiltInProfiles.JapaneseErp);

        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var check = reader.Check(new MemoryStream(file));
        var orders = 0;
        Contracts.SubmitPurchaseOrder? last = null;
        foreach (var order in reader.ReadOrders(new MemoryStream(file)))
        {
            orders++;
            last = order;
        }

        Console.WriteLine($"Check + ReadOrders of 100,000 lines ({file.Length:#,0} bytes): {stopwatch.ElapsedMilliseconds} ms");
        Assert.True(check.IsValid, string.Join("\n", check.Errors.Take(5)));
        Assert.Equal((100_000, 20_000, 20_000), (check.DataRows, check.Orders, orders));
        Assert.Equal("PO-020000", last!.OrderNumber);
        Assert.Equal([10m, 20m, 30m, 40m, 50m], last.Lines.Select(l => l.Quantity));
        Assert.Equal("六角ボルト M8×30 波～", last.Lines[4].ItemName);
    }

    private static string Seeds()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "seeds", "exchange")))
            {
                return Path.Combine(dir.FullName, "seeds");
            }
        }

        throw new DirectoryNotFoundException("seeds/exchange not found above " + AppContext.BaseDirectory);
    }
}
