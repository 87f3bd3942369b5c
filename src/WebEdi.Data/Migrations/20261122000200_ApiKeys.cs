using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace WebEdi.Data.Migrations;

/// <summary>Buyers' keys for the ERP HTTPS API: stored as a lookup prefix and a SHA-256 hash, never the key itself.</summary>
[DbContext(typeof(WebEdiDbContext))]
[Migration("20261122000200_ApiKeys")]
public sealed class ApiKeys : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "ApiKeys",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                CompanyId = t.Column<Guid>(nullable: false),
                Name = t.Column<string>(maxLength: 100, nullable: false),
                KeyPrefix = t.Column<string>(maxLength: 12, nullable: false),
                SecretHash = t.Column<string>(maxLength: 64, nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                RevokedAt = t.Column<DateTime>(nullable: true),
                LastUsedAt = t.Column<DateTime>(nullable: true),
                LastUsedFrom = t.Column<string>(maxLength: 64, nullable: true),
                AllowedAddresses = t.Column<string>(maxLength: 1000, nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_ApiKeys", x => x.Id);
                t.ForeignKey("FK_ApiKeys_Companies_CompanyId", x => x.CompanyId, "Companies", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_ApiKeys_KeyPrefix", "ApiKeys", "KeyPrefix", unique: true);
        migrationBuilder.CreateIndex("IX_ApiKeys_CompanyId", "ApiKeys", "CompanyId");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("ApiKeys");
}
