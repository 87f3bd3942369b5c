using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace WebEdi.Testing;

/// <summary>
/// Just enough MIME (RFC 2045–2047, 2231) to read what WebEdi sends: headers, encoded words,
/// multipart bodies, base64 and quoted-printable, any charset .NET knows (ISO-2022-JP, Shift_JIS,
/// EUC-JP through the code-pages provider).
/// </summary>
internal static partial class MimeReader
{
    private static readonly Dictionary<string, int> CharsetAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["utf8"] = 65001,
        ["windows-31j"] = 932,
        ["cp932"] = 932,
        ["x-sjis"] = 932,
    };

    static MimeReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Reads a message or body part: headers, then the body, split into parts when multipart.</summary>
    public static Entity ReadEntity(ReadOnlyMemory<byte> bytes)
    {
        var (headers, body) = SplitHeaders(bytes);
        string? Find(string name) => headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

        var (mediaType, typeParameters) = ParseStructured(Find("Content-Type") ?? "text/plain");
        var (disposition, dispositionParameters) = ParseStructured(Find("Content-Disposition") ?? string.Empty);
        var transferEncoding = (Find("Content-Transfer-Encoding") ?? string.Empty).Trim().ToLowerInvariant();
        var parts = mediaType.StartsWith("multipart/", StringComparison.Ordinal) && typeParameters.TryGetValue("boundary", out var boundary)
            ? SplitMultipart(body, boundary).Select(ReadEntity).ToList()
            : [];
        return new Entity(headers, body, mediaType, typeParameters, disposition, dispositionParameters, transferEncoding, parts);
    }

    /// <summary>The non-multipart parts, depth first, in message order.</summary>
    public static IEnumerable<Entity> Leaves(Entity entity) =>
        entity.Parts.Count == 0 ? [entity] : entity.Parts.SelectMany(Leaves);

    /// <summary>Decodes RFC 2047 encoded words (<c>=?UTF-8?B?…?=</c>, <c>=?ISO-2022-JP?B?…?=</c>, Q encoding).</summary>
    public static string DecodeEncodedWords(string value)
    {
        var output = new StringBuilder();
        var pending = new List<byte>();
        string? pendingCharset = null;
        var position = 0;

        void Flush()
        {
            if (pendingCharset is not null)
            {
                output.Append(CharsetEncoding(pendingCharset).GetString([.. pending]));
                pending.Clear();
                pendingCharset = null;
            }
        }

        foreach (Match word in EncodedWord().Matches(value))
        {
            var between = value[position..word.Index];
            var charset = word.Groups["charset"].Value;

            // Whitespace between two encoded words is not part of the text. Bytes of adjacent words in
            // the same charset are joined before decoding: some mailers split a character across words.
            var adjacent = pendingCharset is not null && string.IsNullOrWhiteSpace(between);
            if (!adjacent)
            {
                Flush();
                output.Append(between);
            }
            else if (!string.Equals(pendingCharset, charset, StringComparison.OrdinalIgnoreCase))
            {
                Flush();
            }

            pendingCharset = charset;
            var text = word.Groups["text"].Value;
            pending.AddRange(word.Groups["encoding"].Value is "B" or "b" ? DecodeBase64(Encoding.ASCII.GetBytes(text)) : DecodeQ(text));
            position = word.Index + word.Length;
        }

        Flush();
        output.Append(value[position..]);
        return output.ToString();
    }

    /// <summary>The bare addresses of an address-list header (display names, comments and groups dropped).</summary>
    public static IReadOnlyList<string> Addresses(string rawValue)
    {
        var addresses = new List<string>();
        var current = new StringBuilder();
        var inQuotes = false;
        var commentDepth = 0;

        void Flush()
        {
            var mailbox = current.ToString().Trim();
            current.Clear();
            var open = mailbox.LastIndexOf('<');
            var close = mailbox.LastIndexOf('>');
            var address = open >= 0 && close > open ? mailbox[(open + 1)..close].Trim() : mailbox.Trim('"', ' ');
            if (address.Length > 0)
            {
                addresses.Add(address);
            }
        }

        for (var i = 0; i < rawValue.Length; i++)
        {
            var c = rawValue[i];
            if (inQuotes)
            {
                if (c == '\\' && i + 1 < rawValue.Length)
                {
                    current.Append(c).Append(rawValue[++i]);
                    continue;
                }

                inQuotes = c != '"';
                current.Append(c);
            }
            else if (commentDepth > 0)
            {
                commentDepth += c switch { '(' => 1, ')' => -1, _ => 0 };
            }
            else if (c == '"')
            {
                inQuotes = true;
                current.Append(c);
            }
            else if (c == '(')
            {
                commentDepth = 1;
            }
            else if (c is ',' or ';')
            {
                Flush();
            }
            else if (c == ':' && !current.ToString().Contains('<', StringComparison.Ordinal))
            {
                // "Group name: a@example, b@example;" — the group name is no address.
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        Flush();
        return addresses;
    }

    private static (List<KeyValuePair<string, string>> Headers, ReadOnlyMemory<byte> Body) SplitHeaders(ReadOnlyMemory<byte> bytes)
    {
        var span = bytes.Span;
        var headerEnd = span.Length;
        var bodyStart = span.Length;
        for (var position = 0; position < span.Length;)
        {
            var lineLength = span[position..].IndexOf((byte)'\n');
            if (lineLength < 0)
            {
                break;
            }

            if (lineLength == 0 || lineLength == 1 && span[position] == '\r')
            {
                headerEnd = position;
                bodyStart = position + lineLength + 1;
                break;
            }

            position += lineLength + 1;
        }

        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in Encoding.UTF8.GetString(span[..headerEnd]).Split('\n').Select(l => l.TrimEnd('\r')))
        {
            if (line.Length > 0 && line[0] is ' ' or '\t' && headers.Count > 0)
            {
                // Unfolding removes the line break only; the leading whitespace stays.
                headers[^1] = new(headers[^1].Key, headers[^1].Value + line);
            }
            else if (line.IndexOf(':', StringComparison.Ordinal) is var colon and > 0)
            {
                headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].TrimStart()));
            }
        }

        return (headers, bytes[bodyStart..]);
    }

    private static List<ReadOnlyMemory<byte>> SplitMultipart(ReadOnlyMemory<byte> body, string boundary)
    {
        var delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        var span = body.Span;
        var parts = new List<ReadOnlyMemory<byte>>();
        int? partStart = null;
        for (var position = 0; position <= span.Length;)
        {
            var lineLength = span[position..].IndexOf((byte)'\n');
            var lineEnd = lineLength < 0 ? span.Length : position + lineLength;
            var line = span[position..lineEnd].TrimEnd("\r \t"u8);
            if (line.StartsWith(delimiter) && (line.Length == delimiter.Length || line[delimiter.Length..].SequenceEqual("--"u8)))
            {
                if (partStart is int start)
                {
                    // The line break before a delimiter belongs to the delimiter.
                    var end = position;
                    end -= end > start && span[end - 1] == '\n' ? 1 : 0;
                    end -= end > start && span[end - 1] == '\r' ? 1 : 0;
                    parts.Add(body[start..end]);
                }

                if (line.Length > delimiter.Length)
                {
                    break;
                }

                partStart = Math.Min(lineEnd + 1, span.Length);
            }

            if (lineLength < 0)
            {
                break;
            }

            position = lineEnd + 1;
        }

        return parts;
    }

    /// <summary>Splits <c>type/subtype; name=value; name*=utf-8''%E6…</c> into the lower-cased value and its parameters.</summary>
    private static (string Value, Dictionary<string, string> Parameters) ParseStructured(string header)
    {
        var segments = SplitOutsideQuotes(header, ';');
        var value = segments[0].Trim().ToLowerInvariant();
        var pieces = new List<(string Name, int Section, bool Extended, string Value)>();
        foreach (var segment in segments.Skip(1))
        {
            var equals = segment.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            var name = segment[..equals].Trim().ToLowerInvariant();
            var raw = segment[(equals + 1)..].Trim();
            if (raw.Length >= 2 && raw[0] == '"' && raw[^1] == '"')
            {
                raw = QuotedPairs().Replace(raw[1..^1], "$1");
            }

            // RFC 2231: name*=charset'language'percent-encoded, name*0=…, name*1*=…
            var extended = name.EndsWith('*');
            name = name.TrimEnd('*');
            var section = -1;
            var star = name.IndexOf('*', StringComparison.Ordinal);
            if (star > 0 && int.TryParse(name[(star + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                section = number;
                name = name[..star];
            }

            pieces.Add((name, section, extended, raw));
        }

        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var group in pieces.GroupBy(p => p.Name))
        {
            var bytes = new List<byte>();
            string? charset = null;
            foreach (var piece in group.OrderBy(p => p.Section))
            {
                var text = piece.Value;
                if (piece.Extended && charset is null && text.Split('\'') is { Length: >= 3 } withCharset)
                {
                    charset = withCharset[0];
                    text = string.Join('\'', withCharset.Skip(2));
                }

                bytes.AddRange(piece.Extended ? PercentDecode(text) : Encoding.UTF8.GetBytes(text));
            }

            parameters[group.Key] = DecodeEncodedWords(CharsetEncoding(charset).GetString([.. bytes]));
        }

        return (value, parameters);
    }

    private static List<string> SplitOutsideQuotes(string value, char separator)
    {
        var segments = new List<string>();
        var start = 0;
        var inQuotes = false;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && inQuotes)
            {
                i++;
            }
            else if (value[i] == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (value[i] == separator && !inQuotes)
            {
                segments.Add(value[start..i]);
                start = i + 1;
            }
        }

        segments.Add(value[start..]);
        return segments;
    }

    private static byte[] PercentDecode(string text)
    {
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%' && i + 2 < text.Length && IsHex(text[i + 1]) && IsHex(text[i + 2]))
            {
                bytes.Add(byte.Parse(text.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
            }
        }

        return [.. bytes];
    }

    internal static byte[] DecodeBase64(ReadOnlySpan<byte> encoded)
    {
        var clean = new StringBuilder(encoded.Length);
        foreach (var b in encoded)
        {
            if (b is >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z' or >= (byte)'0' and <= (byte)'9' or (byte)'+' or (byte)'/')
            {
                clean.Append((char)b);
            }
        }

        clean.Append('=', (4 - (clean.Length % 4)) % 4);
        return Convert.FromBase64String(clean.ToString());
    }

    internal static byte[] DecodeQuotedPrintable(ReadOnlySpan<byte> encoded)
    {
        var bytes = new List<byte>(encoded.Length);
        for (var i = 0; i < encoded.Length; i++)
        {
            if (encoded[i] != '=')
            {
                bytes.Add(encoded[i]);
            }
            else if (i + 1 < encoded.Length && encoded[i + 1] == '\n')
            {
                i += 1;
            }
            else if (i + 2 < encoded.Length && encoded[i + 1] == '\r' && encoded[i + 2] == '\n')
            {
                i += 2;
            }
            else if (i + 2 < encoded.Length && IsHex((char)encoded[i + 1]) && IsHex((char)encoded[i + 2]))
            {
                bytes.Add(byte.Parse([(char)encoded[i + 1], (char)encoded[i + 2]], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 2;
            }
            else
            {
                bytes.Add(encoded[i]);
            }
        }

        return [.. bytes];
    }

    private static byte[] DecodeQ(string text)
    {
        var bytes = DecodeQuotedPrintable(Encoding.ASCII.GetBytes(text));
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = bytes[i] == '_' ? (byte)' ' : bytes[i];
        }

        return bytes;
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    internal static Encoding CharsetEncoding(string? charset)
    {
        if (string.IsNullOrWhiteSpace(charset))
        {
            // No charset (formally US-ASCII): UTF-8 reads ASCII the same and does not mangle 8-bit text.
            return Encoding.UTF8;
        }

        try
        {
            return CharsetAliases.TryGetValue(charset.Trim(), out var codePage)
                ? Encoding.GetEncoding(codePage)
                : Encoding.GetEncoding(charset.Trim());
        }
        catch (ArgumentException)
        {
            return Encoding.UTF8;
        }
    }

    [GeneratedRegex(@"=\?(?<charset>[^?*\s]+)(?:\*[^?\s]*)?\?(?<encoding>[BbQq])\?(?<text>[^?\s]*)\?=")]
    private static partial Regex EncodedWord();

    [GeneratedRegex(@"\\(.)")]
    private static partial Regex QuotedPairs();

    /// <summary>One message or body part.</summary>
    internal sealed class Entity(
        IReadOnlyList<KeyValuePair<string, string>> headers,
        ReadOnlyMemory<byte> body,
        string mediaType,
        IReadOnlyDictionary<string, string> typeParameters,
        string disposition,
        IReadOnlyDictionary<string, string> dispositionParameters,
        string transferEncoding,
        IReadOnlyList<Entity> parts)
    {
        public IReadOnlyList<KeyValuePair<string, string>> Headers { get; } = headers;

        /// <summary>Lower case, e.g. <c>text/plain</c>.</summary>
        public string MediaType { get; } = mediaType;

        /// <summary>Lower case <c>attachment</c> or <c>inline</c>; empty without a Content-Disposition.</summary>
        public string Disposition { get; } = disposition;

        public IReadOnlyList<Entity> Parts { get; } = parts;

        public string? FileName =>
            dispositionParameters.TryGetValue("filename", out var fileName) ? fileName
            : typeParameters.TryGetValue("name", out var name) ? name
            : null;

        public byte[] DecodeContent() => transferEncoding switch
        {
            "base64" => DecodeBase64(body.Span),
            "quoted-printable" => DecodeQuotedPrintable(body.Span),
            _ => body.ToArray(),
        };

        public string DecodeText()
        {
            typeParameters.TryGetValue("charset", out var charset);
            // Trailing line breaks are the transport's (SMTP ends every message with one), not the sender's text.
            return CharsetEncoding(charset).GetString(DecodeContent()).ReplaceLineEndings("\n").TrimEnd('\n');
        }
    }
}
