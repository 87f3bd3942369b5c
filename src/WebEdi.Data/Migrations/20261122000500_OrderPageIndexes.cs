using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace WebEdi.Data.Migrations;

/// <summary>
/// The order page shows one order's notices and documents; without these indexes each view would scan every notice of
/// the supplier and every document of the buyer.
/// </summary>
[DbContext(typeof(WebEdiDbContext))]
[Migration("20261122000500_OrderPageIndexes")]
public sealed class OrderPageIndexes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateIndex("IX_OutboxMessages_BuyerId_OrderNumber", "OutboxMessages", ["BuyerId", "OrderNumber"]);
        migrationBuilder.CreateIndex("IX_OrderNotices_PurchaseOrderId", "OrderNotices", "PurchaseOrderId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_OrderNotices_PurchaseOrderId", "OrderNotices");
        migrationBuilder.DropIndex("IX_OutboxMessages_BuyerId_OrderNumber", "OutboxMessages");
    }
}
