using WebEdi.Data.Exchange;

namespace WebEdi.Integration.Exchange;

/// <summary>What to run: both directions by default (orders in, then answers and shipments out).</summary>
public sealed record ExchangeRequest(ExchangeTrigger Trigger, string? StartedBy)
{
    public bool Inbound { get; init; } = true;

    public bool Outbound { get; init; } = true;

    /// <summary>Check only: read and validate the order files, count what an export would hold; change and move nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>Import this one file instead of picking up the inbound folder (the command line's <c>--file</c>).</summary>
    public string? File { get; init; }
}

/// <summary>Where a run is, for the command line's progress bar: <paramref name="Done"/> of <paramref name="Total"/> bytes or documents.</summary>
public sealed record ExchangeProgress(string Step, string? FileName, long Done, long Total);

/// <summary>
/// The runs one exchange made, or why it did not run: the buyer has no profile, or (<paramref name="Busy"/>) another
/// process holds its lease or already ran it.
/// </summary>
public sealed record ExchangeOutcome(IReadOnlyList<ExchangeRun> Runs, string? NotRun = null, bool Busy = false)
{
    public bool Ran => NotRun is null;

    /// <summary>A file was rejected or refused as a duplicate, or a run failed or broke off: the command line exits non-zero.</summary>
    public bool HasProblems => !Ran || Runs.Any(r => r.Status is ExchangeRunStatus.Rejected or ExchangeRunStatus.Duplicate or ExchangeRunStatus.Failed or ExchangeRunStatus.Running);
}

/// <summary>The few sentences the exchange writes for people, in the profile's language.</summary>
internal static class ProfileLanguage
{
    public static string Say(string language, string japanese, string english) => language == "en" ? english : japanese;
}
