using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WebEdi.Documents.Fonts;

namespace WebEdi.Documents;

public static partial class DocumentsExtensions
{
    /// <summary>
    /// The printed documents (<c>WebEdi:Documents</c>): validated options, one <see cref="DocumentPrinterLoader"/> and
    /// <see cref="DocumentPrinter"/> per process. With <paramref name="loadFontsAtStart"/> (processes that serve the
    /// portal) the fonts are read while the server starts, so the first print is not the slow one, and a missing font
    /// is logged then as a warning. It does not stop the process: everything but printing works without the fonts, and
    /// a print request says exactly what is missing (see docs/shipments.md).
    /// </summary>
    public static IHostApplicationBuilder AddWebEdiDocuments(this IHostApplicationBuilder builder, bool loadFontsAtStart)
    {
        builder.Services.AddSingleton<IValidateOptions<DocumentOptions>, DocumentOptionsValidator>();
        builder.Services.AddOptions<DocumentOptions>().Bind(builder.Configuration.GetSection(DocumentOptions.SectionName)).ValidateOnStart();
        builder.Services.AddSingleton(s => new DocumentPrinterLoader(s.GetRequiredService<IOptions<DocumentOptions>>().Value));
        builder.Services.AddSingleton(s => s.GetRequiredService<DocumentPrinterLoader>().Get());
        if (loadFontsAtStart)
        {
            builder.Services.AddHostedService<FontsAtStart>();
        }

        return builder;
    }

    private sealed class DocumentOptionsValidator : IValidateOptions<DocumentOptions>
    {
        public ValidateOptionsResult Validate(string? name, DocumentOptions options)
        {
            var failures = (options.FontDirectories ?? [])
                .Select((directory, i) => (directory, i))
                .Where(d => string.IsNullOrWhiteSpace(d.directory))
                .Select(d => $"{DocumentOptions.SectionName}:FontDirectories:{d.i} is empty; give a folder that holds ipaexg.ttf and ipaexm.ttf.")
                .ToList();
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }

    private sealed partial class FontsAtStart(DocumentPrinterLoader loader, ILogger<FontsAtStart> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            // Reading 14 MB of fonts must not hold up the server answering /health/live.
            _ = Task.Run(() =>
            {
                try
                {
                    loader.Get();
                }
                catch (Exception e) when (e is FontNotFoundException or FontFormatException)
                {
                    LogFontsMissing(logger, e.Message);
                }
            }, CancellationToken.None);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery notes and order sheets cannot be printed until the fonts are installed: {Problem}")]
        private static partial void LogFontsMissing(ILogger logger, string problem);
    }
}

/// <summary>
/// The process's one <see cref="DocumentPrinter"/>, created on first use. When a font is missing, <see cref="Get"/>
/// throws <see cref="FontNotFoundException"/> (naming the file, the folders searched and <c>fonts-ipaexfont</c>) to
/// the caller that wanted to print, and tries again on the next call: installing the package needs no restart.
/// </summary>
public sealed class DocumentPrinterLoader(DocumentOptions options)
{
    private readonly Lock _gate = new();
    private DocumentPrinter? _printer;

    /// <summary>The printer; throws <see cref="FontNotFoundException"/> or <see cref="FontFormatException"/> while the fonts are unusable.</summary>
    public DocumentPrinter Get()
    {
        if (Volatile.Read(ref _printer) is { } printer)
        {
            return printer;
        }

        lock (_gate)
        {
            return _printer ??= new DocumentPrinter(options);
        }
    }
}
