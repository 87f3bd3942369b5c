using System.Text;
using WebEdi.Integration.Channels.Webhooks;

namespace WebEdi.Integration.Tests;

/// <summary>The webhook signature as contracts/README.md tells ERP developers to check it.</summary>
public sealed class Signing_webhooks
{
    // The worked example of contracts/README.md; the signature was computed independently with Python's hmac module.
    private const string Secret = "whsec_Kq3cZ8xN1vP4tY7wA2eR5uI9oL6jH0gF3dS8aQ1mB4n";
    private const long Timestamp = 1796083200;
    private const string Body = """{"documentId":"0193a7c2-5f1e-7d4b-9a8e-2c6f1b3d4e5a","buyerCode":"TOKAI-MOTOR","orderNumber":"PO-2026-004512"}""";
    private const string Expected = "9516faa1e112434abbdd095aab8220bb3b040f1234f6f243b2ad4f3c47c83649";
    private static readonly DateTimeOffset SentAt = DateTimeOffset.FromUnixTimeSeconds(Timestamp);

    [Fact]
    public void The_signature_is_HMAC_SHA256_of_the_timestamp_a_dot_and_the_body_in_lowercase_hex() =>
        Assert.Equal(Expected, WebhookSignature.Compute(Secret, Timestamp, Encoding.UTF8.GetBytes(Body)));

    [Fact]
    public void The_header_carries_the_timestamp_and_one_signature_per_valid_secret() =>
        Assert.Equal(
            $"t={Timestamp},v1={Expected},v1={WebhookSignature.Compute("whsec_old", Timestamp, Encoding.UTF8.GetBytes(Body))}",
            WebhookSignature.HeaderValue([Secret, "whsec_old"], Timestamp, Encoding.UTF8.GetBytes(Body)));

    [Fact]
    public void A_receiver_accepts_the_header_with_either_secret_during_a_rotation()
    {
        var header = WebhookSignature.HeaderValue([Secret, "whsec_old"], Timestamp, Encoding.UTF8.GetBytes(Body));

        Assert.True(WebhookSignature.Verify(header, Secret, Encoding.UTF8.GetBytes(Body), SentAt, TimeSpan.FromMinutes(5)));
        Assert.True(WebhookSignature.Verify(header, "whsec_old", Encoding.UTF8.GetBytes(Body), SentAt, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void A_changed_body_another_secret_or_an_old_timestamp_is_refused()
    {
        var header = $"t={Timestamp},v1={Expected}";

        Assert.False(WebhookSignature.Verify(header, Secret, Encoding.UTF8.GetBytes(Body.Replace("4512", "4513", StringComparison.Ordinal)), SentAt, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(header, "whsec_other", Encoding.UTF8.GetBytes(Body), SentAt, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(header, Secret, Encoding.UTF8.GetBytes(Body), SentAt.AddMinutes(6), TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify($"v1={Expected}", Secret, Encoding.UTF8.GetBytes(Body), SentAt, TimeSpan.FromMinutes(5)));
    }
}
