namespace WebEdi.Documents;

/// <summary>One reason a document cannot be printed as given.</summary>
/// <param name="Field">The input field, e.g. <c>ItemName</c> or <c>Supplier.Name</c>.</param>
/// <param name="Line">The 1-based line of the document the field belongs to; null for header fields.</param>
/// <param name="Message">What is wrong, for a person: names the field, the line and, for text, the character.</param>
/// <param name="CodePoint">For a character the font or the barcode cannot draw: its code, e.g. <c>U+1F600</c>.</param>
public sealed record DocumentProblem(string Field, int? Line, string Message, string? CodePoint = null);

/// <summary>
/// The document was not printed because its content is not printable as given (characters outside the font, a
/// note number Code 39 cannot encode, amounts that are not whole yen, …). Nothing was written to the output.
/// </summary>
public sealed class DocumentContentException : Exception
{
    public DocumentContentException()
    {
    }

    public DocumentContentException(string message)
        : base(message)
    {
    }

    public DocumentContentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <param name="document">Which document, e.g. "delivery note DN-000123".</param>
    /// <param name="problems">Every problem found, not only the first.</param>
    public DocumentContentException(string document, IReadOnlyList<DocumentProblem> problems)
        : base($"The {document} cannot be printed: {string.Join(" ", problems.Select(p => p.Message))}")
    {
        Document = document;
        Problems = problems;
    }

    /// <summary>The document concerned, e.g. "delivery note DN-000123".</summary>
    public string? Document { get; }

    /// <summary>All problems found in the document.</summary>
    public IReadOnlyList<DocumentProblem> Problems { get; } = [];
}
