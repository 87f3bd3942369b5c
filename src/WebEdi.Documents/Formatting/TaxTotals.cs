namespace WebEdi.Documents.Formatting;

/// <summary>Taxable amount and consumption tax of one tax rate.</summary>
/// <param name="Rate">The rate in percent, e.g. 10 or 8.</param>
/// <param name="TaxableAmount">Sum of the line amounts at this rate, tax excluded.</param>
/// <param name="Tax">Consumption tax at this rate: <c>floor(TaxableAmount × Rate / 100)</c>.</param>
public sealed record TaxAtRate(decimal Rate, decimal TaxableAmount, decimal Tax);

/// <summary>
/// The totals block of an invoice-style document. Consumption tax is computed once per rate on the sum of that
/// rate's lines and rounded down to whole yen (切り捨て), as a qualified invoice (適格請求書) requires: one rounding
/// per rate per document, never per line.
/// </summary>
public sealed record TaxTotals(decimal Subtotal, IReadOnlyList<TaxAtRate> ByRate)
{
    /// <summary>Consumption tax of all rates.</summary>
    public decimal Tax => ByRate.Sum(r => r.Tax);

    /// <summary>Subtotal plus tax.</summary>
    public decimal GrandTotal => Subtotal + Tax;

    /// <summary>Groups the lines by rate, highest rate first.</summary>
    public static TaxTotals Compute(IEnumerable<(decimal Amount, decimal TaxRate)> lines)
    {
        var byRate = lines
            .GroupBy(l => l.TaxRate)
            .OrderByDescending(g => g.Key)
            .Select(g =>
            {
                var taxable = g.Sum(l => l.Amount);
                return new TaxAtRate(g.Key, taxable, decimal.Floor(taxable * g.Key / 100m));
            })
            .ToList();
        return new TaxTotals(byRate.Sum(r => r.TaxableAmount), byRate);
    }
}
