namespace WebEdi.Documents.Fonts;

/// <summary>The two faces the documents are printed in.</summary>
public enum JapaneseFace
{
    /// <summary>IPAex Gothic (<c>ipaexg.ttf</c>): tables, figures, most text.</summary>
    Gothic,

    /// <summary>IPAex Mincho (<c>ipaexm.ttf</c>): titles and the addressee, as forms customarily set them.</summary>
    Mincho,
}

/// <summary>
/// IPAex Gothic and Mincho read from the configured font folders, with their character coverage and widths.
/// Load once and share: the files are 6–8 MB each and are read whole.
/// </summary>
public sealed class JapaneseFonts
{
    /// <summary>The Debian package that installs both faces.</summary>
    public const string DebianPackage = "fonts-ipaexfont";

    private JapaneseFonts(TrueTypeFont gothic, TrueTypeFont mincho)
    {
        Gothic = gothic;
        Mincho = mincho;
    }

    internal TrueTypeFont Gothic { get; }

    internal TrueTypeFont Mincho { get; }

    /// <summary>The file each face was read from.</summary>
    public string PathOf(JapaneseFace face) => this[face].Path;

    internal TrueTypeFont this[JapaneseFace face] => face == JapaneseFace.Gothic ? Gothic : Mincho;

    /// <summary>
    /// Finds and reads both faces. Throws <see cref="FontNotFoundException"/> naming the missing file, the
    /// folders searched and the package to install, or <see cref="FontFormatException"/> for a file PDFsharp
    /// cannot embed.
    /// </summary>
    public static JapaneseFonts Load(DocumentOptions options)
    {
        var directories = options.SearchedFontDirectories;
        return new JapaneseFonts(
            TrueTypeFont.Load(Find("ipaexg.ttf", "IPAex Gothic", directories)),
            TrueTypeFont.Load(Find("ipaexm.ttf", "IPAex Mincho", directories)));
    }

    /// <summary>A short name for messages, e.g. "IPAex Gothic (ipaexg.ttf)".</summary>
    public static string Describe(JapaneseFace face) =>
        face == JapaneseFace.Gothic ? "IPAex Gothic (ipaexg.ttf)" : "IPAex Mincho (ipaexm.ttf)";

    private static string Find(string fileName, string faceName, IReadOnlyList<string> directories)
    {
        foreach (var directory in directories)
        {
            var candidate = Path.Combine(directory, fileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FontNotFoundException(fileName, faceName, directories);
    }
}

/// <summary>A font file the documents need is in none of the configured folders.</summary>
public sealed class FontNotFoundException : Exception
{
    public FontNotFoundException()
    {
    }

    public FontNotFoundException(string message)
        : base(message)
    {
    }

    public FontNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <param name="fileName">The missing file, e.g. <c>ipaexg.ttf</c>.</param>
    /// <param name="faceName">The face it holds, e.g. IPAex Gothic.</param>
    /// <param name="searchedDirectories">The folders looked in, in order.</param>
    public FontNotFoundException(string fileName, string faceName, IReadOnlyList<string> searchedDirectories)
        : base($"The font file {fileName} ({faceName}) was not found in any of: {string.Join(", ", searchedDirectories)}. "
            + $"Install it with: apt-get install {JapaneseFonts.DebianPackage}, or set {DocumentOptions.SectionName}:FontDirectories "
            + "to the folder that holds it.")
    {
        FileName = fileName;
        SearchedDirectories = searchedDirectories;
    }

    /// <summary>The missing font file.</summary>
    public string? FileName { get; }

    /// <summary>The folders that were searched.</summary>
    public IReadOnlyList<string> SearchedDirectories { get; } = [];
}
