using System.Globalization;
using System.Runtime.CompilerServices;
using WebEdi.Documents.DeliveryNotes;
using WebEdi.Documents.Tests.Support;
using WebEdi.Testing;

namespace WebEdi.Documents.Tests.DeliveryNotes;

public class Printing_delivery_notes_in_a_batch
{
    [Fact]
    public async Task Many_notes_go_into_one_pdf_in_the_order_given_each_with_its_own_pages_and_barcode()
    {
        var folder = Artifacts.Folder("delivery-note-batch");
        var path = Path.Combine(folder, "batch.pdf");
        var progress = new RecordingProgress();
        PrintResult result;
        await using (var file = File.Create(path))
        {
            result = await Samples.Printer.PrintDeliveryNotesAsync(Notes(20, new RecordingProgress()), file, progress: progress);
        }

        Assert.Equal(new PrintResult(20, 60), result);
        Assert.Equal(Enumerable.Range(1, 20), progress.Values);
        var pages = await PdfTools.PagesAsync(path);
        Assert.Equal(60, pages.Length);
        for (var n = 0; n < 20; n++)
        {
            var number = Number(n);
            Assert.All(pages[(3 * n)..((3 * n) + 3)], page => Assert.Contains($"*{number}*", page, StringComparison.Ordinal));
        }

        Assert.Equal([Number(19)], await PdfTools.ScanDeliveryNoteBarcodeAsync(path, 59, Path.Combine(folder, "barcode-59")));
    }

    [Fact]
    public async Task The_notes_are_taken_one_at_a_time_each_drawn_before_the_next_is_read()
    {
        var progress = new RecordingProgress();
        var source = Notes(5, progress);
        using var output = new MemoryStream();

        await Samples.Printer.PrintDeliveryNotesAsync(source, output, progress: progress);

        // Notes(…) records how many notes the printer had drawn when it was asked for each next one.
        Assert.Equal([0, 1, 2, 3, 4], progress.DrawnWhenRead);
    }

    [Fact]
    public async Task Prints_started_at_once_on_several_threads_each_come_out_whole()
    {
        var folder = Artifacts.Folder("delivery-note-concurrent");

        var paths = await Task.WhenAll(Enumerable.Range(0, 4).Select(n => Task.Run(() => Samples.Print(Samples.Note(Number(n)), folder, $"note-{n}"))));

        for (var n = 0; n < paths.Length; n++)
        {
            var pages = await PdfTools.PagesAsync(paths[n]);
            Assert.Equal(3, pages.Length);
            Assert.All(pages, page => PdfText.ContainsWords($"合計(税込) ¥6,113", PdfText.Flat(page)));
            Assert.All(pages, page => Assert.Contains($"*{Number(n)}*", page, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_note_that_cannot_be_printed_stops_the_batch_naming_that_note_and_nothing_is_written()
    {
        var notes = new[] { Samples.Note(Number(0)), Samples.Note("BAD_NUMBER"), Samples.Note(Number(2)) };
        using var output = new MemoryStream();

        var refused = Assert.Throws<DocumentContentException>(() => Samples.Printer.PrintDeliveryNotes(notes, output));

        Assert.Equal("delivery note BAD_NUMBER", refused.Document);
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public void An_empty_batch_is_refused()
    {
        using var output = new MemoryStream();

        var refused = Assert.Throws<DocumentContentException>(() => Samples.Printer.PrintDeliveryNotes([], output));

        Assert.Equal("Notes", Assert.Single(refused.Problems).Field);
    }

    private static string Number(int n) => string.Create(CultureInfo.InvariantCulture, $"SKR-260403-{n + 1:0000}");

    private static async IAsyncEnumerable<DeliveryNote> Notes(int count, RecordingProgress progress, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var n = 0; n < count; n++)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            progress.DrawnWhenRead.Add(progress.Values.Count);
            yield return Samples.Note(Number(n));
        }
    }

    /// <summary>Records synchronously (Progress&lt;T&gt; posts to the thread pool, which would blur the order).</summary>
    private sealed class RecordingProgress : IProgress<int>
    {
        public List<int> Values { get; } = [];

        public List<int> DrawnWhenRead { get; } = [];

        public void Report(int value) => Values.Add(value);
    }
}
