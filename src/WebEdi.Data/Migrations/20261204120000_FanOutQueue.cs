using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using WebEdi.Data.Outbox;

namespace WebEdi.Data.Migrations;

/// <summary>
/// The fan-out's work list moves off the outbox rows into a queue of its own. The fan-out used to claim a document by
/// setting its <c>DispatchedAt</c>, which rewrote the whole row (payload included) and, since that column was indexed,
/// added an entry to every index of the outbox: a fifth of the database's time per delivered document. Now the insert
/// of a document adds a narrow <c>FanOutQueue</c> row by trigger and the fan-out's claim deletes it; the outbox row is
/// never changed again. The documents not fanned out yet are queued here, and the index on <c>DispatchedAt</c> goes.
/// </summary>
/// <remarks>
/// Processes of the previous release keep working during a rolling upgrade: the columns they write stay (the next
/// release drops them), and when one of their <c>adapters</c> processes claims a document by <c>DispatchedAt</c>, a
/// second trigger takes it off the queue in the same statement, so this release does not fan it out again. (Such a
/// process also finds the documents this release fanned out still undispatched; its attempt to fan them out again
/// fails on the deliveries' unique index and changes nothing, until it is stopped.)
/// </remarks>
[DbContext(typeof(WebEdiDbContext))]
[Migration("20261204120000_FanOutQueue")]
public sealed class FanOutQueueTable : Migration
{
    // PostgreSQL: statement-level triggers, so a COPY of 5,000 documents adds its 5,000 entries in one INSERT. (A
    // trigger with a transition table cannot name its columns; this release never updates outbox rows, so the second
    // one only ever runs for a process of the previous release.)
    private const string PostgreSqlTriggers = $$"""
        CREATE FUNCTION "{{FanOutQueueEntry.Trigger}}"() RETURNS trigger LANGUAGE plpgsql AS $body$
        BEGIN
            INSERT INTO "FanOutQueue" ("Sequence") SELECT "Sequence" FROM inserted;
            RETURN NULL;
        END
        $body$;
        CREATE TRIGGER "{{FanOutQueueEntry.Trigger}}" AFTER INSERT ON "OutboxMessages"
            REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION "{{FanOutQueueEntry.Trigger}}"();
        CREATE FUNCTION "{{FanOutQueueEntry.LegacyClaimTrigger}}"() RETURNS trigger LANGUAGE plpgsql AS $body$
        BEGIN
            DELETE FROM "FanOutQueue" AS q USING updated AS u WHERE q."Sequence" = u."Sequence" AND u."DispatchedAt" IS NOT NULL;
            RETURN NULL;
        END
        $body$;
        CREATE TRIGGER "{{FanOutQueueEntry.LegacyClaimTrigger}}" AFTER UPDATE ON "OutboxMessages"
            REFERENCING NEW TABLE AS updated FOR EACH STATEMENT EXECUTE FUNCTION "{{FanOutQueueEntry.LegacyClaimTrigger}}"();
        """;

    private const string SqliteTriggers = $$"""
        CREATE TRIGGER "{{FanOutQueueEntry.Trigger}}" AFTER INSERT ON "OutboxMessages"
        BEGIN
            INSERT INTO "FanOutQueue" ("Sequence") VALUES (NEW."Sequence");
        END;
        CREATE TRIGGER "{{FanOutQueueEntry.LegacyClaimTrigger}}" AFTER UPDATE OF "DispatchedAt" ON "OutboxMessages"
            WHEN NEW."DispatchedAt" IS NOT NULL
        BEGIN
            DELETE FROM "FanOutQueue" WHERE "Sequence" = NEW."Sequence";
        END;
        """;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "FanOutQueue",
            columns: t => new { Sequence = t.Column<long>(nullable: false) },
            constraints: t => t.PrimaryKey("PK_FanOutQueue", x => x.Sequence));
        migrationBuilder.Sql(migrationBuilder.IsSqlite() ? SqliteTriggers : PostgreSqlTriggers);
        migrationBuilder.Sql("""INSERT INTO "FanOutQueue" ("Sequence") SELECT "Sequence" FROM "OutboxMessages" WHERE "DispatchedAt" IS NULL""");
        migrationBuilder.DropIndex("IX_OutboxMessages_DispatchedAt_Sequence", "OutboxMessages");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            UPDATE "OutboxMessages" SET "DispatchedAt" = "CreatedAt"
            WHERE "DispatchedAt" IS NULL AND NOT EXISTS (SELECT 1 FROM "FanOutQueue" AS q WHERE q."Sequence" = "OutboxMessages"."Sequence")
            """);
        migrationBuilder.CreateIndex("IX_OutboxMessages_DispatchedAt_Sequence", "OutboxMessages", ["DispatchedAt", "Sequence"]);
        foreach (var trigger in new[] { FanOutQueueEntry.Trigger, FanOutQueueEntry.LegacyClaimTrigger })
        {
            migrationBuilder.Sql(migrationBuilder.IsSqlite()
                ? $"""DROP TRIGGER "{trigger}";"""
                : $"""DROP TRIGGER "{trigger}" ON "OutboxMessages"; DROP FUNCTION "{trigger}"();""");
        }

        migrationBuilder.DropTable("FanOutQueue");
    }
}
