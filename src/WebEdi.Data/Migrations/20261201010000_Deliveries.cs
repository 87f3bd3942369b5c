using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace WebEdi.Data.Migrations;

/// <summary>
/// Buyers' channels (bus, webhook, file drop) and the delivery of every outbox document to each of them, with its
/// attempts (docs/decisions/0004-document-delivery.md). Only adds: the outbox itself is unchanged.
/// </summary>
[DbContext(typeof(WebEdiDbContext))]
[Migration("20261201010000_Deliveries")]
public sealed class Deliveries : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "BuyerChannels",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                BuyerId = t.Column<Guid>(nullable: false),
                Kind = t.Column<string>(maxLength: 16, nullable: false),
                Enabled = t.Column<bool>(nullable: false),
                Url = t.Column<string>(maxLength: 500, nullable: true),
                Secret = t.Column<string>(maxLength: 100, nullable: true),
                PreviousSecret = t.Column<string>(maxLength: 100, nullable: true),
                PreviousSecretExpiresAt = t.Column<DateTime>(nullable: true),
                TimeoutSeconds = t.Column<int>(nullable: false),
                Encoding = t.Column<string>(maxLength: 16, nullable: false),
                RetryWindowHours = t.Column<int>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_BuyerChannels", x => x.Id);
                t.ForeignKey("FK_BuyerChannels_Companies_BuyerId", x => x.BuyerId, "Companies", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_BuyerChannels_BuyerId_Kind", "BuyerChannels", ["BuyerId", "Kind"], unique: true);

        migrationBuilder.CreateTable(
            name: "Deliveries",
            columns: t => new
            {
                Sequence = t.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                OutboxSequence = t.Column<long>(nullable: false),
                DocumentId = t.Column<Guid>(nullable: false),
                ChannelId = t.Column<Guid>(nullable: false),
                BuyerId = t.Column<Guid>(nullable: false),
                Kind = t.Column<string>(maxLength: 16, nullable: false),
                MessageType = t.Column<string>(maxLength: 64, nullable: false),
                OrderNumber = t.Column<string>(maxLength: 40, nullable: true),
                State = t.Column<string>(maxLength: 16, nullable: false),
                Attempts = t.Column<int>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                FirstAttemptAt = t.Column<DateTime>(nullable: true),
                NextAttemptAt = t.Column<DateTime>(nullable: true),
                Token = t.Column<Guid>(nullable: true),
                LeaseExpiresAt = t.Column<DateTime>(nullable: true),
                DeliveredAt = t.Column<DateTime>(nullable: true),
                DeliveredBy = t.Column<string>(maxLength: 100, nullable: true),
                DeadAt = t.Column<DateTime>(nullable: true),
                LastError = t.Column<string>(maxLength: 2000, nullable: true),
                Replays = t.Column<int>(nullable: false),
                ReplayedAt = t.Column<DateTime>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Deliveries", x => x.Sequence);
                t.ForeignKey("FK_Deliveries_OutboxMessages_OutboxSequence", x => x.OutboxSequence, "OutboxMessages", "Sequence", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_Deliveries_BuyerChannels_ChannelId", x => x.ChannelId, "BuyerChannels", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_Deliveries_Companies_BuyerId", x => x.BuyerId, "Companies", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_Deliveries_OutboxSequence_ChannelId", "Deliveries", ["OutboxSequence", "ChannelId"], unique: true);
        migrationBuilder.CreateIndex("IX_Deliveries_State_Sequence", "Deliveries", ["State", "Sequence"]);
        migrationBuilder.CreateIndex("IX_Deliveries_ChannelId_OrderNumber_OutboxSequence", "Deliveries", ["ChannelId", "OrderNumber", "OutboxSequence"]);
        migrationBuilder.CreateIndex("IX_Deliveries_BuyerId_Sequence", "Deliveries", ["BuyerId", "Sequence"]);
        migrationBuilder.CreateIndex("IX_Deliveries_BuyerId_State_Sequence", "Deliveries", ["BuyerId", "State", "Sequence"]);
        migrationBuilder.CreateIndex("IX_Deliveries_DocumentId", "Deliveries", "DocumentId");

        migrationBuilder.CreateTable(
            name: "DeliveryAttempts",
            columns: t => new
            {
                Id = t.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                DeliverySequence = t.Column<long>(nullable: false),
                Number = t.Column<int>(nullable: false),
                StartedAt = t.Column<DateTime>(nullable: false),
                DurationMilliseconds = t.Column<int>(nullable: false),
                StatusCode = t.Column<int>(nullable: true),
                Error = t.Column<string>(maxLength: 2000, nullable: false),
                Instance = t.Column<string>(maxLength: 100, nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_DeliveryAttempts", x => x.Id);
                t.ForeignKey("FK_DeliveryAttempts_Deliveries_DeliverySequence", x => x.DeliverySequence, "Deliveries", "Sequence", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_DeliveryAttempts_DeliverySequence", "DeliveryAttempts", "DeliverySequence");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("DeliveryAttempts");
        migrationBuilder.DropTable("Deliveries");
        migrationBuilder.DropTable("BuyerChannels");
    }
}
