using WebEdi.Data.Deliveries;
using WebEdi.Domain.Users;

namespace WebEdi.Server.Demo;

/// <summary>The shape of <c>seeds/demo.json</c>.</summary>
internal sealed record DemoData(
    string Password,
    IReadOnlyList<DemoCompany> Companies,
    IReadOnlyList<DemoRelationship> Relationships,
    IReadOnlyList<DemoChannel> Channels,
    IReadOnlyList<DemoExchange> Exchanges,
    IReadOnlyList<DemoUser> Users,
    IReadOnlyList<string> DeliveryLocations,
    IReadOnlyList<string> Contacts,
    IReadOnlyList<DemoItem> Items);

internal sealed record DemoCompany(string Code, string Name, bool Buyer, bool Supplier);

internal sealed record DemoRelationship(string Buyer, string Supplier, string SupplierCode);

/// <summary>A buyer's file-drop channel; on RabbitMQ every demo buyer also gets its bus channel.</summary>
internal sealed record DemoChannel(string Buyer, ChannelKind Kind, FileDropEncoding Encoding);

/// <summary>
/// A buyer's nightly exchange from a built-in profile (<c>standard</c>, <c>japanese-erp</c>), with a sample order file
/// from <c>seeds/</c> waiting in its inbound folder so "run now" has something to import.
/// </summary>
internal sealed record DemoExchange(string Buyer, string Profile, string? SampleFile);

internal sealed record DemoUser(string Email, string Name, string? Company, UserRole Role);

internal sealed record DemoItem(
    string Supplier, string BuyerItemCode, string SupplierItemCode, string Name, string Specification, string Unit,
    decimal UnitPrice, decimal TaxRate, string? Buyer);
