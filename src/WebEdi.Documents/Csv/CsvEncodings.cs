using System.Text;

namespace WebEdi.Documents.Csv;

/// <summary>The two encodings a clerk chooses between for the order CSV files.</summary>
public enum CsvEncoding
{
    /// <summary>UTF-8; downloads start with a BOM so Excel recognises it.</summary>
    Utf8,

    /// <summary>Shift_JIS as Windows writes it (CP932).</summary>
    ShiftJis,
}

/// <summary>Where a file's bytes stop being valid text in the encoding it was read with.</summary>
public sealed record InvalidBytes(long Offset, int Line, string Bytes);

/// <summary>
/// Strict encoding and decoding: a byte or character the encoding cannot represent is an error that names its place,
/// never a silent '?' or U+FFFD, so a clerk never gets (or sends) a quietly damaged file.
/// </summary>
public static class CsvEncodings
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    private static readonly System.Buffers.SearchValues<char> Cp932LookAlikes = System.Buffers.SearchValues.Create("\u301C\u2212\u2014\u2016\u00A2\u00A3\u00AC");

    static CsvEncodings() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Strict(CsvEncoding encoding) => encoding == CsvEncoding.Utf8
        ? new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true)
        : Encoding.GetEncoding(932, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);

    public static string Charset(CsvEncoding encoding) => encoding == CsvEncoding.Utf8 ? "utf-8" : "shift_jis";

    public static ReadOnlySpan<byte> Bom => Utf8Bom;

    /// <summary>
    /// Text as CP932 writes it: Unicode characters that Japanese text holds but CP932 knows only as its own look-alikes
    /// (WAVE DASH 〜 and FULLWIDTH TILDE ～, and so on) are replaced by the ones CP932 has, as Windows itself does.
    /// </summary>
    public static string ForCp932(string text)
    {
        if (!text.AsSpan().ContainsAny(Cp932LookAlikes))
        {
            return text;
        }

        return text.Replace('\u301C', '\uFF5E').Replace('\u2212', '\uFF0D').Replace('\u2014', '\u2015').Replace('\u2016', '\u2225')
            .Replace('\u00A2', '\uFFE0').Replace('\u00A3', '\uFFE1').Replace('\u00AC', '\uFFE2');
    }

    /// <summary>The first character of <paramref name="text"/> that CP932 cannot write, or null when it can write all of it.</summary>
    public static string? FirstUnencodable(string text, Encoding cp932)
    {
        if (Ascii.IsValid(text))
        {
            return null;
        }

        try
        {
            cp932.GetByteCount(text);
            return null;
        }
        catch (EncoderFallbackException e)
        {
            return e.CharUnknownHigh != '\0' ? string.Concat(e.CharUnknownHigh, e.CharUnknownLow) : e.CharUnknown.ToString();
        }
    }

    /// <summary>"U+20BB7" for a character (or surrogate pair), as the error message names it.</summary>
    public static string CodePoint(string character) => $"U+{char.ConvertToUtf32(character, 0):X4}";

    public static bool StartsWithBom(Stream stream)
    {
        Span<byte> start = stackalloc byte[3];
        stream.Position = 0;
        var read = stream.ReadAtLeast(start, 3, throwOnEndOfStream: false);
        stream.Position = 0;
        return read == 3 && start.SequenceEqual(Utf8Bom);
    }

    public static bool HasNonAscii(Stream stream)
    {
        stream.Position = 0;
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            if (!Ascii.IsValid(buffer.AsSpan(0, read)))
            {
                stream.Position = 0;
                return true;
            }
        }

        stream.Position = 0;
        return false;
    }

    /// <summary>
    /// The first place where <paramref name="stream"/> is not valid text in <paramref name="strict"/>, with its line
    /// (counted from 1 by LF bytes, as an editor shows them), or null when all of it decodes. Reads in blocks.
    /// </summary>
    public static InvalidBytes? FindInvalidBytes(Stream stream, Encoding strict)
    {
        stream.Position = 0;
        var decoder = strict.GetDecoder();
        var buffer = new byte[64 * 1024];

        // GetChars, not GetCharCount: only decoding keeps the decoder's state, so a character split between two blocks
        // is read whole instead of reported as invalid bytes.
        var chars = new char[strict.GetMaxCharCount(buffer.Length)];
        long start = 0;
        int read;
        try
        {
            while ((read = stream.Read(buffer)) > 0)
            {
                try
                {
                    decoder.GetChars(buffer, 0, read, chars, 0, flush: false);
                }
                catch (DecoderFallbackException e)
                {
                    return Locate(stream, start + Math.Max(e.Index, -start));
                }

                start += read;
            }

            try
            {
                decoder.GetChars([], 0, 0, chars, 0, flush: true);
            }
            catch (DecoderFallbackException)
            {
                // The file ends in the middle of a character.
                return Locate(stream, Math.Max(0, start - 1));
            }

            return null;
        }
        finally
        {
            stream.Position = 0;
        }
    }

    private static InvalidBytes Locate(Stream stream, long offset)
    {
        stream.Position = 0;
        var line = 1;
        for (long i = 0; i < offset; i++)
        {
            if (stream.ReadByte() == '\n')
            {
                line++;
            }
        }

        var bytes = new byte[2];
        var count = stream.Read(bytes);
        var shown = string.Join(' ', bytes.Take(count).Select(b => $"0x{b:X2}"));
        return new InvalidBytes(offset, line, shown);
    }
}
