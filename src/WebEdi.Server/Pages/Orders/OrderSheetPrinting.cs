using Microsoft.EntityFrameworkCore;
using WebEdi.Data;
using WebEdi.Documents;
using WebEdi.Documents.PurchaseOrders;
using WebEdi.Server.Pages.Shipments;
using WebEdi.Server.Portal;

namespace WebEdi.Server.Pages.Orders;

/// <summary>
/// Prints an order as a purchase-order sheet (注文書) for suppliers who file paper: the newest revision, its lines that
/// are not cancelled. Reading it changes nothing, so it is not recorded.
/// </summary>
public sealed class OrderSheetPrinting(WebEdiDbContext db, DocumentPrinterLoader printers)
{
    public async Task<PrintOutcome> PrintAsync(Guid supplierId, Guid orderId, CancellationToken cancellationToken)
    {
        var order = await db.PurchaseOrders.AsNoTracking().Include(o => o.Lines)
            .SingleOrDefaultAsync(o => o.Id == orderId && o.SupplierId == supplierId, cancellationToken);
        if (order is null)
        {
            return new PrintOutcome.NotFound();
        }

        var (printer, failure) = Printing.Printer(printers);
        if (printer is null)
        {
            return failure!;
        }

        var parties = await db.TradingRelationships.AsNoTracking()
            .Where(r => r.Id == order.TradingRelationshipId)
            .Select(r => new
            {
                r.SupplierCode,
                Buyer = db.Companies.Where(c => c.Id == r.BuyerId).Select(c => new DocumentCompany(c.Name, c.Code)).First(),
                Supplier = db.Companies.Where(c => c.Id == r.SupplierId).Select(c => new DocumentCompany(c.Name, c.Code)).First(),
            })
            .SingleAsync(cancellationToken);

        // A cancelled order prints every line, so the sheet still shows what was ordered.
        var lines = (order.ActiveLines.Any() ? order.ActiveLines : order.Lines).OrderBy(l => l.LineNumber).ToList();
        var sheet = new PurchaseOrderSheet(
            order.OrderNumber, order.Revision, order.OrderDate, parties.Buyer, parties.Supplier, parties.SupplierCode,
            order.DeliveryLocation ?? DeliveryNotePrinting.NoDeliveryLocation,
            [
                .. lines.Select(l => new PurchaseOrderSheetLine(
                    l.LineNumber, l.BuyerItemCode, l.SupplierItemCode, l.ItemName, l.Specification, l.Quantity, l.Unit, l.UnitPrice, l.Amount, l.TaxRate,
                    l.RequestedDeliveryDate)),
            ])
        {
            BuyerContact = order.BuyerContact,
            Remarks = order.Remarks,
            Currency = order.Currency,
        };

        var pdf = Printing.TemporaryFile();
        try
        {
            var result = printer.PrintPurchaseOrder(sheet, pdf);
            return new PrintOutcome.Printed(pdf, Printing.FileName("purchase-order", order.OrderNumber), result.Documents, result.Pages);
        }
        catch (DocumentContentException e)
        {
            await pdf.DisposeAsync();
            return new PrintOutcome.Refused(Printing.Problems(order.OrderNumber, e,
                n => n >= 1 && n <= lines.Count ? (order.OrderNumber, lines[n - 1].LineNumber) : null));
        }
        catch
        {
            await pdf.DisposeAsync();
            throw;
        }
    }
}
