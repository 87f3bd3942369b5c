using System.Globalization;
using System.Text;

namespace WebEdi.Integration.Exchange.Profiles;

/// <summary>
/// How a value of a file becomes a field value and back: the one place that knows decimal separators, date formats and
/// full-width digits. Numbers, dates and codes are read after NFKC normalisation, so full-width digits and letters
/// (１２０, ２０２６/０１/０８, Ｓ１００２１) that Japanese entry screens produce are read as their ASCII forms; text
/// fields keep their characters.
/// </summary>
internal static class FieldValues
{
    private static readonly NumberFormatInfo DecimalComma = new() { NumberDecimalSeparator = ",", NegativeSign = "-", PositiveSign = "+" };

    public static NumberFormatInfo Numbers(char decimalSeparator) => decimalSeparator == ',' ? DecimalComma : NumberFormatInfo.InvariantInfo;

    /// <summary>The value as the field's kind reads it: NFKC-normalised when the kind is not free text and it is not ASCII.</summary>
    public static string Normalize(ExchangeFieldKind kind, string value) =>
        kind == ExchangeFieldKind.Text || Ascii.IsValid(value) ? value : value.Normalize(NormalizationForm.FormKC).Trim();

    public static bool TryInteger(string value, out int number) =>
        int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number);

    public static bool TryNumber(string value, NumberFormatInfo numbers, out decimal number) =>
        decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, numbers, out number);

    public static bool TryDate(string value, string format, out DateOnly date) =>
        DateOnly.TryParseExact(value, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>Whether <paramref name="value"/> (a default) is a value of <paramref name="field"/>.</summary>
    public static bool IsValid(ExchangeField field, string? value, string dateFormat, char decimalSeparator = '.')
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var normalized = Normalize(field.Kind, value.Trim());
        return field.Kind switch
        {
            ExchangeFieldKind.Integer => TryInteger(normalized, out _),
            ExchangeFieldKind.Number => TryNumber(normalized, Numbers(decimalSeparator), out _),
            ExchangeFieldKind.Date => TryDate(normalized, dateFormat, out _),
            _ => true,
        };
    }

    /// <summary>A number as the files write it: at most four decimals, no trailing zeros, the profile's separator.</summary>
    public static string Format(decimal value, char decimalSeparator)
    {
        // Most quantities and prices are whole numbers, which need none of the custom format's work (a nightly export
        // formats one per row).
        if (decimal.IsInteger(value) && value is >= long.MinValue and <= long.MaxValue)
        {
            return ((long)value).ToString(CultureInfo.InvariantCulture);
        }

        var text = value.ToString("0.####", CultureInfo.InvariantCulture);
        return decimalSeparator == '.' ? text : text.Replace('.', decimalSeparator);
    }
}
