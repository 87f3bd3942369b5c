using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CsvHelper;
using WebEdi.Documents.Csv;

namespace WebEdi.IntegrationTests.Portal.Csv;

/// <summary>What the tests do with the portal's CSV files: download, decode strictly, parse, edit, write, upload.</summary>
public static class CsvFiles
{
    static CsvFiles() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding ShiftJis => Encoding.GetEncoding(932, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);

    public static Encoding Utf8 => new UTF8Encoding(false, throwOnInvalidBytes: true);

    /// <summary>The rows of a file, header first, decoded strictly (a wrong byte throws).</summary>
    public static List<string[]> Parse(byte[] bytes, Encoding encoding)
    {
        var text = encoding.GetString(bytes);
        using var csv = CsvReader.Create(new StringReader(text), CsvReaderOptions.Default with { Separator = ',', HasHeader = false }, leaveOpen: false);
        var rows = new List<string[]>();
        while (csv.Read())
        {
            rows.Add(Enumerable.Range(0, csv.FieldCount).Select(csv.GetString).ToArray());
        }

        return rows;
    }

    /// <summary>Rows as dictionaries by column name.</summary>
    public static List<Dictionary<string, string>> Records(List<string[]> rows) =>
        rows.Skip(1).Select(r => rows[0].Select((name, i) => (name, value: i < r.Length ? r[i] : "")).ToDictionary(p => p.name, p => p.value)).ToList();

    /// <summary>A CSV file of <paramref name="rows"/> under <paramref name="header"/>, quoting what needs it.</summary>
    public static byte[] Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyDictionary<string, string>> rows, Encoding encoding, bool bom = false)
    {
        static string Quote(string v) => v.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : v;
        var text = new StringBuilder();
        text.Append(string.Join(',', header.Select(Quote))).Append("\r\n");
        foreach (var row in rows)
        {
            text.Append(string.Join(',', header.Select(h => Quote(row.TryGetValue(h, out var v) ? v : "")))).Append("\r\n");
        }

        var bytes = encoding.GetBytes(text.ToString());
        return bom ? [.. CsvEncodings.Bom, .. bytes] : bytes;
    }

    public static async Task<byte[]> DownloadTemplateAsync(PortalSession session, string encoding)
    {
        var response = await session.GetRawAsync($"/Orders/Csv/Download?handler=Template&encoding={encoding}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>Uploads <paramref name="file"/> for the preview, as the upload form does.</summary>
    public static async Task<PortalPage> PreviewAsync(PortalSession session, byte[] file, string encoding, string name = "answers.csv")
    {
        var form = await session.GetAsync("/Orders/Upload");
        Assert.Equal(HttpStatusCode.OK, form.Status);
        var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(part, "file", name);
        content.Add(new StringContent(encoding), "encoding");
        return await session.PostMultipartAsync("/Orders/Upload?handler=Preview", form, content);
    }

    /// <summary>Presses "この内容で登録する" on a preview.</summary>
    public static async Task<PortalPage> ConfirmAsync(PortalSession session, PortalPage preview)
    {
        var token = preview.Document.QuerySelector("form.csv-confirm input[name=token]")?.GetAttribute("value")
            ?? throw new InvalidOperationException("The preview offers no confirmation: " + Problems(preview));
        var form = preview.Document.QuerySelector("form.csv-confirm input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return await session.PostAsync("/Orders/Upload?handler=Confirm", form, ("token", token));
    }

    /// <summary>The problems the preview lists, one per line.</summary>
    public static string Problems(PortalPage page) =>
        string.Join("\n", page.Document.QuerySelectorAll(".csv-problems li, .form-errors li").Select(li => li.TextContent.Trim()));

    /// <summary>A count from the preview's summary by its label (データ行, 受諾, エラー, …).</summary>
    public static int Count(PortalPage page, string label) =>
        int.Parse(page.Document.QuerySelectorAll(".csv-counts div").Single(d => d.QuerySelector("dt")!.TextContent == label).QuerySelector("dd")!.TextContent,
            System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture);
}
