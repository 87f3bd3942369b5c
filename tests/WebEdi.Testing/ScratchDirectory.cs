using System.Globalization;
using System.Text;

namespace WebEdi.Testing;

/// <summary>
/// A private temporary directory owned by one fixture instance, together with every process started
/// for it. Those processes carry <c>WEBEDI_TESTING_SCRATCH=&lt;directory&gt;</c> in their environment,
/// which is how they are found again to be killed: at <see cref="Delete"/>, when the test process exits,
/// and by a detached watchdog when the test process dies without running its exit handlers (VSTest
/// kills the test host 100 ms after the run ends, a crash or SIGKILL skips them altogether).
/// </summary>
internal sealed class ScratchDirectory
{
    public const string MarkerVariable = "WEBEDI_TESTING_SCRATCH";
    private const string WatchdogVariable = "WEBEDI_TESTING_WATCHDOG_FOR";

    // Runs detached (setsid -f), outside the test host's process tree. It waits for the test process
    // to die or for the directory to be deleted (a normal stop); in the first case it stops whatever
    // still carries the marker and deletes the directory. Its own environment holds the directory
    // under another name, so it never matches the marker itself.
    private const string WatchdogScript = """
        owner="$1"
        dir="$WEBEDI_TESTING_WATCHDOG_FOR"
        marker="WEBEDI_TESTING_SCRATCH=$dir"
        alive() { [ -r "/proc/$owner/status" ] && ! grep -q '^State:[[:space:]]*Z' "/proc/$owner/status" 2>/dev/null; }
        while [ -d "$dir" ] && alive; do sleep 1; done
        [ -d "$dir" ] || exit 0
        pids=""
        for environ in /proc/[0-9]*/environ; do
          pid="${environ#/proc/}"; pid="${pid%/environ}"
          if tr '\0' '\n' < "$environ" 2>/dev/null | grep -qxF "$marker"; then pids="$pids $pid"; fi
        done
        if [ -n "$pids" ]; then kill -TERM $pids 2>/dev/null; sleep 2; kill -KILL $pids 2>/dev/null; fi
        rm -rf "$dir"
        """;

    private readonly Action? _gentleStop;
    private int _deleted;

    private ScratchDirectory(string path, Action? gentleStop)
    {
        Path = path;
        _gentleStop = gentleStop;
    }

    public string Path { get; }

    /// <summary>The variable every process started for this directory must carry.</summary>
    public IReadOnlyDictionary<string, string?> Marker => new Dictionary<string, string?> { [MarkerVariable] = Path };

    /// <summary>
    /// Creates the directory, starts its watchdog and registers it for deletion at process exit.
    /// </summary>
    /// <param name="kind">Part of the directory name, e.g. "postgres".</param>
    /// <param name="gentleStop">
    /// Signals the server to stop cleanly at process exit, without waiting (e.g. SIGQUIT to PostgreSQL's
    /// postmaster); the marked processes still alive a moment later are killed.
    /// </param>
    public static async Task<ScratchDirectory> CreateAsync(string kind, Action? gentleStop = null)
    {
        var info = Directory.CreateTempSubdirectory($"webedi-{kind}-");
        var scratch = new ScratchDirectory(info.FullName, gentleStop);
        Teardown.Register(scratch);
        await scratch.StartWatchdogAsync();
        return scratch;
    }

    /// <summary>Kills (SIGKILL) every process carrying the marker, then deletes the directory. Idempotent.</summary>
    public void Delete()
    {
        if (Interlocked.Exchange(ref _deleted, 1) == 1)
        {
            return;
        }

        KillMarkedProcesses();
        DeleteDirectory();
        Teardown.Unregister(this);
    }

    /// <summary>Runs the gentle stop given at creation, if any; true when there was one to run.</summary>
    private bool TryStopGently()
    {
        if (_gentleStop is null || Volatile.Read(ref _deleted) == 1)
        {
            return false;
        }

        try
        {
            _gentleStop();
            return true;
        }
        catch (Exception e)
        {
            Log.Info($"Stopping the processes of {Path} gently failed ({e.Message}); killing them.");
            return false;
        }
    }

    /// <summary>Process ids of the live processes carrying this directory's marker.</summary>
    public IReadOnlyList<int> FindMarkedProcesses()
    {
        var entry = Encoding.UTF8.GetBytes($"{MarkerVariable}={Path}\0");
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(System.IO.Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                var environ = File.ReadAllBytes(System.IO.Path.Combine(directory, "environ"));
                if (ContainsEntry(environ, entry))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
            catch (UnauthorizedAccessException)
            {
                // Another user's process: not started by us.
            }
        }

        return found;
    }

    private static bool ContainsEntry(ReadOnlySpan<byte> environ, ReadOnlySpan<byte> entry)
    {
        var at = 0;
        while (at < environ.Length)
        {
            var rest = environ[at..];
            if (rest.StartsWith(entry))
            {
                return true;
            }

            var end = rest.IndexOf((byte)0);
            if (end < 0)
            {
                return false;
            }

            at += end + 1;
        }

        return false;
    }

    private void KillMarkedProcesses()
    {
        foreach (var pid in FindMarkedProcesses())
        {
            Posix.Signal(pid, Posix.SigKill);
        }
    }

    private void DeleteDirectory()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (Directory.Exists(Path))
                {
                    Directory.Delete(Path, recursive: true);
                }

                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException && attempt < 3)
            {
                // A dying server may still be removing its own files.
                Thread.Sleep(50);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Log.Info($"Could not delete {Path}: {e.Message}");
                return;
            }
        }
    }

    private async Task StartWatchdogAsync()
    {
        try
        {
            await ProcessRunner.RunAsync(
                "/bin/sh",
                ["-c", "exec setsid -f /bin/sh -c \"$WEBEDI_TESTING_WATCHDOG_SCRIPT\" webedi-testing-watchdog \"$WEBEDI_TESTING_OWNER\" </dev/null >/dev/null 2>&1"],
                timeout: TimeSpan.FromSeconds(10),
                environment: new Dictionary<string, string?>
                {
                    [WatchdogVariable] = Path,
                    ["WEBEDI_TESTING_WATCHDOG_SCRIPT"] = WatchdogScript,
                    ["WEBEDI_TESTING_OWNER"] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
                },
                workingDirectory: "/");
        }
        catch (ProcessFailedException e)
        {
            // The watchdog is a safety net for crashed test runs; a run without it still cleans up at exit.
            Log.Info($"No watchdog for {Path}: {e.Message}");
        }
    }

    /// <summary>Deletes every directory still registered when the test process exits.</summary>
    private static class Teardown
    {
        private static readonly List<ScratchDirectory> Registered = [];

        static Teardown() => AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteAll();

        public static void Register(ScratchDirectory scratch)
        {
            lock (Registered)
            {
                Registered.Add(scratch);
            }
        }

        public static void Unregister(ScratchDirectory scratch)
        {
            lock (Registered)
            {
                Registered.Remove(scratch);
            }
        }

        private static void DeleteAll()
        {
            ScratchDirectory[] remaining;
            lock (Registered)
            {
                remaining = [.. Registered];
            }

            // All gentle stops first so the servers shut down in parallel, then a short grace period:
            // VSTest kills the test host 100 ms after the run, and the watchdogs finish whatever is left.
            var stopping = remaining.Where(s => s.TryStopGently()).ToList();
            var deadline = DateTime.UtcNow.AddMilliseconds(300);
            while (stopping.Count > 0 && DateTime.UtcNow < deadline)
            {
                stopping.RemoveAll(s => s.FindMarkedProcesses().Count == 0);
                Thread.Sleep(10);
            }

            foreach (var scratch in remaining)
            {
                try
                {
                    scratch.Delete();
                }
                catch (Exception e)
                {
                    Log.Info($"Tearing down {scratch.Path} failed: {e.Message}");
                }
            }
        }
    }
}
