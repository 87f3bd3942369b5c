using Microsoft.EntityFrameworkCore;
using WebEdi.Domain.Orders;

namespace WebEdi.IntegrationTests.Portal;

/// <summary>One server with 150 demo orders, shared by the order-page tests of a class; helpers to find orders in it.</summary>
public sealed class OrdersPortal : IAsyncLifetime
{
    public const string SakuraOperator = "operator@sakura-seimitsu.example";
    public const string SakuraViewer = "viewer@sakura-seimitsu.example";
    public const string MidoriAdmin = "admin@midori-kako.example";

    private readonly HashSet<Guid> _taken = [];

    public PortalServer Portal { get; private set; } = null!;

    public async Task InitializeAsync() => Portal = await PortalServer.StartAsync(demoOrders: 150);

    public async Task DisposeAsync() => await Portal.DisposeAsync();

    /// <summary>An order of <paramref name="supplier"/> in one of <paramref name="statuses"/> that no other test of the class has taken.</summary>
    public async Task<PurchaseOrder> TakeOrderAsync(string supplier, params OrderStatus[] statuses)
    {
        await using var db = Portal.OpenDatabase();
        var supplierId = await db.Companies.Where(c => c.Code == supplier).Select(c => c.Id).SingleAsync();
        var candidates = await db.OrdersWithDetails().AsNoTracking()
            .Where(o => o.SupplierId == supplierId && statuses.Contains(o.Status))
            .OrderBy(o => o.OrderNumber)
            .ToListAsync();
        lock (_taken)
        {
            return candidates.FirstOrDefault(o => _taken.Add(o.Id))
                ?? throw new InvalidOperationException($"No untaken {string.Join('/', statuses)} order of {supplier} in the demo data.");
        }
    }

    public async Task<PurchaseOrder> ReloadAsync(Guid orderId)
    {
        await using var db = Portal.OpenDatabase();
        return await db.OrdersWithDetails().AsNoTracking().SingleAsync(o => o.Id == orderId);
    }
}
