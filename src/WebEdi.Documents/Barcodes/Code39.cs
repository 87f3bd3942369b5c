using System.Globalization;

namespace WebEdi.Documents.Barcodes;

/// <summary>
/// Code 39 (the symbology of EIAJ/JEITA shipping labels), drawn as filled rectangles: digits, A–Z and
/// <c>- . space $ / + %</c>, framed by the start/stop character <c>*</c>. No check digit, as those labels use none.
/// </summary>
public static class Code39
{
    /// <summary>
    /// The narrow element, 0.254 mm (10 mil): three device pixels at 300 dpi, so bars land on whole pixels and a
    /// 300 dpi print or scan keeps every edge; well above the 0.19 mm minimum of ISO/IEC 16388.
    /// </summary>
    public const double NarrowWidth = 72.0 / 100.0;

    /// <summary>Wide elements are three times the narrow one (the standard allows 2–3; 3 reads most reliably).</summary>
    public const double WideWidth = 3 * NarrowWidth;

    /// <summary>Clear space on each side: ten narrow elements, the minimum the standard asks for.</summary>
    public const double QuietZone = 10 * NarrowWidth;

    /// <summary>The characters Code 39 encodes (without the full-ASCII extension).</summary>
    public const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-. $/+%";

    // Nine elements per character, bar first, alternating bar/space; 1 = wide. Three of the nine are wide.
    private static readonly Dictionary<char, string> Patterns = new()
    {
        ['0'] = "000110100", ['1'] = "100100001", ['2'] = "001100001", ['3'] = "101100000",
        ['4'] = "000110001", ['5'] = "100110000", ['6'] = "001110000", ['7'] = "000100101",
        ['8'] = "100100100", ['9'] = "001100100", ['A'] = "100001001", ['B'] = "001001001",
        ['C'] = "101001000", ['D'] = "000011001", ['E'] = "100011000", ['F'] = "001011000",
        ['G'] = "000001101", ['H'] = "100001100", ['I'] = "001001100", ['J'] = "000011100",
        ['K'] = "100000011", ['L'] = "001000011", ['M'] = "101000010", ['N'] = "000010011",
        ['O'] = "100010010", ['P'] = "001010010", ['Q'] = "000000111", ['R'] = "100000110",
        ['S'] = "001000110", ['T'] = "000010110", ['U'] = "110000001", ['V'] = "011000001",
        ['W'] = "111000000", ['X'] = "010010001", ['Y'] = "110010000", ['Z'] = "011010000",
        ['-'] = "010000101", ['.'] = "110000100", [' '] = "011000100", ['$'] = "010101000",
        ['/'] = "010100010", ['+'] = "010001010", ['%'] = "000101010", ['*'] = "010010100",
    };

    /// <summary>True when every character of <paramref name="value"/> is in <see cref="Alphabet"/> and it is not empty.</summary>
    public static bool CanEncode(string value) => value.Length > 0 && FirstUnencodable(value) is null;

    /// <summary>The index of the first character Code 39 cannot encode, or null when all can.</summary>
    public static int? FirstUnencodable(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (!Alphabet.Contains(value[i], StringComparison.Ordinal))
            {
                return i;
            }
        }

        return null;
    }

    /// <summary>Width of the symbol in points, quiet zones included.</summary>
    public static double Width(string value) =>
        (2 * QuietZone) + ((value.Length + 2) * ((3 * WideWidth) + (6 * NarrowWidth))) + ((value.Length + 1) * NarrowWidth);

    /// <summary>
    /// Draws the bars of <c>*value*</c> with their quiet zones starting at <paramref name="left"/>, each bar by
    /// <paramref name="bar"/>(x, y, width, height). The caller checked <see cref="CanEncode"/>; an unencodable value
    /// here is a programming error.
    /// </summary>
    internal static void DrawBars(Action<double, double, double, double> bar, string value, double left, double top, double height)
    {
        // Snap to the narrow-element grid so every bar edge falls on a device pixel at 300 dpi.
        var x = (Math.Round((left + QuietZone) / NarrowWidth) * NarrowWidth);
        var symbol = "*" + value + "*";
        for (var c = 0; c < symbol.Length; c++)
        {
            if (!Patterns.TryGetValue(symbol[c], out var pattern))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"'{symbol[c]}' (U+{(int)symbol[c]:X4}) cannot be encoded in Code 39."), nameof(value));
            }

            for (var e = 0; e < pattern.Length; e++)
            {
                var width = pattern[e] == '1' ? WideWidth : NarrowWidth;
                if (e % 2 == 0)
                {
                    bar(x, top, width, height);
                }

                x += width;
            }

            x += NarrowWidth;
        }
    }
}
