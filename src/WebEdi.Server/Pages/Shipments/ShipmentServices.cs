namespace WebEdi.Server.Pages.Shipments;

public static class ShipmentServices
{
    /// <summary>The shipment pages' queries and printing (docs/shipments.md).</summary>
    public static IServiceCollection AddPortalShipments(this IServiceCollection services) => services
        .AddScoped<ShipmentList>()
        .AddScoped<ShipmentCandidates>()
        .AddScoped<ShipmentDetailQuery>()
        .AddScoped<DeliveryNotePrinting>()
        .AddScoped<Orders.OrderSheetPrinting>();
}
