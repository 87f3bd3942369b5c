namespace WebEdi.Documents;

/// <summary>Settings of the printed documents (section <c>WebEdi:Documents</c>).</summary>
public sealed record DocumentOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "WebEdi:Documents";

    /// <summary>
    /// Where Debian's <c>fonts-ipaexfont</c> puts the faces (opentype/ is the current layout, truetype/ older and
    /// hand-copied installs).
    /// </summary>
    public static IReadOnlyList<string> DefaultFontDirectories { get; } =
    [
        "/usr/share/fonts/opentype/ipaexfont-gothic",
        "/usr/share/fonts/opentype/ipaexfont-mincho",
        "/usr/share/fonts/truetype/ipaexfont-gothic",
        "/usr/share/fonts/truetype/ipaexfont-mincho",
        "/usr/share/fonts/truetype/ipaexfont",
        "/usr/share/fonts/truetype",
    ];

    /// <summary>
    /// Folders searched, in order, for <c>ipaexg.ttf</c> (IPAex Gothic) and <c>ipaexm.ttf</c> (IPAex Mincho);
    /// null or empty means <see cref="DefaultFontDirectories"/>. Null rather than a pre-filled list because the
    /// configuration binder appends configured items to a list that already has some.
    /// </summary>
    public IReadOnlyList<string>? FontDirectories { get; init; }

    /// <summary>The folders actually searched.</summary>
    public IReadOnlyList<string> SearchedFontDirectories =>
        FontDirectories is { Count: > 0 } configured ? configured : DefaultFontDirectories;
}
