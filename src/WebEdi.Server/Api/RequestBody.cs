using Microsoft.AspNetCore.Http.HttpResults;

namespace WebEdi.Server.Api;

/// <summary>The limits of one request, and reading a body within them.</summary>
internal static class RequestBody
{
    /// <summary>The largest body the API reads: 10 MB.</summary>
    public const int MaxBytes = 10 * 1024 * 1024;

    /// <summary>The most orders one request may carry (array elements, or orders in a CSV file).</summary>
    public const int MaxOrders = 500;

    /// <summary>The body, or <c>null</c> when it is larger than <see cref="MaxBytes"/> (read no further than that).</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    public static ProblemHttpResult TooLarge() => TypedResults.Problem(
        $"the body is larger than the limit of {MaxBytes} bytes (10 MB); send fewer orders per request.",
        statusCode: StatusCodes.Status413PayloadTooLarge, title: "request body too large");

    public static ProblemHttpResult TooManyOrders(int count) => TypedResults.Problem(
        $"the request holds {count} orders; the limit is {MaxOrders} per request.",
        statusCode: StatusCodes.Status413PayloadTooLarge, title: "too many orders");

    public static ProblemHttpResult Empty() => TypedResults.Problem(
        "the request holds no orders.", statusCode: StatusCodes.Status400BadRequest, title: "empty request");

    public static ProblemHttpResult UnsupportedMediaType(string expected) => TypedResults.Problem(
        $"send the body with Content-Type {expected}.", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "unsupported media type");
}
