namespace WebEdi.Domain.Orders;

/// <summary>The header of one revision of a purchase order as the buyer's ERP sent it.</summary>
public sealed record OrderHeader(
    DateOnly OrderDate,
    string Currency,
    string? DeliveryLocation,
    string? BuyerContact,
    string? Remarks);

/// <summary>One line of one revision of a purchase order as the buyer's ERP sent it.</summary>
/// <param name="Amount">Quantity × unit price as the ERP computed it (its rounding); computed here when absent.</param>
/// <param name="TaxRate">Consumption tax rate in percent (10, 8 for reduced-rate goods, 0).</param>
/// <param name="DeliveryLocation">The line's delivery location when it differs from the header's.</param>
public sealed record OrderLineData(
    int LineNumber,
    string BuyerItemCode,
    string? SupplierItemCode,
    string ItemName,
    string? Specification,
    decimal Quantity,
    string Unit,
    decimal UnitPrice,
    decimal? Amount,
    decimal TaxRate,
    DateOnly RequestedDeliveryDate,
    string? DeliveryLocation,
    string? Remarks);

/// <summary>Everything one revision said: kept for every revision so the supplier can see what changed.</summary>
public sealed record OrderSnapshot(OrderHeader Header, IReadOnlyList<OrderLineData> Lines)
{
    /// <summary>What changed from <paramref name="previous"/> to this snapshot, field by field.</summary>
    public IReadOnlyList<FieldChange> ChangesSince(OrderSnapshot previous)
    {
        var changes = new List<FieldChange>();
        AddIfDifferent(changes, null, "orderDate", previous.Header.OrderDate, Header.OrderDate);
        AddIfDifferent(changes, null, "currency", previous.Header.Currency, Header.Currency);
        AddIfDifferent(changes, null, "deliveryLocation", previous.Header.DeliveryLocation, Header.DeliveryLocation);
        AddIfDifferent(changes, null, "buyerContact", previous.Header.BuyerContact, Header.BuyerContact);
        AddIfDifferent(changes, null, "remarks", previous.Header.Remarks, Header.Remarks);

        var before = previous.Lines.ToDictionary(l => l.LineNumber);
        var after = Lines.ToDictionary(l => l.LineNumber);
        foreach (var line in Lines)
        {
            if (!before.TryGetValue(line.LineNumber, out var old))
            {
                changes.Add(new FieldChange(line.LineNumber, FieldChange.LineAdded, null, null));
                continue;
            }

            CompareLines(changes, old, line);
        }

        changes.AddRange(previous.Lines
            .Where(l => !after.ContainsKey(l.LineNumber))
            .Select(l => new FieldChange(l.LineNumber, FieldChange.LineRemoved, null, null)));
        return changes;
    }

    internal static void CompareLines(List<FieldChange> changes, OrderLineData old, OrderLineData line)
    {
        var n = line.LineNumber;
        AddIfDifferent(changes, n, "buyerItemCode", old.BuyerItemCode, line.BuyerItemCode);
        AddIfDifferent(changes, n, "supplierItemCode", old.SupplierItemCode, line.SupplierItemCode);
        AddIfDifferent(changes, n, "itemName", old.ItemName, line.ItemName);
        AddIfDifferent(changes, n, "specification", old.Specification, line.Specification);
        AddIfDifferent(changes, n, "quantity", old.Quantity, line.Quantity);
        AddIfDifferent(changes, n, "unit", old.Unit, line.Unit);
        AddIfDifferent(changes, n, "unitPrice", old.UnitPrice, line.UnitPrice);
        AddIfDifferent(changes, n, "amount", old.Amount, line.Amount);
        AddIfDifferent(changes, n, "taxRate", old.TaxRate, line.TaxRate);
        AddIfDifferent(changes, n, "requestedDeliveryDate", old.RequestedDeliveryDate, line.RequestedDeliveryDate);
        AddIfDifferent(changes, n, "deliveryLocation", old.DeliveryLocation, line.DeliveryLocation);
        AddIfDifferent(changes, n, "remarks", old.Remarks, line.Remarks);
    }

    private static void AddIfDifferent<T>(List<FieldChange> changes, int? lineNumber, string field, T before, T after)
    {
        if (!EqualityComparer<T>.Default.Equals(before, after))
        {
            changes.Add(new FieldChange(lineNumber, field, Format(before), Format(after)));
        }
    }

    private static string? Format<T>(T value) => value switch
    {
        null => null,
        DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}

/// <summary>One changed field between two revisions; <see cref="LineNumber"/> is null for header fields.</summary>
public sealed record FieldChange(int? LineNumber, string Field, string? Before, string? After)
{
    public const string LineAdded = "(line added)";
    public const string LineRemoved = "(line removed)";
}
