using System.Text;
using WebEdi.Documents.Fonts;

namespace WebEdi.Documents.Layout;

/// <summary>
/// Wraps text into lines no wider than a column, never cutting anything off. Japanese breaks between any two
/// characters except where 禁則 (line-breaking rules) forbid it: no line starts with closing brackets, small kana
/// or punctuation, none ends with an opening bracket. Latin words break at spaces, and a word wider than the
/// column is split where it must be.
/// </summary>
internal static class LineBreaker
{
    private const string NoLineStart = "、。，．,.）)］]｝}」』】〕〉》〙〗〟’”・：:；;!！?？ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々ゝゞヽヾ%％";
    private const string NoLineEnd = "（(［[｛{「『【〔〈《〘〖〝‘“";

    public static List<string> Wrap(string text, TrueTypeFont font, double size, double width)
    {
        // Most cells (codes, figures, short names) fit as they are: skip the segmenting and its allocations.
        if (!text.Contains('\n', StringComparison.Ordinal) && font.Width(text, size) <= width)
        {
            return [text];
        }

        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            WrapParagraph(paragraph, font, size, width, lines);
        }

        return lines;
    }

    private static void WrapParagraph(string paragraph, TrueTypeFont font, double size, double width, List<string> lines)
    {
        var line = new StringBuilder();
        var lineWidth = 0.0;
        foreach (var segment in Segments(paragraph))
        {
            var visible = segment.TrimEnd(' ');
            var segmentWidth = font.Width(segment, size);
            if (lineWidth + font.Width(visible, size) <= width)
            {
                line.Append(segment);
                lineWidth += segmentWidth;
                continue;
            }

            if (line.Length > 0)
            {
                lines.Add(line.ToString().TrimEnd(' '));
                line.Clear();
                lineWidth = 0;
            }

            if (font.Width(visible, size) <= width)
            {
                line.Append(segment);
                lineWidth = segmentWidth;
                continue;
            }

            // A word wider than the column: split it rune by rune rather than let it overflow or be clipped.
            foreach (var rune in segment.EnumerateRunes())
            {
                var runeWidth = font.Advance(rune.Value) * size;
                if (line.Length > 0 && lineWidth + runeWidth > width && rune.Value != ' ')
                {
                    lines.Add(line.ToString().TrimEnd(' '));
                    line.Clear();
                    lineWidth = 0;
                }

                line.Append(rune.ToString());
                lineWidth += runeWidth;
            }
        }

        lines.Add(line.ToString().TrimEnd(' '));
    }

    /// <summary>Splits a paragraph into pieces that must stay on one line; a line may break between any two.</summary>
    private static IEnumerable<string> Segments(string paragraph)
    {
        var segment = new StringBuilder();
        Rune? previous = null;
        foreach (var rune in paragraph.EnumerateRunes())
        {
            if (previous is { } before && segment.Length > 0 && CanBreakBetween(before, rune))
            {
                yield return segment.ToString();
                segment.Clear();
            }

            segment.Append(rune.ToString());
            previous = rune;
        }

        if (segment.Length > 0)
        {
            yield return segment.ToString();
        }
    }

    private static bool CanBreakBetween(Rune before, Rune after)
    {
        if (after.Value == ' ')
        {
            return false;
        }

        if (before.Value == ' ')
        {
            return true;
        }

        return (IsIdeographicOrKana(before) || IsIdeographicOrKana(after))
            && !Contains(NoLineStart, after)
            && !Contains(NoLineEnd, before);
    }

    private static bool Contains(string set, Rune rune) =>
        rune.IsBmp && set.Contains((char)rune.Value, StringComparison.Ordinal);

    private static bool IsIdeographicOrKana(Rune rune) => rune.Value switch
    {
        >= 0x2E80 and <= 0x9FFF => true, // CJK radicals, symbols and punctuation, kana, ideographs
        >= 0xF900 and <= 0xFAFF => true, // compatibility ideographs
        >= 0xFF00 and <= 0xFFEF => true, // full-width forms and half-width kana
        >= 0x20000 => true,              // supplementary ideographs
        _ => false,
    };
}
