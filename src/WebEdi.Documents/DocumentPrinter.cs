using PdfSharp.Pdf;
using WebEdi.Documents.DeliveryNotes;
using WebEdi.Documents.Fonts;
using WebEdi.Documents.Layout;
using WebEdi.Documents.PurchaseOrders;

namespace WebEdi.Documents;

/// <summary>What a print call produced.</summary>
/// <param name="Documents">Notes or order sheets printed.</param>
/// <param name="Pages">Pages in the PDF, all copies included.</param>
public sealed record PrintResult(int Documents, int Pages);

/// <summary>
/// Prints delivery notes and purchase-order sheets as PDF. Create one per process (it holds the two font files,
/// about 14 MB) and share it: print calls are independent and may run concurrently.
/// </summary>
public sealed class DocumentPrinter
{
    private readonly JapaneseFonts _fonts;

    /// <summary>Loads the fonts; throws <see cref="FontNotFoundException"/> or <see cref="FontFormatException"/>.</summary>
    public DocumentPrinter(DocumentOptions options)
        : this(JapaneseFonts.Load(options))
    {
    }

    /// <summary>Prints with fonts already loaded.</summary>
    public DocumentPrinter(JapaneseFonts fonts) => _fonts = fonts;

    /// <summary>
    /// Prints one delivery note as its set of copies (by default 納品書(控), 納品書, 受領書) into
    /// <paramref name="output"/>. Throws <see cref="DocumentContentException"/> listing every problem, writing nothing.
    /// </summary>
    public PrintResult PrintDeliveryNote(DeliveryNote note, Stream output, DeliveryNoteCopies copies = DeliveryNoteCopies.All) =>
        PrintDeliveryNotes([note], output, copies);

    /// <summary>
    /// Prints many delivery notes into one PDF, taking one note at a time from <paramref name="notes"/> (a database
    /// query can stream them). PDFsharp keeps the pages drawn so far until the document is written at the end, so
    /// memory grows with the pages, not with the notes' source data (see docs/delivery-notes.md for figures). A note
    /// with problems stops the batch with <see cref="DocumentContentException"/> naming it; nothing is written.
    /// </summary>
    /// <param name="progress">Told the number of notes drawn so far, after each note.</param>
    public PrintResult PrintDeliveryNotes(
        IEnumerable<DeliveryNote> notes,
        Stream output,
        DeliveryNoteCopies copies = DeliveryNoteCopies.All,
        IProgress<int>? progress = null) =>
        PrintDeliveryNotes(notes, output, copies, progress, recorder: null);

    /// <summary><see cref="PrintDeliveryNotes(IEnumerable{DeliveryNote}, Stream, DeliveryNoteCopies, IProgress{int})"/>, recording the drawing calls for the benchmark.</summary>
    internal PrintResult PrintDeliveryNotes(
        IEnumerable<DeliveryNote> notes,
        Stream output,
        DeliveryNoteCopies copies,
        IProgress<int>? progress,
        DrawingRecorder? recorder)
    {
        var batch = new DeliveryNoteBatch(_fonts, copies, recorder);
        foreach (var note in notes)
        {
            batch.Add(note);
            progress?.Report(batch.Notes);
        }

        return batch.Save(output);
    }

    /// <summary>
    /// <see cref="PrintDeliveryNotes(IEnumerable{DeliveryNote}, Stream, DeliveryNoteCopies, IProgress{int})"/> for an asynchronous source. The finished PDF is written to a temporary file
    /// and then copied to <paramref name="output"/> asynchronously, so an HTTP response body (which refuses
    /// synchronous writes) can be the output.
    /// </summary>
    public async Task<PrintResult> PrintDeliveryNotesAsync(
        IAsyncEnumerable<DeliveryNote> notes,
        Stream output,
        DeliveryNoteCopies copies = DeliveryNoteCopies.All,
        IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var batch = new DeliveryNoteBatch(_fonts, copies, recorder: null);
        await foreach (var note in notes.WithCancellation(cancellationToken))
        {
            batch.Add(note);
            progress?.Report(batch.Notes);
        }

        return await SaveThroughTemporaryFileAsync(batch.Save, output, cancellationToken);
    }

    /// <summary>
    /// Prints a purchase-order sheet (注文書) for one order. Throws <see cref="DocumentContentException"/> listing
    /// every problem, writing nothing.
    /// </summary>
    public PrintResult PrintPurchaseOrder(PurchaseOrderSheet order, Stream output)
    {
        var document = NewDocument($"注文書 {order.OrderNumber}");
        var renderer = new PurchaseOrderSheetRenderer(new PdfFonts(_fonts));
        renderer.Validate(order);
        var pages = renderer.Render(document, order);
        document.Save(output, closeStream: false);
        return new PrintResult(1, pages);
    }

    internal static PdfDocument NewDocument(string title)
    {
        var document = new PdfDocument();
        document.Info.Title = title;
        document.Info.Creator = "WebEdi";
        document.Options.CompressContentStreams = true;
        return document;
    }

    private static async Task<PrintResult> SaveThroughTemporaryFileAsync(Func<Stream, PrintResult> save, Stream output, CancellationToken cancellationToken)
    {
        var path = Path.GetTempFileName();
        await using var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        var result = save(file);
        file.Position = 0;
        await file.CopyToAsync(output, cancellationToken);
        return result;
    }

    /// <summary>One PDF being filled with notes, each validated before any of its pages is drawn.</summary>
    private sealed class DeliveryNoteBatch(JapaneseFonts fonts, DeliveryNoteCopies copies, DrawingRecorder? recorder)
    {
        private readonly PdfDocument _document = NewDocument("納品書");
        private readonly DeliveryNoteRenderer _renderer = new(new PdfFonts(fonts) { Recorder = recorder });
        private readonly DeliveryNoteCopies _copies = (copies & DeliveryNoteCopies.All) != 0
            ? copies
            : throw new ArgumentException("Choose at least one copy to print.", nameof(copies));
        private int _pages;

        public int Notes { get; private set; }

        public void Add(DeliveryNote note)
        {
            _renderer.Validate(note);
            _pages += _renderer.Render(_document, note, _copies);
            Notes++;
            if (Notes == 1)
            {
                _document.Info.Title = $"納品書 {note.Number}";
            }
        }

        public PrintResult Save(Stream output)
        {
            if (Notes == 0)
            {
                throw new DocumentContentException("delivery note batch", [new DocumentProblem("Notes", null, "Notes: no delivery notes were given.")]);
            }

            if (Notes > 1)
            {
                _document.Info.Title = $"納品書 {Notes}件";
            }

            _document.Save(output, closeStream: false);
            return new PrintResult(Notes, _pages);
        }
    }
}
