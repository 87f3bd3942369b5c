using PdfSharp.Drawing;
using PdfSharp.Pdf;
using WebEdi.Documents.Fonts;

namespace WebEdi.Documents.Layout;

/// <summary>A face at a size; bold is simulated by PDFsharp (IPAex has no bold face).</summary>
internal readonly record struct TextStyle(JapaneseFace Face, double Size, bool Bold = false);

/// <summary>The XFonts of one print run, created on first use through the process-wide <see cref="FontRegistry"/>.</summary>
internal sealed class PdfFonts
{
    private readonly Dictionary<TextStyle, XFont> _fonts = [];
    private readonly string _gothicFamily;
    private readonly string _minchoFamily;

    public PdfFonts(JapaneseFonts fonts)
    {
        Metrics = fonts;
        var registry = FontRegistry.Instance;
        _gothicFamily = registry.Register(fonts.Gothic);
        _minchoFamily = registry.Register(fonts.Mincho);
    }

    public JapaneseFonts Metrics { get; }

    /// <summary>Set by the benchmark only: receives every drawing call of the run.</summary>
    public DrawingRecorder? Recorder { get; init; }

    public XFont this[TextStyle style]
    {
        get
        {
            if (!_fonts.TryGetValue(style, out var font))
            {
                var family = style.Face == JapaneseFace.Gothic ? _gothicFamily : _minchoFamily;
                font = new XFont(
                    family,
                    style.Size,
                    style.Bold ? XFontStyleEx.Bold : XFontStyleEx.Regular,
                    new XPdfFontOptions(PdfFontEncoding.Unicode));
                _fonts[style] = font;
            }

            return font;
        }
    }

    public double Width(string text, TextStyle style) => Metrics[style.Face].Width(text, style.Size);

    public List<string> Wrap(string text, TextStyle style, double width) =>
        LineBreaker.Wrap(text, Metrics[style.Face], style.Size, width);
}
