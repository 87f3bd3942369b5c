using System.Globalization;
using System.Text.RegularExpressions;

namespace WebEdi.Domain.Shipments;

/// <summary>
/// A supplier's delivery note numbering (納品書番号の採番): a prefix and a counter that only moves forward, so a
/// number is never handed out twice even when a shipment is cancelled. Concurrency-guarded like every aggregate.
/// </summary>
public sealed partial class DeliveryNoteSequence : IVersioned
{
    public const int Digits = 8;

    private DeliveryNoteSequence()
    {
        Prefix = "";
    }

    public Guid SupplierId { get; private set; }

    public string Prefix { get; private set; }

    public long NextValue { get; private set; }

    public int Version { get; set; }

    public static DeliveryNoteSequence Start(Guid supplierId, string prefix)
    {
        EnsureValidPrefix(prefix);
        return new DeliveryNoteSequence { SupplierId = supplierId, Prefix = prefix, NextValue = 1 };
    }

    /// <summary>Takes the next number, e.g. <c>DN-00000042</c>.</summary>
    public string Next()
    {
        if (NextValue >= 100_000_000)
        {
            throw new DomainRuleException("nextValue", "exhausted", $"the {Prefix} sequence has used all {Digits}-digit numbers; choose a new prefix.");
        }

        var number = Prefix + NextValue.ToString(CultureInfo.InvariantCulture).PadLeft(Digits, '0');
        NextValue++;
        return number;
    }

    /// <summary>A new prefix keeps the counter: numbers stay unique even if the supplier goes back to an old prefix.</summary>
    public void ChangePrefix(string prefix)
    {
        EnsureValidPrefix(prefix);
        Prefix = prefix;
    }

    private static void EnsureValidPrefix(string prefix)
    {
        if (!PrefixPattern().IsMatch(prefix ?? "x"))
        {
            throw new DomainRuleException("prefix", "invalid_prefix", "must be at most 8 characters of A-Z, 0-9 and '-'.");
        }
    }

    [GeneratedRegex("^[A-Z0-9-]{0,8}$")]
    private static partial Regex PrefixPattern();
}
