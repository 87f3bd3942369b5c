using System.Collections;
using System.Diagnostics;
using Microsoft.Playwright;

namespace WebEdi.Testing;

/// <summary>
/// The Debian Chromium (<c>/usr/bin/chromium</c>), headless, driven by Playwright: one browser per test
/// process, one fresh context (cookies, storage) per page. Playwright's own browser downloads are not
/// used, so nothing is fetched from the internet.
/// </summary>
public static class Chromium
{
    private const string ExecutablePath = "/usr/bin/chromium";
    private static readonly Lazy<Task<IBrowser>> Shared = new(() => Task.Run(LaunchAsync));
    private static readonly Lazy<string> Artifacts = new(FindArtifactsDirectory);

    /// <summary>
    /// <c>artifacts/</c> at the repository root (next to WebEdi.sln), created on first use: screenshots
    /// and other files a failed run leaves for a human to look at.
    /// </summary>
    public static string ArtifactsDirectory => Directory.CreateDirectory(Artifacts.Value).FullName;

    /// <summary>The browser shared by every test in this process, launched on first use, closed at process exit.</summary>
    public static Task<IBrowser> SharedAsync() => Shared.Value;

    /// <summary>
    /// A page in a new browser context of the shared browser. Closing the page closes its context.
    /// </summary>
    /// <param name="locale">Browser locale (Accept-Language, number and date formats); null for Chromium's default.</param>
    /// <param name="timezoneId">Time zone the page sees; WebEdi's users are in Japan.</param>
    public static async Task<IPage> NewPageAsync(string? locale = "ja-JP", int width = 1366, int height = 768, string? timezoneId = "Asia/Tokyo")
    {
        var browser = await SharedAsync();
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = locale,
            TimezoneId = timezoneId,
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        var page = await context.NewPageAsync();
        page.Close += (_, _) => _ = context.CloseAsync();
        return page;
    }

    /// <summary>Saves a PNG of <paramref name="page"/> as <c>artifacts/&lt;name&gt;.png</c> and returns its path.</summary>
    /// <param name="fullPage">The whole page; false for only what the window shows (the first screen at 1366×768).</param>
    public static async Task<string> ScreenshotAsync(IPage page, string name, bool fullPage = true)
    {
        var fileName = string.Concat(name.Select(c => Path.GetInvalidFileNameChars().Contains(c) ? '_' : c));
        if (!fileName.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
        {
            fileName += ".png";
        }

        var path = Path.Combine(ArtifactsDirectory, fileName);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage, Type = ScreenshotType.Png });
        return path;
    }

    private static async Task<IBrowser> LaunchAsync()
    {
        var stopwatch = Stopwatch.StartNew();
        if (!File.Exists(ExecutablePath))
        {
            throw new MissingDependencyException($"Chromium not found at {ExecutablePath}", "chromium");
        }

        var scratch = await ScratchDirectory.CreateAsync("chromium");
        try
        {
            // Playwright's driver (node, shipped in the NuGet package) stays for the life of the process.
            var playwright = await Playwright.CreateAsync();

            // The browser gets our whole environment plus the scratch marker, so that it and its helper
            // processes are found and killed at exit (Playwright replaces the environment when one is given).
            var environment = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
                .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? string.Empty);
            foreach (var (name, value) in scratch.Marker)
            {
                environment[name] = value ?? string.Empty;
            }

            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args =
                [
                    "--no-sandbox", // Chromium's sandbox does not run as root, and CI runs as root.
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--disable-quic",
                    "--no-first-run",
                ],
                Env = environment,
                DownloadsPath = Path.Combine(scratch.Path, "downloads"),
                TracesDir = Path.Combine(scratch.Path, "traces"),
            });
            Log.Info($"Chromium {browser.Version} ready (headless, {ExecutablePath}) in {Log.Seconds(stopwatch.Elapsed)}");
            return browser;
        }
        catch
        {
            scratch.Delete();
            throw;
        }
    }

    private static string FindArtifactsDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "WebEdi.sln")))
            {
                return Path.Combine(directory.FullName, "artifacts");
            }
        }

        throw new InvalidOperationException($"No WebEdi.sln above {AppContext.BaseDirectory}, so no repository root for artifacts/.");
    }
}
