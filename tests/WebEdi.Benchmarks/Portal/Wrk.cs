using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using WebEdi.Testing;

namespace WebEdi.Benchmarks.Portal;

/// <summary>A signed-in user for the load: the session cookie, and the paths it asks for in turn.</summary>
internal sealed record LoadSession(string Cookie, IReadOnlyList<string> Paths);

/// <summary>
/// Drives the real server with wrk (Debian package <c>wrk</c>) as <c>users</c> people: one wrk thread with one
/// connection per user, each sending only its own session cookie and asking for its own pages in turn, optionally with
/// think time between requests. Like a browser, a connection keeps the cookies the server sets (Identity renews the
/// session cookie when it re-validates the security stamp every minute; a replayed stale cookie would make every
/// request re-validate). With think time each user has its own random pauses and starts after a random part of one,
/// so the fifty do not click in step. Any answer but 200 — a redirect to the sign-in page included — counts as an error. A Lua
/// <c>done</c> hook prints the latency percentiles wrk measured.
/// </summary>
internal static partial class Wrk
{
    public static async Task<LatencyResult> RunAsync(Uri baseAddress, IReadOnlyList<LoadSession> sessions, TimeSpan duration, int thinkMilliseconds)
    {
        if (!File.Exists("/usr/bin/wrk"))
        {
            throw new MissingDependencyException("wrk not found at /usr/bin/wrk", "wrk");
        }

        var users = sessions.Count.ToString(CultureInfo.InvariantCulture);
        var script = Path.Combine(Directory.CreateTempSubdirectory("webedi-wrk-").FullName, "sessions.lua");
        await File.WriteAllTextAsync(script, Lua(sessions, thinkMilliseconds));
        var start = new ProcessStartInfo("/usr/bin/wrk")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                "-t", users, "-c", users, "-d", $"{(int)duration.TotalSeconds}s",
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
        var failures = long.Parse(match.Groups["errors"].Value, CultureInfo.InvariantCulture) + long.Parse(match.Groups["other"].Value, CultureInfo.InvariantCulture);
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

            // People do not all click at the same moment. wrk sends every connection's first request at once and
            // applies delay() only after a response; so each user first waits a random part of one think time, in
            // request() before wrk starts the request's clock (the thread is the user's own; sleep costs no CPU).
            lua.Append(CultureInfo.InvariantCulture, $"first_pause = function() os.execute(string.format(\"sleep %.3f\", math.random(0, {thinkMilliseconds}) / 1000)) end\n");
        }
        else
        {
            lua.Append("first_pause = function() end\n");
        }

        lua.Append("""
            -- setup runs once per wrk thread in the main state: thread n is user n.
            local threads = {}
            setup = function(thread)
              table.insert(threads, thread)
              thread:set("user", #threads)
            end
            local cookie, paths, sent = nil, nil, 0
            other = 0
            init = function(args)
              cookie = sessions[user].cookie
              paths = sessions[user].paths
              -- Each thread has its own Lua state, and an unseeded one draws the same "random" pauses as every other:
              -- fifty users would then wait exactly alike and click in step, a burst of fifty requests every round.
              math.randomseed(user * 7919 + os.time())
            end
            request = function()
              if sent == 0 then first_pause() end
              sent = sent + 1
              return wrk.format("GET", paths[((sent - 1) % #paths) + 1], { ["Cookie"] = cookie })
            end
            response = function(status, headers, body)
              if status ~= 200 then other = other + 1 end
              local set = headers["Set-Cookie"]
              if set then
                local name, value = set:match("^([^=]+)=([^;]*)")
                local kept = {}
                for pair in cookie:gmatch("[^;]+") do
                  local n = pair:match("^%s*([^=]+)=")
                  if n ~= name then table.insert(kept, (pair:gsub("^%s+", ""))) end
                end
                table.insert(kept, name .. "=" .. value)
                cookie = table.concat(kept, "; ")
              end
            end
            done = function(summary, latency, requests)
              local e = summary.errors
              local others = 0
              for _, thread in ipairs(threads) do others = others + thread:get("other") end
              io.write(string.format("RESULT requests=%d duration=%d p50=%d p95=%d p99=%d errors=%d other=%d\n",
                summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
                e.connect + e.read + e.write + e.timeout, others))
            end
            """);
        return lua.ToString();
    }

    [GeneratedRegex(@"RESULT requests=(?<requests>\d+) duration=(?<duration>\d+) p50=(?<p50>\d+) p95=(?<p95>\d+) p99=(?<p99>\d+) errors=(?<errors>\d+) other=(?<other>\d+)")]
    private static partial Regex ResultLine();
}
