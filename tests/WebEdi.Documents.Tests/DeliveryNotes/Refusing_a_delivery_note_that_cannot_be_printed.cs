using WebEdi.Documents.DeliveryNotes;
using WebEdi.Documents.Tests.Support;

namespace WebEdi.Documents.Tests.DeliveryNotes;

public class Refusing_a_delivery_note_that_cannot_be_printed
{
    [Fact]
    public void Characters_outside_the_font_are_reported_with_the_field_the_line_and_the_code_point()
    {
        var lines = new[]
        {
            Samples.StandardLines[0],
            Samples.StandardLines[1] with { ItemName = "平座金 M8 😀", Specification = "รุ่น ก" },
        };

        var (problems, written) = Refuse(Samples.Note(lines: lines));

        var emoji = Assert.Single(problems, p => p.CodePoint == "U+1F600");
        Assert.Equal(("ItemName", 2), (emoji.Field, emoji.Line));
        Assert.Contains("Line 2, ItemName contains '😀' (U+1F600) at character 8", emoji.Message, StringComparison.Ordinal);
        Assert.Contains("IPAex Gothic (ipaexg.ttf)", emoji.Message, StringComparison.Ordinal);
        var thai = Assert.Single(problems, p => p.CodePoint == "U+0E23");
        Assert.Equal(("Specification", 2), (thai.Field, thai.Line));
        Assert.Contains(problems, p => p.CodePoint == "U+0E01");
        Assert.Equal(0, written);
    }

    [Fact]
    public void An_ideographic_variation_sequence_is_reported_not_drawn_as_a_box_after_the_base_character()
    {
        var lines = new[] { Samples.StandardLines[0] with { ItemName = "葛󠄀城工場向け 六角ボルト" } };

        var (problems, _) = Refuse(Samples.Note(lines: lines));

        Assert.Equal(("ItemName", 1, "U+E0100"), (Assert.Single(problems).Field, problems[0].Line, problems[0].CodePoint));
    }

    [Fact]
    public void Characters_outside_the_font_in_the_header_name_the_header_field()
    {
        var note = Samples.Note() with { Buyer = Samples.Buyer with { Name = "東海モーター工業\U0001F3ED株式会社" } };

        var (problems, _) = Refuse(note);

        var problem = Assert.Single(problems);
        Assert.Equal(("Buyer.Name", null, "U+1F3ED"), (problem.Field, problem.Line, problem.CodePoint));
        Assert.Contains("IPAex Mincho (ipaexm.ttf)", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Control_characters_are_reported_rather_than_drawn_as_empty_boxes()
    {
        var lines = new[] { Samples.StandardLines[0] with { BuyerItemCode = "TM-10\t4471" } };

        var (problems, _) = Refuse(Samples.Note(lines: lines));

        var problem = Assert.Single(problems);
        Assert.Equal(("BuyerItemCode", 1, "U+0009"), (problem.Field, problem.Line, problem.CodePoint));
        Assert.Contains("a control character (U+0009)", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unpaired_surrogate_is_reported_rather_than_printed_as_a_replacement_character()
    {
        var lines = new[] { Samples.StandardLines[0] with { ItemName = "六角ボルト \uD842 M8" } };

        var (problems, _) = Refuse(Samples.Note(lines: lines));

        var problem = Assert.Single(problems);
        Assert.Equal(("ItemName", 1, "U+D842"), (problem.Field, problem.Line, problem.CodePoint));
        Assert.Contains("unpaired surrogate (U+D842) at character 7", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("skr-0001", "U+0073")]
    [InlineData("SKR_0001", "U+005F")]
    [InlineData("納品-0001", "U+7D0D")]
    public void A_note_number_code39_cannot_encode_is_refused(string number, string codePoint)
    {
        var (problems, written) = Refuse(Samples.Note(number));

        var problem = Assert.Single(problems);
        Assert.Equal(("Number", codePoint), (problem.Field, problem.CodePoint));
        Assert.Contains($"'{number}' cannot be printed as a Code 39 barcode", problem.Message, StringComparison.Ordinal);
        Assert.Equal(0, written);
    }

    [Fact]
    public void A_note_number_too_long_for_the_barcode_space_is_refused()
    {
        var (problems, _) = Refuse(Samples.Note("SKR-2604030001-00001"));

        Assert.Contains("fits at most 18", Assert.Single(problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Figures_that_would_print_rounded_and_a_foreign_currency_are_all_reported_at_once()
    {
        var lines = new[]
        {
            Samples.StandardLines[0] with { Amount = 1005.5m },
            Samples.StandardLines[1] with { Quantity = 1.2345m },
            Samples.StandardLines[2] with { Quantity = 0m, TaxRate = 110m },
        };

        var (problems, _) = Refuse(Samples.Note(lines: lines) with { Currency = "USD" });

        Assert.Contains(problems, p => p is { Field: "Amount", Line: 1 } && p.Message.Contains("whole yen", StringComparison.Ordinal));
        Assert.Contains(problems, p => p is { Field: "Quantity", Line: 2 } && p.Message.Contains("more than 3 decimals", StringComparison.Ordinal));
        Assert.Contains(problems, p => p is { Field: "Quantity", Line: 3 } && p.Message.Contains("greater than 0", StringComparison.Ordinal));
        Assert.Contains(problems, p => p is { Field: "TaxRate", Line: 3 });
        Assert.Contains(problems, p => p is { Field: "Currency", Line: null });
        Assert.Equal(5, problems.Count);
    }

    [Fact]
    public void A_line_of_an_order_the_note_does_not_list_is_refused()
    {
        var note = Samples.Note() with { OrderNumbers = ["PO-2604-0001"] };

        var (problems, _) = Refuse(note);

        Assert.Equal([3, 4], problems.Select(p => p.Line ?? 0));
        Assert.All(problems, p => Assert.Equal("OrderNumber", p.Field));
    }

    private static (IReadOnlyList<DocumentProblem> Problems, long Written) Refuse(DeliveryNote note)
    {
        using var output = new MemoryStream();
        var refused = Assert.Throws<DocumentContentException>(() => Samples.Printer.PrintDeliveryNote(note, output));
        Assert.Equal($"delivery note {note.Number}", refused.Document);
        return (refused.Problems, output.Length);
    }
}
