using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace WebEdi.IntegrationTests.Portal;

/// <summary>One page as the server answered it, parsed like a browser would.</summary>
public sealed record PortalPage(HttpStatusCode Status, IDocument Document, HttpResponseMessage Response)
{
    public string? Location => Response.Headers.Location?.ToString();

    public string Text => Document.Body?.TextContent ?? "";

    /// <summary>The anti-forgery token of the page's first form.</summary>
    public string? Token => Document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value");

    public IHtmlFormElement Form(string selector = "form") =>
        Document.QuerySelector<IHtmlFormElement>(selector) ?? throw new InvalidOperationException($"No form '{selector}' on the page.");
}

/// <summary>
/// A browser without a browser: one cookie jar, pages parsed with AngleSharp, forms posted with the page's
/// anti-forgery token. Redirects are not followed, so tests can assert them.
/// </summary>
public sealed class PortalSession : IDisposable
{
    private readonly HttpClient _http;
    private readonly IBrowsingContext _parser = BrowsingContext.New(Configuration.Default);

    /// <param name="from">The loopback address to connect from (127.0.0.2, …), for tests of a company's allowed networks.</param>
    public PortalSession(Uri baseAddress, IPAddress? from = null)
    {
        Cookies = new CookieContainer();
        var handler = new SocketsHttpHandler { CookieContainer = Cookies, AllowAutoRedirect = false };
        if (from is not null)
        {
            handler.ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new System.Net.Sockets.Socket(from.AddressFamily, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(from, 0));
                    await socket.ConnectAsync(IPAddress.Parse(context.DnsEndPoint.Host), context.DnsEndPoint.Port, cancellationToken);
                    return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }

        _http = new HttpClient(handler) { BaseAddress = baseAddress };
    }

    public CookieContainer Cookies { get; }

    /// <summary>Headers sent with every request (a reverse proxy's X-Forwarded-For, …).</summary>
    public System.Net.Http.Headers.HttpRequestHeaders Headers => _http.DefaultRequestHeaders;

    public async Task<PortalPage> GetAsync(string path)
    {
        var response = await _http.GetAsync(new Uri(path, UriKind.RelativeOrAbsolute));
        return await ParseAsync(response);
    }

    /// <summary>Gets the page and follows redirects on this site, as a browser would.</summary>
    public async Task<PortalPage> FollowAsync(string path)
    {
        var page = await GetAsync(path);
        for (var hops = 0; page.Status is HttpStatusCode.Redirect or HttpStatusCode.Found && hops < 5; hops++)
        {
            page = await GetAsync(page.Location!);
        }

        return page;
    }

    /// <summary>Posts <paramref name="fields"/> to <paramref name="path"/> with the anti-forgery token of <paramref name="from"/>.</summary>
    public async Task<PortalPage> PostAsync(string path, PortalPage from, params (string Name, string Value)[] fields) =>
        await PostAsync(path, from.Token ?? throw new InvalidOperationException("The page has no anti-forgery token."), fields);

    public async Task<PortalPage> PostAsync(string path, string token, params (string Name, string Value)[] fields)
    {
        var content = new FormUrlEncodedContent(
            fields.Select(f => KeyValuePair.Create(f.Name, f.Value)).Append(KeyValuePair.Create("__RequestVerificationToken", token)));
        return await ParseAsync(await _http.PostAsync(new Uri(path, UriKind.Relative), content));
    }

    /// <summary>Posts any content (a CSV upload) with the token of <paramref name="from"/> added to a multipart body.</summary>
    public async Task<PortalPage> PostMultipartAsync(string path, PortalPage from, MultipartFormDataContent content)
    {
        content.Add(new StringContent(from.Token!), "__RequestVerificationToken");
        return await ParseAsync(await _http.PostAsync(new Uri(path, UriKind.Relative), content));
    }

    /// <summary>Downloads raw bytes (CSV, PDF).</summary>
    public Task<HttpResponseMessage> GetRawAsync(string path) => _http.GetAsync(new Uri(path, UriKind.Relative));

    public async Task<PortalPage> SignInAsync(string email, string password)
    {
        var login = await GetAsync("/Account/Login");
        return await PostAsync("/Account/Login", login, ("Email", email), ("Password", password));
    }

    public void Dispose()
    {
        _http.Dispose();
        _parser.Dispose();
    }

    private async Task<PortalPage> ParseAsync(HttpResponseMessage response)
    {
        var html = response.Content.Headers.ContentType?.MediaType == "text/html" ? await response.Content.ReadAsStringAsync() : "";
        var document = await _parser.OpenAsync(r => r.Content(html));
        return new PortalPage(response.StatusCode, document, response);
    }
}
