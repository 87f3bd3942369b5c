namespace WebEdi.Domain.Orders;

/// <summary>The ISO 4217 currencies the platform accepts, with their minor units (JPY has none).</summary>
public static class Currencies
{
    private static readonly Dictionary<string, int> MinorUnitsByCode = new(StringComparer.Ordinal)
    {
        ["JPY"] = 0, ["KRW"] = 0, ["VND"] = 0,
        ["USD"] = 2, ["EUR"] = 2, ["GBP"] = 2, ["CHF"] = 2, ["CNY"] = 2, ["HKD"] = 2, ["TWD"] = 2,
        ["SGD"] = 2, ["THB"] = 2, ["MYR"] = 2, ["IDR"] = 2, ["PHP"] = 2, ["INR"] = 2, ["AUD"] = 2, ["CAD"] = 2, ["MXN"] = 2,
    };

    public static bool IsKnown(string? code) => code is not null && MinorUnitsByCode.ContainsKey(code);

    public static int MinorUnits(string code) => MinorUnitsByCode[code];

    public static IReadOnlyCollection<string> Codes => MinorUnitsByCode.Keys;
}
