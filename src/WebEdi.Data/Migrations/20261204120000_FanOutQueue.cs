using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using WebEdi.Data.Outbox;

namespace WebEdi.Data.Migrations;

/// <summary>
/// The fan-out's work list moves off the outbox rows into a queue of its own. The fan-out used to claim a document by
/// setting its <c>DispatchedAt</c>, which rewrote the whole row (payload included) and, since that column was indexed,
/// added an entry to every index of the outbox: a fifth of the database's time per delivered document. Now the insert
/// of a document adds a narrow <c>FanOutQueue</c> row by trigger and the fan-out's claim deletes it; the outbox row is
/// never changed again. The documents not fanned out yet are queued here; the columns only the old claim used go.
/// </summary>
/// <remarks>
/// An <c>adapters</c> process of an earlier release must be stopped before this runs (it would find the columns gone
/// and pause, which is safer than fanning out a second time).
/// </remarks>
[DbContext(typeof(WebEdiDbContext))]
[Migration("20261204120000_FanOutQueue")]
public sealed class FanOutQueueTable : Migration
{
    private const string Sqlite = "Microsoft.EntityFrameworkCore.Sqlite";

    // PostgreSQL: one statement-level trigger, so a COPY of 5,000 documents adds its 5,000 entries in one INSERT.
    private const string PostgreSqlTrigger = $$"""
        CREATE FUNCTION "{{FanOutQueueEntry.Trigger}}"() RETURNS trigger LANGUAGE plpgsql AS $body$
        BEGIN
            INSERT INTO "FanOutQueue" ("Sequence") SELECT "Sequence" FROM inserted;
            RETURN NULL;
        END
        $body$;
        CREATE TRIGGER "{{FanOutQueueEntry.Trigger}}" AFTER INSERT ON "OutboxMessages"
            REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION "{{FanOutQueueEntry.Trigger}}"();
        """;

    private const string SqliteTrigger = $$"""
        CREATE TRIGGER "{{FanOutQueueEntry.Trigger}}" AFTER INSERT ON "OutboxMessages"
        BEGIN
            INSERT INTO "FanOutQueue" ("Sequence") VALUES (NEW."Sequence");
        END;
        """;

    private static readonly string[] Unused = ["DispatchedAt", "Attempts", "LastError", "LeaseOwner", "LeaseExpiresAt"];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "FanOutQueue",
            columns: t => new { Sequence = t.Column<long>(nullable: false) },
            constraints: t => t.PrimaryKey("PK_FanOutQueue", x => x.Sequence));
        migrationBuilder.Sql(migrationBuilder.ActiveProvider == Sqlite ? SqliteTrigger : PostgreSqlTrigger);
        migrationBuilder.Sql("""INSERT INTO "FanOutQueue" ("Sequence") SELECT "Sequence" FROM "OutboxMessages" WHERE "DispatchedAt" IS NULL""");

        migrationBuilder.DropIndex("IX_OutboxMessages_DispatchedAt_Sequence", "OutboxMessages");
        foreach (var column in Unused)
        {
            DropColumn(migrationBuilder, column);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<DateTime>("DispatchedAt", "OutboxMessages", nullable: true);
        migrationBuilder.AddColumn<int>("Attempts", "OutboxMessages", nullable: false, defaultValue: 0);
        migrationBuilder.AddColumn<string>("LastError", "OutboxMessages", maxLength: 2000, nullable: true);
        migrationBuilder.AddColumn<string>("LeaseOwner", "OutboxMessages", maxLength: 100, nullable: true);
        migrationBuilder.AddColumn<DateTime>("LeaseExpiresAt", "OutboxMessages", nullable: true);
        migrationBuilder.Sql("""
            UPDATE "OutboxMessages" SET "DispatchedAt" = "CreatedAt"
            WHERE NOT EXISTS (SELECT 1 FROM "FanOutQueue" AS q WHERE q."Sequence" = "OutboxMessages"."Sequence")
            """);
        migrationBuilder.CreateIndex("IX_OutboxMessages_DispatchedAt_Sequence", "OutboxMessages", ["DispatchedAt", "Sequence"]);
        migrationBuilder.Sql(migrationBuilder.ActiveProvider == Sqlite
            ? $"""DROP TRIGGER "{FanOutQueueEntry.Trigger}";"""
            : $"""DROP TRIGGER "{FanOutQueueEntry.Trigger}" ON "OutboxMessages"; DROP FUNCTION "{FanOutQueueEntry.Trigger}"();""");
        migrationBuilder.DropTable("FanOutQueue");
    }

    // EF refuses DropColumn on SQLite; SQLite itself (3.35 and later) drops an unindexed column in place.
    private static void DropColumn(MigrationBuilder migrationBuilder, string column)
    {
        if (migrationBuilder.ActiveProvider == Sqlite)
        {
            migrationBuilder.Sql($"""ALTER TABLE "OutboxMessages" DROP COLUMN "{column}" """);
        }
        else
        {
            migrationBuilder.DropColumn(column, "OutboxMessages");
        }
    }
}
