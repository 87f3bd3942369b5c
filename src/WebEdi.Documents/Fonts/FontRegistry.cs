using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace WebEdi.Documents.Fonts;

/// <summary>
/// PDFsharp resolves fonts through one process-wide resolver that may be set only once, before the first font is
/// used. This is that resolver: installed on first use, it serves every <see cref="JapaneseFonts"/> set registered
/// with it under family names of its own, so two printers with different font folders can live in one process.
/// </summary>
internal sealed class FontRegistry : IFontResolver
{
    private static readonly Lock Gate = new();
    private static FontRegistry? _installed;

    private readonly ConcurrentDictionary<string, byte[]> _faces = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _familyByFile = new(StringComparer.Ordinal);

    private FontRegistry()
    {
    }

    /// <summary>The installed registry; installs it on first call.</summary>
    public static FontRegistry Instance
    {
        get
        {
            lock (Gate)
            {
                if (_installed is not null)
                {
                    return _installed;
                }

                if (GlobalFontSettings.FontResolver is { } other)
                {
                    throw new InvalidOperationException(
                        $"Another PDFsharp font resolver ({other.GetType().FullName}) is installed in this process; "
                        + "WebEdi.Documents must install its own, and PDFsharp allows one.");
                }

                var registry = new FontRegistry();
                GlobalFontSettings.FontResolver = registry;
                _installed = registry;
                return registry;
            }
        }
    }

    /// <summary>
    /// Registers the face and returns the family name to create <c>XFont</c>s with. The same file (path, size and
    /// time) gets the same name again, so PDFsharp's own caches are reused.
    /// </summary>
    public string Register(TrueTypeFont font)
    {
        var info = new FileInfo(font.Path);
        var key = $"{info.FullName}|{font.Data.Length}|{info.LastWriteTimeUtc.Ticks}";
        lock (_familyByFile)
        {
            if (!_familyByFile.TryGetValue(key, out var family))
            {
                family = $"WebEdi-{Path.GetFileNameWithoutExtension(font.Path)}-{_faces.Count + 1}";
                _faces[family] = font.Data;
                _familyByFile[key] = family;
            }

            return family;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        _faces.ContainsKey(familyName) ? new FontResolverInfo(familyName, bold, italic) : null;

    public byte[]? GetFont(string faceName) => _faces.GetValueOrDefault(faceName);
}
