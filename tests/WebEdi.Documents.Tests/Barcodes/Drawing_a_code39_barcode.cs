using PdfSharp.Drawing;
using WebEdi.Documents.Barcodes;
using WebEdi.Documents.Tests.Support;
using WebEdi.Testing;

namespace WebEdi.Documents.Tests.Barcodes;

public class Drawing_a_code39_barcode
{
    [Fact]
    public async Task Every_character_of_the_alphabet_scans_back_at_300_dpi()
    {
        var folder = Artifacts.Folder("code39");
        var path = Path.Combine(folder, "alphabet.pdf");
        using (var document = new PdfSharp.Pdf.PdfDocument())
        {
            var page = document.AddPage();
            page.Width = XUnit.FromPoint(560);
            page.Height = XUnit.FromPoint(60);
            using (var graphics = XGraphics.FromPdfPage(page))
            {
                Code39.DrawBars((x, y, w, h) => graphics.DrawRectangle(XBrushes.Black, x, y, w, h), Code39.Alphabet, 0, 10, 36);
            }

            document.Save(path);
        }

        var png = await PdfTools.RenderRegionAsync(path, Path.Combine(folder, "alphabet"), 1, 0, 0, 560, 60);

        Assert.True(Code39.Width(Code39.Alphabet) <= 560);
        Assert.Equal([Code39.Alphabet], await PdfTools.DecodeCode39Async(png));
    }

    [Theory]
    [InlineData("SKR-0001", true)]
    [InlineData("A B.C/D+E%F$G", true)]
    [InlineData("skr-0001", false)]
    [InlineData("SKR_0001", false)]
    [InlineData("SKR*0001", false)]
    [InlineData("", false)]
    public void Only_digits_capitals_and_seven_symbols_can_be_encoded(string value, bool encodable) =>
        Assert.Equal(encodable, Code39.CanEncode(value));

    [Theory]
    [InlineData(200)]
    [InlineData(600)]
    public async Task A_delivery_note_barcode_also_scans_from_coarser_and_finer_renders(int dpi)
    {
        var folder = Artifacts.Folder($"code39-{dpi}dpi");
        var pdf = Samples.Print(Samples.Note("SKR-260403-0099"), folder);

        var png = await PdfTools.RenderRegionAsync(pdf, Path.Combine(folder, "barcode"), 1, 300, 70, 295, 60, dpi);

        Assert.Equal(["SKR-260403-0099"], await PdfTools.DecodeCode39Async(png));
    }
}
