using System.Security.Cryptography;
using WebEdi.Domain;

namespace WebEdi.Data.Deliveries;

/// <summary>How documents reach a buyer's ERP. A buyer may use several kinds at once, one channel of each.</summary>
public enum ChannelKind
{
    /// <summary>Plain JSON on the buyer's own RabbitMQ queue <c>webedi.replies.BUYER</c>.</summary>
    Bus,

    /// <summary>An HTTPS POST of the JSON document to the buyer's URL, signed with HMAC-SHA256.</summary>
    Webhook,

    /// <summary>One CSV file per document in the buyer's outbound folder.</summary>
    FileDrop,
}

/// <summary>The text encoding of a file-drop channel's CSV files.</summary>
public enum FileDropEncoding
{
    /// <summary>UTF-8 without a byte order mark.</summary>
    Utf8,

    /// <summary>UTF-8 starting with a byte order mark, which Excel needs to recognise UTF-8.</summary>
    Utf8WithBom,

    /// <summary>Shift_JIS as Windows writes it (CP932).</summary>
    ShiftJis,
}

/// <summary>
/// One way one buyer receives its documents, with that way's settings. Every document of the buyer becomes one
/// <see cref="Delivery"/> per channel; a disabled channel keeps its deliveries waiting instead of dropping them, so
/// switching it back on later sends what it missed.
/// </summary>
public sealed class BuyerChannel
{
    public const int MaxUrlLength = 500;
    public const int DefaultTimeoutSeconds = 30;
    public const int DefaultRetryWindowHours = 24;

    /// <summary>The previous webhook secret keeps being sent beside the new one this long, so ERPs can switch without losing a document.</summary>
    public static readonly TimeSpan SecretOverlap = TimeSpan.FromHours(24);

    private BuyerChannel()
    {
    }

    public Guid Id { get; private set; }

    public Guid BuyerId { get; private set; }

    public ChannelKind Kind { get; private set; }

    public bool Enabled { get; private set; }

    /// <summary>Webhook: the absolute URL documents are POSTed to.</summary>
    public string? Url { get; private set; }

    /// <summary>Webhook: the key of the HMAC-SHA256 signature. The buyer's ERP holds the same text.</summary>
    public string? Secret { get; private set; }

    /// <summary>Webhook: the secret before the last rotation, still signed with until <see cref="PreviousSecretExpiresAt"/>.</summary>
    public string? PreviousSecret { get; private set; }

    public DateTime? PreviousSecretExpiresAt { get; private set; }

    /// <summary>Webhook: how long one request may take before it counts as failed.</summary>
    public int TimeoutSeconds { get; private set; } = DefaultTimeoutSeconds;

    /// <summary>File drop: the CSV files' encoding.</summary>
    public FileDropEncoding Encoding { get; private set; }

    /// <summary>How long a document is retried, from its first attempt, before it is given up as dead.</summary>
    public int RetryWindowHours { get; private set; } = DefaultRetryWindowHours;

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public TimeSpan RetryWindow => TimeSpan.FromHours(RetryWindowHours);

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    public static BuyerChannel Bus(Guid buyerId, DateTime at) => New(buyerId, ChannelKind.Bus, at);

    public static BuyerChannel Webhook(Guid buyerId, string url, int timeoutSeconds, int retryWindowHours, DateTime at)
    {
        var channel = New(buyerId, ChannelKind.Webhook, at);
        channel.ChangeWebhook(url, timeoutSeconds, retryWindowHours, at);
        channel.Secret = NewSecret();
        return channel;
    }

    public static BuyerChannel FileDrop(Guid buyerId, FileDropEncoding encoding, int retryWindowHours, DateTime at)
    {
        var channel = New(buyerId, ChannelKind.FileDrop, at);
        channel.ChangeFileDrop(encoding, retryWindowHours, at);
        return channel;
    }

    public void ChangeWebhook(string url, int timeoutSeconds, int retryWindowHours, DateTime at)
    {
        RequireKind(ChannelKind.Webhook);
        var errors = new DomainErrorCollector();
        var clean = url?.Trim() ?? "";
        errors.Check(clean.Length <= MaxUrlLength, "url", "too_long", $"must be at most {MaxUrlLength} characters.");
        errors.Check(Uri.TryCreate(clean, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && uri.UserInfo.Length == 0 && uri.Fragment.Length == 0,
            "url", "invalid_url", "must be an absolute https:// or http:// URL without user name, password or #fragment.");
        errors.Check(timeoutSeconds is >= 1 and <= 120, "timeoutSeconds", "out_of_range", "must be between 1 and 120 seconds.");
        CheckWindow(errors, retryWindowHours);
        errors.ThrowIfAny();
        Url = clean;
        TimeoutSeconds = timeoutSeconds;
        RetryWindowHours = retryWindowHours;
        UpdatedAt = Instant.Require(at);
    }

    public void ChangeFileDrop(FileDropEncoding encoding, int retryWindowHours, DateTime at)
    {
        RequireKind(ChannelKind.FileDrop);
        var errors = new DomainErrorCollector();
        errors.Check(Enum.IsDefined(encoding), "encoding", "invalid_encoding", "must be Utf8, Utf8WithBom or ShiftJis.");
        CheckWindow(errors, retryWindowHours);
        errors.ThrowIfAny();
        Encoding = encoding;
        RetryWindowHours = retryWindowHours;
        UpdatedAt = Instant.Require(at);
    }

    /// <summary>A new webhook secret; the old one is still signed with for <see cref="SecretOverlap"/>. Returns the new secret.</summary>
    public string RotateSecret(DateTime at)
    {
        RequireKind(ChannelKind.Webhook);
        PreviousSecret = Secret;
        PreviousSecretExpiresAt = Instant.Require(at) + SecretOverlap;
        Secret = NewSecret();
        UpdatedAt = at;
        return Secret;
    }

    /// <summary>The secrets a request is signed with at <paramref name="at"/>: the current one, and during a rotation the previous one.</summary>
    public IReadOnlyList<string> SigningSecrets(DateTime at) =>
        PreviousSecret is { } previous && PreviousSecretExpiresAt > at ? [Secret!, previous] : [Secret!];

    public void Enable(DateTime at)
    {
        Enabled = true;
        UpdatedAt = Instant.Require(at);
    }

    public void Disable(DateTime at)
    {
        Enabled = false;
        UpdatedAt = Instant.Require(at);
    }

    private static BuyerChannel New(Guid buyerId, ChannelKind kind, DateTime at) => new()
    {
        Id = Guid.CreateVersion7(),
        BuyerId = buyerId,
        Kind = kind,
        Enabled = true,
        CreatedAt = Instant.Require(at),
        UpdatedAt = at,
    };

    private static void CheckWindow(DomainErrorCollector errors, int retryWindowHours) =>
        errors.Check(retryWindowHours is >= 1 and <= 720, "retryWindowHours", "out_of_range", "must be between 1 and 720 hours (30 days).");

    /// <summary>32 random bytes, readable and copyable: <c>whsec_</c> and base64url.</summary>
    private static string NewSecret() =>
        "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private void RequireKind(ChannelKind kind)
    {
        if (Kind != kind)
        {
            throw new InvalidOperationException($"A {Kind} channel has no {kind} settings.");
        }
    }
}
