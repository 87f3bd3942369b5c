using System.Globalization;
using WebEdi.Testing;

namespace WebEdi.IntegrationTests.Deliveries;

/// <summary>
/// A small tmpfs of its own, so a test can make a folder really read-only or really full — as root, file permissions
/// alone would not stop the server. Needs root and the right to mount (CAP_SYS_ADMIN); without them the test fails
/// saying so.
/// </summary>
public sealed class ScratchMount : IAsyncDisposable
{
    private ScratchMount(string path) => Path = path;

    public string Path { get; }

    public static async Task<ScratchMount> CreateAsync(int kilobytes)
    {
        var path = Directory.CreateTempSubdirectory("webedi-mount-").FullName;
        await MountAsync(["-t", "tmpfs", "-o", string.Create(CultureInfo.InvariantCulture, $"size={kilobytes}k,mode=0777"), "tmpfs", path]);
        return new ScratchMount(path);
    }

    public Task MakeReadOnlyAsync() => MountAsync(["-o", "remount,ro", Path]);

    public Task MakeWritableAsync() => MountAsync(["-o", "remount,rw", Path]);

    /// <summary>Fills the file system to the last byte.</summary>
    public async Task FillAsync()
    {
        await using var filler = new FileStream(System.IO.Path.Combine(Path, "filler.bin"), FileMode.Create);
        var block = new byte[4096];
        try
        {
            while (true)
            {
                await filler.WriteAsync(block);
                await filler.FlushAsync();
            }
        }
        catch (IOException)
        {
            // No space left on device: that was the point.
        }
    }

    public void Free() => File.Delete(System.IO.Path.Combine(Path, "filler.bin"));

    public async ValueTask DisposeAsync()
    {
        await ProcessRunner.RunAsync("/usr/bin/umount", ["-l", Path], throwOnFailure: false);
        Directory.Delete(Path, recursive: true);
    }

    private static async Task MountAsync(IEnumerable<string> arguments)
    {
        var result = await ProcessRunner.RunAsync("/usr/bin/mount", arguments, throwOnFailure: false);
        Assert.True(result.ExitCode == 0,
            $"{result.CommandLine} failed ({result.StandardError.Trim()}): this test needs to run as root with the right to mount a tmpfs (CAP_SYS_ADMIN).");
    }
}
