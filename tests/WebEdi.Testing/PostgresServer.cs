using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace WebEdi.Testing;

/// <summary>
/// A private PostgreSQL server from the Debian binaries (<c>/usr/lib/postgresql/&lt;version&gt;/bin</c>):
/// a throw-away cluster with trust authentication, listening on 127.0.0.1 on a free port, tuned for
/// speed over durability (fsync off). Tests share one per process through <see cref="SharedAsync"/>
/// and isolate themselves with <see cref="CreateDatabaseAsync"/>.
/// </summary>
public sealed partial class PostgresServer : IAsyncDisposable
{
    private const string PostgresRoot = "/usr/lib/postgresql";
    private const string SuperUser = "postgres";
    private static readonly Lazy<Task<PostgresServer>> Shared = new(() => Task.Run(() => StartCoreAsync(isShared: true)));

    private readonly string _binDirectory;
    private readonly ScratchDirectory _scratch;
    private readonly bool _isShared;
    private int _stopped;

    private PostgresServer(string binDirectory, ScratchDirectory scratch, int port, int majorVersion, bool isShared)
    {
        _binDirectory = binDirectory;
        _scratch = scratch;
        Port = port;
        MajorVersion = majorVersion;
        _isShared = isShared;
    }

    public string Host { get; } = "127.0.0.1";

    public int Port { get; }

    /// <summary>The PostgreSQL major version the binaries were found for, e.g. 15.</summary>
    public int MajorVersion { get; }

    /// <summary>The superuser's connection string to the <c>postgres</c> maintenance database.</summary>
    public string AdminConnectionString => ConnectionString("postgres");

    private string DataDirectory => Path.Combine(_scratch.Path, "data");

    private string LogFile => Path.Combine(_scratch.Path, "postgres.log");

    /// <summary>
    /// The server shared by every test in this process, started on first use and stopped when the
    /// process exits. Do not stop it; disposing it does nothing.
    /// </summary>
    public static Task<PostgresServer> SharedAsync() => Shared.Value;

    /// <summary>A server of your own (for tests that stop or break it); dispose it when done.</summary>
    /// <param name="settings">Lines added to postgresql.conf after the fixture's own (<c>shared_buffers = 1GB</c>), for a benchmark that needs a server sized like a real one.</param>
    public static Task<PostgresServer> StartAsync(string? settings = null) => StartCoreAsync(isShared: false, settings);

    /// <summary>
    /// Creates a fresh, empty database and returns an Npgsql connection string for it
    /// (<c>Host=127.0.0.1;Port=…;Username=postgres;Database=…</c>).
    /// </summary>
    /// <param name="namePrefix">Start of the database name (letters, digits, underscores); a random suffix follows.</param>
    public async Task<string> CreateDatabaseAsync(string? namePrefix = null)
    {
        var prefix = InvalidNameCharacters().Replace((namePrefix ?? "webedi").ToLowerInvariant(), "_");
        if (prefix.Length > 40)
        {
            prefix = prefix[..40];
        }

        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 1 + 16, 63)];
        await ProcessRunner.RunAsync(
            Binary("createdb"),
            ["--host", Host, "--port", PortText, "--username", SuperUser, name],
            environment: ClientEnvironment());
        return ConnectionString(name);
    }

    /// <summary>Stops the server at once (<c>pg_ctl stop -m immediate</c>) and deletes its files.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        try
        {
            await RunServerCommandAsync(
                "pg_ctl",
                ["stop", "--pgdata", DataDirectory, "--mode", "immediate", "--wait", "--timeout", "30"],
                throwOnFailure: false);
        }
        finally
        {
            _scratch.Delete();
        }
    }

    /// <summary>Stops a server from <see cref="StartAsync"/>; does nothing for the shared one.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_isShared)
        {
            await StopAsync();
        }
    }

    private string PortText => Port.ToString(CultureInfo.InvariantCulture);

    private string ConnectionString(string database) =>
        $"Host={Host};Port={PortText};Username={SuperUser};Database={database}";

    private static async Task<PostgresServer> StartCoreAsync(bool isShared, string? extraSettings = null)
    {
        var stopwatch = Stopwatch.StartNew();
        var (binDirectory, majorVersion) = FindBinaries();
        var runAsRoot = Posix.IsRoot;
        if (runAsRoot)
        {
            EnsurePostgresUserCanRunServer();
        }

        var postmasterPid = 0;
        var scratch = await ScratchDirectory.CreateAsync(
            "postgres",
            gentleStop: () => Posix.Signal(Volatile.Read(ref postmasterPid), Posix.SigQuit));
        var server = new PostgresServer(binDirectory, scratch, FreePort.Next(), majorVersion, isShared);
        try
        {
            if (runAsRoot)
            {
                // PostgreSQL refuses to run as root; the cluster belongs to the postgres user instead.
                await ProcessRunner.RunAsync("chown", [$"{SuperUser}:", scratch.Path]);
            }

            await server.InitializeClusterAsync(extraSettings);
            await server.RunServerCommandAsync(
                "pg_ctl",
                ["start", "--pgdata", server.DataDirectory, "--log", server.LogFile, "--wait", "--timeout", "60", "--silent"],
                explainWithLog: true);
            Volatile.Write(ref postmasterPid, server.ReadPostmasterPid());
            Log.Info($"PostgreSQL {majorVersion} ready on {server.Host}:{server.Port} in {Log.Seconds(stopwatch.Elapsed)} (data in {scratch.Path})");
            return server;
        }
        catch
        {
            scratch.Delete();
            throw;
        }
    }

    private static (string BinDirectory, int MajorVersion) FindBinaries()
    {
        string[] required = ["initdb", "pg_ctl", "postgres", "createdb"];
        var candidates = Directory.Exists(PostgresRoot)
            ? Directory.GetDirectories(PostgresRoot)
                .Select(dir => (Bin: Path.Combine(dir, "bin"), Version: decimal.TryParse(Path.GetFileName(dir), NumberStyles.Number, CultureInfo.InvariantCulture, out var v) ? v : -1))
                .Where(c => c.Version > 0 && required.All(name => File.Exists(Path.Combine(c.Bin, name))))
                .OrderByDescending(c => c.Version)
                .ToList()
            : [];
        if (candidates.Count == 0)
        {
            throw new MissingDependencyException(
                $"PostgreSQL server binaries not found (looked for {string.Join(", ", required)} under {PostgresRoot}/*/bin)",
                "postgresql");
        }

        return (candidates[0].Bin, (int)candidates[0].Version);
    }

    private static void EnsurePostgresUserCanRunServer()
    {
        if (!File.Exists("/usr/sbin/runuser") && !File.Exists("/sbin/runuser"))
        {
            throw new MissingDependencyException(
                "PostgreSQL refuses to run as root and runuser (to run it as the postgres user) was not found",
                "util-linux");
        }

        var hasPostgresUser = File.ReadLines("/etc/passwd").Any(line => line.StartsWith(SuperUser + ":", StringComparison.Ordinal));
        if (!hasPostgresUser)
        {
            throw new MissingDependencyException(
                "PostgreSQL refuses to run as root and there is no postgres user to run it as (the Debian package creates it)",
                "postgresql");
        }
    }

    private async Task InitializeClusterAsync(string? extraSettings)
    {
        await RunServerCommandAsync(
            "initdb",
            ["--pgdata", DataDirectory, "--username", SuperUser, "--auth", "trust", "--encoding", "UTF8", "--locale", "C.UTF-8", "--no-sync", "--no-instructions"]);

        var socketDirectory = _scratch.Path.Replace("'", "''", StringComparison.Ordinal);
        var settings = string.Create(CultureInfo.InvariantCulture, $"""

            # webedi-testing: a private, disposable server on loopback, fast rather than durable.
            listen_addresses = '127.0.0.1'
            port = {Port}
            unix_socket_directories = '{socketDirectory}'
            max_connections = 300
            shared_buffers = 32MB
            fsync = off
            synchronous_commit = off
            full_page_writes = off
            log_min_messages = warning

            """) + (extraSettings is null ? "" : extraSettings + "\n");
        await File.AppendAllTextAsync(Path.Combine(DataDirectory, "postgresql.conf"), settings);
    }

    private int ReadPostmasterPid()
    {
        var firstLine = File.ReadLines(Path.Combine(DataDirectory, "postmaster.pid")).First();
        return int.Parse(firstLine, CultureInfo.InvariantCulture);
    }

    /// <summary>Runs a server-side binary as the postgres user when we are root, as ourselves otherwise.</summary>
    private async Task RunServerCommandAsync(string binary, IReadOnlyList<string> arguments, bool throwOnFailure = true, bool explainWithLog = false)
    {
        var (fileName, fullArguments) = Posix.IsRoot
            ? ("runuser", (IEnumerable<string>)["-u", SuperUser, "--", Binary(binary), .. arguments])
            : (Binary(binary), arguments);
        try
        {
            await ProcessRunner.RunAsync(
                fileName,
                fullArguments,
                timeout: TimeSpan.FromSeconds(90),
                environment: ServerEnvironment(),
                workingDirectory: _scratch.Path,
                throwOnFailure: throwOnFailure);
        }
        catch (ProcessFailedException e) when (explainWithLog)
        {
            throw new ProcessFailedException($"{e.Message}\n--- {LogFile} (last lines) ---\n{Log.Tail(LogFile, 40)}", e);
        }
    }

    private Dictionary<string, string?> ServerEnvironment()
    {
        var environment = ClientEnvironment();
        environment["LC_ALL"] = "C.UTF-8";
        return environment;
    }

    private Dictionary<string, string?> ClientEnvironment()
    {
        // Our own connection parameters only: an inherited PGHOST, PGDATABASE, PGSERVICE… would redirect the tools.
        var environment = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(name => name.StartsWith("PG", StringComparison.Ordinal))
            .ToDictionary(name => name, _ => (string?)null);
        foreach (var (name, value) in _scratch.Marker)
        {
            environment[name] = value;
        }

        return environment;
    }

    private string Binary(string name) => Path.Combine(_binDirectory, name);

    [GeneratedRegex("[^a-z0-9_]")]
    private static partial Regex InvalidNameCharacters();
}
