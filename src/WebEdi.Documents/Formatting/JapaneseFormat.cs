using System.Globalization;

namespace WebEdi.Documents.Formatting;

/// <summary>How figures and dates read on a Japanese business form (ja-JP digits, ¥, thousands separators).</summary>
public static class JapaneseFormat
{
    /// <summary>Quantities carry at most this many decimals; more would be rounded away on paper.</summary>
    public const int QuantityDecimals = 3;

    /// <summary>Unit prices carry at most this many decimals (sen and fractions of sen in parts pricing).</summary>
    public const int UnitPriceDecimals = 4;

    private static readonly CultureInfo Japanese = CultureInfo.GetCultureInfo("ja-JP");

    /// <summary>2026年04月03日.</summary>
    public static string Date(DateOnly date) => date.ToString("yyyy年MM月dd日", Japanese);

    /// <summary>2026/04/03, for table cells.</summary>
    public static string ShortDate(DateOnly date) => date.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture);

    /// <summary>¥1,234,567 (whole yen; negative as -¥1,234).</summary>
    public static string Yen(decimal amount) =>
        (amount < 0 ? "-¥" : "¥") + Math.Abs(amount).ToString("#,0", Japanese);

    /// <summary>1,234.5 — up to three decimals, no trailing zeros.</summary>
    public static string Quantity(decimal quantity) => quantity.ToString("#,0.###", Japanese);

    /// <summary>¥1,234.5 — up to four decimals, no trailing zeros.</summary>
    public static string UnitPrice(decimal price) =>
        (price < 0 ? "-¥" : "¥") + Math.Abs(price).ToString("#,0.####", Japanese);

    /// <summary>10% or 8%.</summary>
    public static string TaxRate(decimal percent) => percent.ToString("0.##", Japanese) + "%";

    /// <summary>True when <paramref name="value"/> has no more than <paramref name="decimals"/> decimal places.</summary>
    public static bool HasAtMostDecimals(decimal value, int decimals) => decimal.Round(value, decimals) == value;
}
