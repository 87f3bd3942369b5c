using WebEdi.Data;
using WebEdi.Domain.Companies;
using WebEdi.Domain.Orders;

namespace WebEdi.IntegrationTests.Persistence;

/// <summary>A buyer, a supplier and their trading relationship, stored; and orders between them.</summary>
public sealed record Trade(Company Buyer, Company Supplier, TradingRelationship Relationship)
{
    public static readonly DateTime At = new(2026, 11, 2, 1, 30, 0, DateTimeKind.Utc);

    public static async Task<Trade> StoreAsync(WebEdiDbContext db, string buyerCode = "TOKAI-MOTOR", string supplierCode = "SAKURA-SEIMITSU")
    {
        var buyer = Company.Create(buyerCode, "東海モーター工業株式会社", isBuyer: true, isSupplier: false, At);
        var supplier = Company.Create(supplierCode, "さくら精密株式会社", isBuyer: false, isSupplier: true, At);
        var relationship = TradingRelationship.Create(buyer, supplier, "S10021", At);
        db.AddRange(buyer, supplier, relationship);
        await db.SaveChangesAsync();
        return new Trade(buyer, supplier, relationship);
    }

    public PurchaseOrder Order(string number, params decimal[] quantities) => PurchaseOrder.Receive(
        Relationship, number, 1,
        new OrderHeader(new DateOnly(2026, 11, 2), "JPY", "本社工場 第1受入場", "購買部 小林", "検査成績書を添付のこと"),
        quantities.Select((q, i) => new OrderLineData(
            i + 1, $"TM-B-620{i}", $"SK-620{i}ZZ", "深溝玉軸受 6203ZZ", "内径17mm 外径40mm", q, "個", 185.5m, null, 10m,
            new DateOnly(2026, 11, 20), null, null)).ToList(),
        At);
}
