using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace WebEdi.Data.Migrations;

/// <summary>The transactional outbox of documents for buyers' ERPs, and the order notices suppliers are e-mailed about.</summary>
[DbContext(typeof(WebEdiDbContext))]
[Migration("20261122000100_OutboxAndNotices")]
public sealed class OutboxAndNotices : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "OutboxMessages",
            columns: t => new
            {
                Sequence = t.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Id = t.Column<Guid>(nullable: false),
                BuyerId = t.Column<Guid>(nullable: false),
                MessageType = t.Column<string>(maxLength: 64, nullable: false),
                Payload = t.Column<string>(nullable: false),
                OrderNumber = t.Column<string>(maxLength: 40, nullable: true),
                CreatedAt = t.Column<DateTime>(nullable: false),
                DispatchedAt = t.Column<DateTime>(nullable: true),
                Attempts = t.Column<int>(nullable: false),
                LastError = t.Column<string>(maxLength: 2000, nullable: true),
                LeaseOwner = t.Column<string>(maxLength: 100, nullable: true),
                LeaseExpiresAt = t.Column<DateTime>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_OutboxMessages", x => x.Sequence);
                t.ForeignKey("FK_OutboxMessages_Companies_BuyerId", x => x.BuyerId, "Companies", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_OutboxMessages_Id", "OutboxMessages", "Id", unique: true);
        migrationBuilder.CreateIndex("IX_OutboxMessages_DispatchedAt_Sequence", "OutboxMessages", ["DispatchedAt", "Sequence"]);
        migrationBuilder.CreateIndex("IX_OutboxMessages_BuyerId_Sequence", "OutboxMessages", ["BuyerId", "Sequence"]);

        migrationBuilder.CreateTable(
            name: "OrderNotices",
            columns: t => new
            {
                Sequence = t.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Id = t.Column<Guid>(nullable: false),
                SupplierId = t.Column<Guid>(nullable: false),
                BuyerId = t.Column<Guid>(nullable: false),
                PurchaseOrderId = t.Column<Guid>(nullable: false),
                OrderNumber = t.Column<string>(maxLength: 40, nullable: false),
                Revision = t.Column<int>(nullable: false),
                Kind = t.Column<string>(maxLength: 16, nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_OrderNotices", x => x.Sequence);
                t.ForeignKey("FK_OrderNotices_Companies_SupplierId", x => x.SupplierId, "Companies", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_OrderNotices_Id", "OrderNotices", "Id", unique: true);
        migrationBuilder.CreateIndex("IX_OrderNotices_SupplierId_Sequence", "OrderNotices", ["SupplierId", "Sequence"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("OrderNotices");
        migrationBuilder.DropTable("OutboxMessages");
    }
}
