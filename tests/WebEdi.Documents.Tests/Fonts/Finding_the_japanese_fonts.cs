using System.Globalization;
using WebEdi.Documents.Fonts;
using WebEdi.Documents.Tests.Support;
using WebEdi.Testing;

namespace WebEdi.Documents.Tests.Fonts;

public class Finding_the_japanese_fonts
{
    [Fact]
    public void A_missing_font_names_the_file_the_folders_searched_and_the_debian_package()
    {
        var empty = Directory.CreateTempSubdirectory("webedi-fonts-").FullName;
        try
        {
            var missing = Assert.Throws<FontNotFoundException>(() => new DocumentPrinter(new DocumentOptions { FontDirectories = [empty, "/nowhere"] }));

            Assert.Equal("ipaexg.ttf", missing.FileName);
            Assert.Equal([empty, "/nowhere"], missing.SearchedDirectories);
            Assert.Contains($"ipaexg.ttf (IPAex Gothic) was not found in any of: {empty}, /nowhere", missing.Message, StringComparison.Ordinal);
            Assert.Contains("apt-get install fonts-ipaexfont", missing.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [Fact]
    public void The_configured_folders_are_searched_in_order_and_a_second_font_set_prints_beside_the_first()
    {
        var folder = Directory.CreateTempSubdirectory("webedi-fonts-").FullName;
        try
        {
            var installed = JapaneseFonts.Load(new DocumentOptions());
            File.Copy(installed.PathOf(JapaneseFace.Gothic), Path.Combine(folder, "ipaexg.ttf"));
            var fonts = JapaneseFonts.Load(new DocumentOptions { FontDirectories = [folder, .. DocumentOptions.DefaultFontDirectories] });
            using var output = new MemoryStream();

            new DocumentPrinter(fonts).PrintDeliveryNote(Samples.Note(), output);

            Assert.Equal(Path.Combine(folder, "ipaexg.ttf"), fonts.PathOf(JapaneseFace.Gothic));
            Assert.Equal(installed.PathOf(JapaneseFace.Mincho), fonts.PathOf(JapaneseFace.Mincho));
            Assert.True(output.Length > 10_000);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_font_collection_in_place_of_the_ttf_is_refused_with_the_reason()
    {
        var folder = Directory.CreateTempSubdirectory("webedi-fonts-").FullName;
        try
        {
            File.WriteAllBytes(Path.Combine(folder, "ipaexg.ttf"), [.. "ttcf"u8, 0, 1, 0, 0, 0, 0, 0, 2]);

            var refused = Assert.Throws<FontFormatException>(() => JapaneseFonts.Load(new DocumentOptions { FontDirectories = [folder] }));

            Assert.Contains("TrueType collection (.ttc)", refused.Message, StringComparison.Ordinal);
            Assert.Equal(Path.Combine(folder, "ipaexg.ttf"), refused.FontPath);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData(JapaneseFace.Gothic)]
    [InlineData(JapaneseFace.Mincho)]
    public async Task The_glyph_coverage_read_from_the_cmap_agrees_with_fontconfig(JapaneseFace face)
    {
        var fonts = JapaneseFonts.Load(new DocumentOptions());
        var path = fonts.PathOf(face);
        var result = await ProcessRunner.RunAsync(FcQuery(), ["--format=%{charset}", path]);
        var expected = ParseCharset(result.StandardOutput);
        var font = fonts[face];

        // fontconfig leaves out code points whose glyphs are blank (spaces) and control characters.
        var ours = Enumerable.Range(0x21, 0x10FFFF - 0x20).Where(c => c is < 0xD800 or > 0xDFFF && font.HasGlyph(c)).ToHashSet();
        var disagreements = ours.Except(expected).Concat(expected.Except(ours)).Where(c => !char.IsWhiteSpace((char)Math.Min(c, 0xFFFF)) && c > 0x20).ToList();

        Assert.True(expected.Count > 10_000, $"fontconfig lists only {expected.Count} characters");
        Assert.True(disagreements.Count == 0, "Disagreements: " + string.Join(", ", disagreements.Take(20).Select(c => $"U+{c:X4}")));
        Assert.True(font.HasGlyph('納'));
        Assert.False(font.HasGlyph(0x1F600));
    }

    private static HashSet<int> ParseCharset(string charset)
    {
        var codes = new HashSet<int>();
        foreach (var range in charset.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var bounds = range.Split('-');
            var first = int.Parse(bounds[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var last = bounds.Length > 1 ? int.Parse(bounds[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture) : first;
            for (var c = first; c <= last; c++)
            {
                if (c > 0x20)
                {
                    codes.Add(c);
                }
            }
        }

        return codes;
    }

    private static string FcQuery() =>
        File.Exists("/usr/bin/fc-query") ? "/usr/bin/fc-query" : throw new MissingDependencyException("fc-query is not in /usr/bin", "fontconfig");
}
