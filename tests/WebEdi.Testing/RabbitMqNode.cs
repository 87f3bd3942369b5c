using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace WebEdi.Testing;

/// <summary>
/// A private RabbitMQ node from the Debian <c>rabbitmq-server</c> package, with the management plugin:
/// its own node name, Erlang cookie, epmd, data and log directories, listening on 127.0.0.1 only, on
/// free ports. Tests share one per process through <see cref="SharedAsync"/> and isolate themselves with
/// <see cref="CreateVirtualHostAsync"/>; a test that restarts or stops the broker starts its own node
/// with <see cref="StartAsync"/> so it does not pull the broker from under the others.
/// </summary>
public sealed partial class RabbitMqNode : IAsyncDisposable
{
    private const string RabbitBin = "/usr/lib/rabbitmq/bin";
    private const string RabbitLib = "/usr/lib/rabbitmq/lib";
    private const string Package = "rabbitmq-server";

    // The management plugin's statistics handler makes every stop wait 5 s for a timeout (RabbitMQ 3.10);
    // removing it first makes stop_app and stop take a fraction of a second. start_app adds it back.
    private const string RemoveStatisticsHandler = "gen_event:delete_handler(rabbit_event, rabbit_mgmt_db_handler, []).";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly HttpClient ManagementClient = new() { Timeout = TimeSpan.FromSeconds(30) };
    private static readonly Lazy<Task<RabbitMqNode>> Shared = new(() => Task.Run(() => StartCoreAsync(isShared: true)));

    private readonly ScratchDirectory _scratch;
    private readonly Dictionary<string, string?> _environment;
    private readonly bool _isShared;
    private RunningProcess? _epmd;
    private RunningProcess? _server;
    private int _stopped;

    private RabbitMqNode(ScratchDirectory scratch, bool isShared)
    {
        _scratch = scratch;
        _isShared = isShared;
        NodeName = $"webedi-test-{Guid.NewGuid().ToString("N")[..10]}@localhost";
        AmqpPort = FreePort.Next();
        ManagementPort = FreePort.Next();
        DistributionPort = FreePort.Next();
        EpmdPort = FreePort.Next();
        _environment = NodeEnvironment();
    }

    /// <summary>The Erlang node name, e.g. <c>webedi-test-1a2b3c4d5e@localhost</c> (for <c>rabbitmqctl -n</c>).</summary>
    public string NodeName { get; }

    public int AmqpPort { get; }

    public int ManagementPort { get; }

    /// <summary>The Erlang distribution port the CLI tools talk to.</summary>
    public int DistributionPort { get; }

    /// <summary>The node's private epmd (so nothing is left behind on the shared port 4369).</summary>
    public int EpmdPort { get; }

    /// <summary>AMQP URI of the default virtual host as guest (allowed from loopback).</summary>
    public Uri AmqpUri => new(string.Create(CultureInfo.InvariantCulture, $"amqp://guest:guest@127.0.0.1:{AmqpPort}/"));

    /// <summary>Base URI of the management UI and HTTP API (guest/guest).</summary>
    public Uri ManagementUri => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{ManagementPort}/"));

    private string LogFile => Path.Combine(_scratch.Path, "log", $"{NodeName}.log");

    /// <summary>
    /// The node shared by every test in this process, started on first use and stopped when the process
    /// exits. Do not restart or stop it; disposing it does nothing.
    /// </summary>
    public static Task<RabbitMqNode> SharedAsync() => Shared.Value;

    /// <summary>A node of your own, for tests that restart or stop the broker; dispose it when done.</summary>
    public static Task<RabbitMqNode> StartAsync() => StartCoreAsync(isShared: false);

    /// <summary>
    /// Creates a virtual host that guest may use fully and returns its AMQP URI
    /// (<c>amqp://guest:guest@127.0.0.1:port/&lt;url-encoded vhost&gt;</c>).
    /// </summary>
    /// <param name="prefix">Start of the virtual host's name; a random suffix follows.</param>
    public async Task<Uri> CreateVirtualHostAsync(string? prefix = null)
    {
        // The HTTP API does in milliseconds what two rabbitmqctl calls (add_vhost, set_permissions) do in a second.
        var name = $"{prefix ?? "webedi"}-{Guid.NewGuid().ToString("N")[..12]}";
        var escaped = Uri.EscapeDataString(name);
        await ManagementPutAsync($"api/vhosts/{escaped}", "{}");
        await ManagementPutAsync($"api/permissions/{escaped}/guest", """{"configure":".*","write":".*","read":".*"}""");
        return new Uri(string.Create(CultureInfo.InvariantCulture, $"amqp://guest:guest@127.0.0.1:{AmqpPort}/{escaped}"));
    }

    /// <summary>
    /// Restarts the broker (<c>rabbitmqctl stop_app</c>, <c>start_app</c>) on the same ports with the same
    /// data: clients are disconnected, durable queues and persistent messages survive. Returns once the
    /// broker accepts connections again.
    /// </summary>
    /// <param name="whileStopped">What to do while the broker is down (its clients have been disconnected).</param>
    public async Task RestartAsync(Func<Task>? whileStopped = null)
    {
        var stopwatch = Stopwatch.StartNew();
        await RabbitMqCtlAsync("eval", RemoveStatisticsHandler);
        await RabbitMqCtlAsync("stop_app");
        if (whileStopped is not null)
        {
            await whileStopped();
        }

        await RabbitMqCtlAsync("start_app");
        await WaitUntilReadyAsync(stopwatch);
        Log.Info($"RabbitMQ node {NodeName} restarted in {Log.Seconds(stopwatch.Elapsed)}");
    }

    /// <summary>Runs <c>rabbitmqctl -n &lt;node&gt; …</c> against this node, e.g. <c>list_queues</c>.</summary>
    public Task<ProcessResult> RabbitMqCtlAsync(params string[] arguments) =>
        ProcessRunner.RunAsync(
            Path.Combine(RabbitBin, "rabbitmqctl"),
            ["-n", NodeName, .. arguments],
            timeout: StartTimeout,
            environment: _environment,
            workingDirectory: _scratch.Path);

    /// <summary>Stops the node (<c>rabbitmqctl stop</c>, killing it if that fails) and deletes its files.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        try
        {
            if (_server is { HasExited: false } server)
            {
                try
                {
                    await RabbitMqCtlAsync("eval", RemoveStatisticsHandler);
                    await RabbitMqCtlAsync("stop");
                    await server.WaitForExitAsync(TimeSpan.FromSeconds(10));
                }
                catch (ProcessFailedException e)
                {
                    Log.Info($"rabbitmqctl stop failed for {NodeName}, killing it: {e.Message}");
                }
            }
        }
        finally
        {
            _server?.Dispose();
            _epmd?.Dispose();
            _scratch.Delete();
        }
    }

    /// <summary>Stops a node from <see cref="StartAsync"/>; does nothing for the shared one.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_isShared)
        {
            await StopAsync();
        }
    }

    private static async Task<RabbitMqNode> StartCoreAsync(bool isShared)
    {
        var stopwatch = Stopwatch.StartNew();
        var pluginsSource = FindInstallation();
        var scratch = await ScratchDirectory.CreateAsync("rabbitmq");
        var node = new RabbitMqNode(scratch, isShared);
        try
        {
            node.WriteConfiguration(pluginsSource);
            node._epmd = ProcessRunner.Start(
                FindEpmd(),
                ["-port", node.EpmdPort.ToString(CultureInfo.InvariantCulture), "-address", "127.0.0.1"],
                scratch.Marker,
                scratch.Path);
            while (!await AcceptsConnectionsAsync(node.EpmdPort))
            {
                // Otherwise the node would start an epmd daemon of its own on the same port.
                if (node._epmd.HasExited || stopwatch.Elapsed > StartTimeout)
                {
                    throw new ProcessFailedException($"epmd did not start on port {node.EpmdPort}: {node._epmd.RecentOutput}");
                }

                await Task.Delay(10);
            }

            node._server = ProcessRunner.Start(Path.Combine(RabbitBin, "rabbitmq-server"), [], node._environment, scratch.Path);
            await node.WaitUntilReadyAsync(stopwatch);
            Log.Info($"RabbitMQ node {node.NodeName} ready on amqp 127.0.0.1:{node.AmqpPort}, management :{node.ManagementPort} in {Log.Seconds(stopwatch.Elapsed)}");
            return node;
        }
        catch
        {
            node._server?.Dispose();
            node._epmd?.Dispose();
            scratch.Delete();
            throw;
        }
    }

    private static string FindInstallation()
    {
        var server = Path.Combine(RabbitBin, "rabbitmq-server");
        var pluginDirectories = Directory.Exists(RabbitLib)
            ? Directory.GetDirectories(RabbitLib, "rabbitmq_server-*")
                .Select(dir => Path.Combine(dir, "plugins"))
                .Where(Directory.Exists)
                .OrderByDescending(dir => Version.TryParse(Path.GetFileName(Path.GetDirectoryName(dir))!["rabbitmq_server-".Length..], out var v) ? v : new Version())
                .ToList()
            : [];
        if (!File.Exists(server) || !File.Exists(Path.Combine(RabbitBin, "rabbitmqctl")) || pluginDirectories.Count == 0)
        {
            throw new MissingDependencyException(
                $"RabbitMQ server not found (looked for {server}, rabbitmqctl and {RabbitLib}/rabbitmq_server-*/plugins)",
                Package);
        }

        return pluginDirectories[0];
    }

    private static string FindEpmd()
    {
        const string epmd = "/usr/bin/epmd";
        return File.Exists(epmd)
            ? epmd
            : throw new MissingDependencyException($"Erlang's epmd not found ({epmd}, from erlang-base, which {Package} depends on)", Package);
    }

    private Dictionary<string, string?> NodeEnvironment()
    {
        // Only our settings: inherited RABBITMQ_* or ERL_* variables would point the node elsewhere.
        var environment = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(name => name.StartsWith("RABBITMQ_", StringComparison.Ordinal) || name.StartsWith("ERL_", StringComparison.Ordinal))
            .ToDictionary(name => name, _ => (string?)null);
        string Scratch(string name) => Path.Combine(_scratch.Path, name);
        string Number(int port) => port.ToString(CultureInfo.InvariantCulture);
        var settings = new Dictionary<string, string?>
        {
            // The Erlang cookie lives in $HOME; the node and rabbitmqctl must read the same one.
            ["HOME"] = Scratch("home"),
            ["RABBITMQ_NODENAME"] = NodeName,
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = Number(AmqpPort),
            ["RABBITMQ_DIST_PORT"] = Number(DistributionPort),
            ["RABBITMQ_MNESIA_BASE"] = Scratch("mnesia"),
            ["RABBITMQ_LOG_BASE"] = Scratch("log"),
            ["RABBITMQ_CONFIG_FILE"] = Scratch("rabbitmq.conf"),
            ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Scratch("advanced.config"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Scratch("enabled_plugins"),
            ["RABBITMQ_PLUGINS_DIR"] = Scratch("plugins"),
            ["RABBITMQ_CONF_ENV_FILE"] = Scratch("rabbitmq-env.conf"),
            ["RABBITMQ_PID_FILE"] = Scratch("rabbitmq.pid"),
            ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}",
            ["ERL_EPMD_PORT"] = Number(EpmdPort),
            ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
        };
        foreach (var (name, value) in settings.Concat(_scratch.Marker))
        {
            environment[name] = value;
        }

        return environment;
    }

    private void WriteConfiguration(string pluginsSource)
    {
        var home = Directory.CreateDirectory(Path.Combine(_scratch.Path, "home")).FullName;
        var cookie = Path.Combine(home, ".erlang.cookie");
        File.WriteAllText(cookie, Convert.ToHexString(Guid.NewGuid().ToByteArray()));
        if (!OperatingSystem.IsWindows())
        {
            // Erlang refuses a cookie that others can read.
            File.SetUnixFileMode(cookie, UnixFileMode.UserRead);
        }

        File.WriteAllText(Path.Combine(_scratch.Path, "rabbitmq-env.conf"), string.Empty);
        File.WriteAllText(Path.Combine(_scratch.Path, "enabled_plugins"), "[rabbitmq_management].\n");
        File.WriteAllText(Path.Combine(_scratch.Path, "rabbitmq.conf"), string.Create(CultureInfo.InvariantCulture, $"""
            listeners.tcp.default = 127.0.0.1:{AmqpPort}
            management.tcp.ip = 127.0.0.1
            management.tcp.port = {ManagementPort}
            log.console = false
            log.file.level = info
            # A nearly full CI disk should not block publishers (RabbitMQ's default limit is 50MB).
            disk_free_limit.absolute = 10MB

            """));
        LinkPlugins(pluginsSource, Path.Combine(_scratch.Path, "plugins"), ["rabbit", "rabbitmq_prelaunch", "rabbitmq_management"]);
    }

    /// <summary>
    /// Links only the applications the node will load into its plugins directory. Loading code is most
    /// of RabbitMQ's start-up time, and with the 70-odd directories of the full plugins folder on the code
    /// path every module load searches longer (measured: about a tenth of the start-up).
    /// </summary>
    private static void LinkPlugins(string source, string target, IReadOnlyList<string> roots)
    {
        Directory.CreateDirectory(target);
        var applications = new Dictionary<string, (string Directory, string Resource)>();
        foreach (var directory in Directory.GetDirectories(source).Where(dir => Directory.Exists(Path.Combine(dir, "ebin"))))
        {
            foreach (var resource in Directory.GetFiles(Path.Combine(directory, "ebin"), "*.app"))
            {
                applications[Path.GetFileNameWithoutExtension(resource)] = (directory, resource);
            }
        }

        var archives = Directory.GetFiles(source, "*.ez");
        if (archives.Length > 0 || roots.Any(root => !applications.ContainsKey(root)))
        {
            // An unfamiliar layout (packaged .ez archives): use the folder as it is.
            foreach (var entry in Directory.GetFileSystemEntries(source))
            {
                CreateLink(target, entry);
            }

            return;
        }

        var needed = new HashSet<string>();
        var pending = new Stack<string>(roots);
        while (pending.TryPop(out var application))
        {
            if (!applications.TryGetValue(application, out var found) || !needed.Add(application))
            {
                continue;
            }

            foreach (Match list in DependencyLists().Matches(File.ReadAllText(found.Resource)))
            {
                foreach (var dependency in list.Groups["apps"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    pending.Push(dependency.Trim('\''));
                }
            }
        }

        foreach (var application in needed)
        {
            CreateLink(target, applications[application].Directory);
        }
    }

    private static void CreateLink(string targetDirectory, string entry)
    {
        var link = Path.Combine(targetDirectory, Path.GetFileName(entry));
        if (Directory.Exists(entry))
        {
            Directory.CreateSymbolicLink(link, entry);
        }
        else
        {
            File.CreateSymbolicLink(link, entry);
        }
    }

    private async Task WaitUntilReadyAsync(Stopwatch stopwatch)
    {
        var server = _server ?? throw new InvalidOperationException("The node was not started.");
        try
        {
            // Cheap polling while the node boots; rabbitmqctl costs half a second of CPU per call.
            while (!await AcceptsConnectionsAsync(AmqpPort) || !await AcceptsConnectionsAsync(ManagementPort))
            {
                if (server.HasExited)
                {
                    throw new ProcessFailedException(string.Create(CultureInfo.InvariantCulture, $"rabbitmq-server exited with code {server.ExitCode}"));
                }

                if (stopwatch.Elapsed > StartTimeout)
                {
                    throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"RabbitMQ node {NodeName} did not open its ports within {StartTimeout.TotalSeconds:0} s"));
                }

                await Task.Delay(100);
            }

            await RabbitMqCtlAsync("await_startup", "--timeout", "60");
        }
        catch (Exception e) when (e is ProcessFailedException or TimeoutException)
        {
            throw new ProcessFailedException(
                $"""
                RabbitMQ node {NodeName} did not start: {e.Message}
                --- rabbitmq-server output (last lines) ---
                {server.RecentOutput}
                --- {LogFile} (last lines) ---
                {Log.Tail(LogFile, 60)}
                """,
                e);
        }
    }

    private static async Task<bool> AcceptsConnectionsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port).WaitAsync(TimeSpan.FromSeconds(1));
            return true;
        }
        catch (Exception e) when (e is SocketException or TimeoutException)
        {
            return false;
        }
    }

    private async Task ManagementPutAsync(string relativeUri, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(ManagementUri, relativeUri))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("guest:guest"u8.ToArray()));
        using var response = await ManagementClient.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"PUT {request.RequestUri} answered {(int)response.StatusCode} {response.ReasonPhrase}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    [GeneratedRegex(@"\{\s*(?:applications|included_applications|optional_applications)\s*,\s*\[(?<apps>[^\]]*)\]")]
    private static partial Regex DependencyLists();
}
