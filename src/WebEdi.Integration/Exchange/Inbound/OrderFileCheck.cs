namespace WebEdi.Integration.Exchange.Inbound;

/// <summary>
/// One problem of an order file, as the error report lists it.
/// </summary>
/// <param name="Line">The physical line the record starts on (the header is line 1 when there is one); 0 for the whole file.</param>
/// <param name="Column">The ERP's column: its header text, or its position (<c>3</c>) in a file without a header; null when the problem is not one column's.</param>
/// <param name="Value">The value as the file holds it, when one is to blame.</param>
/// <param name="Code">A stable code: <c>invalid_value</c>, <c>required</c>, <c>invalid_encoding</c>, … or the domain rule's own (<c>not_positive</c>, <c>before_order_date</c>, …).</param>
/// <param name="Message">The sentence for people, in the profile's language.</param>
public sealed record FileError(int Line, string? Column, string? Value, string Code, string Message);

/// <summary>What <see cref="OrderFileReader.Check"/> found: the file is imported only when <see cref="IsValid"/>.</summary>
public sealed class OrderFileCheck
{
    internal OrderFileCheck(
        IReadOnlyList<FileError> errors, int dataRows, int orders, IReadOnlyList<string> ignoredColumns, IReadOnlyDictionary<string, FileError> supplierCodes)
    {
        Errors = errors;
        DataRows = dataRows;
        Orders = orders;
        IgnoredColumns = ignoredColumns;
        SupplierCodes = supplierCodes;
    }

    /// <summary>
    /// Every problem in line order, at most <see cref="OrderFileReader.MaxErrors"/>; when there were more, the last
    /// entry (code <c>too_many_errors</c>) says so.
    /// </summary>
    public IReadOnlyList<FileError> Errors { get; }

    public bool IsValid => Errors.Count == 0;

    /// <summary>The data records (not the header, the trailer or blank lines).</summary>
    public int DataRows { get; }

    /// <summary>The distinct order numbers.</summary>
    public int Orders { get; }

    /// <summary>Header columns no mapping uses, in file order: allowed (ERPs add columns), listed so an admin sees them.</summary>
    public IReadOnlyList<string> IgnoredColumns { get; }

    /// <summary>
    /// Each distinct supplier code of the file, with the error to report if the buyer has no supplier with that code:
    /// its line, column and value are the code's first place in the file (code <c>unknown_supplier_code</c>, message
    /// in the profile's language). The check itself knows no suppliers.
    /// </summary>
    public IReadOnlyDictionary<string, FileError> SupplierCodes { get; }
}
