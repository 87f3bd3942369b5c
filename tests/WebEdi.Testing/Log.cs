using System.Globalization;

namespace WebEdi.Testing;

/// <summary>Progress lines on stderr, so a slow or failing start-up can be followed in the test output.</summary>
internal static class Log
{
    public static void Info(string message) =>
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[webedi-testing {DateTime.Now:HH:mm:ss.fff}] {message}"));

    public static string Seconds(TimeSpan elapsed) =>
        string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalSeconds:0.00} s");

    /// <summary>The last lines of a server's log file, to explain a failed start.</summary>
    public static string Tail(string file, int lines)
    {
        try
        {
            return string.Join('\n', File.ReadLines(file).TakeLast(lines));
        }
        catch (IOException e)
        {
            return $"({e.Message})";
        }
    }
}
