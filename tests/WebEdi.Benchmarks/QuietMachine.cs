using System.Diagnostics;
using System.Globalization;

namespace WebEdi.Benchmarks;

/// <summary>
/// Waits for the machine to go quiet before a measurement, so that each one starts on the same footing rather than
/// sharing the cores with what the one before left behind — RabbitMQ writes a quorum queue's log to its segment files
/// for seconds after a burst of 20,000 messages, and PostgreSQL's autovacuum wakes after bulk changes.
/// </summary>
internal static class QuietMachine
{
    /// <summary>Busy below this share of all cores counts as quiet (the benchmark's own poll and idle servers stay under it).</summary>
    private const double QuietBelow = 0.15;

    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(20);

    /// <summary>Returns once one <see cref="Window"/> of all cores is mostly idle, or after <see cref="Longest"/> (and says so).</summary>
    public static async Task WaitAsync()
    {
        if (!File.Exists("/proc/stat"))
        {
            return;
        }

        var clock = Stopwatch.StartNew();
        var before = Sample();
        while (clock.Elapsed < Longest)
        {
            await Task.Delay(Window);
            var now = Sample();
            var total = now.Total - before.Total;
            if (total > 0 && (double)(now.Busy - before.Busy) / total < QuietBelow)
            {
                return;
            }

            before = now;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  (the machine was still busy after {Longest.TotalSeconds:0} s; measuring anyway)"));
    }

    /// <summary>All cores' busy and total time so far, in clock ticks, from the first line of /proc/stat.</summary>
    private static (long Busy, long Total) Sample()
    {
        // cpu  user nice system idle iowait irq softirq steal ...
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var idle = fields[3] + fields[4];
        var total = fields.Take(8).Sum();
        return (total - idle, total);
    }
}
