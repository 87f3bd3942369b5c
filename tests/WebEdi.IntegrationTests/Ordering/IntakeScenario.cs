using Microsoft.Extensions.Logging.Abstractions;
using WebEdi.Contracts;
using WebEdi.Data;
using WebEdi.IntegrationTests.Persistence;
using WebEdi.Ordering.Intake;

namespace WebEdi.IntegrationTests.Ordering;

/// <summary>A migrated database with a buyer and supplier, and messages the way an ERP sends them.</summary>
public sealed class IntakeScenario
{
    private IntakeScenario(DatabaseOptions database, Trade trade)
    {
        Database = database;
        Trade = trade;
    }

    public DatabaseOptions Database { get; }

    public Trade Trade { get; }

    public static async Task<IntakeScenario> CreateAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.MigratedAsync(provider);
        await using var db = TestDatabase.Open(database);
        return new IntakeScenario(database, await Trade.StoreAsync(db));
    }

    /// <summary>One intake call on its own context, as one request or message would be handled.</summary>
    public async Task<IntakeReply> SendAsync(Func<PurchaseOrderIntake, Task<IntakeReply>> call)
    {
        await using var db = TestDatabase.Open(Database);
        return await call(new PurchaseOrderIntake(db, TimeProvider.System, NullLogger<PurchaseOrderIntake>.Instance));
    }

    public Task<IntakeReply> SubmitAsync(SubmitPurchaseOrder message) => SendAsync(i => i.ReviseAsync(Trade.Buyer, message));

    public static SubmitPurchaseOrder Order(string number, int revision = 1, decimal quantity = 100m, decimal secondQuantity = 50m) => new()
    {
        OrderNumber = number,
        Revision = revision,
        SupplierCode = "S10021",
        OrderDate = new DateOnly(2026, 11, 2),
        Currency = "JPY",
        DeliveryLocation = "本社工場 第1受入場",
        Lines =
        [
            Line(1, quantity),
            Line(2, secondQuantity),
        ],
    };

    public static PurchaseOrderLine Line(int number, decimal quantity) => new()
    {
        LineNumber = number,
        BuyerItemCode = $"TM-B-620{number}",
        ItemName = "深溝玉軸受 6203ZZ",
        Quantity = quantity,
        Unit = "個",
        UnitPrice = 185.5m,
        TaxRate = 10m,
        RequestedDeliveryDate = new DateOnly(2026, 11, 30),
    };

    public static ChangePurchaseOrder Change(SubmitPurchaseOrder order, int revision, decimal quantity) => new()
    {
        OrderNumber = order.OrderNumber,
        Revision = revision,
        SupplierCode = order.SupplierCode,
        OrderDate = order.OrderDate,
        Currency = order.Currency,
        DeliveryLocation = order.DeliveryLocation,
        Lines = [Line(1, quantity), order.Lines[1]],
    };
}
