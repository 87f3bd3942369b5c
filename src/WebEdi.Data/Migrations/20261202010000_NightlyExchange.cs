using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace WebEdi.Data.Migrations;

/// <summary>
/// The nightly CSV exchange: each buyer's exchange profile with its export watermark and run lease, and the history of
/// runs (docs/nightly-exchange.md). Only adds.
/// </summary>
[DbContext(typeof(WebEdiDbContext))]
[Migration("20261202010000_NightlyExchange")]
public sealed class NightlyExchange : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "BuyerExchanges",
            columns: t => new
            {
                BuyerId = t.Column<Guid>(nullable: false),
                ProfileJson = t.Column<string>(maxLength: 200_000, nullable: false),
                ProfileName = t.Column<string>(maxLength: 100, nullable: false),
                Enabled = t.Column<bool>(nullable: false),
                ExportWatermark = t.Column<long>(nullable: false),
                ScheduleAnchor = t.Column<DateTime>(nullable: false),
                RunRequestedAt = t.Column<DateTime>(nullable: true),
                RunRequestedBy = t.Column<string>(maxLength: 100, nullable: true),
                LeaseOwner = t.Column<string>(maxLength: 100, nullable: true),
                LeaseExpiresAt = t.Column<DateTime>(nullable: true),
                UpdatedAt = t.Column<DateTime>(nullable: false),
                UpdatedBy = t.Column<string>(maxLength: 100, nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_BuyerExchanges", x => x.BuyerId);
                t.ForeignKey("FK_BuyerExchanges_Companies_BuyerId", x => x.BuyerId, "Companies", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "ExchangeRuns",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                BuyerId = t.Column<Guid>(nullable: false),
                Direction = t.Column<string>(maxLength: 16, nullable: false),
                Trigger = t.Column<string>(maxLength: 16, nullable: false),
                DryRun = t.Column<bool>(nullable: false),
                Status = t.Column<string>(maxLength: 16, nullable: false),
                StartedAt = t.Column<DateTime>(nullable: false),
                FinishedAt = t.Column<DateTime>(nullable: true),
                StartedBy = t.Column<string>(maxLength: 100, nullable: true),
                FileName = t.Column<string>(maxLength: 400, nullable: true),
                ContentHash = t.Column<string>(maxLength: 64, nullable: true),
                Rows = t.Column<int>(nullable: false),
                Documents = t.Column<int>(nullable: false),
                Received = t.Column<int>(nullable: false),
                Duplicates = t.Column<int>(nullable: false),
                Stale = t.Column<int>(nullable: false),
                Refused = t.Column<int>(nullable: false),
                Errors = t.Column<int>(nullable: false),
                WatermarkFrom = t.Column<long>(nullable: true),
                WatermarkTo = t.Column<long>(nullable: true),
                Message = t.Column<string>(maxLength: 2000, nullable: true),
                ErrorReport = t.Column<byte[]>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_ExchangeRuns", x => x.Id);
                t.ForeignKey("FK_ExchangeRuns_Companies_BuyerId", x => x.BuyerId, "Companies", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_ExchangeRuns_BuyerId_StartedAt", "ExchangeRuns", ["BuyerId", "StartedAt"]);
        migrationBuilder.CreateIndex("IX_ExchangeRuns_BuyerId_ContentHash", "ExchangeRuns", ["BuyerId", "ContentHash"]);
        migrationBuilder.CreateIndex("IX_ExchangeRuns_BuyerId_Direction_Status", "ExchangeRuns", ["BuyerId", "Direction", "Status"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("ExchangeRuns");
        migrationBuilder.DropTable("BuyerExchanges");
    }
}
