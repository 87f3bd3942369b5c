using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace WebEdi.Testing;

/// <summary>
/// A private SMTP server (Python's aiosmtpd from the Debian package, run by <c>/usr/bin/python3</c>) on
/// 127.0.0.1 and a free port, that keeps every message it accepts. Tests share one per process through
/// <see cref="SharedAsync"/> and pick out their own mail with a predicate (a recipient unique to the test).
/// </summary>
public sealed class SmtpServer : IAsyncDisposable
{
    private const string Python = "/usr/bin/python3";
    private const string Package = "python3-aiosmtpd";
    private const int MissingModuleExitCode = 3;

    // Writes each message with its envelope as one JSON file, renamed into place once complete.
    // It exits when its stdin closes, that is when the test process is gone.
    private const string SpoolScript = """
        import base64, json, os, sys

        try:
            from aiosmtpd.controller import Controller
        except ImportError:
            print("The Python module aiosmtpd is not installed for " + sys.executable, file=sys.stderr)
            sys.exit(3)

        host, port, spool = sys.argv[1], int(sys.argv[2]), sys.argv[3]

        class Spool:
            count = 0

            async def handle_DATA(self, server, session, envelope):
                Spool.count += 1
                name = os.path.join(spool, "%06d.json" % Spool.count)
                record = {
                    "mailFrom": envelope.mail_from,
                    "rcptTos": list(envelope.rcpt_tos),
                    "data": base64.b64encode(envelope.original_content or envelope.content).decode("ascii"),
                }
                with open(name + ".partial", "w") as f:
                    json.dump(record, f)
                os.rename(name + ".partial", name)
                return "250 Message accepted"

        controller = Controller(Spool(), hostname=host, port=port, enable_SMTPUTF8=True, data_size_limit=64 * 1024 * 1024)
        controller.start()
        print("READY", flush=True)
        sys.stdin.read()
        controller.stop()
        """;

    private static readonly Lazy<Task<SmtpServer>> Shared = new(() => Task.Run(() => StartCoreAsync(isShared: true)));

    private readonly ScratchDirectory _scratch;
    private readonly bool _isShared;
    private readonly SortedDictionary<string, ReceivedMail> _received = new(StringComparer.Ordinal);
    private RunningProcess? _process;
    private int _stopped;

    private SmtpServer(ScratchDirectory scratch, int port, bool isShared)
    {
        _scratch = scratch;
        Port = port;
        _isShared = isShared;
    }

    public string Host { get; } = "127.0.0.1";

    public int Port { get; }

    private string SpoolDirectory => Path.Combine(_scratch.Path, "spool");

    /// <summary>
    /// The server shared by every test in this process, started on first use and stopped when the
    /// process exits. Do not stop it; disposing it does nothing.
    /// </summary>
    public static Task<SmtpServer> SharedAsync() => Shared.Value;

    /// <summary>A server of your own; dispose it when done.</summary>
    public static Task<SmtpServer> StartAsync() => StartCoreAsync(isShared: false);

    /// <summary>
    /// Waits until at least <paramref name="count"/> received messages match <paramref name="predicate"/>
    /// and returns all that match, in the order they arrived. Throws <see cref="TimeoutException"/>
    /// listing what did arrive when they do not come within <paramref name="timeout"/>.
    /// </summary>
    public async Task<IReadOnlyList<ReceivedMail>> WaitForMessagesAsync(Func<ReceivedMail, bool> predicate, int count, TimeSpan timeout)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            var all = ReceivedMessages();
            var matching = all.Where(predicate).ToList();
            if (matching.Count >= count)
            {
                return matching;
            }

            if (stopwatch.Elapsed > timeout)
            {
                var received = all.Count == 0 ? "  (nothing)" : string.Join('\n', all.Select(m => "  " + m));
                throw new TimeoutException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Expected {count} matching message(s) within {timeout.TotalSeconds:0.#} s, {matching.Count} arrived. All messages received by {Host}:{Port}:\n{received}"));
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Waits for one message matching <paramref name="predicate"/> and returns the first.</summary>
    public async Task<ReceivedMail> WaitForMessageAsync(Func<ReceivedMail, bool> predicate, TimeSpan timeout) =>
        (await WaitForMessagesAsync(predicate, 1, timeout))[0];

    /// <summary>Every message received so far, in arrival order (all tests' mail on the shared server).</summary>
    public IReadOnlyList<ReceivedMail> ReceivedMessages()
    {
        lock (_received)
        {
            foreach (var file in Directory.GetFiles(SpoolDirectory, "*.json"))
            {
                if (!_received.ContainsKey(file))
                {
                    _received[file] = ReadSpoolFile(file);
                }
            }

            return [.. _received.Values];
        }
    }

    /// <summary>Stops the server and deletes what it received.</summary>
    public Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            _process?.Dispose();
            _scratch.Delete();
        }

        return Task.CompletedTask;
    }

    /// <summary>Stops a server from <see cref="StartAsync"/>; does nothing for the shared one.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_isShared)
        {
            await StopAsync();
        }
    }

    private static async Task<SmtpServer> StartCoreAsync(bool isShared)
    {
        var stopwatch = Stopwatch.StartNew();
        if (!File.Exists(Python))
        {
            throw new MissingDependencyException($"{Python} not found (the SMTP server runs on Python's aiosmtpd)", Package);
        }

        var scratch = await ScratchDirectory.CreateAsync("smtp");
        var server = new SmtpServer(scratch, FreePort.Next(), isShared);
        try
        {
            Directory.CreateDirectory(server.SpoolDirectory);
            var script = Path.Combine(scratch.Path, "smtp_spool.py");
            await File.WriteAllTextAsync(script, SpoolScript);

            // -I: isolated from PYTHONPATH and user site-packages (a pyenv on PATH must not leak in).
            server._process = ProcessRunner.Start(
                Python,
                ["-I", "-u", script, server.Host, server.Port.ToString(CultureInfo.InvariantCulture), server.SpoolDirectory],
                scratch.Marker,
                scratch.Path);
            try
            {
                await server._process.WaitForLineAsync(line => line == "READY", TimeSpan.FromSeconds(30));
            }
            catch (ProcessFailedException) when (server._process is { HasExited: true, ExitCode: MissingModuleExitCode })
            {
                throw new MissingDependencyException($"The Python module aiosmtpd is not installed for {Python}", Package);
            }

            Log.Info($"SMTP server (aiosmtpd) ready on {server.Host}:{server.Port} in {Log.Seconds(stopwatch.Elapsed)}");
            return server;
        }
        catch
        {
            server._process?.Dispose();
            scratch.Delete();
            throw;
        }
    }

    private static ReceivedMail ReadSpoolFile(string file)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(file));
        var root = json.RootElement;
        return ReceivedMail.Parse(
            Convert.FromBase64String(root.GetProperty("data").GetString() ?? string.Empty),
            root.GetProperty("mailFrom").GetString() ?? string.Empty,
            [.. root.GetProperty("rcptTos").EnumerateArray().Select(r => r.GetString() ?? string.Empty)]);
    }
}
