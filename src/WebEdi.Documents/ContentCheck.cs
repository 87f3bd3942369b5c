using System.Buffers;
using System.Globalization;
using System.Text;
using WebEdi.Documents.Barcodes;
using WebEdi.Documents.Fonts;
using WebEdi.Documents.Formatting;

namespace WebEdi.Documents;

/// <summary>
/// Collects every problem of one document before anything is drawn, so a document is printed whole or not at all
/// and the person fixing the data sees all problems at once. A character the font has no glyph for is a problem
/// here: PDFsharp would draw it as an empty box (tofu) or nothing, and a receiving dock would never know.
/// </summary>
internal sealed class ContentCheck(JapaneseFonts fonts)
{
    private readonly List<DocumentProblem> _problems = [];

    public IReadOnlyList<DocumentProblem> Problems => _problems;

    /// <summary>Checks a text field: present when required, not too long, and drawable in <paramref name="face"/>.</summary>
    public void Text(string field, int? line, string? value, JapaneseFace face, int maxLength, bool required = true, bool multiline = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Add(field, line, "is required.");
            }

            return;
        }

        if (value.Length > maxLength)
        {
            Add(field, line, string.Create(CultureInfo.InvariantCulture, $"is {value.Length} characters long; at most {maxLength} are printed."));
        }

        var font = fonts[face];
        var reported = new HashSet<int>();
        var position = 0;
        var at = 0;
        while (at < value.Length)
        {
            position++;
            if (Rune.DecodeFromUtf16(value.AsSpan(at), out var rune, out var consumed) != OperationStatus.Done)
            {
                // A lone surrogate would reach the page as U+FFFD, which the font draws: a silent substitution.
                var unit = string.Create(CultureInfo.InvariantCulture, $"U+{(int)value[at]:X4}");
                Add(field, line, $"contains an unpaired surrogate ({unit}) at character {position.ToString(CultureInfo.InvariantCulture)}: the text is not valid Unicode.", unit);
                at += Math.Max(consumed, 1);
                continue;
            }

            at += consumed;

            var drawable = rune.Value switch
            {
                '\n' or '\r' => multiline,
                _ when Rune.IsControl(rune) => false,
                _ => font.HasGlyph(rune.Value),
            };
            if (!drawable && reported.Add(rune.Value))
            {
                var code = CodePoint(rune);
                var shown = Rune.IsControl(rune) ? "a control character" : $"'{rune}'";
                Add(field, line, $"contains {shown} ({code}) at character {position.ToString(CultureInfo.InvariantCulture)}, which is not in the font "
                    + $"{JapaneseFonts.Describe(face)}; replace it with a character the font has.", code);
            }
        }
    }

    /// <summary>Checks a value printed as a Code 39 barcode (and as text under it).</summary>
    public void Barcode(string field, string? value, int maxLength)
    {
        if (string.IsNullOrEmpty(value))
        {
            Add(field, null, "is required.");
            return;
        }

        if (value.Length > maxLength)
        {
            Add(field, null, string.Create(CultureInfo.InvariantCulture,
                $"'{value}' is {value.Length} characters long; its Code 39 barcode fits at most {maxLength}."));
        }

        // The first character that cannot be encoded is enough to act on; a number with several is one problem.
        if (Code39.FirstUnencodable(value) is { } at)
        {
            var code = Rune.TryGetRuneAt(value, at, out var rune) ? CodePoint(rune) : string.Create(CultureInfo.InvariantCulture, $"U+{(int)value[at]:X4}");
            var shown = Rune.TryGetRuneAt(value, at, out rune) ? rune.ToString() : "?";
            Add(field, null, $"'{value}' cannot be printed as a Code 39 barcode: character {(at + 1).ToString(CultureInfo.InvariantCulture)} "
                + $"'{shown}' ({code}) is not one of 0–9, A–Z, '-', '.', space, '$', '/', '+', '%'.", code);
        }
    }

    /// <summary>Checks a quantity or price: not negative (or positive when asked) and not more precise than printed.</summary>
    public void Number(string field, int? line, decimal value, int decimals, bool positive = false)
    {
        if (positive ? value <= 0 : value < 0)
        {
            Add(field, line, string.Create(CultureInfo.InvariantCulture, $"must be {(positive ? "greater than 0" : "0 or more")} (is {value})."));
        }

        if (!JapaneseFormat.HasAtMostDecimals(value, decimals))
        {
            Add(field, line, decimals == 0
                ? string.Create(CultureInfo.InvariantCulture, $"must be whole yen (is {value}).")
                : string.Create(CultureInfo.InvariantCulture, $"has more than {decimals} decimals (is {value}); it would be rounded on paper."));
        }
    }

    /// <summary>The checks every item line shares, on delivery notes and order sheets alike.</summary>
    public void ItemLine(int line, ItemLineValues item)
    {
        Text("BuyerItemCode", line, item.BuyerItemCode, JapaneseFace.Gothic, 40);
        Text("SupplierItemCode", line, item.SupplierItemCode, JapaneseFace.Gothic, 40, required: false);
        Text("ItemName", line, item.ItemName, JapaneseFace.Gothic, 1000, multiline: true);
        Text("Specification", line, item.Specification, JapaneseFace.Gothic, 500, required: false, multiline: true);
        Text("Unit", line, item.Unit, JapaneseFace.Gothic, 6);
        Number("Quantity", line, item.Quantity, JapaneseFormat.QuantityDecimals, positive: true);
        Number("UnitPrice", line, item.UnitPrice, JapaneseFormat.UnitPriceDecimals);
        Number("Amount", line, item.Amount, 0);
        Rule(item.TaxRate is >= 0 and < 100 && JapaneseFormat.HasAtMostDecimals(item.TaxRate, 2), "TaxRate", line,
            string.Create(CultureInfo.InvariantCulture, $"Line {line}, TaxRate must be a percentage such as 10 or 8 (is {item.TaxRate})."));
    }

    /// <summary>The header fields of a company block.</summary>
    public void Company(string field, DocumentCompany company, JapaneseFace nameFace)
    {
        Text(field + ".Name", null, company.Name, nameFace, 40);
        Text(field + ".Code", null, company.Code, JapaneseFace.Gothic, 30);
        Text(field + ".Address", null, company.Address, JapaneseFace.Gothic, 80, required: false, multiline: true);
        Text(field + ".Phone", null, company.Phone, JapaneseFace.Gothic, 30, required: false);
        Text(field + ".InvoiceRegistrationNumber", null, company.InvoiceRegistrationNumber, JapaneseFace.Gothic, 20, required: false);
    }

    /// <summary>Records a problem when <paramref name="holds"/> is false.</summary>
    public void Rule(bool holds, string field, int? line, string message)
    {
        if (!holds)
        {
            Add(field, line, message);
        }
    }

    public void ThrowIfAny(string document)
    {
        if (_problems.Count > 0)
        {
            throw new DocumentContentException(document, [.. _problems]);
        }
    }

    private void Add(string field, int? line, string message, string? codePoint = null)
    {
        var where = line is { } number ? string.Create(CultureInfo.InvariantCulture, $"Line {number}, {field}") : field;
        _problems.Add(new DocumentProblem(field, line, $"{where} {message}", codePoint));
    }

    private static string CodePoint(Rune rune) => string.Create(CultureInfo.InvariantCulture, $"U+{rune.Value:X4}");
}

/// <summary>The printed fields of an item line, whichever document it is on.</summary>
internal sealed record ItemLineValues(
    string BuyerItemCode,
    string? SupplierItemCode,
    string ItemName,
    string? Specification,
    decimal Quantity,
    string Unit,
    decimal UnitPrice,
    decimal Amount,
    decimal TaxRate);
