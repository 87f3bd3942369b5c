using WebEdi.Integration.Channels.Files;
using WebEdi.Integration.Exchange.Profiles;

namespace WebEdi.Integration.Exchange;

/// <summary>
/// A buyer's exchange folders as absolute paths: the profile's folder names under the buyer's own folder
/// <c>{FileDropRoot}/{BUYER}/</c>, the same folder the file-drop channel writes its <c>outbound</c> folder in.
/// </summary>
public sealed record ExchangeFolderSet(string BuyerFolder, string Inbound, string Outbound, string Archive, string Error)
{
    public static ExchangeFolderSet For(FileDropOptions files, string buyerCode, ExchangeFolders folders)
    {
        var buyer = Path.GetFullPath(Path.Combine(files.Root, buyerCode));
        return new ExchangeFolderSet(buyer, Inside(buyer, folders.Inbound), Inside(buyer, folders.Outbound), Inside(buyer, folders.Archive), Inside(buyer, folders.Error));
    }

    /// <summary>Creates the four folders (an ERP needs the inbound one to exist before its first night).</summary>
    public void Create()
    {
        foreach (var folder in new[] { Inbound, Outbound, Archive, Error })
        {
            Directory.CreateDirectory(folder);
        }
    }

    // The profile rules already refuse rooted names and '..'; this is the last line, should a stored profile predate a rule.
    private static string Inside(string buyerFolder, string name)
    {
        var path = Path.GetFullPath(Path.Combine(buyerFolder, name));
        return path.StartsWith(buyerFolder + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? path
            : throw new InvalidOperationException($"the exchange folder '{name}' lies outside the buyer's folder {buyerFolder}.");
    }
}
