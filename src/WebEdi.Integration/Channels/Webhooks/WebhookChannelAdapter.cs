using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using WebEdi.Data.Deliveries;

namespace WebEdi.Integration.Channels.Webhooks;

/// <summary>
/// The webhook channel: each document POSTed as its JSON to the buyer's URL, signed (<see cref="WebhookSignature"/>),
/// with the document id as <c>Idempotency-Key</c>. Any 2xx answer within the channel's time-out delivers it; anything
/// else — another status, a time-out, a refused connection, a redirect — is a failed attempt that is retried.
/// </summary>
public sealed class WebhookChannelAdapter(IHttpClientFactory clients, IntegrationOptions options, TimeProvider clock) : IChannelAdapter
{
    public const string ClientName = "webedi-webhooks";
    public const string DocumentIdHeader = "WebEdi-Document-Id";
    public const string MessageTypeHeader = "WebEdi-Message-Type";
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    private const int MaxErrorBodyCharacters = 300;

    public ChannelKind Kind => ChannelKind.Webhook;

    public async Task<IReadOnlyList<AttemptOutcome>> SendAsync(IReadOnlyList<OutboundDocument> documents, CancellationToken cancellationToken) =>
        await Task.WhenAll(documents.Select(d => SendOneAsync(d, cancellationToken)));

    /// <summary>
    /// A handler that connects only to public addresses unless the operator allowed private networks: the check runs
    /// on the address actually connected to, so a name that resolves differently later (DNS rebinding) cannot slip
    /// through.
    /// </summary>
    public static SocketsHttpHandler CreateHandler(IntegrationOptions options) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
            var allowed = options.Webhooks.AllowPrivateNetworks ? addresses : addresses.Where(IsPublic).ToArray();
            if (allowed.Length == 0)
            {
                throw new HttpRequestException(addresses.Length == 0
                    ? $"{context.DnsEndPoint.Host} has no address."
                    : $"{context.DnsEndPoint.Host} resolves only to non-public addresses ({string.Join(", ", addresses.Select(a => a.ToString()))}); "
                      + "webhooks go to public addresses unless WebEdi:Integration:Webhooks:AllowPrivateNetworks is on.");
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    /// <summary>Loopback, private (RFC 1918, fc00::/7), link-local, carrier-grade NAT, multicast and unspecified addresses are not public.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast);
        }

        var b = address.GetAddressBytes();
        return !(b[0] == 10
            || (b[0] == 172 && b[1] is >= 16 and <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 100 && b[1] is >= 64 and <= 127)
            || b[0] == 0
            || b[0] >= 224);
    }

    private async Task<AttemptOutcome> SendOneAsync(OutboundDocument document, CancellationToken cancellationToken)
    {
        var started = clock.GetUtcNow().UtcDateTime;
        var channel = document.Channel;
        if (channel.Url is not { } url || !Uri.TryCreate(url, UriKind.Absolute, out var target))
        {
            return new AttemptOutcome(started, started, false, Error: "the webhook has no valid URL.", Permanent: true);
        }

        if (target.Scheme != Uri.UriSchemeHttps && !options.Webhooks.AllowHttp)
        {
            return new AttemptOutcome(started, started, false,
                Error: $"{target.Scheme}:// is not allowed for webhooks (use https://, or turn on WebEdi:Integration:Webhooks:AllowHttp).");
        }

        var body = Encoding.UTF8.GetBytes(document.Payload);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation(IdempotencyKeyHeader, document.DocumentId.ToString());
        request.Headers.TryAddWithoutValidation(DocumentIdHeader, document.DocumentId.ToString());
        request.Headers.TryAddWithoutValidation(MessageTypeHeader, document.MessageType);
        request.Headers.TryAddWithoutValidation(WebhookSignature.Header, WebhookSignature.HeaderValue(channel.SigningSecrets(started), timestamp, body));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("WebEdi", "1.0"));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(channel.Timeout);
        var stopwatch = Stopwatch.StartNew();
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return new AttemptOutcome(started, clock.GetUtcNow().UtcDateTime, true, status);
            }

            var error = status is >= 300 and < 400
                ? $"HTTP {status}: redirects are not followed (Location: {response.Headers.Location})."
                : $"HTTP {status} {response.ReasonPhrase}{await ExcerptAsync(response, timeout.Token)}";
            return new AttemptOutcome(started, clock.GetUtcNow().UtcDateTime, false, status, error);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new AttemptOutcome(started, clock.GetUtcNow().UtcDateTime, false,
                Error: string.Create(CultureInfo.InvariantCulture, $"no answer within {channel.TimeoutSeconds} s (gave up after {stopwatch.Elapsed.TotalSeconds:0.0} s)."));
        }
        catch (HttpRequestException e)
        {
            return new AttemptOutcome(started, clock.GetUtcNow().UtcDateTime, false,
                Error: $"could not reach {target.GetLeftPart(UriPartial.Authority)}: {Describe(e)}");
        }
    }

    private static async Task<string> ExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
            return text.Length == 0 ? "." : $": {(text.Length > MaxErrorBodyCharacters ? text[..MaxErrorBodyCharacters] + "…" : text)}";
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            return ".";
        }
    }

    private static string Describe(HttpRequestException e) => e.InnerException switch
    {
        SocketException socket when e.Message.Contains(socket.Message, StringComparison.Ordinal) => $"{e.Message} [{socket.SocketErrorCode}]",
        SocketException socket => $"{e.Message}: {socket.Message} [{socket.SocketErrorCode}]",
        { } inner when !e.Message.Contains(inner.Message, StringComparison.Ordinal) => $"{e.Message}: {inner.Message}",
        _ => e.Message,
    };
}
