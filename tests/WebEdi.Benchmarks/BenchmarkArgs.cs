using System.Globalization;

namespace WebEdi.Benchmarks;

/// <summary>The benchmarks' command-line options: <c>--name value</c> pairs.</summary>
internal static class BenchmarkArgs
{
    /// <summary>The value after <paramref name="name"/>, or null when the option is not given.</summary>
    public static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    public static int Int(string[] args, string name, int fallback) =>
        Option(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
}
