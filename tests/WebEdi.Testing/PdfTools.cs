using System.Globalization;

namespace WebEdi.Testing;

/// <summary>
/// The independent tools the tests judge the PDFs with: poppler's pdftotext and pdftoppm, and zbar's zbarimg.
/// A missing tool fails the test with the Debian package to install.
/// </summary>
public static class PdfTools
{
    /// <summary>The PDF's text as <c>pdftotext -layout</c> extracts it, pages separated by form feeds.</summary>
    public static async Task<string> TextAsync(string pdf, int? firstPage = null, int? lastPage = null)
    {
        var arguments = new List<string> { "-layout", "-enc", "UTF-8" };
        arguments.AddRange(PageRange(firstPage, lastPage));
        arguments.AddRange([pdf, "-"]);
        var result = await ProcessRunner.RunAsync(Tool("pdftotext", "poppler-utils"), arguments);
        return result.StandardOutput;
    }

    /// <summary>The text inside a rectangle of one page, in points from the top-left corner (pdftotext -x -y -W -H at 72 dpi).</summary>
    public static async Task<string> TextInAsync(string pdf, int page, int x, int y, int width, int height)
    {
        string[] arguments =
        [
            "-f", Invariant(page), "-l", Invariant(page), "-r", "72",
            "-x", Invariant(x), "-y", Invariant(y), "-W", Invariant(width), "-H", Invariant(height),
            "-enc", "UTF-8", pdf, "-",
        ];
        var result = await ProcessRunner.RunAsync(Tool("pdftotext", "poppler-utils"), arguments);
        return result.StandardOutput;
    }

    /// <summary>The text of each page.</summary>
    public static async Task<string[]> PagesAsync(string pdf)
    {
        var text = await TextAsync(pdf);
        return text.TrimEnd('\f', '\n').Split('\f');
    }

    /// <summary>How many pages the PDF has (pdfinfo).</summary>
    public static async Task<int> PageCountAsync(string pdf)
    {
        var result = await ProcessRunner.RunAsync(Tool("pdfinfo", "poppler-utils"), [pdf]);
        var line = result.StandardOutput.Split('\n').Single(l => l.StartsWith("Pages:", StringComparison.Ordinal));
        return int.Parse(line["Pages:".Length..].Trim(), CultureInfo.InvariantCulture);
    }

    /// <summary>Renders pages to PNG at <paramref name="dpi"/> as <c>{prefix}-{page}.png</c>; returns the files in page order.</summary>
    public static async Task<IReadOnlyList<string>> RenderAsync(string pdf, string prefix, int dpi = 300, int? firstPage = null, int? lastPage = null)
    {
        var arguments = new List<string> { "-r", dpi.ToString(CultureInfo.InvariantCulture), "-png" };
        arguments.AddRange(PageRange(firstPage, lastPage));
        arguments.AddRange([pdf, prefix]);
        await ProcessRunner.RunAsync(Tool("pdftoppm", "poppler-utils"), arguments, timeout: TimeSpan.FromSeconds(120));
        var directory = Path.GetDirectoryName(prefix)!;
        var name = Path.GetFileName(prefix);
        return [.. Directory.GetFiles(directory, name + "-*.png").Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Renders a rectangle of one page (in points from the top-left corner) at <paramref name="dpi"/> to
    /// <c>{prefix}.png</c>: scanning a barcode region is far quicker than scanning a whole 300 dpi page.
    /// </summary>
    public static async Task<string> RenderRegionAsync(string pdf, string prefix, int page, double x, double y, double width, double height, int dpi = 300)
    {
        int Pixels(double points) => (int)Math.Round(points * dpi / 72);
        string[] arguments =
        [
            "-r", Invariant(dpi), "-png", "-singlefile", "-f", Invariant(page), "-l", Invariant(page),
            "-x", Invariant(Pixels(x)), "-y", Invariant(Pixels(y)), "-W", Invariant(Pixels(width)), "-H", Invariant(Pixels(height)),
            pdf, prefix,
        ];
        await ProcessRunner.RunAsync(Tool("pdftoppm", "poppler-utils"), arguments);
        return prefix + ".png";
    }

    /// <summary>The delivery note's barcode as a receiving dock's scanner sees it: the header's top right at 300 dpi, decoded.</summary>
    public static async Task<IReadOnlyList<string>> ScanDeliveryNoteBarcodeAsync(string pdf, int page, string prefix) =>
        await DecodeCode39Async(await RenderRegionAsync(pdf, prefix, page, 300, 70, 295, 60));

    /// <summary>The Code 39 symbols zbarimg finds in the image.</summary>
    public static async Task<IReadOnlyList<string>> DecodeCode39Async(string png)
    {
        var result = await ProcessRunner.RunAsync(
            Tool("zbarimg", "zbar-tools"),
            ["--quiet", "--raw", "-Sdisable", "-Scode39.enable", png],
            throwOnFailure: false);
        // zbarimg exits 4 when it finds no symbol; that is an answer, not a failure.
        if (result.ExitCode is not (0 or 4))
        {
            throw new ProcessFailedException(result, "zbarimg failed");
        }

        return [.. result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static IEnumerable<string> PageRange(int? firstPage, int? lastPage)
    {
        if (firstPage is { } first)
        {
            yield return "-f";
            yield return first.ToString(CultureInfo.InvariantCulture);
        }

        if (lastPage is { } last)
        {
            yield return "-l";
            yield return last.ToString(CultureInfo.InvariantCulture);
        }
    }

    private static string Tool(string name, string debianPackage)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
        return path ?? throw new MissingDependencyException($"{name} is not on the PATH", debianPackage);
    }
}
