using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace WebEdi.Server.Portal;

/// <summary>
/// Japanese by default, English switchable. Only the language of the words changes: dates, numbers and money are
/// always formatted for ja-JP (yyyy/MM/dd, 1,234.5, ¥12,345), because they are the trade's, not the reader's.
/// </summary>
public static class PortalCulture
{
    public static readonly CultureInfo Formats = CultureInfo.GetCultureInfo("ja-JP");

    public static readonly CultureInfo Japanese = CultureInfo.GetCultureInfo("ja");

    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    /// <summary>"ja" or "en"; anything else is Japanese.</summary>
    public static string Normalize(string? language) => language == "en" ? "en" : "ja";

    public static RequestLocalizationOptions Options()
    {
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Formats, Japanese),
            SupportedCultures = [Formats],
            SupportedUICultures = [Japanese, English],
            FallBackToParentUICultures = true,
        };

        // The user's choice (cookie, set at sign-in from their profile and by the language switch); never the
        // browser's Accept-Language, so a clerk on an English Windows still gets Japanese unless they ask.
        options.RequestCultureProviders = [new CookieRequestCultureProvider()];
        return options;
    }

    /// <summary>Remembers <paramref name="language"/> for this browser.</summary>
    public static void Remember(HttpResponse response, string language) =>
        response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(Formats, Normalize(language) == "en" ? English : Japanese)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });

    /// <summary>The current UI language, "ja" or "en".</summary>
    public static string Current => Normalize(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
}

/// <summary>The anchor type of the shared resource file (Resources/SharedResource.en.resx): words used on many pages.</summary>
public sealed class SharedResource;
