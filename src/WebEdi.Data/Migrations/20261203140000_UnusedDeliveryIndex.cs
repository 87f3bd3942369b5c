using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace WebEdi.Data.Migrations;

/// <summary>
/// The deliveries by document id, which no query reads (the delivery log finds a delivery by its sequence, and a
/// document's deliveries by outbox position and channel). Every delivery wrote it when it was created and again at
/// each change of state, since a change of state writes a new entry in every index of the row.
/// </summary>
[DbContext(typeof(WebEdiDbContext))]
[Migration("20261203140000_UnusedDeliveryIndex")]
public sealed class UnusedDeliveryIndex : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.DropIndex("IX_Deliveries_DocumentId", "Deliveries");

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.CreateIndex("IX_Deliveries_DocumentId", "Deliveries", "DocumentId");
}
