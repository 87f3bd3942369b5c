using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using WebEdi.Contracts;
using WebEdi.Data;
using WebEdi.Data.Identity;
using WebEdi.Data.Notifications;
using WebEdi.Domain.Companies;
using WebEdi.Domain.Users;
using WebEdi.IntegrationTests.Persistence;
using WebEdi.Ordering.Intake;
using WebEdi.Ordering.Notifications;
using WebEdi.Testing;

namespace WebEdi.IntegrationTests.Notifications;

/// <summary>
/// A migrated database with 東海モーター工業 buying from さくら精密, a clock the test moves, orders sent through the real
/// intake, and the digest builder and sender called directly. Every address carries a token unique to the test, so
/// tests sharing the SMTP server only see their own mail.
/// </summary>
public sealed class NotificationScenario
{
    public static readonly Uri PublicUrl = new("https://webedi.example/");

    private NotificationScenario(DatabaseOptions database, Trade trade, ManualTimeProvider clock)
    {
        Database = database;
        Trade = trade;
        Clock = clock;
    }

    public DatabaseOptions Database { get; }

    public Trade Trade { get; }

    public ManualTimeProvider Clock { get; }

    public string Token { get; } = Guid.NewGuid().ToString("N")[..12];

    public MailOptions Options { get; } = new() { From = "webedi@webedi.example", DigestIntervalMinutes = 15 };

    public DateTime Now => Clock.GetUtcNow().UtcDateTime;

    /// <param name="start">The clock's start; by default 10:30 in Tokyo on a Monday.</param>
    public static async Task<NotificationScenario> CreateAsync(DatabaseProvider provider, DateTimeOffset? start = null)
    {
        var database = await TestDatabase.MigratedAsync(provider);
        await using var db = TestDatabase.Open(database);
        var clock = new ManualTimeProvider(start ?? new DateTimeOffset(Trade.At.AddHours(1)));
        return new NotificationScenario(database, await Trade.StoreAsync(db), clock);
    }

    public string Address(string name) => $"{name}-{Token}@sakura-seimitsu.example";

    public async Task<WebEdiUser> AddUserAsync(
        string name, UserRole role, Company? company = null, string language = "ja", Action<WebEdiUser>? configure = null)
    {
        await using var db = TestDatabase.Open(Database);
        var user = WebEdiUser.Create(Address(name), $"{name} 太郎", (company ?? Trade.Supplier).Id, role, Now);
        user.PreferredLanguage = language;
        configure?.Invoke(user);
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user;
    }

    public async Task<NotificationAddress> AddNotificationAddressAsync(string name, Company? company = null)
    {
        await using var db = TestDatabase.Open(Database);
        var address = NotificationAddress.Create((company ?? Trade.Supplier).Id, Address(name), Now);
        db.NotificationAddresses.Add(address);
        await db.SaveChangesAsync();
        return address;
    }

    /// <summary>Another company with a trading relationship to the scenario's buyer or supplier.</summary>
    public async Task<Company> AddCompanyAsync(string code, string name, bool isBuyer, string supplierCode)
    {
        await using var db = TestDatabase.Open(Database);
        var company = Company.Create(code, name, isBuyer, !isBuyer, Now);
        var relationship = isBuyer
            ? TradingRelationship.Create(company, Trade.Supplier, supplierCode, Now)
            : TradingRelationship.Create(Trade.Buyer, company, supplierCode, Now);
        db.AddRange(company, relationship);
        await db.SaveChangesAsync();
        return company;
    }

    /// <summary>A new order (or a new revision of one) through the real intake, at the clock's time.</summary>
    public Task<IntakeReply> SubmitAsync(string orderNumber, int revision = 1, Company? buyer = null, string supplierCode = "S10021", decimal quantity = 100m) =>
        IntakeAsync(i => i.ReviseAsync(buyer ?? Trade.Buyer, Order(orderNumber, revision, supplierCode, quantity)));

    public Task<IntakeReply> ChangeAsync(string orderNumber, int revision, decimal quantity = 120m, Company? buyer = null, string supplierCode = "S10021")
    {
        var order = Order(orderNumber, revision, supplierCode, quantity);
        return IntakeAsync(i => i.ReviseAsync(buyer ?? Trade.Buyer, new ChangePurchaseOrder
        {
            OrderNumber = order.OrderNumber,
            Revision = revision,
            SupplierCode = order.SupplierCode,
            OrderDate = order.OrderDate,
            Currency = order.Currency,
            Lines = order.Lines,
        }));
    }

    public Task<IntakeReply> CancelAsync(string orderNumber, Company? buyer = null) =>
        IntakeAsync(i => i.CancelAsync(buyer ?? Trade.Buyer, new CancelPurchaseOrder { OrderNumber = orderNumber, Reason = "計画変更" }));

    public async Task<int> BuildAsync()
    {
        await using var db = TestDatabase.Open(Database);
        return await new SupplierDigestBuilder(db, Clock, Options, new PortalLinks(PublicUrl), NullLogger<SupplierDigestBuilder>.Instance).BuildDueAsync();
    }

    public async Task<int> SendAsync(IMailSender sender)
    {
        await using var db = TestDatabase.Open(Database);
        return await new DigestSender(db, sender, Clock, NullLogger<DigestSender>.Instance).SendPendingAsync();
    }

    public IMailSender Smtp(SmtpServer server) => Smtp(server.Host, server.Port);

    public IMailSender Smtp(string host, int port) => new SmtpMailSender(new MailOptions
    {
        Delivery = MailDelivery.Smtp,
        From = Options.From,
        Smtp = new SmtpOptions { Host = host, Port = port },
    });

    public async Task<List<SupplierDigest>> DigestsAsync()
    {
        await using var db = TestDatabase.Open(Database);
        return (await db.SupplierDigests.AsNoTracking().ToListAsync()).OrderBy(d => d.CreatedAt).ThenBy(d => d.Recipient, StringComparer.Ordinal).ToList();
    }

    /// <summary>This test's mail on the shared server, by recipient.</summary>
    public ILookup<string, ReceivedMail> Mail(SmtpServer server) =>
        server.ReceivedMessages().Where(m => m.To.Any(t => t.Contains(Token, StringComparison.Ordinal))).ToLookup(m => m.To.Single());

    private async Task<IntakeReply> IntakeAsync(Func<PurchaseOrderIntake, Task<IntakeReply>> call)
    {
        await using var db = TestDatabase.Open(Database);
        var reply = await call(new PurchaseOrderIntake(db, Clock, NullLogger<PurchaseOrderIntake>.Instance));
        Assert.Null(reply.Rejected);
        return reply;
    }

    private static SubmitPurchaseOrder Order(string number, int revision, string supplierCode, decimal quantity) => new()
    {
        OrderNumber = number,
        Revision = revision,
        SupplierCode = supplierCode,
        OrderDate = new DateOnly(2026, 11, 2),
        Currency = "JPY",
        DeliveryLocation = "本社工場 第1受入場",
        Lines =
        [
            new PurchaseOrderLine
            {
                LineNumber = 1,
                BuyerItemCode = "TM-B-6201",
                ItemName = "深溝玉軸受 6203ZZ",
                Quantity = quantity,
                Unit = "個",
                UnitPrice = 185.5m,
                TaxRate = 10m,
                RequestedDeliveryDate = new DateOnly(2026, 11, 30),
            },
        ],
    };
}
