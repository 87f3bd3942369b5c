using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace WebEdi.Data.Migrations;

/// <summary>
/// One row per message on an adapter's queue, claimed by the adapter that takes it, instead of each delivery being
/// claimed (Queued → Sending) and its lease renewed row by row (docs/decisions/0004-document-delivery.md). Only adds:
/// deliveries handed over by an earlier release keep their own lease and are taken back by it as before.
/// </summary>
[DbContext(typeof(WebEdiDbContext))]
[Migration("20261202090000_DeliveryHandOvers")]
public sealed class DeliveryHandOvers : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "DeliveryHandOvers",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                Kind = t.Column<string>(maxLength: 16, nullable: false),
                Count = t.Column<int>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                LeaseExpiresAt = t.Column<DateTime>(nullable: false),
                ClaimedAt = t.Column<DateTime>(nullable: true),
                ClaimedBy = t.Column<string>(maxLength: 100, nullable: true),
            },
            constraints: t => t.PrimaryKey("PK_DeliveryHandOvers", x => x.Id));
        migrationBuilder.CreateIndex("IX_DeliveryHandOvers_LeaseExpiresAt", "DeliveryHandOvers", "LeaseExpiresAt");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("DeliveryHandOvers");
}
