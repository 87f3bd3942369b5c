using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WebEdi.Contracts;
using WebEdi.Data;
using WebEdi.Domain.Companies;
using WebEdi.Ordering.Intake;
using WebEdi.Server.Api.Csv;

namespace WebEdi.Server.Api;

/// <summary>
/// <c>/api/v1/purchase-orders</c>: the buyer's ERP submits, changes and cancels orders, as JSON (one message or an
/// array) or as the standard order CSV. Every element goes through <see cref="PurchaseOrderIntake"/> on its own, so one
/// bad element is refused alone and the others are stored.
/// </summary>
internal static class PurchaseOrderEndpoints
{
    public static RouteGroupBuilder MapPurchaseOrderEndpoints(this RouteGroupBuilder api)
    {
        var orders = api.MapGroup("/purchase-orders").RequireAuthorization(PurchaseOrderApi.Policy);
        orders.MapPost("", (HttpContext context, PurchaseOrderIntake intake, WebEdiDbContext db) =>
            ReviseAsync<SubmitPurchaseOrder>(context, intake, db));
        orders.MapPost("/changes", (HttpContext context, PurchaseOrderIntake intake, WebEdiDbContext db) =>
            ReviseAsync<ChangePurchaseOrder>(context, intake, db));
        orders.MapPost("/cancellations", CancelAsync);
        orders.MapPost("/csv", UploadCsvAsync);
        return api;
    }

    private static Task<Results<JsonHttpResult<IntakeResults>, ProblemHttpResult>> ReviseAsync<T>(
        HttpContext context, PurchaseOrderIntake intake, WebEdiDbContext db)
        where T : class, IPurchaseOrderRevision =>
        ProcessJsonAsync<T>(context, db, (buyer, message, ct) => intake.ReviseAsync(buyer, message, ct), intake);

    private static Task<Results<JsonHttpResult<IntakeResults>, ProblemHttpResult>> CancelAsync(
        HttpContext context, PurchaseOrderIntake intake, WebEdiDbContext db) =>
        ProcessJsonAsync<CancelPurchaseOrder>(context, db, (buyer, message, ct) => intake.CancelAsync(buyer, message, ct), intake);

    private static async Task<Results<JsonHttpResult<IntakeResults>, ProblemHttpResult>> ProcessJsonAsync<T>(
        HttpContext context, WebEdiDbContext db, Func<Company, T, CancellationToken, Task<IntakeReply>> apply, PurchaseOrderIntake intake)
        where T : class
    {
        if (!context.Request.HasJsonContentType())
        {
            return RequestBody.UnsupportedMediaType("application/json");
        }

        var cancellationToken = context.RequestAborted;
        var body = await RequestBody.ReadAsync(context.Request, cancellationToken);
        if (body is null)
        {
            return RequestBody.TooLarge();
        }

        if (JsonBodyReader.CountElements(body) is var count and (0 or > RequestBody.MaxOrders))
        {
            return count == 0 ? RequestBody.Empty() : RequestBody.TooManyOrders(count);
        }

        var buyer = await BuyerAsync(context, db, cancellationToken);
        var results = new List<IntakeResult>();
        foreach (var (element, index) in JsonBodyReader.Read<T>(body, out _).Select((e, i) => (e, i)))
        {
            var reply = element.Message is { } message
                ? await apply(buyer, message, cancellationToken)
                : await intake.RejectAsync(buyer, typeof(T).Name, element.OrderNumber, element.Revision, element.Problems, cancellationToken);
            results.Add(IntakeResult.From(index, reply));
        }

        return TypedResults.Json(new IntakeResults(results), ContractJson.Options);
    }

    private static async Task<Results<JsonHttpResult<IntakeResults>, ProblemHttpResult>> UploadCsvAsync(
        HttpContext context, PurchaseOrderIntake intake, WebEdiDbContext db, string? encoding)
    {
        var cancellationToken = context.RequestAborted;
        if (OrderCsv.FindEncoding(encoding ?? context.Request.GetTypedHeaders().ContentType?.Charset.Value) is not { } csvEncoding)
        {
            return TypedResults.Problem($"'{encoding}' is not a supported encoding; use utf-8 (the default) or shift_jis.",
                statusCode: StatusCodes.Status400BadRequest, title: "unsupported encoding");
        }

        var body = await RequestBody.ReadAsync(context.Request, cancellationToken);
        if (body is null)
        {
            return RequestBody.TooLarge();
        }

        var file = await OrderCsv.ExtractFileAsync(context.Request, body, cancellationToken);
        if (file is null)
        {
            return RequestBody.UnsupportedMediaType("text/csv, or multipart/form-data with the CSV file as its first file");
        }

        var orders = OrderCsv.Read(file, csvEncoding);
        if (orders.Count == 0)
        {
            return RequestBody.Empty();
        }

        if (orders.Count > RequestBody.MaxOrders)
        {
            return RequestBody.TooManyOrders(orders.Count);
        }

        var buyer = await BuyerAsync(context, db, cancellationToken);
        var results = new List<IntakeResult>();
        foreach (var (order, index) in orders.Select((o, i) => (o, i)))
        {
            var reply = order.Message is { } message
                ? await intake.ReviseAsync(buyer, message, cancellationToken)
                : await intake.RejectAsync(buyer, nameof(SubmitPurchaseOrder), order.OrderNumber, order.Revision, order.Problems, cancellationToken);
            results.Add(IntakeResult.From(index, reply));
        }

        return TypedResults.Json(new IntakeResults(results), ContractJson.Options);
    }

    /// <summary>The buyer the API key belongs to (the scheme put its id in the principal).</summary>
    private static Task<Company> BuyerAsync(HttpContext context, WebEdiDbContext db, CancellationToken cancellationToken)
    {
        var id = Guid.Parse(context.User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        return db.Companies.AsNoTracking().SingleAsync(c => c.Id == id, cancellationToken);
    }
}
