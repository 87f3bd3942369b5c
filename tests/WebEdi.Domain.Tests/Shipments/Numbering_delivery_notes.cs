using WebEdi.Domain.Shipments;
using static WebEdi.Domain.Tests.Scenario;

namespace WebEdi.Domain.Tests.Shipments;

public class Numbering_delivery_notes
{
    private static readonly Guid MikawaSeiko = new("0195a1c2-0000-7000-8000-00000000000a");

    [Fact]
    public void Numbers_are_the_prefix_and_eight_digits_counting_up_from_one()
    {
        var sequence = DeliveryNoteSequence.Start(MikawaSeiko, "DN-");

        Assert.Equal(MikawaSeiko, sequence.SupplierId);
        Assert.Equal(["DN-00000001", "DN-00000002", "DN-00000003"], new[] { sequence.Next(), sequence.Next(), sequence.Next() });
        Assert.Equal(4, sequence.NextValue);
    }

    [Fact]
    public void An_empty_prefix_gives_bare_digits()
    {
        Assert.Equal("00000001", DeliveryNoteSequence.Start(MikawaSeiko, "").Next());
    }

    [Fact]
    public void Every_number_is_a_valid_delivery_note_number_even_with_the_longest_prefix()
    {
        var number = DeliveryNoteSequence.Start(MikawaSeiko, "MIKAWA-2").Next();

        Assert.Equal("MIKAWA-200000001", number);
        Assert.True(Shipment.IsValidDeliveryNoteNumber(number));
    }

    [Fact]
    public void A_new_prefix_keeps_counting_so_no_number_is_ever_handed_out_twice()
    {
        var sequence = DeliveryNoteSequence.Start(MikawaSeiko, "DN-");
        var numbers = new List<string> { sequence.Next(), sequence.Next() };

        sequence.ChangePrefix("NH");
        numbers.Add(sequence.Next());
        sequence.ChangePrefix("DN-");
        numbers.Add(sequence.Next());

        Assert.Equal(["DN-00000001", "DN-00000002", "NH00000003", "DN-00000004"], numbers);
        Assert.Equal("DN-", sequence.Prefix);
    }

    [Fact]
    public void A_number_taken_for_a_shipment_that_is_later_cancelled_is_not_given_again()
    {
        var sequence = DeliveryNoteSequence.Start(MikawaSeiko, "DN-");
        var order = ReceiveAccepted(Line(1));
        var withdrawn = Shipment.Create(sequence.Next(), ShipDate, [new(order, 1, 10m)], Tanaka, Shipped);
        withdrawn.Cancel(Cancelled);

        var next = Shipment.Create(sequence.Next(), ShipDate, [new(order, 1, 10m)], Tanaka, Shipped);

        Assert.Equal("DN-00000002", next.DeliveryNoteNumber);
    }

    [Theory]
    [InlineData("dn-")]
    [InlineData("DN_")]
    [InlineData("DN ")]
    [InlineData("MIKAWA-SE")]
    [InlineData(null)]
    public void Refuses_a_prefix_that_is_not_up_to_8_capitals_digits_and_hyphens(string? prefix)
    {
        Refused(() => DeliveryNoteSequence.Start(MikawaSeiko, prefix!), ("prefix", "invalid_prefix"));

        var sequence = DeliveryNoteSequence.Start(MikawaSeiko, "DN-");
        Refused(() => sequence.ChangePrefix(prefix!), ("prefix", "invalid_prefix"));
        Assert.Equal("DN-", sequence.Prefix);
    }

    [Fact]
    public void Hands_out_99999999_last_and_then_refuses_to_go_on()
    {
        var sequence = DeliveryNoteSequence.Start(MikawaSeiko, "DN-");
        // As the database would load a sequence that has almost run out; counting there one by one would take minutes.
        typeof(DeliveryNoteSequence).GetProperty(nameof(DeliveryNoteSequence.NextValue))!.SetValue(sequence, 99_999_999L);

        Assert.Equal("DN-99999999", sequence.Next());
        Refused(() => sequence.Next(), ("nextValue", "exhausted"));
        Assert.Equal(100_000_000, sequence.NextValue);
    }
}
