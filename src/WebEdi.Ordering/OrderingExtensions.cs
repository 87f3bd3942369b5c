using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WebEdi.Ordering.Answers;
using WebEdi.Ordering.Intake;

namespace WebEdi.Ordering;

public static class OrderingExtensions
{
    /// <summary>The order service: intake of purchase orders from every transport, and the suppliers' answers.</summary>
    public static IHostApplicationBuilder AddOrdering(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<PurchaseOrderIntake>();
        builder.Services.AddScoped<OrderAnswering>();
        return builder;
    }
}
