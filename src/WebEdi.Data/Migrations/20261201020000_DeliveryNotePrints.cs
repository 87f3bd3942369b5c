using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace WebEdi.Data.Migrations;

/// <summary>
/// The print history of delivery notes (who printed which shipment when, alone or in a batch), and the index of the
/// shipment list (a supplier's shipments by ship date, every status). Only adds.
/// </summary>
[DbContext(typeof(WebEdiDbContext))]
[Migration("20261201020000_DeliveryNotePrints")]
public sealed class DeliveryNotePrints : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "DeliveryNotePrints",
            columns: t => new
            {
                Sequence = t.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                ShipmentId = t.Column<Guid>(nullable: false),
                SupplierId = t.Column<Guid>(nullable: false),
                PrintedBy = t.Column<Guid>(nullable: false),
                PrintedByName = t.Column<string>(maxLength: 100, nullable: false),
                PrintedAt = t.Column<DateTime>(nullable: false),
                BatchId = t.Column<Guid>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_DeliveryNotePrints", x => x.Sequence);
                t.ForeignKey("FK_DeliveryNotePrints_Shipments_ShipmentId", x => x.ShipmentId, "Shipments", "Id", onDelete: ReferentialAction.Cascade);
                t.ForeignKey("FK_DeliveryNotePrints_Companies_SupplierId", x => x.SupplierId, "Companies", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_DeliveryNotePrints_ShipmentId_Sequence", "DeliveryNotePrints", ["ShipmentId", "Sequence"]);
        migrationBuilder.CreateIndex("IX_DeliveryNotePrints_SupplierId", "DeliveryNotePrints", "SupplierId");
        migrationBuilder.CreateIndex("IX_DeliveryNotePrints_BatchId", "DeliveryNotePrints", "BatchId");
        migrationBuilder.CreateIndex("IX_Shipments_SupplierId_ShipDate", "Shipments", ["SupplierId", "ShipDate"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_Shipments_SupplierId_ShipDate", "Shipments");
        migrationBuilder.DropTable("DeliveryNotePrints");
    }
}
