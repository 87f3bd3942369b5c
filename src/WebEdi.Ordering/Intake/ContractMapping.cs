using WebEdi.Contracts;
using WebEdi.Domain;
using WebEdi.Domain.Orders;

namespace WebEdi.Ordering.Intake;

/// <summary>Contract messages to domain inputs and domain errors to contract problems: by hand, in one place.</summary>
internal static class ContractMapping
{
    public static OrderHeader Header(IPurchaseOrderRevision m) =>
        new(m.OrderDate, m.Currency, m.DeliveryLocation, m.BuyerContact, m.Remarks);

    public static List<OrderLineData> Lines(IPurchaseOrderRevision m) => m.Lines.Select(l => new OrderLineData(
        l.LineNumber, l.BuyerItemCode, l.SupplierItemCode, l.ItemName, l.Specification, l.Quantity, l.Unit, l.UnitPrice,
        l.Amount, l.TaxRate, l.RequestedDeliveryDate, l.DeliveryLocation, l.Remarks)).ToList();

    /// <summary>Domain paths name lines by line number (<c>lines[3].quantity</c>); the whole message is <c>$</c>.</summary>
    public static List<Problem> Problems(DomainRuleException e) =>
        e.Errors.Select(err => new Problem { Path = err.Path.Length == 0 ? "$" : err.Path, Code = err.Code, Message = err.Message }).ToList();
}
