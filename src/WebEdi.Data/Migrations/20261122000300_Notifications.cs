using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace WebEdi.Data.Migrations;

/// <summary>
/// Supplier e-mail digests: extra notification addresses per company, each recipient's watermark, the digests (also
/// the notification log), and the users' order-mail choice and quiet hours.
/// </summary>
[DbContext(typeof(WebEdiDbContext))]
[Migration("20261122000300_Notifications")]
public sealed class Notifications : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        // Nullable, so existing users need no default: null means "as the role says" and "no quiet hours".
        migrationBuilder.AddColumn<bool>("ReceivesOrderMail", "AspNetUsers", nullable: true);
        migrationBuilder.AddColumn<TimeOnly>("QuietHoursStart", "AspNetUsers", nullable: true);
        migrationBuilder.AddColumn<TimeOnly>("QuietHoursEnd", "AspNetUsers", nullable: true);

        migrationBuilder.CreateTable(
            name: "NotificationAddresses",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                CompanyId = t.Column<Guid>(nullable: false),
                Email = t.Column<string>(maxLength: 256, nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_NotificationAddresses", x => x.Id);
                t.ForeignKey("FK_NotificationAddresses_Companies_CompanyId", x => x.CompanyId, "Companies", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_NotificationAddresses_CompanyId_Email", "NotificationAddresses", ["CompanyId", "Email"], unique: true);

        migrationBuilder.CreateTable(
            name: "DigestWatermarks",
            columns: t => new
            {
                RecipientId = t.Column<Guid>(nullable: false),
                SupplierId = t.Column<Guid>(nullable: false),
                LastSequence = t.Column<long>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_DigestWatermarks", x => x.RecipientId);
                t.ForeignKey("FK_DigestWatermarks_Companies_SupplierId", x => x.SupplierId, "Companies", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_DigestWatermarks_SupplierId", "DigestWatermarks", "SupplierId");

        migrationBuilder.CreateTable(
            name: "SupplierDigests",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                SupplierId = t.Column<Guid>(nullable: false),
                RecipientId = t.Column<Guid>(nullable: false),
                RecipientKind = t.Column<string>(maxLength: 16, nullable: false),
                Recipient = t.Column<string>(maxLength: 256, nullable: false),
                RecipientName = t.Column<string>(maxLength: 200, nullable: false),
                Language = t.Column<string>(maxLength: 8, nullable: false),
                Subject = t.Column<string>(maxLength: 500, nullable: false),
                Body = t.Column<string>(nullable: false),
                NoticeCount = t.Column<int>(nullable: false),
                FirstSequence = t.Column<long>(nullable: false),
                LastSequence = t.Column<long>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                Status = t.Column<string>(maxLength: 16, nullable: false),
                Attempts = t.Column<int>(nullable: false),
                NextAttemptAt = t.Column<DateTime>(nullable: false),
                SentAt = t.Column<DateTime>(nullable: true),
                LastError = t.Column<string>(maxLength: 2000, nullable: true),
                LeaseOwner = t.Column<string>(maxLength: 100, nullable: true),
                LeaseExpiresAt = t.Column<DateTime>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_SupplierDigests", x => x.Id);
                t.ForeignKey("FK_SupplierDigests_Companies_SupplierId", x => x.SupplierId, "Companies", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_SupplierDigests_Status_NextAttemptAt", "SupplierDigests", ["Status", "NextAttemptAt"]);
        migrationBuilder.CreateIndex("IX_SupplierDigests_SupplierId_CreatedAt", "SupplierDigests", ["SupplierId", "CreatedAt"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("SupplierDigests");
        migrationBuilder.DropTable("DigestWatermarks");
        migrationBuilder.DropTable("NotificationAddresses");
        migrationBuilder.DropColumn("QuietHoursEnd", "AspNetUsers");
        migrationBuilder.DropColumn("QuietHoursStart", "AspNetUsers");
        migrationBuilder.DropColumn("ReceivesOrderMail", "AspNetUsers");
    }
}
