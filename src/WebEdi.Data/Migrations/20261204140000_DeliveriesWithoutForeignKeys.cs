using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace WebEdi.Data.Migrations;

/// <summary>
/// Deliveries lose their foreign keys to the outbox, the buyer's channels and the companies. A delivery is written
/// only by the fan-out, from the document and channel it has just read, and none of those rows is ever deleted; yet
/// PostgreSQL checked all three keys row by row, and the check on the document also locked the document's row, which
/// rewrote it in the log: a third of the time it took to write a delivery.
/// </summary>
/// <remarks>
/// PostgreSQL drops the constraints in place. SQLite cannot, so the table is rebuilt the way EF rebuilds one, with the
/// foreign-key checks off (outside the migration's transaction) while the old table is dropped.
/// </remarks>
[DbContext(typeof(WebEdiDbContext))]
[Migration("20261204140000_DeliveriesWithoutForeignKeys")]
public sealed class DeliveriesWithoutForeignKeys : Migration
{
    private static readonly (string Name, string Column, string Table, string Key)[] Keys =
    [
        ("FK_Deliveries_OutboxMessages_OutboxSequence", "OutboxSequence", "OutboxMessages", "Sequence"),
        ("FK_Deliveries_BuyerChannels_ChannelId", "ChannelId", "BuyerChannels", "Id"),
        ("FK_Deliveries_Companies_BuyerId", "BuyerId", "Companies", "Id"),
    ];

    private const string SqliteColumns = """
            "Sequence" INTEGER NOT NULL CONSTRAINT "PK_Deliveries" PRIMARY KEY AUTOINCREMENT,
            "OutboxSequence" INTEGER NOT NULL,
            "DocumentId" TEXT NOT NULL,
            "ChannelId" TEXT NOT NULL,
            "BuyerId" TEXT NOT NULL,
            "Kind" TEXT NOT NULL,
            "MessageType" TEXT NOT NULL,
            "OrderNumber" TEXT NULL,
            "State" TEXT NOT NULL,
            "Attempts" INTEGER NOT NULL,
            "CreatedAt" TEXT NOT NULL,
            "FirstAttemptAt" TEXT NULL,
            "NextAttemptAt" TEXT NULL,
            "Token" TEXT NULL,
            "LeaseExpiresAt" TEXT NULL,
            "DeliveredAt" TEXT NULL,
            "DeliveredBy" TEXT NULL,
            "DeadAt" TEXT NULL,
            "LastError" TEXT NULL,
            "Replays" INTEGER NOT NULL,
            "ReplayedAt" TEXT NULL
        """;

    private const string SqliteColumnList = """
        "Sequence", "OutboxSequence", "DocumentId", "ChannelId", "BuyerId", "Kind", "MessageType", "OrderNumber", "State",
        "Attempts", "CreatedAt", "FirstAttemptAt", "NextAttemptAt", "Token", "LeaseExpiresAt", "DeliveredAt", "DeliveredBy",
        "DeadAt", "LastError", "Replays", "ReplayedAt"
        """;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.IsSqlite())
        {
            RebuildOnSqlite(migrationBuilder, withKeys: false);
            return;
        }

        foreach (var key in Keys)
        {
            migrationBuilder.DropForeignKey(key.Name, "Deliveries");
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.IsSqlite())
        {
            RebuildOnSqlite(migrationBuilder, withKeys: true);
            return;
        }

        foreach (var key in Keys)
        {
            migrationBuilder.AddForeignKey(key.Name, "Deliveries", key.Column, key.Table, principalColumn: key.Key, onDelete: ReferentialAction.Restrict);
        }
    }

    private static void RebuildOnSqlite(MigrationBuilder migrationBuilder, bool withKeys)
    {
        var keys = withKeys
            ? string.Concat(Keys.Select(k => $",\n    CONSTRAINT \"{k.Name}\" FOREIGN KEY (\"{k.Column}\") REFERENCES \"{k.Table}\" (\"{k.Key}\") ON DELETE RESTRICT"))
            : "";
        migrationBuilder.Sql("PRAGMA foreign_keys = 0;", suppressTransaction: true);
        migrationBuilder.Sql($"""CREATE TABLE "ef_temp_Deliveries" ({SqliteColumns}{keys});""");
        migrationBuilder.Sql($"""INSERT INTO "ef_temp_Deliveries" ({SqliteColumnList}) SELECT {SqliteColumnList} FROM "Deliveries";""");
        migrationBuilder.Sql("""DROP TABLE "Deliveries";""");
        migrationBuilder.Sql("""ALTER TABLE "ef_temp_Deliveries" RENAME TO "Deliveries";""");
        migrationBuilder.CreateIndex("IX_Deliveries_OutboxSequence_ChannelId", "Deliveries", ["OutboxSequence", "ChannelId"], unique: true);
        migrationBuilder.CreateIndex("IX_Deliveries_State_Sequence", "Deliveries", ["State", "Sequence"]);
        migrationBuilder.CreateIndex("IX_Deliveries_ChannelId_OrderNumber_OutboxSequence", "Deliveries", ["ChannelId", "OrderNumber", "OutboxSequence"]);
        migrationBuilder.CreateIndex("IX_Deliveries_BuyerId_Sequence", "Deliveries", ["BuyerId", "Sequence"]);
        migrationBuilder.CreateIndex("IX_Deliveries_BuyerId_State_Sequence", "Deliveries", ["BuyerId", "State", "Sequence"]);
        migrationBuilder.Sql("PRAGMA foreign_keys = 1;", suppressTransaction: true);
    }
}
