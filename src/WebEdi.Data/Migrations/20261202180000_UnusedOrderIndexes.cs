using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace WebEdi.Data.Migrations;

/// <summary>
/// Two indexes no query reads any more: the order lines by buyer item code (the inbox searches
/// <c>PurchaseOrders.SearchText</c> since <see cref="OrderSearchText"/>) and the orders by buyer, status and order date
/// (made for buyer-side order lists that were never built). Every new order and line wrote them, and every answer that
/// changes an order's status rewrote the second; the nightly import writes 100,000 lines at a time.
/// </summary>
[DbContext(typeof(WebEdiDbContext))]
[Migration("20261202180000_UnusedOrderIndexes")]
public sealed class UnusedOrderIndexes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_PurchaseOrderLines_BuyerItemCode", "PurchaseOrderLines");
        migrationBuilder.DropIndex("IX_PurchaseOrders_BuyerId_Status_OrderDate", "PurchaseOrders");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateIndex("IX_PurchaseOrderLines_BuyerItemCode", "PurchaseOrderLines", "BuyerItemCode");
        migrationBuilder.CreateIndex("IX_PurchaseOrders_BuyerId_Status_OrderDate", "PurchaseOrders", ["BuyerId", "Status", "OrderDate"]);
    }
}
