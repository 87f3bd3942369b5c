using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace WebEdi.Testing;

/// <summary>What a finished command printed and how it exited.</summary>
public sealed record ProcessResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError);

/// <summary>A command exited with a non-zero code or did not finish in time; the message carries both streams.</summary>
public sealed class ProcessFailedException : Exception
{
    public ProcessFailedException()
    {
    }

    public ProcessFailedException(string message)
        : base(message)
    {
    }

    public ProcessFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ProcessFailedException(ProcessResult result, string reason)
        : base(Describe(result, reason)) => Result = result;

    /// <summary>The command, its exit code and its output (null only for the standard constructors).</summary>
    public ProcessResult? Result { get; }

    private static string Describe(ProcessResult result, string reason) =>
        $"""
        {reason}: {result.CommandLine}
        --- stdout ---
        {result.StandardOutput.TrimEnd()}
        --- stderr ---
        {result.StandardError.TrimEnd()}
        """;
}

/// <summary>Runs the Debian binaries behind the fixtures: short commands to completion, servers in the background.</summary>
public static class ProcessRunner
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    // A daemon that inherited our pipes would keep them open after the command exits; do not wait for it forever.
    private static readonly TimeSpan OutputDrainTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Runs a command to completion with stdin closed. Throws <see cref="ProcessFailedException"/> when it
    /// exits non-zero (unless <paramref name="throwOnFailure"/> is false) or outlives <paramref name="timeout"/>
    /// (default 60 s; the process tree is killed then).
    /// </summary>
    /// <param name="environment">Variables to set on top of the inherited environment; a null value removes one.</param>
    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? workingDirectory = null,
        bool throwOnFailure = true,
        CancellationToken cancellationToken = default)
    {
        var startInfo = CreateStartInfo(fileName, arguments, environment, workingDirectory);
        var commandLine = Render(startInfo);
        using var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var stdout = new StreamCollector();
        var stderr = new StreamCollector();
        process.OutputDataReceived += (_, e) => stdout.Add(e.Data);
        process.ErrorDataReceived += (_, e) => stderr.Add(e.Data);
        var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.Exited += (_, _) => exited.TrySetResult();

        StartOrExplain(process, commandLine);
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var limit = timeout ?? DefaultTimeout;
        try
        {
            await exited.Task.WaitAsync(limit, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            KillTree(process);
            throw;
        }
        catch (TimeoutException)
        {
            KillTree(process);
            await DrainAsync(stdout.Completed, stderr.Completed);
            var partial = new ProcessResult(commandLine, -1, stdout.Text, stderr.Text);
            throw new ProcessFailedException(partial, string.Create(CultureInfo.InvariantCulture, $"Timed out after {limit.TotalSeconds:0.#} s"));
        }

        await DrainAsync(stdout.Completed, stderr.Completed);
        var result = new ProcessResult(commandLine, process.ExitCode, stdout.Text, stderr.Text);
        if (throwOnFailure && result.ExitCode != 0)
        {
            throw new ProcessFailedException(result, string.Create(CultureInfo.InvariantCulture, $"Exit code {result.ExitCode}"));
        }

        return result;
    }

    /// <summary>
    /// Starts a long-running process (a server) whose output is kept in memory for diagnostics. Its stdin
    /// stays open until the process is disposed, so a child that watches stdin learns when we are gone.
    /// </summary>
    public static RunningProcess Start(
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? workingDirectory = null)
    {
        var startInfo = CreateStartInfo(fileName, arguments, environment, workingDirectory);
        return new RunningProcess(startInfo, Render(startInfo));
    }

    /// <summary>Waits until both output streams reached their end, but not longer than <see cref="OutputDrainTimeout"/>.</summary>
    internal static async Task DrainAsync(Task standardOutputEnded, Task standardErrorEnded)
    {
        try
        {
            await Task.WhenAll(standardOutputEnded, standardErrorEnded).WaitAsync(OutputDrainTimeout);
        }
        catch (TimeoutException)
        {
        }
    }

    internal static void StartOrExplain(Process process, string commandLine)
    {
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ProcessFailedException($"Could not start {commandLine}: {e.Message}", e);
        }
    }

    internal static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static ProcessStartInfo CreateStartInfo(
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment,
        string? workingDirectory)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory ?? string.Empty,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        return startInfo;
    }

    private static string Render(ProcessStartInfo startInfo) =>
        string.Join(' ', startInfo.ArgumentList.Prepend(startInfo.FileName).Select(Quote));

    private static string Quote(string argument) =>
        argument.Length > 0 && !argument.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or '\\' or '$')
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private sealed class StreamCollector
    {
        private readonly StringBuilder _text = new();
        private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Completed => _completed.Task;

        public string Text
        {
            get
            {
                lock (_text)
                {
                    return _text.ToString();
                }
            }
        }

        public void Add(string? line)
        {
            if (line is null)
            {
                _completed.TrySetResult();
                return;
            }

            lock (_text)
            {
                _text.Append(line).Append('\n');
            }
        }
    }
}

/// <summary>A background process started by <see cref="ProcessRunner.Start"/>, with its recent output.</summary>
public sealed class RunningProcess : IDisposable
{
    private const int KeptLines = 300;

    private readonly Process _process;
    private readonly Queue<string> _recentLines = new();
    private readonly List<(Func<string, bool> Predicate, TaskCompletionSource<string> Found)> _waiters = [];
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _standardOutputEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _standardErrorEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();

    internal RunningProcess(ProcessStartInfo startInfo, string commandLine)
    {
        CommandLine = commandLine;
        _process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => OnLine(e.Data, _standardOutputEnded);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data, _standardErrorEnded);
        _process.Exited += (_, _) => _ = OnExitedAsync();
        ProcessRunner.StartOrExplain(_process, commandLine);
        Id = _process.Id;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string CommandLine { get; }

    public int Id { get; }

    public bool HasExited => _exited.Task.IsCompleted;

    /// <summary>Completes when the process exits.</summary>
    public Task Exited => _exited.Task;

    /// <summary>The exit code, once <see cref="HasExited"/>.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>The last lines the process wrote to stdout and stderr, interleaved.</summary>
    public string RecentOutput
    {
        get
        {
            lock (_gate)
            {
                return string.Join('\n', _recentLines);
            }
        }
    }

    /// <summary>Waits for an output line matching <paramref name="predicate"/>; fails if the process exits first.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> predicate, TimeSpan timeout)
    {
        TaskCompletionSource<string> found = new(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            var earlier = _recentLines.FirstOrDefault(predicate);
            if (earlier is not null)
            {
                return earlier;
            }

            _waiters.Add((predicate, found));
        }

        var winner = await Task.WhenAny(found.Task, _exited.Task, Task.Delay(timeout));
        if (winner == found.Task)
        {
            return await found.Task;
        }

        lock (_gate)
        {
            _waiters.RemoveAll(w => w.Found == found);
        }

        var reason = winner == _exited.Task
            ? string.Create(CultureInfo.InvariantCulture, $"exited with code {_process.ExitCode}")
            : string.Create(CultureInfo.InvariantCulture, $"did not print the expected line within {timeout.TotalSeconds:0.#} s");
        throw new ProcessFailedException($"{CommandLine} {reason}. Its recent output:\n{RecentOutput}");
    }

    /// <summary>Kills the process and everything it started (SIGKILL).</summary>
    public void Kill() => ProcessRunner.KillTree(_process);

    /// <summary>Waits up to <paramref name="timeout"/> for the process to exit.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout) =>
        await Task.WhenAny(_exited.Task, Task.Delay(timeout)) == _exited.Task;

    public void Dispose()
    {
        if (!HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }

    private void OnLine(string? line, TaskCompletionSource streamEnded)
    {
        if (line is null)
        {
            streamEnded.TrySetResult();
            return;
        }

        List<TaskCompletionSource<string>> matched = [];
        lock (_gate)
        {
            _recentLines.Enqueue(line);
            if (_recentLines.Count > KeptLines)
            {
                _recentLines.Dequeue();
            }

            foreach (var waiter in _waiters.Where(w => w.Predicate(line)).ToList())
            {
                _waiters.Remove(waiter);
                matched.Add(waiter.Found);
            }
        }

        foreach (var found in matched)
        {
            found.TrySetResult(line);
        }
    }

    private async Task OnExitedAsync()
    {
        // Let the last output lines arrive before anyone reads RecentOutput to explain the exit.
        await ProcessRunner.DrainAsync(_standardOutputEnded.Task, _standardErrorEnded.Task);
        _exited.TrySetResult();
    }
}
