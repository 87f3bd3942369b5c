namespace WebEdi.Integration.Channels.Bus;

/// <summary>
/// Each buyer's own reply queue, <c>webedi.replies.BUYER</c>: the bus channel puts the buyer's documents there, and the
/// buyer's ERP user may read that queue and no other (see <c>webedi buyers provision-bus</c>).
/// </summary>
public static class BuyerReplyQueues
{
    public const string Prefix = "webedi.replies.";

    public static string Name(string buyerCode) => Prefix + buyerCode;

    /// <summary>The queue's arguments: the provisioning command and the bus adapter declare it alike.</summary>
    public static Dictionary<string, object?> Arguments(bool quorum) =>
        quorum ? new() { ["x-queue-type"] = "quorum" } : [];
}
