using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WebEdi.Ordering.Answers;
using WebEdi.Ordering.Intake;
using WebEdi.Ordering.Shipments;

namespace WebEdi.Ordering;

public static class OrderingExtensions
{
    /// <summary>The order service: intake of purchase orders from every transport, the suppliers' answers and shipments.</summary>
    public static IHostApplicationBuilder AddOrdering(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<PurchaseOrderIntake>();
        builder.Services.AddScoped<OrderAnswering>();
        builder.Services.AddScoped<ShipmentService>();
        return builder;
    }
}
