using System.Diagnostics;
using System.Net;
using System.Text;

namespace WebEdi.Testing;

/// <summary>
/// The real WebEdi executable in its own process, on a free loopback port, with its own data directory and settings
/// given as environment variables (<c>WebEdi:Database:Provider</c> → <c>WebEdi__Database__Provider</c>) exactly as an
/// operator would. Nothing is hosted in the test process, so start-up, configuration errors and exit codes are real.
/// </summary>
public sealed class WebEdiServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private bool _disposed;

    private WebEdiServer(Process process, Uri baseAddress, string dataDirectory)
    {
        _process = process;
        BaseAddress = baseAddress;
        DataDirectory = dataDirectory;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
    }

    public Uri BaseAddress { get; }

    public string DataDirectory { get; }

    public HttpClient Http { get; }

    /// <summary>Everything the process wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The server's build output, next to the test's (same configuration).</summary>
    public static string ServerAssembly
    {
        get
        {
            var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = testOutput.Parent!.Name;
            var path = Path.Combine(RepositoryRoot, "src", "WebEdi.Server", "bin", configuration, testOutput.Name, "WebEdi.Server.dll");
            return File.Exists(path)
                ? path
                : throw new FileNotFoundException($"WebEdi.Server is not built at {path}; build the solution first (dotnet build WebEdi.sln).");
        }
    }

    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "WebEdi.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("WebEdi.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>Starts the server and waits until /health/live answers (and /health/ready, unless told not to).</summary>
    public static async Task<WebEdiServer> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null, bool waitUntilReady = true, TimeSpan? timeout = null)
    {
        var port = FreePort.Next();
        var dataDirectory = Directory.CreateTempSubdirectory("webedi-server-").FullName;
        var process = CreateProcess([], Settings(settings, dataDirectory, port));
        var server = new WebEdiServer(process, new Uri($"http://127.0.0.1:{port}"), dataDirectory);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitForAsync("/health/live", timeout ?? TimeSpan.FromSeconds(60));
            if (waitUntilReady)
            {
                await server.WaitForAsync("/health/ready", timeout ?? TimeSpan.FromSeconds(60));
            }
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>Runs the executable with command-line words (<c>db migrate</c>) to completion.</summary>
    public static Task<CommandResult> RunAsync(IReadOnlyDictionary<string, string?>? settings, string dataDirectory, params string[] args) =>
        RunAsync(settings, dataDirectory, TimeSpan.FromSeconds(120), null, args);

    /// <summary>
    /// Runs the executable with command-line words to completion within <paramref name="limit"/>; <paramref name="watch"/>,
    /// started as soon as the process is, sees it while it runs (a benchmark samples its memory) and is awaited after it exits.
    /// </summary>
    public static async Task<CommandResult> RunAsync(
        IReadOnlyDictionary<string, string?>? settings, string dataDirectory, TimeSpan limit, Func<Process, Task>? watch, params string[] args)
    {
        using var process = CreateProcess(args, Settings(settings, dataDirectory, FreePort.Next()));
        process.Start();
        var watching = watch?.Invoke(process) ?? Task.CompletedTask;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"webedi {string.Join(' ', args)} did not finish in {limit.TotalSeconds:0} s. Output: {await stdout} {await stderr}");
        }

        await watching;
        return new CommandResult(process.ExitCode, await stdout, await stderr);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a dying child process; the OS temp cleaner takes it.
        }
    }

    private async Task WaitForAsync(string path, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        string last = "no answer";
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"WebEdi exited with code {_process.ExitCode} before {path} answered. Output:\n{Output}");
            }

            try
            {
                using var response = await Http.GetAsync(path);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                last = $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{path} did not answer 200 within {timeout.TotalSeconds} s (last: {last}). Output:\n{Output}");
    }

    private static Dictionary<string, string?> Settings(IReadOnlyDictionary<string, string?>? settings, string dataDirectory, int port)
    {
        var all = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Urls"] = $"http://127.0.0.1:{port}",
            ["WebEdi:DataDirectory"] = dataDirectory,
            ["WebEdi:Demo:Seed"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return all;
    }

    private static Process CreateProcess(string[] args, Dictionary<string, string?> settings)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = settings["WebEdi:DataDirectory"]!,
        };
        start.ArgumentList.Add(ServerAssembly);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        return new Process { StartInfo = start, EnableRaisingEvents = true };
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}

public sealed record CommandResult(int ExitCode, string StandardOutput, string StandardError);
