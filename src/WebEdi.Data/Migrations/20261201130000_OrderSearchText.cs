using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace WebEdi.Data.Migrations;

/// <summary>
/// The inbox's search by order number, item code or item name read every line of every order of the supplier (one
/// lookup per order); with 100,000 lines a supplier's search took over half a second on PostgreSQL. The order now keeps
/// its number and its lines' codes and names in one column, filled here for the orders already stored.
/// </summary>
[DbContext(typeof(WebEdiDbContext))]
[Migration("20261201130000_OrderSearchText")]
public sealed class OrderSearchText : Migration
{
    /// <summary>Fills the column from the lines on PostgreSQL (the portal benchmark's seed uses it too).</summary>
    public const string PostgreSqlFill = """
        UPDATE "PurchaseOrders" AS o SET "SearchText" = o."OrderNumber" || s.lines
        FROM (SELECT "PurchaseOrderId" AS id,
                     string_agg(E'\n' || "BuyerItemCode" || E'\n' || coalesce("SupplierItemCode", '') || E'\n' || "ItemName", '' ORDER BY "LineNumber") AS lines
              FROM "PurchaseOrderLines" GROUP BY "PurchaseOrderId") AS s
        WHERE s.id = o."Id"
        """;

    // The lines in stored order rather than by number: the text is only ever searched, never shown.
    private const string SqliteFill = """
        UPDATE "PurchaseOrders" SET "SearchText" = "OrderNumber" || coalesce((
            SELECT group_concat(char(10) || l."BuyerItemCode" || char(10) || coalesce(l."SupplierItemCode", '') || char(10) || l."ItemName", '')
            FROM "PurchaseOrderLines" AS l WHERE l."PurchaseOrderId" = "PurchaseOrders"."Id"), '')
        """;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>("SearchText", "PurchaseOrders", nullable: false, defaultValue: "");
        migrationBuilder.Sql(migrationBuilder.ActiveProvider switch
        {
            "Microsoft.EntityFrameworkCore.Sqlite" => SqliteFill,
            "Npgsql.EntityFrameworkCore.PostgreSQL" => PostgreSqlFill,
            var other => throw new NotSupportedException($"No fill for the search text on {other}."),
        });
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        // EF refuses DropColumn on SQLite; SQLite itself (3.35 and later) drops an unindexed column in place.
        if (migrationBuilder.ActiveProvider == "Microsoft.EntityFrameworkCore.Sqlite")
        {
            migrationBuilder.Sql("""ALTER TABLE "PurchaseOrders" DROP COLUMN "SearchText" """);
        }
        else
        {
            migrationBuilder.DropColumn("SearchText", "PurchaseOrders");
        }
    }
}
