using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using WebEdi.Data;
using WebEdi.Domain.Orders;
using WebEdi.Domain.Shipments;

namespace WebEdi.IntegrationTests.Portal.Shipments;

/// <summary>
/// The real server with the demo's companies and people (no demo orders), on SQLite or PostgreSQL, shared by the
/// shipment tests of one provider. Tests receive their own purchase orders straight into the database (as the intake
/// would store them) and then work through the portal as a clerk does.
/// </summary>
public abstract class ShipmentsPortal(DatabaseProvider provider, IReadOnlyDictionary<string, string?>? settings = null) : IAsyncLifetime
{
    public const string Sakura = "SAKURA-SEIMITSU";
    public const string Midori = "MIDORI-KAKO";
    public const string Tokai = "TOKAI-MOTOR";
    public const string Kansai = "KANSAI-DENKI";
    public const string SakuraOperator = OrdersPortal.SakuraOperator;
    public const string SakuraViewer = OrdersPortal.SakuraViewer;
    public const string SakuraAdmin = PortalServer.SakuraAdmin;
    public const string MidoriAdmin = OrdersPortal.MidoriAdmin;
    public const string Location = "本社工場 第1受入場";

    /// <summary>The orders' received instant: a Monday in Japan, so order dates and ship dates are fixed.</summary>
    public static readonly DateTime Received = new(2026, 11, 2, 0, 30, 0, DateTimeKind.Utc);

    public static readonly DateOnly ShipDate = new(2026, 11, 16);

    private readonly Dictionary<string, PortalSession> _sessions = [];
    private int _orders;

    public DatabaseProvider Provider => provider;

    public PortalServer Portal { get; private set; } = null!;

    public async Task InitializeAsync() => Portal = await PortalServer.StartAsync(provider, demoOrders: 0, extra: settings);

    public async Task DisposeAsync()
    {
        foreach (var session in _sessions.Values)
        {
            session.Dispose();
        }

        await Portal.DisposeAsync();
    }

    /// <summary>A signed-in session of <paramref name="email"/>, kept for the class (signing in is slow on purpose).</summary>
    public async Task<PortalSession> SessionAsync(string email)
    {
        if (!_sessions.TryGetValue(email, out var session))
        {
            _sessions[email] = session = await Portal.SignInAsync(email);
        }

        return session;
    }

    /// <summary>
    /// Stores a new order of <paramref name="buyer"/> to <paramref name="supplier"/> with one line per quantity
    /// (item names <c>品名 n</c>, ¥100 a unit), accepted unless told otherwise.
    /// </summary>
    public async Task<PurchaseOrder> OrderAsync(
        decimal[] quantities, string supplier = Sakura, string buyer = Tokai, string? location = Location, bool accept = true,
        Func<OrderLineData, OrderLineData>? line = null)
    {
        await using var db = Portal.OpenDatabase();
        var relationship = await db.TradingRelationships
            .SingleAsync(r => db.Companies.Any(c => c.Id == r.BuyerId && c.Code == buyer) && db.Companies.Any(c => c.Id == r.SupplierId && c.Code == supplier));
        var number = string.Create(CultureInfo.InvariantCulture, $"T{provider.ToString()[0]}-{Interlocked.Increment(ref _orders):D4}-{Guid.NewGuid().ToString("N")[..6].ToUpperInvariant()}");
        var lines = quantities.Select((q, i) => new OrderLineData(
                i + 1, $"TM-{i + 1:D4}", $"SK-{i + 1:D4}", $"品名 {i + 1}", "仕様 SUS304", q, "個", 100m, null, 10m,
                new DateOnly(2026, 11, 30), null, null))
            .Select(l => line?.Invoke(l) ?? l)
            .ToList();
        var order = PurchaseOrder.Receive(relationship, number, 1,
            new OrderHeader(DateOnly.FromDateTime(Received), "JPY", location, "購買部 小林", null), lines, Received);
        if (accept)
        {
            order.AcceptAll(null, Received.AddHours(1));
        }

        db.PurchaseOrders.Add(order);
        await db.SaveChangesAsync();
        return order;
    }

    public async Task<PurchaseOrder> ReloadAsync(Guid orderId)
    {
        await using var db = Portal.OpenDatabase();
        return await db.OrdersWithDetails().AsNoTracking().SingleAsync(o => o.Id == orderId);
    }

    /// <summary>The shipment with its lines, or null.</summary>
    public async Task<Shipment?> ShipmentAsync(string deliveryNoteNumber, string supplier = Sakura)
    {
        await using var db = Portal.OpenDatabase();
        return await db.Shipments.AsNoTracking().Include(s => s.Lines)
            .SingleOrDefaultAsync(s => s.DeliveryNoteNumber == deliveryNoteNumber && db.Companies.Any(c => c.Id == s.SupplierId && c.Code == supplier));
    }

    public async Task<Shipment> ShipmentAsync(Guid id)
    {
        await using var db = Portal.OpenDatabase();
        return await db.Shipments.AsNoTracking().Include(s => s.Lines).SingleAsync(s => s.Id == id);
    }

    /// <summary>Every shipment document in the outbox whose payload names <paramref name="deliveryNoteNumber"/>.</summary>
    public async Task<List<Data.Outbox.OutboxMessage>> DocumentsAsync(string deliveryNoteNumber)
    {
        await using var db = Portal.OpenDatabase();
        var marker = $"\"deliveryNoteNumber\":\"{deliveryNoteNumber}\"";
        return await db.OutboxMessages.AsNoTracking().Where(m => m.Payload.Contains(marker)).OrderBy(m => m.Sequence).ToListAsync();
    }

    public async Task<int> CountAsync<T>(Func<WebEdiDbContext, IQueryable<T>> query)
    {
        await using var db = Portal.OpenDatabase();
        return await query(db).CountAsync();
    }

    /// <summary>
    /// Opens "create shipment" for <paramref name="orders"/> and posts the form of the group holding the first line
    /// named, ticking exactly the lines in <paramref name="quantities"/> with those quantities (as typed text).
    /// </summary>
    public static async Task<PortalPage> ShipAsync(
        PortalSession session, IReadOnlyList<PurchaseOrder> orders, IReadOnlyDictionary<Guid, string> quantities, string? shipDate = null,
        Action<List<(string Name, string Value)>>? change = null)
    {
        var query = string.Join('&', orders.Select(o => $"order={o.Id}"));
        var page = await session.GetAsync($"/Shipments/Create?{query}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var form = FormHolding(page, quantities.Keys.First());
        var fields = Fields(form, quantities, shipDate ?? ShipDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        change?.Invoke(fields);
        return await session.PostAsync($"/Shipments/Create?{query}", page, [.. fields]);
    }

    /// <summary>The group form that has a row for the order line.</summary>
    public static IElement FormHolding(PortalPage page, Guid lineId) =>
        page.Document.QuerySelectorAll("form.shipment-form").FirstOrDefault(f => f.QuerySelector($"input[value='{lineId}']") is not null)
        ?? throw new InvalidOperationException($"No shipment form offers order line {lineId}: {page.Text}");

    /// <summary>A group form's fields with the given lines ticked and their quantities typed, every other line unticked.</summary>
    public static List<(string Name, string Value)> Fields(IElement form, IReadOnlyDictionary<Guid, string> quantities, string shipDate)
    {
        var fields = new List<(string, string)>
        {
            ("Group", form.QuerySelector("input[name=Group]")!.GetAttribute("value")!),
            ("ShipDate", shipDate),
        };
        fields.AddRange(form.QuerySelectorAll("input[name^='Versions[']").Select(v => (v.GetAttribute("name")!, v.GetAttribute("value")!)));
        foreach (var id in form.QuerySelectorAll("input[name$='.LineId']"))
        {
            var prefix = id.GetAttribute("name")![..^".LineId".Length];
            var lineId = Guid.Parse(id.GetAttribute("value")!);
            fields.Add((prefix + ".LineId", lineId.ToString()));
            if (quantities.TryGetValue(lineId, out var quantity))
            {
                fields.Add((prefix + ".Selected", "true"));
                fields.Add((prefix + ".Quantity", quantity));
            }
        }

        return fields;
    }

    /// <summary>Adds a ticked row for an order line the form does not offer, as a hand-made post would.</summary>
    public static void AddLine(List<(string Name, string Value)> fields, Guid lineId, string quantity)
    {
        var index = fields.Count(f => f.Name.EndsWith(".LineId", StringComparison.Ordinal));
        fields.AddRange([($"Lines[{index}].LineId", lineId.ToString()), ($"Lines[{index}].Selected", "true"), ($"Lines[{index}].Quantity", quantity)]);
    }

    /// <summary>The shipment id a successful creation redirected to.</summary>
    public static Guid CreatedId(PortalPage response)
    {
        Assert.True(response.Status == HttpStatusCode.Redirect, $"Expected a redirect to the new shipment, got {response.Status}: {response.Document.QuerySelector(".form-errors")?.TextContent}");
        return Guid.Parse(response.Location!["/Shipments/".Length..]);
    }

    /// <summary>Line ids and quantities as the form takes them.</summary>
    public static Dictionary<Guid, string> Quantities(params (PurchaseOrderLine Line, decimal Quantity)[] lines) =>
        lines.ToDictionary(l => l.Line.Id, l => l.Quantity.ToString(CultureInfo.InvariantCulture));
}

public sealed class SqliteShipmentsPortal() : ShipmentsPortal(DatabaseProvider.Sqlite);

public sealed class PostgreSqlShipmentsPortal() : ShipmentsPortal(DatabaseProvider.PostgreSql);

/// <summary>A portal of its own, for a test that needs other settings (a broker, no fonts).</summary>
public sealed class OwnShipmentsPortal(DatabaseProvider provider, IReadOnlyDictionary<string, string?> settings) : ShipmentsPortal(provider, settings);

[CollectionDefinition(Name)]
public sealed class ShipmentsOnSqlite : ICollectionFixture<SqliteShipmentsPortal>
{
    public const string Name = "Shipments on SQLite";
}

[CollectionDefinition(Name)]
public sealed class ShipmentsOnPostgreSql : ICollectionFixture<PostgreSqlShipmentsPortal>
{
    public const string Name = "Shipments on PostgreSQL";
}
