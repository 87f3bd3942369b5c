using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace WebEdi.IntegrationTests.Api;

/// <summary>API keys: <c>Authorization: Bearer</c>, revocation, the address allow-list and the operator's commands.</summary>
public sealed class Authenticating_ERP_requests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private const string Path = "/api/v1/purchase-orders";

    [Fact]
    public async Task Without_an_Authorization_header_answers_401_with_a_Bearer_challenge()
    {
        var api = await fixture.ServerAsync();
        using var anonymous = api.Client(null);

        using var response = await PostAsync(anonymous);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task A_malformed_header_answers_401_with_a_Bearer_challenge()
    {
        var api = await fixture.ServerAsync();
        using var client = api.Client(null);
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Basic dXNlcjpwYXNz");

        using var response = await PostAsync(client);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task A_wrong_secret_for_an_existing_prefix_is_answered_like_an_unknown_key()
    {
        var api = await fixture.ServerAsync();
        var forged = api.Key[..12] + new string('A', api.Key.Length - 12);
        using var wrongSecret = api.Client(forged);
        using var unknownPrefix = api.Client("wedi_" + new string('B', 43));

        using var first = await PostAsync(wrongSecret);
        using var second = await PostAsync(unknownPrefix);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (first.StatusCode, second.StatusCode));
        Assert.Equal("unknown api key", (await ProblemAsync(first)).Title);
        Assert.Equal("unknown api key", (await ProblemAsync(second)).Title);
    }

    [Fact]
    public async Task A_revoked_key_answers_401_api_key_revoked()
    {
        var api = await fixture.ServerAsync();
        var key = await api.CreateKeyAsync(ApiServer.Buyer, "to revoke");
        using var client = api.Client(key);
        using (var before = await PostAsync(client))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var revoke = await api.RunAsync("buyers", "revoke-api-key", key[..12]);
        using var after = await PostAsync(client);

        Assert.Equal(0, revoke.ExitCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("api key revoked", (await ProblemAsync(after)).Title);
        Assert.Equal("Bearer", Assert.Single(after.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task From_an_address_outside_the_allow_list_answers_403_naming_the_address_whatever_X_Forwarded_For_says()
    {
        var api = await fixture.ServerAsync();
        using var elsewhere = api.Client(await api.CreateKeyAsync(ApiServer.Buyer, "office only", "10.0.0.0/8, 2001:db8::/32"));
        elsewhere.DefaultRequestHeaders.Add("X-Forwarded-For", "10.1.2.3");
        using var loopback = api.Client(await api.CreateKeyAsync(ApiServer.Buyer, "this host", "192.0.2.1,127.0.0.1"));
        var before = await api.CountAsync();

        using var refused = await PostAsync(elsewhere);
        using var allowed = await PostAsync(loopback);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("127.0.0.1", (await ProblemAsync(refused)).Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(before.Orders + 1, (await api.CountAsync()).Orders);
    }

    [Fact]
    public async Task The_commands_list_keys_with_their_last_use_and_never_show_the_secret_again()
    {
        var api = await fixture.ServerAsync();
        var key = await api.CreateKeyAsync("KANSAI-DENKI", "SAP PRD", "203.0.113.0/24,127.0.0.1");
        using (var response = await PostAsync(api.Client(key)))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var list = await api.RunAsync("buyers", "list-api-keys", "KANSAI-DENKI");

        Assert.Equal(0, list.ExitCode);
        var line = list.StandardOutput.Split('\n').Single(l => l.StartsWith(key[..12], StringComparison.Ordinal));
        Assert.Contains("SAP PRD", line, StringComparison.Ordinal);
        Assert.Contains("from 127.0.0.1", line, StringComparison.Ordinal);
        Assert.Contains("203.0.113.0/24,127.0.0.1", line, StringComparison.Ordinal);
        Assert.DoesNotContain(key, list.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_last_use_is_written_at_most_once_a_minute_so_requests_do_not_each_become_a_write()
    {
        var api = await fixture.ServerAsync();
        var key = await api.CreateKeyAsync(ApiServer.Buyer, "throttled");
        using var client = api.Client(key);

        (await PostAsync(client)).Dispose();
        var first = await LastUsedAsync(api, key);
        (await PostAsync(client)).Dispose();
        var second = await LastUsedAsync(api, key);

        Assert.NotNull(first);
        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData("NO-SUCH-BUYER", "there is no company with the code 'NO-SUCH-BUYER'")]
    [InlineData("SAKURA-SEIMITSU", "SAKURA-SEIMITSU is not a buyer")]
    public async Task Creating_a_key_for_a_company_that_is_not_a_buyer_fails_with_one_line(string code, string message)
    {
        var api = await fixture.ServerAsync();

        var result = await api.RunAsync("buyers", "create-api-key", code, "--name", "x");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(message, result.StandardError, StringComparison.Ordinal);
        Assert.Single(result.StandardError.Trim().Split('\n'));
        Assert.DoesNotContain("wedi_", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoking_an_unknown_prefix_fails_with_one_line()
    {
        var api = await fixture.ServerAsync();

        var result = await api.RunAsync("buyers", "revoke-api-key", "wedi_nothere");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("no API key with the prefix 'wedi_nothere'", result.StandardError, StringComparison.Ordinal);
    }

    private static async Task<DateTime?> LastUsedAsync(ApiServer api, string key)
    {
        var prefix = key[..12];
        await using var db = api.OpenDb();
        return (await db.ApiKeys.SingleAsync(k => k.KeyPrefix == prefix)).LastUsedAt;
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client) =>
        client.PostAsync(Path, new StringContent(ApiServer.Order(ApiServer.NewOrderNumber("AUTH")), Encoding.UTF8, "application/json"));

    private static async Task<ProblemBody> ProblemAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<ProblemBody>())!;

    private sealed record ProblemBody(string? Title, string? Detail, int? Status);
}
