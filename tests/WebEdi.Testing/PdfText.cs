using System.Text.RegularExpressions;
using Xunit;

namespace WebEdi.Testing;

/// <summary>Reading pdftotext's layout output the way a person reads the page: runs of spaces are one space.</summary>
public static partial class PdfText
{
    /// <summary>The text with every run of whitespace (line breaks too) collapsed to one space.</summary>
    public static string Flat(string text) => Whitespace().Replace(text, " ");

    /// <summary>The text with all whitespace removed: for wrapped text whose line breaks fall anywhere.</summary>
    public static string Joined(string text) => Whitespace().Replace(text, string.Empty);

    /// <summary>Asserts that <paramref name="text"/> contains <paramref name="expected"/> with any spacing between words.</summary>
    public static void ContainsWords(string expected, string text)
    {
        var pattern = string.Join(@"\s+", expected.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Regex.Escape));
        Assert.Matches(new Regex(pattern), text);
    }

    /// <summary>Counts non-overlapping occurrences.</summary>
    public static int Count(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
