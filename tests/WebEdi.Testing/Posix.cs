using System.Runtime.InteropServices;

namespace WebEdi.Testing;

/// <summary>The two libc calls .NET does not offer: sending an arbitrary signal and asking who we run as.</summary>
internal static partial class Posix
{
    public const int SigTerm = 15;
    public const int SigKill = 9;

    /// <summary>PostgreSQL's "immediate shutdown": the postmaster stops its children and releases its shared memory.</summary>
    public const int SigQuit = 3;

    public static bool IsRoot => geteuid() == 0;

    /// <summary>Sends <paramref name="signal"/>; false when the process is gone (or not ours to signal).</summary>
    public static bool Signal(int processId, int signal) => processId > 0 && kill(processId, signal) == 0;

    /// <summary>True while the process exists and is not a zombie waiting to be reaped.</summary>
    public static bool IsAlive(int processId)
    {
        try
        {
            var status = File.ReadAllText($"/proc/{processId}/status");
            var state = status.Split('\n').FirstOrDefault(l => l.StartsWith("State:", StringComparison.Ordinal));
            return state is not null && !state.Contains('Z', StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
    }

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int kill(int pid, int sig);

    [DllImport("libc")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern uint geteuid();
}
