using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WebEdi.Data;
using WebEdi.Data.Deliveries;
using WebEdi.Data.Exchange;
using WebEdi.Data.Identity;
using WebEdi.Domain.Companies;
using WebEdi.Domain.Orders;
using WebEdi.Domain.Shipments;
using WebEdi.Integration.Channels.Files;
using WebEdi.Integration.Exchange;
using WebEdi.Integration.Exchange.Profiles;
using WebEdi.Server.Bus;
using WebEdi.Server.Hosting;

namespace WebEdi.Server.Demo;

/// <summary>
/// Loads the demo from <c>seeds/demo.json</c> into an empty database: companies, trading relationships, users for every
/// role and a few hundred purchase orders in every status. Orders go through the domain's own methods (answers,
/// changes, shipments, cancellations), so the demo never holds a state the product could not reach. The same random
/// seed gives the same orders, with dates relative to today so that "overdue" means something.
/// </summary>
internal sealed class DemoSeeder(
    WebEdiDbContext db, IPasswordHasher<WebEdiUser> hasher, IOptions<DemoOptions> options, IOptions<BusOptions> bus, IHostEnvironment environment,
    FileDropOptions files, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public async Task<DemoData?> SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.Companies.AnyAsync(cancellationToken))
        {
            return null;
        }

        var data = await LoadAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var companies = data.Companies.ToDictionary(
            c => c.Code, c => Company.Create(c.Code, c.Name, c.Buyer, c.Supplier, now));
        db.Companies.AddRange(companies.Values);

        var relationships = data.Relationships
            .Select(r => TradingRelationship.Create(companies[r.Buyer], companies[r.Supplier], r.SupplierCode, now))
            .ToList();
        db.TradingRelationships.AddRange(relationships);

        AddUsers(data, companies, now);
        AddChannels(data, companies, now);
        AddExchanges(data, companies, now);

        var sequences = companies.Values.Where(c => c.IsSupplier)
            .ToDictionary(c => c.Id, c => DeliveryNoteSequence.Start(c.Id, c.Code[..2] + "-"));
        db.DeliveryNoteSequences.AddRange(sequences.Values);

        var random = new Random(20261121);
        for (var i = 0; i < options.Value.OrderCount; i++)
        {
            var relationship = relationships[i % relationships.Count];
            var buyer = companies.Values.Single(c => c.Id == relationship.BuyerId);
            var supplier = companies.Values.Single(c => c.Id == relationship.SupplierId);
            var items = data.Items
                .Where(it => it.Supplier == supplier.Code && (it.Buyer ?? "TOKAI-MOTOR") == buyer.Code)
                .ToList();
            var order = CreateOrder(data, relationship, buyer, items, i, now, random);
            db.PurchaseOrders.Add(order);
            var shipment = Advance(order, sequences[supplier.Id], now, random);
            if (shipment is not null)
            {
                db.Shipments.Add(shipment);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return data;
    }

    private async Task<DemoData> LoadAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(SeedsFolder(), "demo.json");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The demo data {path} is missing ({DemoOptions.Section}:SeedsPath).", path);
        }

        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<DemoData>(stream, Json, cancellationToken)
            ?? throw new InvalidDataException($"{path} is empty.");
    }

    private string SeedsFolder() => Path.IsPathRooted(options.Value.SeedsPath)
        ? options.Value.SeedsPath
        : Path.Combine(environment.ContentRootPath, options.Value.SeedsPath);

    private void AddChannels(DemoData data, Dictionary<string, Company> companies, DateTime now)
    {
        foreach (var channel in data.Channels.Where(c => c.Kind == ChannelKind.FileDrop))
        {
            db.BuyerChannels.Add(BuyerChannel.FileDrop(companies[channel.Buyer].Id, channel.Encoding, BuyerChannel.DefaultRetryWindowHours, now));
        }

        // On a broker the demo buyers read their replies as provisioned buyers would; the in-memory bus has no outside readers.
        if (bus.Value.Transport == BusTransport.RabbitMq)
        {
            db.BuyerChannels.AddRange(companies.Values.Where(c => c.IsBuyer).Select(c => BuyerChannel.Bus(c.Id, now)));
        }
    }

    private void AddExchanges(DemoData data, Dictionary<string, Company> companies, DateTime now)
    {
        foreach (var exchange in data.Exchanges)
        {
            var profile = BuiltInProfiles.All.Single(p => p.Key == exchange.Profile).Profile;
            db.BuyerExchanges.Add(BuyerExchange.Create(companies[exchange.Buyer].Id, profile.Name, ExchangeProfileJson.Serialize(profile), 0, "demo", now));
            var folders = ExchangeFolderSet.For(files, exchange.Buyer, profile.Folders);
            folders.Create();
            if (exchange.SampleFile is { } sample && !Directory.EnumerateFileSystemEntries(folders.Inbound).Any())
            {
                var source = Path.Combine(SeedsFolder(), sample);
                var target = Path.Combine(folders.Inbound, Path.GetFileName(sample));
                File.Copy(source, target);
                if (profile.Inbound.Completion == FileCompletion.DoneMarker)
                {
                    File.WriteAllBytes(target + ".done", []);
                }
            }
        }
    }

    private void AddUsers(DemoData data, Dictionary<string, Company> companies, DateTime now)
    {
        // One hash for the shared demo password: hashing is deliberately slow and the demo should start fast.
        string? hash = null;
        foreach (var u in data.Users)
        {
            var user = WebEdiUser.Create(u.Email, u.Name, u.Company is null ? null : companies[u.Company].Id, u.Role, now);
            user.NormalizedEmail = u.Email.ToUpperInvariant();
            user.NormalizedUserName = u.Email.ToUpperInvariant();
            user.EmailConfirmed = true;
            user.LockoutEnabled = true;
            user.SecurityStamp = Guid.NewGuid().ToString("N");
            user.PasswordHash = hash ??= hasher.HashPassword(user, data.Password);
            db.Users.Add(user);
        }
    }

    private static PurchaseOrder CreateOrder(
        DemoData data, TradingRelationship relationship, Company buyer, List<DemoItem> items, int index, DateTime now, Random random)
    {
        var today = DateOnly.FromDateTime(now);
        var orderDate = today.AddDays(-random.Next(0, 60));
        var header = new OrderHeader(
            orderDate,
            "JPY",
            data.DeliveryLocations[random.Next(data.DeliveryLocations.Count)],
            data.Contacts[random.Next(data.Contacts.Count)],
            random.Next(5) == 0 ? "納品時に検査成績書を添付してください。" : null);
        var lines = Enumerable.Range(1, random.Next(1, 6)).Select(n =>
        {
            var item = items[random.Next(items.Count)];
            return new OrderLineData(
                n, item.BuyerItemCode, item.SupplierItemCode, item.Name, item.Specification,
                random.Next(1, 50) * 10m, item.Unit, item.UnitPrice, null, item.TaxRate,
                orderDate.AddDays(random.Next(7, 45)), null, null);
        }).ToList();
        var prefix = buyer.Code == "TOKAI-MOTOR" ? "PO" : "KD";
        var placedAt = DateTime.SpecifyKind(orderDate.ToDateTime(new TimeOnly(0, 30)), DateTimeKind.Utc);
        return PurchaseOrder.Receive(relationship, $"{prefix}{orderDate:yyMM}-{index + 1:D5}", 1, header, lines, placedAt);
    }

    /// <summary>Moves a fresh order along the way a supplier would, to one of the statuses the product knows.</summary>
    private static Shipment? Advance(PurchaseOrder order, DeliveryNoteSequence sequence, DateTime now, Random random)
    {
        var at = order.ReceivedAt.AddHours(3);
        var roll = random.Next(100);
        if (roll < 30)
        {
            return null; // New
        }

        order.MarkViewed(at);
        if (roll < 42)
        {
            return null; // Viewed
        }

        if (roll < 48)
        {
            order.Cancel("購買計画の変更のため", at);
            return null;
        }

        if (roll < 55 && order.Lines.Count > 1)
        {
            order.Answer(1, new OrderAnswer.Accept(), null, at);
            return null; // PartiallyAnswered
        }

        var first = order.Lines[0];
        order.Answer(first.LineNumber, roll % 3 == 0
            ? new OrderAnswer.AcceptWithChanges(first.RequestedDeliveryDate.AddDays(3), null, null, "材料入荷待ちのため3日遅れます。")
            : new OrderAnswer.Accept(), null, at);
        if (order.Lines.Count > 1 && roll % 7 == 0)
        {
            order.Answer(order.Lines[^1].LineNumber, new OrderAnswer.Reject(RejectionReason.Discontinued, "生産終了品です。"), null, at);
        }

        if (order.Lines.Any(l => l.NeedsAnswer))
        {
            order.AcceptAll(null, at);
        }

        if (roll < 68)
        {
            return null; // Answered
        }

        if (roll < 75)
        {
            // The buyer raises the quantity of line 1 after the answer: ChangedAwaitingAnswer.
            var lines = order.Lines.Select(l => l.ToData() with
            {
                Quantity = l.LineNumber == 1 ? l.Quantity + 10 : l.Quantity,
                Amount = null,
            }).ToList();
            order.Revise(2, new OrderHeader(order.OrderDate, order.Currency, order.DeliveryLocation, order.BuyerContact, order.Remarks),
                lines, at.AddHours(1));
            return null;
        }

        var shippable = order.Lines.Where(l => l.OpenQuantity > 0).ToList();
        var partial = roll < 85;
        var shipItems = shippable
            .Select(l => new ShipmentItem(order, l.LineNumber, partial ? Math.Max(1, Math.Floor(l.OpenQuantity / 2)) : l.OpenQuantity))
            .ToList();
        var shipment = Shipment.Create(sequence.Next(), DateOnly.FromDateTime(at), shipItems, null, at.AddHours(1));
        if (roll >= 93 && !partial && order.ReceivedAt < now.AddDays(-3))
        {
            shipment.MarkReceived(at.AddDays(2));
        }

        return shipment;
    }
}
