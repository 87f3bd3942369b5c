using WebEdi.Documents.Formatting;

namespace WebEdi.Documents.Tests.Formatting;

public class Formatting_figures_for_a_japanese_form
{
    [Theory]
    [InlineData("1234567", "¥1,234,567")]
    [InlineData("0", "¥0")]
    [InlineData("-1500", "-¥1,500")]
    public void Yen_have_the_yen_sign_and_thousands_separators(string amount, string printed) =>
        Assert.Equal(printed, JapaneseFormat.Yen(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("1234.500", "1,234.5")]
    [InlineData("0.125", "0.125")]
    [InlineData("12.000", "12")]
    public void Quantities_drop_trailing_zeros(string quantity, string printed) =>
        Assert.Equal(printed, JapaneseFormat.Quantity(decimal.Parse(quantity, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Dates_read_year_month_day_in_kanji() =>
        Assert.Equal("2026年04月03日", JapaneseFormat.Date(new DateOnly(2026, 4, 3)));

    [Fact]
    public void Tax_is_rounded_down_once_per_rate_on_the_rates_sum_not_per_line()
    {
        var totals = TaxTotals.Compute([(1005m, 10m), (1005m, 10m), (1005m, 10m), (999m, 8m), (1m, 8m)]);

        Assert.Equal([new TaxAtRate(10m, 3015m, 301m), new TaxAtRate(8m, 1000m, 80m)], totals.ByRate);
        Assert.Equal(4015m, totals.Subtotal);
        Assert.Equal(381m, totals.Tax);
        Assert.Equal(4396m, totals.GrandTotal);
    }
}
