using WebEdi.Data.Deliveries;
using WebEdi.Domain.Users;

namespace WebEdi.Server.Demo;

/// <summary>The shape of <c>seeds/demo.json</c>.</summary>
internal sealed record DemoData(
    string Password,
    IReadOnlyList<DemoCompany> Companies,
    IReadOnlyList<DemoRelationship> Relationships,
    IReadOnlyList<DemoChannel> Channels,
    IReadOnlyList<DemoUser> Users,
    IReadOnlyList<string> DeliveryLocations,
    IReadOnlyList<string> Contacts,
    IReadOnlyList<DemoItem> Items);

internal sealed record DemoCompany(string Code, string Name, bool Buyer, bool Supplier);

internal sealed record DemoRelationship(string Buyer, string Supplier, string SupplierCode);

/// <summary>A buyer's file-drop channel; on RabbitMQ every demo buyer also gets its bus channel.</summary>
internal sealed record DemoChannel(string Buyer, ChannelKind Kind, FileDropEncoding Encoding);

internal sealed record DemoUser(string Email, string Name, string? Company, UserRole Role);

internal sealed record DemoItem(
    string Supplier, string BuyerItemCode, string SupplierItemCode, string Name, string Specification, string Unit,
    decimal UnitPrice, decimal TaxRate, string? Buyer);
