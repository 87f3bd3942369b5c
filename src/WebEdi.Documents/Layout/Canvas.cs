using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace WebEdi.Documents.Layout;

internal enum Align
{
    Left,
    Center,
    Right,
}

/// <summary>
/// One page's drawing surface in points from the top-left corner, placing text by the top of its line box (the
/// font's ascent below it is the baseline) so that boxes and text line up without per-call arithmetic.
/// </summary>
internal sealed class Canvas : IDisposable
{
    public static readonly XPen Rule = new(XColors.Black, 0.5);
    public static readonly XPen HeavyRule = new(XColors.Black, 1.0);
    public static readonly XPen HairRule = new(XColor.FromGrayScale(0.55), 0.3);
    public static readonly XBrush Ink = XBrushes.Black;
    public static readonly XBrush GrayInk = new XSolidBrush(XColor.FromGrayScale(0.35));
    public static readonly XBrush HeadingFill = new XSolidBrush(XColor.FromGrayScale(0.88));
    public static readonly XBrush StampInk = new XSolidBrush(XColor.FromArgb(200, 20, 20));
    public static readonly XPen StampRule = new(XColor.FromArgb(200, 20, 20), 1.2);

    private readonly XGraphics _graphics;
    private readonly DrawingRecorder? _recorder;

    public Canvas(PdfPage page, PdfFonts fonts)
    {
        _graphics = XGraphics.FromPdfPage(page);
        Fonts = fonts;
        _recorder = fonts.Recorder;
        _recorder?.StartPage();
    }

    public PdfFonts Fonts { get; }

    /// <summary>Draws one line of text whose line box starts at <paramref name="top"/>, aligned within [x, x + width].</summary>
    public void Text(string text, TextStyle style, double x, double top, Align align = Align.Left, double width = 0, XBrush? brush = null)
    {
        if (text.Length == 0)
        {
            return;
        }

        var left = align switch
        {
            Align.Center => x + ((width - Fonts.Width(text, style)) / 2),
            Align.Right => x + width - Fonts.Width(text, style),
            _ => x,
        };
        var baseline = top + (Fonts.Metrics[style.Face].Ascent * style.Size);
        _graphics.DrawString(text, Fonts[style], brush ?? Ink, left, baseline);
        _recorder?.Add(new TextOp(text, style, left, baseline, brush ?? Ink));
    }

    /// <summary>Draws lines of text, <paramref name="pitch"/> apart; returns the top of the line after the last.</summary>
    public double Lines(IEnumerable<string> lines, TextStyle style, double x, double top, double pitch, Align align = Align.Left, double width = 0)
    {
        foreach (var line in lines)
        {
            Text(line, style, x, top, align, width);
            top += pitch;
        }

        return top;
    }

    public void Box(double x, double y, double width, double height, XPen? pen = null)
    {
        _graphics.DrawRectangle(pen ?? Rule, x, y, width, height);
        _recorder?.Add(new RectangleOp(pen ?? Rule, null, x, y, width, height));
    }

    public void Fill(double x, double y, double width, double height, XBrush brush)
    {
        _graphics.DrawRectangle(brush, x, y, width, height);
        _recorder?.Add(new RectangleOp(null, brush, x, y, width, height));
    }

    public void Line(double x1, double y1, double x2, double y2, XPen? pen = null)
    {
        _graphics.DrawLine(pen ?? Rule, x1, y1, x2, y2);
        _recorder?.Add(new LineOp(pen ?? Rule, x1, y1, x2, y2));
    }

    public void Dispose() => _graphics.Dispose();
}
