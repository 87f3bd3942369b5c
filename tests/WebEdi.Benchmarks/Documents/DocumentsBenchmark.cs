using System.Diagnostics;
using System.Globalization;
using PdfSharp.Drawing;
using WebEdi.Documents;
using WebEdi.Documents.DeliveryNotes;
using WebEdi.Documents.Layout;

namespace WebEdi.Benchmarks.Documents;

/// <summary>
/// Delivery-note pages per second through <see cref="DocumentPrinter"/> beside the raw ceiling: PDFsharp alone
/// drawing the very same strings, rules and bars at the same positions (recorded from the printer beforehand), so
/// the difference is what validation and layout cost. Also the batch's peak memory. Prints; asserts nothing.
/// </summary>
internal static class DocumentsBenchmark
{
    public static int Run(string[] args)
    {
        var noteCount = BenchmarkArgs.Int(args, "--notes", 500);
        var lineCount = BenchmarkArgs.Int(args, "--lines", 12);
        var printer = new DocumentPrinter(new DocumentOptions());
        Console.WriteLine($"WebEdi documents benchmark: {noteCount} delivery notes × {lineCount} lines × 3 copies, {Environment.ProcessorCount} cores, {Environment.OSVersion}");
        List<double> ourTimes = [];
        List<double> rawTimes = [];
        PrintResult result;
        long ourSize;
        long rawSize = 0;
        var rawPages = 0;

        // Warm up both paths well past tiered compilation's thresholds (JIT, PDFsharp's font caches).
        var warmUp = new DrawingRecorder();
        printer.PrintDeliveryNotes(Notes(100, lineCount), new CountingStream(), DeliveryNoteCopies.All, null, warmUp);
        Replay(warmUp, new CountingStream());
        warmUp = null;

        // (a) first, while nothing large is held: its memory is the batch's. Notes are made one at a time, as a
        // database query would stream them; a sampler catches the peak, PDFsharp's Save included.
        ForceCollection();
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var workingSetBefore = self.WorkingSet64;
        var managedBefore = GC.GetTotalMemory(forceFullCollection: true);
        var peakManaged = managedBefore;
        using (new Timer(_ => InterlockedMax(ref peakManaged, GC.GetTotalMemory(forceFullCollection: false)), null, 0, 5))
        {
            var first = TimeOurs(printer, noteCount, lineCount);
            ourTimes.Add(first.Seconds);
            result = first.Result;
            ourSize = first.Size;
        }

        self.Refresh();
        var peakWorkingSet = self.PeakWorkingSet64;

        // (b) raw PDFsharp: the same batch's drawing calls recorded (not timed), then replayed alone. Rounds
        // alternate so that load from other processes on this shared machine falls on both paths alike.
        var recorder = new DrawingRecorder();
        printer.PrintDeliveryNotes(Notes(noteCount, lineCount), new CountingStream(), DeliveryNoteCopies.All, null, recorder);
        for (var round = 0; round < Rounds; round++)
        {
            ForceCollection();
            var raw = new CountingStream();
            var clock = Stopwatch.StartNew();
            rawPages = Replay(recorder, raw);
            rawTimes.Add(clock.Elapsed.TotalSeconds);
            rawSize = raw.Length;
            if (round < Rounds - 1)
            {
                ourTimes.Add(TimeOurs(printer, noteCount, lineCount).Seconds);
            }
        }

        var ourRate = result.Pages / ourTimes.Min();
        var rawRate = rawPages / rawTimes.Min();
        var ratio = ourRate / rawRate;
        Console.WriteLine();
        Console.WriteLine($"best of {Rounds} rounds each, alternating");
        Console.WriteLine("| path | notes | pages | seconds (best) | pages/s | PDF size |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        Console.WriteLine(Invariant($"| (a) WebEdi DocumentPrinter.PrintDeliveryNotes | {result.Documents} | {result.Pages} | {ourTimes.Min():0.00} | {ourRate:0} | {ourSize / 1048576.0:0.0} MiB |"));
        Console.WriteLine(Invariant($"| (b) raw PDFsharp, same drawing calls replayed | {noteCount} | {rawPages} | {rawTimes.Min():0.00} | {rawRate:0} | {rawSize / 1048576.0:0.0} MiB |"));
        Console.WriteLine();
        Console.WriteLine(Invariant($"(a) / (b): {ratio:P0} (target ≥ 70%: {(ratio >= 0.7 ? "met" : "not met")}); all rounds (a) {string.Join(" ", ourTimes.Select(t => t.ToString("0.00", CultureInfo.InvariantCulture)))} s, (b) {string.Join(" ", rawTimes.Select(t => t.ToString("0.00", CultureInfo.InvariantCulture)))} s"));
        Console.WriteLine(Invariant($"memory of the {noteCount}-note batch (a): managed heap {managedBefore / 1048576.0:0} MiB before, peak {peakManaged / 1048576.0:0} MiB; process working set {workingSetBefore / 1048576.0:0} MiB before, peak {peakWorkingSet / 1048576.0:0} MiB"));
        Console.WriteLine(Invariant($"held until Save: about {(peakManaged - managedBefore) / (double)result.Pages / 1024:0} KiB managed per page"));
        return 0;
    }

    private const int Rounds = 3;

    private static (double Seconds, PrintResult Result, long Size) TimeOurs(DocumentPrinter printer, int noteCount, int lineCount)
    {
        ForceCollection();
        var output = new CountingStream();
        var clock = Stopwatch.StartNew();
        var result = printer.PrintDeliveryNotes(Notes(noteCount, lineCount), output);
        return (clock.Elapsed.TotalSeconds, result, output.Length);
    }

    private static void InterlockedMax(ref long target, long value)
    {
        for (var current = Interlocked.Read(ref target); value > current; current = Interlocked.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, current) == current)
            {
                return;
            }
        }
    }

    private static int Replay(DrawingRecorder recorder, Stream output)
    {
        var fonts = new Dictionary<TextStyle, XFont>();
        using var document = new PdfSharp.Pdf.PdfDocument();
        document.Options.CompressContentStreams = true;
        var registry = WebEdi.Documents.Fonts.FontRegistry.Instance;
        var metrics = WebEdi.Documents.Fonts.JapaneseFonts.Load(new DocumentOptions());
        var families = new Dictionary<WebEdi.Documents.Fonts.JapaneseFace, string>
        {
            [WebEdi.Documents.Fonts.JapaneseFace.Gothic] = registry.Register(metrics.Gothic),
            [WebEdi.Documents.Fonts.JapaneseFace.Mincho] = registry.Register(metrics.Mincho),
        };
        foreach (var page in recorder.Pages)
        {
            var pdfPage = document.AddPage();
            pdfPage.Width = XUnit.FromPoint(FormParts.PageWidth);
            pdfPage.Height = XUnit.FromPoint(FormParts.PageHeight);
            using var graphics = XGraphics.FromPdfPage(pdfPage);
            foreach (var op in page)
            {
                switch (op)
                {
                    case TextOp text:
                        if (!fonts.TryGetValue(text.Style, out var font))
                        {
                            font = new XFont(families[text.Style.Face], text.Style.Size, text.Style.Bold ? XFontStyleEx.Bold : XFontStyleEx.Regular,
                                new XPdfFontOptions(PdfSharp.Pdf.PdfFontEncoding.Unicode));
                            fonts[text.Style] = font;
                        }

                        graphics.DrawString(text.Text, font, text.Brush, text.X, text.Baseline);
                        break;
                    case RectangleOp { Pen: { } pen } box:
                        graphics.DrawRectangle(pen, box.X, box.Y, box.Width, box.Height);
                        break;
                    case RectangleOp { Brush: { } brush } fill:
                        graphics.DrawRectangle(brush, fill.X, fill.Y, fill.Width, fill.Height);
                        break;
                    case LineOp line:
                        graphics.DrawLine(line.Pen, line.X1, line.Y1, line.X2, line.Y2);
                        break;
                }
            }
        }

        document.Save(output, closeStream: false);
        return recorder.Pages.Count;
    }

    /// <summary>Notes made on demand, never held as a list: each is garbage once drawn.</summary>
    private static IEnumerable<DeliveryNote> Notes(int count, int lines)
    {
        var supplier = new DocumentCompany("株式会社さくら精密", "SAKURA-SEIMITSU")
        {
            Address = "〒431-3125 静岡県浜松市中央区半田山3丁目12-5",
            Phone = "053-555-0123",
            InvoiceRegistrationNumber = "T1234567890123",
        };
        var buyer = new DocumentCompany("東海モーター工業株式会社", "TOKAI-MOTOR");
        for (var n = 1; n <= count; n++)
        {
            var number = n;
            yield return new DeliveryNote(
                Invariant($"SKR-260403-{number:0000}"), new DateOnly(2026, 4, 3), supplier, buyer, "S-0042", "本社工場 第2受入口 (A棟)",
                [
                    .. Enumerable.Range(1, lines).Select(i => new DeliveryNoteLine(
                        Invariant($"PO-2604-{(number * 3) + (i % 3):0000}"), i, Invariant($"TM-10-{i:0000}"), Invariant($"SK-{number:000}-{i:00}"),
                        Invariant($"六角ボルト M{6 + (i % 6)}×{20 + i} ステンレス 第{i}工程用"), i % 2 == 0 ? "SUS304 / ISO 4017" : null,
                        i * 10, "本", 12.5m, i * 125, i % 5 == 0 ? 8m : 10m)),
                ])
            {
                Remarks = "納入時間 8:30〜16:00。",
            };
        }
    }

    private static void ForceCollection()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);


    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }

    /// <summary>Discards what PDFsharp writes, counting the bytes: the PDF's size without disk time.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => true;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get; set; }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => Position + offset,
            _ => _length + offset,
        };

        public override void SetLength(long value) => _length = value;

        public override void Write(byte[] buffer, int offset, int count)
        {
            Position += count;
            _length = Math.Max(_length, Position);
        }
    }
}
