using PdfSharp.Drawing;

namespace WebEdi.Documents.Layout;

/// <summary>One drawing call as it reached XGraphics: what the raw-PDFsharp benchmark replays without layout.</summary>
internal abstract record DrawOp;

internal sealed record TextOp(string Text, TextStyle Style, double X, double Baseline, XBrush Brush) : DrawOp;

internal sealed record RectangleOp(XPen? Pen, XBrush? Brush, double X, double Y, double Width, double Height) : DrawOp;

internal sealed record LineOp(XPen Pen, double X1, double Y1, double X2, double Y2) : DrawOp;

/// <summary>Keeps every page's drawing calls; only the benchmark attaches one, to measure layout's cost against raw PDFsharp.</summary>
internal sealed class DrawingRecorder
{
    public List<List<DrawOp>> Pages { get; } = [];

    public void StartPage() => Pages.Add([]);

    public void Add(DrawOp op) => Pages[^1].Add(op);
}
