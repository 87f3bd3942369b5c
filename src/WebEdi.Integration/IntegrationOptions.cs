namespace WebEdi.Integration;

/// <summary>Section <c>WebEdi:Integration</c>: how documents leave for buyers' ERPs.</summary>
public sealed class IntegrationOptions
{
    public const string Section = "WebEdi:Integration";

    /// <summary>
    /// The folder under which every buyer's file-drop channel writes (<c>{root}/{BUYER}/outbound</c>); empty means
    /// <c>{DataDirectory}/exchange</c>. Operators share it with the ERPs (SFTP, SMB); buyers cannot choose paths.
    /// </summary>
    public string? FileDropRoot { get; set; }

    public WebhookSettings Webhooks { get; set; } = new();

    public RetrySettings Retry { get; set; } = new();

    public IEnumerable<string> Validate()
    {
        if (Retry.FirstDelay <= TimeSpan.Zero || Retry.FirstDelay > TimeSpan.FromHours(1))
        {
            yield return $"{Section}:Retry:FirstDelay must be between 00:00:00.001 and 01:00:00 (is {Retry.FirstDelay}).";
        }

        if (Retry.MaxDelay < Retry.FirstDelay || Retry.MaxDelay > TimeSpan.FromDays(1))
        {
            yield return $"{Section}:Retry:MaxDelay must be at least FirstDelay and at most 1.00:00:00 (is {Retry.MaxDelay}).";
        }

        if (FileDropRoot is { Length: > 0 } root && root.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            yield return $"{Section}:FileDropRoot '{root}' is not a valid path.";
        }
    }

    /// <summary>Section <c>WebEdi:Integration:Webhooks</c>.</summary>
    public sealed class WebhookSettings
    {
        /// <summary>Allow plain http:// webhook URLs (test set-ups); production buyers use https://.</summary>
        public bool AllowHttp { get; set; }

        /// <summary>
        /// Allow webhook URLs that resolve to loopback, private, link-local or other non-public addresses. Off by
        /// default, so a buyer admin cannot make WebEdi call into the network it runs in.
        /// </summary>
        public bool AllowPrivateNetworks { get; set; }
    }

    /// <summary>Section <c>WebEdi:Integration:Retry</c>: the back-off between failed attempts (jittered, doubling).</summary>
    public sealed class RetrySettings
    {
        /// <summary>The typical wait after the first failure.</summary>
        public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>The longest wait between two attempts.</summary>
        public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(1);
    }
}
