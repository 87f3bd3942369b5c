using WebEdi.Domain;

namespace WebEdi.Data.Exchange;

/// <summary>
/// One buyer's nightly CSV exchange: its profile (JSON, as the buyer admin imports and exports it), whether it runs,
/// how far its exports have gone, and the lease that keeps two scheduler instances from running it at once.
/// </summary>
public sealed class BuyerExchange
{
    public const int MaxProfileLength = 200_000;

    private BuyerExchange()
    {
        ProfileJson = null!;
        ProfileName = null!;
    }

    public Guid BuyerId { get; private set; }

    /// <summary>The exchange profile in its JSON form (see docs/nightly-exchange.md).</summary>
    public string ProfileJson { get; private set; }

    /// <summary>The profile's name, for lists.</summary>
    public string ProfileName { get; private set; }

    /// <summary>Off: neither the schedule nor "run now" runs it (a command-line run still can).</summary>
    public bool Enabled { get; private set; }

    /// <summary>
    /// The outbox position exported up to: every answer and shipment document of the buyer with a larger
    /// <c>OutboxMessage.Sequence</c> is still to be exported. Advanced in the transaction that completes an export.
    /// </summary>
    public long ExportWatermark { get; private set; }

    /// <summary>The scheduled time (UTC) of the last run the schedule started; the next run is the schedule's next time after it.</summary>
    public DateTime ScheduleAnchor { get; private set; }

    /// <summary>Set by "run now" in the browser; the scheduler runs the exchange at its next look and clears it.</summary>
    public DateTime? RunRequestedAt { get; private set; }

    public string? RunRequestedBy { get; private set; }

    /// <summary>The process running this buyer's exchange, until <see cref="LeaseExpiresAt"/>.</summary>
    public string? LeaseOwner { get; private set; }

    public DateTime? LeaseExpiresAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public string? UpdatedBy { get; private set; }

    /// <summary>
    /// A new exchange exports what happens from now on (<paramref name="watermark"/>: the outbox's current end), and
    /// its schedule starts now, so enabling it at 15:00 does not run yesterday's 02:00 at once.
    /// </summary>
    public static BuyerExchange Create(Guid buyerId, string profileName, string profileJson, long watermark, string? by, DateTime at) => new()
    {
        BuyerId = buyerId,
        ProfileName = profileName,
        ProfileJson = profileJson,
        Enabled = true,
        ExportWatermark = watermark,
        ScheduleAnchor = Instant.Require(at),
        UpdatedAt = at,
        UpdatedBy = by,
    };

    public void ChangeProfile(string profileName, string profileJson, string? by, DateTime at)
    {
        ProfileName = profileName;
        ProfileJson = profileJson;
        UpdatedAt = Instant.Require(at);
        UpdatedBy = by;
    }

    public void Enable(bool enabled, string? by, DateTime at)
    {
        if (enabled && !Enabled)
        {
            // Switched back on: the schedule resumes from now rather than catching up on the nights it was off.
            ScheduleAnchor = Instant.Require(at);
        }

        Enabled = enabled;
        UpdatedAt = at;
        UpdatedBy = by;
    }

    public void RequestRun(string by, DateTime at)
    {
        RunRequestedAt ??= Instant.Require(at);
        RunRequestedBy = by;
    }
}
