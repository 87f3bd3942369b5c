using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace WebEdi.Data.Migrations;

/// <summary>
/// The inbox counts every tab on every view. With the status, next delivery date and read time in the index, the count
/// reads the index alone instead of every one of the supplier's order rows (measured in docs/benchmarks.md: a supplier
/// with 33,000 orders counted in about a third of the time on PostgreSQL).
/// </summary>
[DbContext(typeof(WebEdiDbContext))]
[Migration("20261201120000_InboxTabCountIndex")]
public sealed class InboxTabCountIndex : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateIndex(
            "IX_PurchaseOrders_SupplierId_Status_NextDeliveryDate_ViewedAt", "PurchaseOrders", ["SupplierId", "Status", "NextDeliveryDate", "ViewedAt"]);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropIndex("IX_PurchaseOrders_SupplierId_Status_NextDeliveryDate_ViewedAt", "PurchaseOrders");
}
