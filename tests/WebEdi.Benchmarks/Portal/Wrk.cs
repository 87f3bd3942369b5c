using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using WebEdi.Testing;

namespace WebEdi.Benchmarks.Portal;

/// <summary>A signed-in user for the load: the session cookie, and the paths it asks for in turn.</summary>
internal sealed record LoadSession(string Cookie, IReadOnlyList<string> Paths);

/// <summary>
/// Drives the real server with wrk (Debian package <c>wrk</c>): one connection per user, each request from the next
/// signed-in user in turn with its own cookie and page, optionally with think time between a connection's requests; a
/// Lua <c>done</c> hook prints the latency percentiles wrk measured.
/// </summary>
internal static partial class Wrk
{
    public static async Task<LatencyResult> RunAsync(Uri baseAddress, IReadOnlyList<LoadSession> sessions, int connections, TimeSpan duration, int thinkMilliseconds)
    {
        if (!File.Exists("/usr/bin/wrk"))
        {
            throw new MissingDependencyException("wrk not found at /usr/bin/wrk", "wrk");
        }

        var script = Path.Combine(Directory.CreateTempSubdirectory("webedi-wrk-").FullName, "sessions.lua");
        await File.WriteAllTextAsync(script, Lua(sessions, thinkMilliseconds));
        var start = new ProcessStartInfo("/usr/bin/wrk")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                "-t", "2", "-c", connections.ToString(CultureInfo.InvariantCulture), "-d", $"{(int)duration.TotalSeconds}s",
                "--timeout", "10s", "-s", script, baseAddress.ToString(),
            },
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var match = ResultLine().Match(output);
        if (process.ExitCode != 0 || !match.Success)
        {
            throw new InvalidOperationException($"wrk failed ({process.ExitCode}): {output} {errors}");
        }

        double Ms(string group) => long.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) / 1000.0;
        var requests = long.Parse(match.Groups["requests"].Value, CultureInfo.InvariantCulture);
        var seconds = long.Parse(match.Groups["duration"].Value, CultureInfo.InvariantCulture) / 1_000_000.0;
        var failures = long.Parse(match.Groups["errors"].Value, CultureInfo.InvariantCulture) + long.Parse(match.Groups["status"].Value, CultureInfo.InvariantCulture);
        return new LatencyResult(requests, requests / seconds, Ms("p50"), Ms("p95"), Ms("p99"), failures);
    }

    private static string Lua(IReadOnlyList<LoadSession> sessions, int thinkMilliseconds)
    {
        var lua = new StringBuilder("local sessions = {\n");
        foreach (var session in sessions)
        {
            lua.Append("  { cookie = \"").Append(session.Cookie.Replace("\"", "\\\"", StringComparison.Ordinal)).Append("\", paths = {");
            lua.AppendJoin(", ", session.Paths.Select(p => $"\"{p}\""));
            lua.Append("} },\n");
        }

        lua.Append("}\n");
        if (thinkMilliseconds > 0)
        {
            // A person reads a page before the next click: each connection waits ½ to 1½ times the think time.
            lua.Append(CultureInfo.InvariantCulture, $"delay = function() return math.random({thinkMilliseconds / 2}, {thinkMilliseconds * 3 / 2}) end\n");
        }

        lua.Append("""
            local counter = 0
            request = function()
              counter = counter + 1
              local s = sessions[(counter % #sessions) + 1]
              local path = s.paths[(math.floor(counter / #sessions) % #s.paths) + 1]
              return wrk.format("GET", path, { ["Cookie"] = s.cookie })
            end
            done = function(summary, latency, requests)
              local e = summary.errors
              io.write(string.format("RESULT requests=%d duration=%d p50=%d p95=%d p99=%d errors=%d status=%d\n",
                summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
                e.connect + e.read + e.write + e.timeout, e.status))
            end
            """);
        return lua.ToString();
    }

    [GeneratedRegex(@"RESULT requests=(?<requests>\d+) duration=(?<duration>\d+) p50=(?<p50>\d+) p95=(?<p95>\d+) p99=(?<p99>\d+) errors=(?<errors>\d+) status=(?<status>\d+)")]
    private static partial Regex ResultLine();
}
