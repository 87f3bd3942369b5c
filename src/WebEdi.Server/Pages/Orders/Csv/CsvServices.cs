namespace WebEdi.Server.Pages.Orders.Csv;

public static class CsvServices
{
    /// <summary>The order-line CSV download and the answer upload (docs/portal-csv.md).</summary>
    public static IServiceCollection AddPortalCsv(this IServiceCollection services) => services
        .AddScoped<OrderLineExport>()
        .AddScoped<AnswerUpload>()
        .AddSingleton<CsvUploadStore>();
}
