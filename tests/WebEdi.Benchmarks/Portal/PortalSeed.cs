using System.Globalization;
using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Npgsql;
using WebEdi.Data;
using WebEdi.Data.Identity;

namespace WebEdi.Benchmarks.Portal;

/// <summary>A bench user: a supplier's admin, and the orders of that supplier the detail page is measured on.</summary>
internal sealed record BenchUser(string Email, Guid SupplierId, IReadOnlyList<Guid> Orders);

/// <summary>
/// Fills a migrated PostgreSQL database (the demo's buyers already in it) with a large supplier base in a few
/// set-based statements: suppliers trading with both demo buyers, orders of three lines each, their answers, revision
/// snapshots, intake documents and notices — the rows the inbox and the order page read — and one admin per measured
/// supplier. Supplier 1 is the largest: a tenth of all orders (100,000 lines of 1,000,000); the others share the rest
/// evenly. Every supplier's orders cycle through the states — 30 % new, 20 % opened, 20 % answered, 10 % changed by the
/// buyer after the answer (revision 2, line 1 re-opened), 10 % shipped, 10 % cancelled — and are dated back from today:
/// open ones over the last 31 days (so about a third are overdue), shipped and cancelled ones over the last 180.
/// </summary>
internal static class PortalSeed
{
    public const string Password = "bench-passphrase-2026";

    public static async Task<IReadOnlyList<BenchUser>> RunAsync(NpgsqlConnection connection, int suppliers, int lines, int users, TextWriter log)
    {
        var orders = lines / 3;
        var clock = Stopwatch.StartNew();
        await ExecuteAsync(connection, Sql(suppliers, orders));
        log.WriteLine($"    seeded {suppliers} suppliers, {orders:N0} orders, {orders * 3:N0} lines in {clock.Elapsed.TotalSeconds:0} s");

        // One hash for every bench user: hashing 210,000 PBKDF2 rounds fifty times would only slow the set-up.
        var hasher = new PasswordHasher<WebEdiUser>(Options.Create(new PasswordHasherOptions { IterationCount = DataExtensions.PasswordHashIterations }));
        var hash = hasher.HashPassword(null!, Password);
        await ExecuteAsync(connection, $"""
            INSERT INTO "AspNetUsers" ("Id","CompanyId","Role","DisplayName","PreferredLanguage","CreatedAt","UserName","NormalizedUserName","Email",
                "NormalizedEmail","EmailConfirmed","PasswordHash","SecurityStamp","ConcurrencyStamp","PhoneNumberConfirmed","TwoFactorEnabled",
                "LockoutEnabled","AccessFailedCount")
            SELECT gen_random_uuid(), s.id, 'CompanyAdmin', 'ベンチ担当 ' || s.i, 'ja', now(), 'bench' || s.i || '@bench.example',
                upper('bench' || s.i || '@bench.example'), 'bench' || s.i || '@bench.example', upper('bench' || s.i || '@bench.example'), true,
                '{hash}', upper(replace(gen_random_uuid()::text, '-', '')), gen_random_uuid()::text, false, false, true, 0
            FROM bench_suppliers s WHERE s.i <= {users};
            """);
        // The inbox's search column, filled as the migration that added it fills stored orders.
        await ExecuteAsync(connection, WebEdi.Data.Migrations.OrderSearchText.PostgreSqlFill);
        // The state autovacuum keeps an established table in: old rows frozen, pages all-visible. A plain VACUUM right
        // after the bulk load marked only about 40 % of the orders' pages all-visible, so the tab counts' index-only
        // scan had to visit the table anyway and the planner chose a sequential scan (90 ms instead of 10 ms for the
        // largest supplier).
        // Autovacuum wakes up during the load and works beside it, and a VACUUM that ran alongside left a quarter of
        // the orders' pages not all-visible (the largest supplier's tab counts then read 14,000 pages of the table);
        // so it runs again until the orders' pages are (nearly) all visible.
        await ExecuteAsync(connection, "VACUUM (FREEZE, ANALYZE)");
        for (var pass = 0; pass < 3 && await AllVisibleAsync(connection, "PurchaseOrders") < 0.99; pass++)
        {
            await ExecuteAsync(connection, "VACUUM");
        }

        var visible = await AllVisibleAsync(connection, "PurchaseOrders");
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    orders' pages all-visible: {visible:P1}"));

        var result = new List<BenchUser>();
        await using var command = new NpgsqlCommand("""
            SELECT s.i, s.id, (SELECT array_agg(o."Id") FROM (SELECT "Id" FROM "PurchaseOrders" WHERE "SupplierId" = s.id ORDER BY "OrderNumber" LIMIT 20) o)
            FROM bench_suppliers s WHERE s.i <= @users ORDER BY s.i
            """, connection);
        command.Parameters.AddWithValue("users", users);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result.Add(new BenchUser($"bench{reader.GetInt32(0)}@bench.example", reader.GetGuid(1), reader.GetFieldValue<Guid[]>(2)));
        }

        return result;
    }

    /// <summary>The share of the table's pages the visibility map marks all-visible (as the last VACUUM left it).</summary>
    private static async Task<double> AllVisibleAsync(NpgsqlConnection connection, string table)
    {
        await using var command = new NpgsqlCommand("SELECT relallvisible::float8 / greatest(relpages, 1) FROM pg_class WHERE relname = @table", connection);
        command.Parameters.AddWithValue("table", table);
        return (double)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 1800 };
        await command.ExecuteNonQueryAsync();
    }

    private static string Sql(int suppliers, int orders) => $$"""
        CREATE TEMP TABLE bench_suppliers AS
            SELECT i, gen_random_uuid() AS id, 'BS' || lpad(i::text, 4, '0') AS code FROM generate_series(1, {{suppliers}}) i;
        INSERT INTO "Companies" ("Id","Code","Name","IsBuyer","IsSupplier","TimeZoneId","CreatedAt","RequiresTwoFactor","AllowedSignInAddresses")
            SELECT id, code, 'ベンチ精工 ' || i || ' 株式会社', false, true, 'Asia/Tokyo', now(), false, '' FROM bench_suppliers;

        CREATE TEMP TABLE bench_relationships AS
            SELECT row_number() OVER (ORDER BY s.i, b."Code") AS rn, gen_random_uuid() AS id, b."Id" AS buyer, s.id AS supplier, 'B' || lpad(s.i::text, 4, '0') AS code
            FROM bench_suppliers s CROSS JOIN "Companies" b WHERE b."Code" IN ('TOKAI-MOTOR', 'KANSAI-DENKI');
        INSERT INTO "TradingRelationships" ("Id","BuyerId","SupplierId","SupplierCode","Status","CreatedAt")
            SELECT id, buyer, supplier, code, 'Active', now() FROM bench_relationships;

        -- Orders 1 … n/10 go to supplier 1's two relationships, the rest round-robin to the others; idx counts each
        -- relationship's own orders, so every relationship cycles through the ten kinds.
        CREATE TEMP TABLE bench_placed AS
            SELECT k, CASE WHEN k <= {{orders / 10}} THEN 1 + k % 2 ELSE 3 + (k - {{orders / 10}}) % ((SELECT count(*) FROM bench_relationships) - 2) END AS rn,
                CASE WHEN k <= {{orders / 10}} THEN k / 2 ELSE (k - {{orders / 10}}) / ((SELECT count(*) FROM bench_relationships) - 2) END AS idx
            FROM generate_series(1, {{orders}}) k;
        CREATE TEMP TABLE bench_orders AS
            SELECT p.k, gen_random_uuid() AS id, r.buyer, r.supplier, r.id AS relationship, 'BO' || lpad(p.k::text, 8, '0') AS number, p.idx % 10 AS kind,
                current_date - (CASE WHEN p.idx % 10 < 8 THEN (p.idx * 7) % 31 ELSE (p.idx * 7) % 180 END)::int AS order_date
            FROM bench_placed p JOIN bench_relationships r ON r.rn = p.rn;

        INSERT INTO "PurchaseOrders" ("Id","BuyerId","SupplierId","TradingRelationshipId","OrderNumber","Revision","OrderDate","Currency",
            "DeliveryLocation","BuyerContact","Status","ReceivedAt","UpdatedAt","ViewedAt","CancelledAt","CancellationReason","Version","NextDeliveryDate")
        SELECT id, buyer, supplier, relationship, number, CASE WHEN kind = 7 THEN 2 ELSE 1 END, order_date, 'JPY', '本社工場 第2倉庫', '購買部 山田',
            CASE WHEN kind < 3 THEN 'New' WHEN kind < 5 THEN 'Viewed' WHEN kind < 7 THEN 'Answered' WHEN kind = 7 THEN 'ChangedAwaitingAnswer'
                WHEN kind = 8 THEN 'Shipped' ELSE 'Cancelled' END,
            order_date + time '00:30', order_date + time '00:30',
            CASE WHEN kind >= 3 THEN order_date + time '01:30' END,
            CASE WHEN kind = 9 THEN order_date + time '02:30' END,
            CASE WHEN kind = 9 THEN '生産計画の変更' END,
            1,
            CASE WHEN kind < 8 THEN order_date + 21 END
        FROM bench_orders;

        INSERT INTO "PurchaseOrderLines" ("Id","PurchaseOrderId","LineNumber","BuyerItemCode","SupplierItemCode","ItemName","Specification",
            "Quantity","Unit","UnitPrice","Amount","TaxRate","RequestedDeliveryDate","ChangedInRevision","IsCancelled","CancelledAt",
            "CurrentAnswer","AwaitingAnswerAfterChange","ShippedQuantity","ReceivedQuantity")
        SELECT gen_random_uuid(), o.id, n, 'TM-' || lpad(((o.k * 3 + n) % 4000)::text, 5, '0'), 'SK-' || lpad(((o.k * 3 + n) % 4000)::text, 5, '0'),
            (ARRAY['六角ボルト M8×30','深溝玉軸受 6203ZZ','シャフト φ20×220','取付ブラケット','平歯車 45T'])[1 + (o.k + n) % 5] || ' ' || n,
            'SCM435 焼入れ', 10 * ((o.k + n) % 50 + 1), '個', ((o.k * 7 + n) % 5000) / 10.0 + 1,
            10 * ((o.k + n) % 50 + 1) * (((o.k * 7 + n) % 5000) / 10.0 + 1), 10, o.order_date + 14 + 7 * n,
            CASE WHEN o.kind = 7 AND n = 1 THEN 2 ELSE 1 END,
            o.kind = 9, CASE WHEN o.kind = 9 THEN o.order_date + time '02:30' END,
            CASE WHEN o.kind BETWEEN 5 AND 8 AND NOT (o.kind = 7 AND n = 1) THEN 'Accepted' END, o.kind = 7 AND n = 1,
            CASE WHEN o.kind = 8 THEN 10 * ((o.k + n) % 50 + 1) ELSE 0 END, 0
        FROM bench_orders o CROSS JOIN generate_series(1, 3) n;

        -- Changed orders: the answer to line 1 was given to revision 1 and superseded by revision 2.
        INSERT INTO "OrderResponses" ("Id","PurchaseOrderLineId","Revision","Kind","AnsweredAt","IsCurrent","SupersededAt","Version")
        SELECT gen_random_uuid(), l."Id", 1, 'Accepted', o.order_date + time '03:00', NOT (o.kind = 7 AND l."LineNumber" = 1),
            CASE WHEN o.kind = 7 AND l."LineNumber" = 1 THEN o.order_date + time '04:00' END, 1
        FROM bench_orders o JOIN "PurchaseOrderLines" l ON l."PurchaseOrderId" = o.id WHERE o.kind BETWEEN 5 AND 8;

        INSERT INTO "PurchaseOrderRevisions" ("Id","PurchaseOrderId","Number","ReceivedAt","Snapshot")
        SELECT gen_random_uuid(), o.id, r.number, o.order_date + CASE WHEN r.number = 1 THEN time '00:30' ELSE time '04:00' END, json_build_object(
            'header', json_build_object('orderDate', o.order_date, 'currency', 'JPY', 'deliveryLocation', '本社工場 第2倉庫', 'buyerContact', '購買部 山田', 'remarks', null),
            'lines', (SELECT json_agg(json_build_object('lineNumber', l."LineNumber", 'buyerItemCode', l."BuyerItemCode", 'supplierItemCode', l."SupplierItemCode",
                'itemName', l."ItemName", 'specification', l."Specification", 'quantity', l."Quantity" - q.less, 'unit', l."Unit", 'unitPrice', l."UnitPrice",
                'amount', (l."Quantity" - q.less) * l."UnitPrice", 'taxRate', l."TaxRate", 'requestedDeliveryDate', l."RequestedDeliveryDate", 'deliveryLocation', null, 'remarks', null)
                ORDER BY l."LineNumber")
                FROM "PurchaseOrderLines" l CROSS JOIN LATERAL (SELECT CASE WHEN r.number = 1 AND l."ChangedInRevision" = 2 THEN 5 ELSE 0 END AS less) q
                WHERE l."PurchaseOrderId" = o.id))::text
        FROM bench_orders o CROSS JOIN LATERAL (SELECT generate_series(1, CASE WHEN o.kind = 7 THEN 2 ELSE 1 END) AS number) r;

        INSERT INTO "OutboxMessages" ("Id","BuyerId","MessageType","Payload","OrderNumber","CreatedAt","Attempts")
        SELECT gen_random_uuid(), o.buyer, 'PurchaseOrderReceived', json_build_object('orderNumber', o.number, 'outcome', 'Received')::text, o.number, o.order_date + time '00:30', 0
        FROM bench_orders o;
        -- Long since fanned out.
        DELETE FROM "FanOutQueue";

        INSERT INTO "OrderNotices" ("Id","SupplierId","BuyerId","PurchaseOrderId","OrderNumber","Revision","Kind","CreatedAt")
        SELECT gen_random_uuid(), o.supplier, o.buyer, o.id, o.number, 1, 'New', o.order_date + time '00:30'
        FROM bench_orders o
        UNION ALL
        SELECT gen_random_uuid(), o.supplier, o.buyer, o.id, o.number, 2, 'Changed', o.order_date + time '04:00'
        FROM bench_orders o WHERE o.kind = 7;
        """;
}
