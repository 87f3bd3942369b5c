using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace WebEdi.Data.Migrations;

/// <summary>
/// The first schema: Identity's tables, companies and trading relationships, purchase orders with lines, revisions
/// and answers, shipments and delivery note sequences.
/// </summary>
/// <remarks>
/// Written by hand, provider-neutral: columns name only their CLR type, length and precision, and each provider maps
/// them (uuid/TEXT, numeric(19,4)/TEXT, …). Identity columns carry both providers' annotations; each provider reads
/// its own. SchemaTests prove on SQLite and PostgreSQL that the result equals the schema EF derives from the model.
/// </remarks>
[DbContext(typeof(WebEdiDbContext))]
[Migration("20261121000000_InitialSchema")]
public sealed class InitialSchema : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        CreateIdentityTables(migrationBuilder);
        CreateCompanyTables(migrationBuilder);
        CreateOrderTables(migrationBuilder);
        CreateShipmentTables(migrationBuilder);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[]
        {
            "ShipmentLines", "Shipments", "DeliveryNoteSequences", "ScheduledDeliveries", "OrderResponses",
            "PurchaseOrderRevisions", "PurchaseOrderLines", "PurchaseOrders", "AspNetUserTokens", "AspNetUserRoles",
            "AspNetUserLogins", "AspNetUserClaims", "AspNetRoleClaims", "AspNetUsers", "AspNetRoles",
            "TradingRelationships", "Companies",
        })
        {
            migrationBuilder.DropTable(table);
        }
    }

    private static void CreateIdentityTables(MigrationBuilder m)
    {
        m.CreateTable(
            name: "Companies",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                Code = t.Column<string>(maxLength: 20, nullable: false),
                Name = t.Column<string>(maxLength: 100, nullable: false),
                IsBuyer = t.Column<bool>(nullable: false),
                IsSupplier = t.Column<bool>(nullable: false),
                TimeZoneId = t.Column<string>(maxLength: 64, nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_Companies", x => x.Id));
        m.CreateIndex("IX_Companies_Code", "Companies", "Code", unique: true);

        m.CreateTable(
            name: "AspNetRoles",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                Name = t.Column<string>(maxLength: 256, nullable: true),
                NormalizedName = t.Column<string>(maxLength: 256, nullable: true),
                ConcurrencyStamp = t.Column<string>(nullable: true),
            },
            constraints: t => t.PrimaryKey("PK_AspNetRoles", x => x.Id));
        m.CreateIndex("RoleNameIndex", "AspNetRoles", "NormalizedName", unique: true);

        m.CreateTable(
            name: "AspNetUsers",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                CompanyId = t.Column<Guid>(nullable: true),
                Role = t.Column<string>(maxLength: 24, nullable: false),
                DisplayName = t.Column<string>(maxLength: 100, nullable: false),
                PreferredLanguage = t.Column<string>(maxLength: 8, nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                UserName = t.Column<string>(maxLength: 256, nullable: true),
                NormalizedUserName = t.Column<string>(maxLength: 256, nullable: true),
                Email = t.Column<string>(maxLength: 256, nullable: true),
                NormalizedEmail = t.Column<string>(maxLength: 256, nullable: true),
                EmailConfirmed = t.Column<bool>(nullable: false),
                PasswordHash = t.Column<string>(nullable: true),
                SecurityStamp = t.Column<string>(nullable: true),
                ConcurrencyStamp = t.Column<string>(nullable: true),
                PhoneNumber = t.Column<string>(nullable: true),
                PhoneNumberConfirmed = t.Column<bool>(nullable: false),
                TwoFactorEnabled = t.Column<bool>(nullable: false),
                LockoutEnd = t.Column<DateTimeOffset>(nullable: true),
                LockoutEnabled = t.Column<bool>(nullable: false),
                AccessFailedCount = t.Column<int>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_AspNetUsers", x => x.Id);
                t.ForeignKey("FK_AspNetUsers_Companies_CompanyId", x => x.CompanyId, "Companies", "Id", onDelete: ReferentialAction.Restrict);
            });
        m.CreateIndex("EmailIndex", "AspNetUsers", "NormalizedEmail");
        m.CreateIndex("UserNameIndex", "AspNetUsers", "NormalizedUserName", unique: true);
        m.CreateIndex("IX_AspNetUsers_CompanyId", "AspNetUsers", "CompanyId");

        m.CreateTable(
            name: "AspNetRoleClaims",
            columns: t => new
            {
                Id = t.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                RoleId = t.Column<Guid>(nullable: false),
                ClaimType = t.Column<string>(nullable: true),
                ClaimValue = t.Column<string>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                t.ForeignKey("FK_AspNetRoleClaims_AspNetRoles_RoleId", x => x.RoleId, "AspNetRoles", "Id", onDelete: ReferentialAction.Cascade);
            });
        m.CreateIndex("IX_AspNetRoleClaims_RoleId", "AspNetRoleClaims", "RoleId");

        m.CreateTable(
            name: "AspNetUserClaims",
            columns: t => new
            {
                Id = t.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                UserId = t.Column<Guid>(nullable: false),
                ClaimType = t.Column<string>(nullable: true),
                ClaimValue = t.Column<string>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                t.ForeignKey("FK_AspNetUserClaims_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });
        m.CreateIndex("IX_AspNetUserClaims_UserId", "AspNetUserClaims", "UserId");

        m.CreateTable(
            name: "AspNetUserLogins",
            columns: t => new
            {
                LoginProvider = t.Column<string>(nullable: false),
                ProviderKey = t.Column<string>(nullable: false),
                ProviderDisplayName = t.Column<string>(nullable: true),
                UserId = t.Column<Guid>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                t.ForeignKey("FK_AspNetUserLogins_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });
        m.CreateIndex("IX_AspNetUserLogins_UserId", "AspNetUserLogins", "UserId");

        m.CreateTable(
            name: "AspNetUserRoles",
            columns: t => new
            {
                UserId = t.Column<Guid>(nullable: false),
                RoleId = t.Column<Guid>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                t.ForeignKey("FK_AspNetUserRoles_AspNetRoles_RoleId", x => x.RoleId, "AspNetRoles", "Id", onDelete: ReferentialAction.Cascade);
                t.ForeignKey("FK_AspNetUserRoles_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });
        m.CreateIndex("IX_AspNetUserRoles_RoleId", "AspNetUserRoles", "RoleId");

        m.CreateTable(
            name: "AspNetUserTokens",
            columns: t => new
            {
                UserId = t.Column<Guid>(nullable: false),
                LoginProvider = t.Column<string>(nullable: false),
                Name = t.Column<string>(nullable: false),
                Value = t.Column<string>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                t.ForeignKey("FK_AspNetUserTokens_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });
    }

    private static void CreateCompanyTables(MigrationBuilder m)
    {
        m.CreateTable(
            name: "TradingRelationships",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                BuyerId = t.Column<Guid>(nullable: false),
                SupplierId = t.Column<Guid>(nullable: false),
                SupplierCode = t.Column<string>(maxLength: 20, nullable: false),
                Status = t.Column<string>(maxLength: 16, nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                StatusChangedAt = t.Column<DateTime>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_TradingRelationships", x => x.Id);
                t.ForeignKey("FK_TradingRelationships_Companies_BuyerId", x => x.BuyerId, "Companies", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_TradingRelationships_Companies_SupplierId", x => x.SupplierId, "Companies", "Id", onDelete: ReferentialAction.Restrict);
            });
        m.CreateIndex("IX_TradingRelationships_BuyerId_SupplierId", "TradingRelationships", ["BuyerId", "SupplierId"], unique: true);
        m.CreateIndex("IX_TradingRelationships_BuyerId_SupplierCode", "TradingRelationships", ["BuyerId", "SupplierCode"], unique: true);
        m.CreateIndex("IX_TradingRelationships_SupplierId", "TradingRelationships", "SupplierId");
    }

    private static void CreateOrderTables(MigrationBuilder m)
    {
        m.CreateTable(
            name: "PurchaseOrders",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                BuyerId = t.Column<Guid>(nullable: false),
                SupplierId = t.Column<Guid>(nullable: false),
                TradingRelationshipId = t.Column<Guid>(nullable: false),
                OrderNumber = t.Column<string>(maxLength: 40, nullable: false),
                Revision = t.Column<int>(nullable: false),
                OrderDate = t.Column<DateOnly>(nullable: false),
                Currency = t.Column<string>(maxLength: 3, nullable: false),
                DeliveryLocation = t.Column<string>(maxLength: 100, nullable: true),
                BuyerContact = t.Column<string>(maxLength: 100, nullable: true),
                Remarks = t.Column<string>(maxLength: 1000, nullable: true),
                Status = t.Column<string>(maxLength: 24, nullable: false),
                ReceivedAt = t.Column<DateTime>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
                ViewedAt = t.Column<DateTime>(nullable: true),
                CancelledAt = t.Column<DateTime>(nullable: true),
                CancellationReason = t.Column<string>(maxLength: 500, nullable: true),
                Version = t.Column<int>(nullable: false),
                NextDeliveryDate = t.Column<DateOnly>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_PurchaseOrders", x => x.Id);
                t.ForeignKey("FK_PurchaseOrders_Companies_BuyerId", x => x.BuyerId, "Companies", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_PurchaseOrders_Companies_SupplierId", x => x.SupplierId, "Companies", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_PurchaseOrders_TradingRelationships_TradingRelationshipId", x => x.TradingRelationshipId,
                    "TradingRelationships", "Id", onDelete: ReferentialAction.Restrict);
            });
        m.CreateIndex("IX_PurchaseOrders_BuyerId_OrderNumber", "PurchaseOrders", ["BuyerId", "OrderNumber"], unique: true);
        m.CreateIndex("IX_PurchaseOrders_SupplierId_Status_OrderDate", "PurchaseOrders", ["SupplierId", "Status", "OrderDate"]);
        m.CreateIndex("IX_PurchaseOrders_SupplierId_NextDeliveryDate", "PurchaseOrders", ["SupplierId", "NextDeliveryDate"]);
        m.CreateIndex("IX_PurchaseOrders_BuyerId_Status_OrderDate", "PurchaseOrders", ["BuyerId", "Status", "OrderDate"]);
        m.CreateIndex("IX_PurchaseOrders_TradingRelationshipId", "PurchaseOrders", "TradingRelationshipId");

        m.CreateTable(
            name: "PurchaseOrderLines",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                PurchaseOrderId = t.Column<Guid>(nullable: false),
                LineNumber = t.Column<int>(nullable: false),
                BuyerItemCode = t.Column<string>(maxLength: 40, nullable: false),
                SupplierItemCode = t.Column<string>(maxLength: 40, nullable: true),
                ItemName = t.Column<string>(maxLength: 200, nullable: false),
                Specification = t.Column<string>(maxLength: 200, nullable: true),
                Quantity = t.Column<decimal>(precision: 19, scale: 4, nullable: false),
                Unit = t.Column<string>(maxLength: 10, nullable: false),
                UnitPrice = t.Column<decimal>(precision: 19, scale: 4, nullable: false),
                Amount = t.Column<decimal>(precision: 19, scale: 4, nullable: false),
                TaxRate = t.Column<decimal>(precision: 19, scale: 4, nullable: false),
                RequestedDeliveryDate = t.Column<DateOnly>(nullable: false),
                DeliveryLocation = t.Column<string>(maxLength: 100, nullable: true),
                Remarks = t.Column<string>(maxLength: 500, nullable: true),
                ChangedInRevision = t.Column<int>(nullable: false),
                IsCancelled = t.Column<bool>(nullable: false),
                CancelledAt = t.Column<DateTime>(nullable: true),
                CurrentAnswer = t.Column<string>(maxLength: 24, nullable: true),
                AwaitingAnswerAfterChange = t.Column<bool>(nullable: false),
                ShippedQuantity = t.Column<decimal>(precision: 19, scale: 4, nullable: false),
                ReceivedQuantity = t.Column<decimal>(precision: 19, scale: 4, nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_PurchaseOrderLines", x => x.Id);
                t.ForeignKey("FK_PurchaseOrderLines_PurchaseOrders_PurchaseOrderId", x => x.PurchaseOrderId, "PurchaseOrders", "Id",
                    onDelete: ReferentialAction.Cascade);
            });
        m.CreateIndex("IX_PurchaseOrderLines_PurchaseOrderId_LineNumber", "PurchaseOrderLines", ["PurchaseOrderId", "LineNumber"], unique: true);
        m.CreateIndex("IX_PurchaseOrderLines_BuyerItemCode", "PurchaseOrderLines", "BuyerItemCode");

        m.CreateTable(
            name: "PurchaseOrderRevisions",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                PurchaseOrderId = t.Column<Guid>(nullable: false),
                Number = t.Column<int>(nullable: false),
                ReceivedAt = t.Column<DateTime>(nullable: false),
                Snapshot = t.Column<string>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_PurchaseOrderRevisions", x => x.Id);
                t.ForeignKey("FK_PurchaseOrderRevisions_PurchaseOrders_PurchaseOrderId", x => x.PurchaseOrderId, "PurchaseOrders", "Id",
                    onDelete: ReferentialAction.Cascade);
            });
        m.CreateIndex("IX_PurchaseOrderRevisions_PurchaseOrderId_Number", "PurchaseOrderRevisions", ["PurchaseOrderId", "Number"], unique: true);

        m.CreateTable(
            name: "OrderResponses",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                PurchaseOrderLineId = t.Column<Guid>(nullable: false),
                Revision = t.Column<int>(nullable: false),
                Kind = t.Column<string>(maxLength: 24, nullable: false),
                PromisedDate = t.Column<DateOnly>(nullable: true),
                PromisedUnitPrice = t.Column<decimal>(precision: 19, scale: 4, nullable: true),
                RejectionReason = t.Column<string>(maxLength: 24, nullable: true),
                Comment = t.Column<string>(maxLength: 500, nullable: true),
                AnsweredAt = t.Column<DateTime>(nullable: false),
                AnsweredBy = t.Column<Guid>(nullable: true),
                IsCurrent = t.Column<bool>(nullable: false),
                SupersededAt = t.Column<DateTime>(nullable: true),
                Version = t.Column<int>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_OrderResponses", x => x.Id);
                t.ForeignKey("FK_OrderResponses_PurchaseOrderLines_PurchaseOrderLineId", x => x.PurchaseOrderLineId, "PurchaseOrderLines", "Id",
                    onDelete: ReferentialAction.Cascade);
            });
        m.CreateIndex("IX_OrderResponses_PurchaseOrderLineId_IsCurrent", "OrderResponses", ["PurchaseOrderLineId", "IsCurrent"]);

        m.CreateTable(
            name: "ScheduledDeliveries",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                OrderResponseId = t.Column<Guid>(nullable: false),
                Date = t.Column<DateOnly>(nullable: false),
                Quantity = t.Column<decimal>(precision: 19, scale: 4, nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_ScheduledDeliveries", x => x.Id);
                t.ForeignKey("FK_ScheduledDeliveries_OrderResponses_OrderResponseId", x => x.OrderResponseId, "OrderResponses", "Id",
                    onDelete: ReferentialAction.Cascade);
            });
        m.CreateIndex("IX_ScheduledDeliveries_OrderResponseId", "ScheduledDeliveries", "OrderResponseId");
    }

    private static void CreateShipmentTables(MigrationBuilder m)
    {
        m.CreateTable(
            name: "DeliveryNoteSequences",
            columns: t => new
            {
                SupplierId = t.Column<Guid>(nullable: false),
                Prefix = t.Column<string>(maxLength: 8, nullable: false),
                NextValue = t.Column<long>(nullable: false),
                Version = t.Column<int>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_DeliveryNoteSequences", x => x.SupplierId);
                t.ForeignKey("FK_DeliveryNoteSequences_Companies_SupplierId", x => x.SupplierId, "Companies", "Id", onDelete: ReferentialAction.Cascade);
            });

        m.CreateTable(
            name: "Shipments",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                SupplierId = t.Column<Guid>(nullable: false),
                BuyerId = t.Column<Guid>(nullable: false),
                DeliveryNoteNumber = t.Column<string>(maxLength: 20, nullable: false),
                ShipDate = t.Column<DateOnly>(nullable: false),
                DeliveryLocation = t.Column<string>(maxLength: 100, nullable: true),
                Status = t.Column<string>(maxLength: 16, nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                CreatedBy = t.Column<Guid>(nullable: true),
                ReceivedAt = t.Column<DateTime>(nullable: true),
                CancelledAt = t.Column<DateTime>(nullable: true),
                Version = t.Column<int>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Shipments", x => x.Id);
                t.ForeignKey("FK_Shipments_Companies_BuyerId", x => x.BuyerId, "Companies", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_Shipments_Companies_SupplierId", x => x.SupplierId, "Companies", "Id", onDelete: ReferentialAction.Restrict);
            });
        m.CreateIndex("IX_Shipments_SupplierId_DeliveryNoteNumber", "Shipments", ["SupplierId", "DeliveryNoteNumber"], unique: true);
        m.CreateIndex("IX_Shipments_SupplierId_Status_ShipDate", "Shipments", ["SupplierId", "Status", "ShipDate"]);
        m.CreateIndex("IX_Shipments_BuyerId_ShipDate", "Shipments", ["BuyerId", "ShipDate"]);

        m.CreateTable(
            name: "ShipmentLines",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                ShipmentId = t.Column<Guid>(nullable: false),
                PurchaseOrderLineId = t.Column<Guid>(nullable: false),
                Quantity = t.Column<decimal>(precision: 19, scale: 4, nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_ShipmentLines", x => x.Id);
                t.ForeignKey("FK_ShipmentLines_PurchaseOrderLines_PurchaseOrderLineId", x => x.PurchaseOrderLineId, "PurchaseOrderLines", "Id",
                    onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_ShipmentLines_Shipments_ShipmentId", x => x.ShipmentId, "Shipments", "Id", onDelete: ReferentialAction.Cascade);
            });
        m.CreateIndex("IX_ShipmentLines_ShipmentId", "ShipmentLines", "ShipmentId");
        m.CreateIndex("IX_ShipmentLines_PurchaseOrderLineId", "ShipmentLines", "PurchaseOrderLineId");
    }
}
