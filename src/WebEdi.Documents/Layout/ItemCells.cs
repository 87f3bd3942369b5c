using System.Globalization;
using WebEdi.Documents.Fonts;
using WebEdi.Documents.Formatting;

namespace WebEdi.Documents.Layout;

/// <summary>The cells of an item line that delivery notes and order sheets print alike.</summary>
internal static class ItemCells
{
    public static readonly TextStyle Code = new(JapaneseFace.Gothic, 7.5);
    public static readonly TextStyle SecondaryCode = new(JapaneseFace.Gothic, 7);
    public static readonly TextStyle Name = new(JapaneseFace.Gothic, 8);
    public static readonly TextStyle Specification = new(JapaneseFace.Gothic, 7);
    public static readonly TextStyle Figure = new(JapaneseFace.Gothic, 8);

    public static IReadOnlyList<CellLine> Text(PdfFonts fonts, string? text, Column column) => Table.Cell(fonts, text, Code, column);

    public static IReadOnlyList<CellLine> Number(PdfFonts fonts, int number, Column column) =>
        Table.Cell(fonts, number.ToString(CultureInfo.InvariantCulture), Code, column);

    /// <summary>The first code over the second (grey), both wrapped.</summary>
    public static IReadOnlyList<CellLine> Codes(PdfFonts fonts, string first, string? second, Column column) =>
        [.. Table.Cell(fonts, first, Code, column), .. Table.Cell(fonts, second, SecondaryCode, column, Canvas.GrayInk)];

    /// <summary>The item name, wrapped, over its specification (grey).</summary>
    public static IReadOnlyList<CellLine> NameAndSpecification(PdfFonts fonts, string name, string? specification, Column column) =>
        [.. Table.Cell(fonts, name, Name, column), .. Table.Cell(fonts, specification, Specification, column, Canvas.GrayInk)];

    /// <summary>Quantity, unit, unit price, amount and tax rate (※ for the reduced rate), in that column order.</summary>
    public static IEnumerable<IReadOnlyList<CellLine>> Figures(PdfFonts fonts, ItemLineValues item, IReadOnlyList<Column> columns)
    {
        yield return Table.Cell(fonts, JapaneseFormat.Quantity(item.Quantity), Figure, columns[0]);
        yield return Table.Cell(fonts, item.Unit, Code, columns[1]);
        yield return Table.Cell(fonts, JapaneseFormat.UnitPrice(item.UnitPrice)[1..], Figure, columns[2]);
        yield return Table.Cell(fonts, JapaneseFormat.Yen(item.Amount)[1..], Figure, columns[3]);
        yield return Table.Cell(fonts, JapaneseFormat.TaxRate(item.TaxRate) + (FormParts.IsReducedRate(item.TaxRate) ? "※" : string.Empty), Code, columns[4]);
    }

    /// <summary>The columns <see cref="Figures"/> fills.</summary>
    public static Column[] FigureColumns() =>
    [
        new("数量", null, 50, Align.Right),
        new("単位", null, 24, Align.Center),
        new("単価", "(円)", 52, Align.Right),
        new("金額", "(円)", 60, Align.Right),
        new("税率", null, 26, Align.Center),
    ];
}
