using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using WebEdi.Data.Deliveries;

namespace WebEdi.Data.Migrations;

/// <summary>
/// The dispatcher's two indexes — by state, and by channel and order for "is an earlier document of this order still on
/// its way?" — keep only the deliveries not delivered yet. They held every delivery ever made, though the dispatcher
/// only ever looks for the others, and marking a delivery delivered wrote a new entry into each.
/// </summary>
[DbContext(typeof(WebEdiDbContext))]
[Migration("20261204130000_OpenDeliveriesIndexes")]
public sealed class OpenDeliveriesIndexes : Migration
{
    private static readonly (string Name, string[] Columns)[] Indexes =
    [
        ("IX_Deliveries_State_Sequence", ["State", "Sequence"]),
        ("IX_Deliveries_ChannelId_OrderNumber_OutboxSequence", ["ChannelId", "OrderNumber", "OutboxSequence"]),
    ];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        foreach (var (name, columns) in Indexes)
        {
            migrationBuilder.DropIndex(name, "Deliveries");
            migrationBuilder.CreateIndex(name, "Deliveries", columns, filter: Delivery.OpenFilter);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var (name, columns) in Indexes)
        {
            migrationBuilder.DropIndex(name, "Deliveries");
            migrationBuilder.CreateIndex(name, "Deliveries", columns);
        }
    }
}
