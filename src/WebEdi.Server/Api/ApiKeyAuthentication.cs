using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WebEdi.Data;
using WebEdi.Data.ApiKeys;

namespace WebEdi.Server.Api;

/// <summary>
/// Authentication scheme <c>ApiKey</c>: <c>Authorization: Bearer wedi_…</c> names a buyer's key; the principal is the
/// buyer company. The address checked against the key's allow-list is the connection's own: X-Forwarded-For is not
/// trusted, since anyone can send it.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, WebEdiDbContext db, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string BuyerCodeClaim = "webedi:buyer_code";
    public const string KeyPrefixClaim = "webedi:api_key_prefix";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        const string bearer = "Bearer ";
        var token = header.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) ? header[bearer.Length..].Trim() : "";
        if (token.Length == 0 || token.Contains(' ', StringComparison.Ordinal))
        {
            return Fail(HttpStatusCode.Unauthorized, "malformed authorization header", "send the key as 'Authorization: Bearer wedi_…'.");
        }

        var prefix = ApiKey.PrefixOf(token);
        var key = prefix is null ? null : await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.KeyPrefix == prefix, Context.RequestAborted);
        // A wrong secret for an existing prefix is answered exactly like an unknown prefix, so prefixes cannot be probed.
        if (key is null || !key.Matches(token))
        {
            return Fail(HttpStatusCode.Unauthorized, "unknown api key", "the key is not a WebEdi API key; ask your WebEdi operator for one.");
        }

        if (key.IsRevoked)
        {
            return Fail(HttpStatusCode.Unauthorized, "api key revoked", $"the key {key.KeyPrefix} was revoked; ask your WebEdi operator for a new one.");
        }

        var buyer = await db.Companies.AsNoTracking().SingleOrDefaultAsync(c => c.Id == key.CompanyId, Context.RequestAborted);
        if (buyer is not { IsBuyer: true })
        {
            return Fail(HttpStatusCode.Unauthorized, "unknown api key", "the key does not belong to a buyer.");
        }

        var address = Context.Connection.RemoteIpAddress;
        if (!key.Allows(address))
        {
            return Fail(HttpStatusCode.Forbidden, "address not allowed",
                $"the key {key.KeyPrefix} may not be used from {Describe(address)}; ask your WebEdi operator to allow that address.");
        }

        await RecordUseAsync(key, address);
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, buyer.Id.ToString()),
            new Claim(ClaimTypes.Name, buyer.Code),
            new Claim(BuyerCodeClaim, buyer.Code),
            new Claim(KeyPrefixClaim, key.KeyPrefix),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure as ApiKeyFailure;
        if (failure is { Status: HttpStatusCode.Forbidden })
        {
            await WriteProblemAsync(failure);
            return;
        }

        Response.Headers.WWWAuthenticate = failure is null ? "Bearer" : $"Bearer error=\"invalid_token\", error_description=\"{failure.Message}\"";
        await WriteProblemAsync(failure ?? new ApiKeyFailure(HttpStatusCode.Unauthorized, "api key required",
            "send the buyer's API key as 'Authorization: Bearer wedi_…'."));
    }

    /// <summary>Records the use at most once a minute per key, in one conditional UPDATE that needs no loaded entity.</summary>
    private async Task RecordUseAsync(ApiKey key, IPAddress? address)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (key.LastUsedAt is { } last && now - last < ApiKey.LastUsedResolution)
        {
            return;
        }

        var due = now - ApiKey.LastUsedResolution;
        var from = Describe(address);
        from = from.Length > ApiKey.LastUsedFromMaxLength ? from[..ApiKey.LastUsedFromMaxLength] : from;
        await db.ApiKeys
            .Where(k => k.Id == key.Id && (k.LastUsedAt == null || k.LastUsedAt <= due))
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now).SetProperty(k => k.LastUsedFrom, from), Context.RequestAborted);
    }

    private Task WriteProblemAsync(ApiKeyFailure failure) =>
        TypedResults.Problem(failure.Detail, statusCode: (int)failure.Status, title: failure.Message).ExecuteAsync(Context);

    private static string Describe(IPAddress? address) =>
        address is null ? "an unknown address" : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();

    private static AuthenticateResult Fail(HttpStatusCode status, string message, string detail) =>
        AuthenticateResult.Fail(new ApiKeyFailure(status, message, detail));

    private sealed class ApiKeyFailure(HttpStatusCode status, string message, string detail) : Exception(message)
    {
        public HttpStatusCode Status { get; } = status;

        public string Detail { get; } = detail;
    }
}
