namespace WebEdi.Documents.Tests.Support;

/// <summary>
/// Where the tests keep what they printed, for people to look at: <c>artifacts/documents/</c> at the repository
/// root (next to WebEdi.sln), recreated per test name.
/// </summary>
public static class Artifacts
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "WebEdi.sln")))
            {
                return Path.Combine(directory.FullName, "artifacts", "documents");
            }
        }

        throw new InvalidOperationException($"No WebEdi.sln above {AppContext.BaseDirectory}, so no repository root for artifacts/.");
    });

    /// <summary>An empty folder <c>artifacts/documents/{name}</c>.</summary>
    public static string Folder(string name)
    {
        var folder = Path.Combine(Root.Value, name);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        return folder;
    }
}
