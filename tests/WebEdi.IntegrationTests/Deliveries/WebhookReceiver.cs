using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using WebEdi.Integration.Channels.Webhooks;
using WebEdi.Testing;

namespace WebEdi.IntegrationTests.Deliveries;

/// <summary>One POST the receiver got, as a buyer's ERP would see it.</summary>
public sealed record ReceivedWebhook(Guid DocumentId, string? IdempotencyKey, string MessageType, string Body, string Signature, bool SignatureValid, DateTimeOffset At, int Answered);

/// <summary>
/// A buyer's ERP endpoint: a real HTTP server (Kestrel on a free loopback port) that checks each request's signature
/// as the contract tells integrators to, records it, and answers as the test's behaviour says — a status, after a
/// delay if it likes. Deduplicating by document id, as an ERP does, is <see cref="Distinct"/>.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly ConcurrentDictionary<Guid, int> _attempts = new();
    private string _secret = "";

    private WebhookReceiver(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>Every request in arrival order, duplicates included.</summary>
    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    /// <summary>The documents accepted (answered 2xx), once each: what the ERP stored after deduplicating by id.</summary>
    public IReadOnlyList<ReceivedWebhook> Distinct => _received.Where(r => r.Answered is >= 200 and < 300).DistinctBy(r => r.DocumentId).ToList();

    /// <summary>The secret the receiver checks signatures with (the channel's, read once it exists).</summary>
    public string Secret
    {
        get => Volatile.Read(ref _secret);
        set => Volatile.Write(ref _secret, value);
    }

    /// <param name="behaviour">Given the request and how many times this document has arrived (1 the first time), the status to answer.</param>
    public static async Task<WebhookReceiver> StartAsync(Func<ReceivedWebhook, int, Task<int>>? behaviour = null)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, new Uri($"http://127.0.0.1:{port}/erp/webedi"));
        behaviour ??= (_, _) => Task.FromResult(200);
        app.MapPost("/erp/webedi", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            var bytes = body.ToArray();
            var signature = request.Headers[WebhookSignature.Header].ToString();
            var received = new ReceivedWebhook(
                Guid.TryParse(request.Headers[WebhookChannelAdapter.DocumentIdHeader], out var id) ? id : Guid.Empty,
                request.Headers[WebhookChannelAdapter.IdempotencyKeyHeader],
                request.Headers[WebhookChannelAdapter.MessageTypeHeader].ToString(),
                System.Text.Encoding.UTF8.GetString(bytes),
                signature,
                WebhookSignature.Verify(signature, receiver.Secret, bytes, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)),
                DateTimeOffset.UtcNow,
                0);
            var status = await behaviour(received, receiver._attempts.AddOrUpdate(received.DocumentId, 1, (_, n) => n + 1));
            receiver._received.Enqueue(received with { Answered = status });
            return Results.StatusCode(status);
        });
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
