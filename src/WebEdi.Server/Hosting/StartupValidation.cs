using Microsoft.Extensions.Options;

namespace WebEdi.Server.Hosting;

/// <summary>
/// Turns every way configuration can be wrong into one line that names the key, instead of a stack trace:
/// a malformed appsettings file, a value the binder cannot convert, a missing or invalid setting.
/// </summary>
public static class StartupValidation
{
    /// <summary>The configuration problem in <paramref name="exception"/> as one line, or null if it is not one.</summary>
    public static string? Describe(Exception exception) => exception switch
    {
        OptionsValidationException e => string.Join(" ", e.Failures.Distinct()),
        InvalidDataException e when e.Message.Contains("configuration", StringComparison.OrdinalIgnoreCase) =>
            $"{e.Message} {e.InnerException?.Message}".Trim(),
        InvalidOperationException e when e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) =>
            $"{e.Message} {e.InnerException?.Message}".Trim(),
        FormatException e when e.Message.Contains("configuration", StringComparison.OrdinalIgnoreCase) => e.Message,
        AggregateException e when e.InnerExceptions.Count == 1 => Describe(e.InnerExceptions[0]),
        _ => null,
    };
}
