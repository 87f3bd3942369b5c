using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace WebEdi.Data.Migrations;

/// <summary>
/// The supplier portal: a company's sign-in policy (two-factor for everyone, allowed networks), invitations for new
/// users, and the Data Protection key ring shared by every web instance.
/// </summary>
[DbContext(typeof(WebEdiDbContext))]
[Migration("20261122000400_Portal")]
public sealed class Portal : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<bool>("RequiresTwoFactor", "Companies", nullable: false, defaultValue: false);
        migrationBuilder.AddColumn<string>("AllowedSignInAddresses", "Companies", maxLength: 1000, nullable: false, defaultValue: "");

        migrationBuilder.CreateTable(
            name: "Invitations",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                CompanyId = t.Column<Guid>(nullable: false),
                Email = t.Column<string>(maxLength: 256, nullable: false),
                DisplayName = t.Column<string>(maxLength: 100, nullable: false),
                Role = t.Column<string>(maxLength: 24, nullable: false),
                TokenHash = t.Column<string>(maxLength: 64, nullable: false),
                InvitedBy = t.Column<Guid>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                ExpiresAt = t.Column<DateTime>(nullable: false),
                AcceptedAt = t.Column<DateTime>(nullable: true),
                RevokedAt = t.Column<DateTime>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Invitations", x => x.Id);
                t.ForeignKey("FK_Invitations_Companies_CompanyId", x => x.CompanyId, "Companies", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_Invitations_TokenHash", "Invitations", "TokenHash", unique: true);
        migrationBuilder.CreateIndex("IX_Invitations_CompanyId_CreatedAt", "Invitations", ["CompanyId", "CreatedAt"]);

        migrationBuilder.CreateTable(
            name: "DataProtectionKeys",
            columns: t => new
            {
                Id = t.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                FriendlyName = t.Column<string>(maxLength: 200, nullable: false),
                Xml = t.Column<string>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_DataProtectionKeys", x => x.Id));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("DataProtectionKeys");
        migrationBuilder.DropTable("Invitations");
        migrationBuilder.DropColumn("AllowedSignInAddresses", "Companies");
        migrationBuilder.DropColumn("RequiresTwoFactor", "Companies");
    }
}
