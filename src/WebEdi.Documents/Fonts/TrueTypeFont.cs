using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace WebEdi.Documents.Fonts;

/// <summary>
/// The parts of a TrueType file that layout needs and PDFsharp keeps internal: which characters have a glyph
/// (cmap) and how wide each is (hmtx). Measuring from these tables gives the same widths PDFsharp draws with,
/// without a graphics context, so pages can be laid out before anything is drawn.
/// </summary>
internal sealed class TrueTypeFont
{
    private readonly ushort[] _bmpGlyphs = new ushort[0x10000];
    private readonly Dictionary<int, ushort> _supplementaryGlyphs = [];
    private readonly ushort[] _advances;
    private readonly double _unitsPerEm;

    private TrueTypeFont(string path, byte[] data)
    {
        Path = path;
        Data = data;
        var tables = ReadTableDirectory(path, data);
        var head = Table(tables, "head", path);
        _unitsPerEm = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(head + 18));
        var hhea = Table(tables, "hhea", path);
        Ascent = BinaryPrimitives.ReadInt16BigEndian(data.AsSpan(hhea + 4)) / _unitsPerEm;
        Descent = -BinaryPrimitives.ReadInt16BigEndian(data.AsSpan(hhea + 6)) / _unitsPerEm;
        var metricCount = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(hhea + 34));
        var maxp = Table(tables, "maxp", path);
        var glyphCount = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(maxp + 4));
        _advances = ReadAdvances(data, Table(tables, "hmtx", path), metricCount, glyphCount);
        ReadCharacterMap(data, Table(tables, "cmap", path));
    }

    /// <summary>The file the face was read from.</summary>
    public string Path { get; }

    /// <summary>The whole file, as PDFsharp's font resolver hands it over for embedding.</summary>
    public byte[] Data { get; }

    /// <summary>Height above the baseline in em (hhea ascender).</summary>
    public double Ascent { get; }

    /// <summary>Depth below the baseline in em, positive (hhea descender).</summary>
    public double Descent { get; }

    public static TrueTypeFont Load(string path) => new(path, File.ReadAllBytes(path));

    /// <summary>True when the font maps <paramref name="codePoint"/> to a real glyph (not .notdef).</summary>
    public bool HasGlyph(int codePoint) => Glyph(codePoint) != 0;

    /// <summary>Advance width of one character in em; .notdef's width for characters without a glyph.</summary>
    public double Advance(int codePoint)
    {
        var glyph = Glyph(codePoint);
        return _advances[Math.Min(glyph, _advances.Length - 1)] / _unitsPerEm;
    }

    /// <summary>Width of <paramref name="text"/> at <paramref name="size"/> points (no kerning: PDFsharp applies none).</summary>
    public double Width(ReadOnlySpan<char> text, double size)
    {
        var em = 0.0;
        foreach (var rune in text.EnumerateRunes())
        {
            em += Advance(rune.Value);
        }

        return em * size;
    }

    private ushort Glyph(int codePoint) =>
        codePoint < 0x10000 ? _bmpGlyphs[codePoint] : _supplementaryGlyphs.GetValueOrDefault(codePoint);

    private static Dictionary<string, int> ReadTableDirectory(string path, byte[] data)
    {
        if (data.Length < 12)
        {
            throw new FontFormatException(path, "the file is too short to be a font");
        }

        var tag = BinaryPrimitives.ReadUInt32BigEndian(data);
        switch (tag)
        {
            case 0x74746366: // 'ttcf'
                throw new FontFormatException(path, "it is a TrueType collection (.ttc), which PDFsharp cannot embed; use a single-face .ttf");
            case 0x4F54544F: // 'OTTO'
                throw new FontFormatException(path, "it has PostScript (CFF) outlines, which PDFsharp cannot subset; use a TrueType-outline .ttf");
            case 0x00010000 or 0x74727565: // TrueType outlines ('true' on old Apple fonts)
                break;
            default:
                throw new FontFormatException(path, "it is not a TrueType font file");
        }

        var count = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(4));
        var tables = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var entry = data.AsSpan(12 + (16 * i), 16);
            tables[Encoding.ASCII.GetString(entry[..4])] = checked((int)BinaryPrimitives.ReadUInt32BigEndian(entry[8..]));
        }

        return tables;
    }

    private static int Table(Dictionary<string, int> tables, string name, string path) =>
        tables.TryGetValue(name, out var offset)
            ? offset
            : throw new FontFormatException(path, $"it has no '{name}' table");

    private static ushort[] ReadAdvances(byte[] data, int hmtx, int metricCount, int glyphCount)
    {
        var advances = new ushort[Math.Max(glyphCount, 1)];
        for (var glyph = 0; glyph < advances.Length; glyph++)
        {
            // Glyphs past numberOfHMetrics repeat the last advance (monospaced tails such as CJK ideographs).
            var entry = Math.Min(glyph, metricCount - 1);
            advances[glyph] = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(hmtx + (4 * entry)));
        }

        return advances;
    }

    private void ReadCharacterMap(byte[] data, int cmap)
    {
        var count = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(cmap + 2));
        int? full = null;
        int? bmp = null;
        for (var i = 0; i < count; i++)
        {
            var record = data.AsSpan(cmap + 4 + (8 * i));
            var platform = BinaryPrimitives.ReadUInt16BigEndian(record);
            var encoding = BinaryPrimitives.ReadUInt16BigEndian(record[2..]);
            var subtable = cmap + checked((int)BinaryPrimitives.ReadUInt32BigEndian(record[4..]));
            var format = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(subtable));
            if (format == 12 && (platform == 0 || (platform == 3 && encoding == 10)))
            {
                full ??= subtable;
            }
            else if (format == 4 && (platform == 0 || (platform == 3 && encoding == 1)))
            {
                bmp ??= subtable;
            }
        }

        if (full is { } groups)
        {
            ReadFormat12(data, groups);
        }
        else if (bmp is { } segments)
        {
            ReadFormat4(data, segments);
        }
        else
        {
            throw new FontFormatException(Path, "it has no Unicode character map (cmap format 4 or 12)");
        }
    }

    private void ReadFormat12(byte[] data, int subtable)
    {
        var groupCount = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(subtable + 12));
        for (var i = 0; i < groupCount; i++)
        {
            var group = data.AsSpan(subtable + 16 + (12 * i));
            var start = (int)BinaryPrimitives.ReadUInt32BigEndian(group);
            var end = (int)BinaryPrimitives.ReadUInt32BigEndian(group[4..]);
            var glyph = (int)BinaryPrimitives.ReadUInt32BigEndian(group[8..]);
            for (var c = start; c <= end && c <= 0x10FFFF; c++)
            {
                Map(c, glyph + (c - start));
            }
        }
    }

    private void ReadFormat4(byte[] data, int subtable)
    {
        var segmentCount = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(subtable + 6)) / 2;
        var ends = subtable + 14;
        var starts = ends + (2 * segmentCount) + 2;
        var deltas = starts + (2 * segmentCount);
        var rangeOffsets = deltas + (2 * segmentCount);
        for (var s = 0; s < segmentCount; s++)
        {
            var end = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(ends + (2 * s)));
            var start = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(starts + (2 * s)));
            var delta = BinaryPrimitives.ReadInt16BigEndian(data.AsSpan(deltas + (2 * s)));
            var rangeOffsetAt = rangeOffsets + (2 * s);
            var rangeOffset = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(rangeOffsetAt));
            for (var c = start; c <= end && c != 0xFFFF; c++)
            {
                int glyph;
                if (rangeOffset == 0)
                {
                    glyph = (c + delta) & 0xFFFF;
                }
                else
                {
                    var at = rangeOffsetAt + rangeOffset + (2 * (c - start));
                    glyph = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(at));
                    glyph = glyph == 0 ? 0 : (glyph + delta) & 0xFFFF;
                }

                Map(c, glyph);
            }
        }
    }

    private void Map(int codePoint, int glyph)
    {
        if (glyph <= 0 || glyph > ushort.MaxValue)
        {
            return;
        }

        if (codePoint < 0x10000)
        {
            _bmpGlyphs[codePoint] = (ushort)glyph;
        }
        else
        {
            _supplementaryGlyphs[codePoint] = (ushort)glyph;
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{System.IO.Path.GetFileName(Path)} ({Path})");
}

/// <summary>A font file exists but is not one PDFsharp and the layout can use.</summary>
public sealed class FontFormatException : Exception
{
    public FontFormatException()
    {
    }

    public FontFormatException(string message)
        : base(message)
    {
    }

    public FontFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <param name="path">The font file.</param>
    /// <param name="reason">Why it cannot be used.</param>
    public FontFormatException(string path, string reason)
        : base($"The font {path} cannot be used: {reason}.") => FontPath = path;

    /// <summary>The font file that was rejected.</summary>
    public string? FontPath { get; }
}
