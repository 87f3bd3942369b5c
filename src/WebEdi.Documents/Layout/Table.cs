using PdfSharp.Drawing;

namespace WebEdi.Documents.Layout;

/// <summary>A table column: heading (and an optional second heading line), width in points, alignment of its cells.</summary>
internal sealed record Column(string Heading, string? SubHeading, double Width, Align Align);

/// <summary>One printed line inside a cell.</summary>
internal sealed record CellLine(string Text, TextStyle Style, XBrush? Brush = null);

/// <summary>A table row: the wrapped lines of every cell. Its height is its tallest cell.</summary>
internal sealed class TableRow(IReadOnlyList<IReadOnlyList<CellLine>> cells)
{
    public IReadOnlyList<IReadOnlyList<CellLine>> Cells { get; } = cells;

    public int LineCount { get; } = Math.Max(1, cells.Max(c => c.Count));
}

/// <summary>The part of a row on one page: all of it, or a run of its lines when the row is taller than a page.</summary>
internal readonly record struct RowSlice(TableRow Row, int FirstLine, int LineCount);

/// <summary>
/// Ruled tables with a shaded heading, laid out in whole lines of one pitch so that rows can be measured before
/// drawing and split across pages at a line boundary when a single row is taller than a page.
/// </summary>
internal static class Table
{
    public const double Pitch = 10.5;
    public const double Padding = 2.5;
    public const double HeadingHeight = 24;

    public static double Height(int lines) => (lines * Pitch) + (2 * Padding);

    public static IReadOnlyList<CellLine> Cell(PdfFonts fonts, string? text, TextStyle style, Column column, XBrush? brush = null) =>
        string.IsNullOrEmpty(text)
            ? []
            : [.. fonts.Wrap(text, style, column.Width - (2 * Padding) - 1).Select(l => new CellLine(l, style, brush))];

    /// <summary>
    /// Distributes rows over pages holding <paramref name="capacity"/> points of rows each. A row that does not fit
    /// moves whole to the next page; only a row taller than a whole page is split. The last page keeps
    /// <paramref name="lastPageReserve"/> points free (for totals), adding a page when needed.
    /// </summary>
    public static List<List<RowSlice>> Paginate(IReadOnlyList<TableRow> rows, double capacity, double lastPageReserve)
    {
        var pages = new List<List<RowSlice>> { new() };
        var used = 0.0;
        foreach (var row in rows)
        {
            var first = 0;
            var remaining = row.LineCount;
            while (remaining > 0)
            {
                var fits = (int)Math.Floor((capacity - used - (2 * Padding)) / Pitch);
                if (fits >= remaining)
                {
                    pages[^1].Add(new RowSlice(row, first, remaining));
                    used += Height(remaining);
                    break;
                }

                if (fits > 0 && (pages[^1].Count == 0 || Height(remaining) > capacity))
                {
                    pages[^1].Add(new RowSlice(row, first, fits));
                    first += fits;
                    remaining -= fits;
                }

                pages.Add([]);
                used = 0;
            }
        }

        if (capacity - used < lastPageReserve)
        {
            pages.Add([]);
        }

        return pages;
    }

    public static double DrawHeading(Canvas canvas, IReadOnlyList<Column> columns, double x, double y)
    {
        var width = columns.Sum(c => c.Width);
        canvas.Fill(x, y, width, HeadingHeight, Canvas.HeadingFill);
        var style = new TextStyle(Fonts.JapaneseFace.Gothic, 7.5);
        var left = x;
        foreach (var column in columns)
        {
            if (column.SubHeading is null)
            {
                canvas.Text(column.Heading, style, left, y + ((HeadingHeight - 7.5) / 2) - 1, Align.Center, column.Width);
            }
            else
            {
                canvas.Text(column.Heading, style, left, y + 3, Align.Center, column.Width);
                canvas.Text(column.SubHeading, style, left, y + 13, Align.Center, column.Width);
            }

            left += column.Width;
        }

        DrawGrid(canvas, columns, x, y, HeadingHeight);
        return y + HeadingHeight;
    }

    public static double DrawRows(Canvas canvas, IReadOnlyList<Column> columns, IEnumerable<RowSlice> slices, double x, double y)
    {
        foreach (var slice in slices)
        {
            var height = Height(slice.LineCount);
            var left = x;
            for (var c = 0; c < columns.Count; c++)
            {
                var column = columns[c];
                var lines = slice.Row.Cells[c];
                var first = slice.FirstLine;
                if (c == 0 && first > 0 && lines.Count > 0)
                {
                    // A row continued from the previous page says which row it is (its number) and that it continues.
                    lines = [lines[0], new CellLine("続き", lines[0].Style, Canvas.GrayInk)];
                    first = 0;
                }

                for (var i = 0; i < slice.LineCount && first + i < lines.Count; i++)
                {
                    var line = lines[first + i];
                    var metrics = canvas.Fonts.Metrics[line.Style.Face];
                    var offset = (Pitch - (line.Style.Size * (metrics.Ascent + metrics.Descent))) / 2;
                    canvas.Text(line.Text, line.Style, left + Padding, y + Padding + (i * Pitch) + offset,
                        column.Align, column.Width - (2 * Padding), line.Brush);
                }

                left += column.Width;
            }

            DrawGrid(canvas, columns, x, y, height);
            y += height;
        }

        return y;
    }

    /// <summary>Empty ruled rows, as a paper form has, down to <paramref name="bottom"/>.</summary>
    public static double DrawBlankRows(Canvas canvas, IReadOnlyList<Column> columns, double x, double y, double bottom, int lines)
    {
        var height = Height(lines);
        while (y + height <= bottom)
        {
            DrawGrid(canvas, columns, x, y, height);
            y += height;
        }

        return y;
    }

    private static void DrawGrid(Canvas canvas, IReadOnlyList<Column> columns, double x, double y, double height)
    {
        var width = columns.Sum(c => c.Width);
        canvas.Box(x, y, width, height);
        var left = x;
        for (var c = 0; c < columns.Count - 1; c++)
        {
            left += columns[c].Width;
            canvas.Line(left, y, left, y + height, Canvas.HairRule);
        }
    }
}
