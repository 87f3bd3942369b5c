using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using WebEdi.Contracts;
using WebEdi.Data.Deliveries;
using WebEdi.Data.Identity;
using WebEdi.Domain.Companies;
using WebEdi.Domain.Users;
using WebEdi.IntegrationTests.Ordering;
using WebEdi.IntegrationTests.Portal.Account;
using WebEdi.IntegrationTests.Server;
using WebEdi.Ordering.Intake;

namespace WebEdi.IntegrationTests.Portal.Deliveries;

/// <summary>
/// A buyer of its own on the shared account server — with an admin, a supplier and a file-drop channel — whose ERP
/// sends orders through the real intake; the server's adapters deliver the replies, so the delivery log has rows.
/// </summary>
public sealed class BuyerWithDeliveries
{
    private BuyerWithDeliveries(AccountServer server, global::WebEdi.Domain.Companies.Company buyer, WebEdiUser admin)
    {
        Server = server;
        Buyer = buyer;
        Admin = admin;
    }

    public AccountServer Server { get; }

    public global::WebEdi.Domain.Companies.Company Buyer { get; }

    public WebEdiUser Admin { get; }

    public static async Task<BuyerWithDeliveries> CreateAsync(AccountServer server)
    {
        var buyer = await server.AddCompanyAsync(isBuyer: true, isSupplier: false);
        var supplier = await server.AddCompanyAsync();
        await using (var db = server.Portal.OpenDatabase())
        {
            db.Attach(buyer);
            db.Attach(supplier);
            db.TradingRelationships.Add(TradingRelationship.Create(buyer, supplier, "S10021", DateTime.UtcNow));
            db.BuyerChannels.Add(BuyerChannel.FileDrop(buyer.Id, FileDropEncoding.Utf8WithBom, BuyerChannel.DefaultRetryWindowHours, DateTime.UtcNow));
            await db.SaveChangesAsync();
        }

        return new BuyerWithDeliveries(server, buyer, await server.AddUserAsync(buyer.Id, UserRole.CompanyAdmin));
    }

    /// <summary>The ERP sends the orders; waits until each reply is delivered to the file drop. Returns the deliveries.</summary>
    public async Task<List<Delivery>> SubmitAsync(params string[] orderNumbers)
    {
        await SubmitOrdersWithoutWaitingAsync(orderNumbers);
        await Starting_the_server.WaitForAsync(async () =>
        {
            var deliveries = await DeliveriesAsync();
            return deliveries.Count(d => orderNumbers.Contains(d.OrderNumber)) == orderNumbers.Length && deliveries.All(d => d.State == DeliveryState.Delivered);
        });
        return await DeliveriesAsync();
    }

    public async Task SubmitOrdersWithoutWaitingAsync(params string[] orderNumbers)
    {
        await using var db = Server.Portal.OpenDatabase();
        var intake = new PurchaseOrderIntake(db, TimeProvider.System, NullLogger<PurchaseOrderIntake>.Instance);
        var replies = await intake.ApplyBatchAsync(Buyer, orderNumbers.Select(n => new IntakeMessage(nameof(SubmitPurchaseOrder), IntakeScenario.Order(n), n, 1, [])).ToList());
        Assert.All(replies, r => Assert.Equal(IntakeOutcome.Received, r.Received?.Outcome));
    }

    public async Task<List<Delivery>> DeliveriesAsync()
    {
        await using var db = Server.Portal.OpenDatabase();
        return await db.Deliveries.AsNoTracking().Where(d => d.BuyerId == Buyer.Id).OrderBy(d => d.Sequence).ToListAsync();
    }

    /// <summary>Marks a delivery dead, as a day of failures would have.</summary>
    public async Task KillAsync(long sequence)
    {
        await using var db = Server.Portal.OpenDatabase();
        await db.Deliveries.Where(d => d.Sequence == sequence).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.State, DeliveryState.Dead)
            .SetProperty(d => d.DeadAt, DateTime.UtcNow)
            .SetProperty(d => d.LastError, "HTTP 500 Internal Server Error."));
    }
}
