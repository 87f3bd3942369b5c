namespace WebEdi.Contracts.Tests;

/// <summary>Files of the checkout the tests compare the code with.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string ContractsDirectory => Path.Combine(Root, "contracts");

    public static string SchemasDirectory => Path.Combine(ContractsDirectory, "schemas");

    public static string SchemaPath(string messageName) => Path.Combine(SchemasDirectory, messageName + ".schema.json");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "WebEdi.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No WebEdi.sln above {AppContext.BaseDirectory}: run the tests from a checkout.");
    }
}
