using System.Text;

namespace WebEdi.Server.Api.Csv;

/// <summary>One CSV record: the physical line it starts on (from 1), the line it ends on, and its fields.</summary>
internal sealed record CsvRecord(int Line, int EndLine, IReadOnlyList<string> Fields);

/// <summary>Where a CSV file stops being CSV.</summary>
internal sealed record CsvSyntaxError(int Line, string Message);

/// <summary>
/// A small RFC 4180 reader: comma-separated fields, records ended by CRLF or LF, fields in double quotes may hold
/// commas, line breaks and doubled quotes (<c>""</c>). Blank lines are skipped. Line numbers are physical lines, as an
/// editor shows them, so a record with an embedded line break spans several.
/// </summary>
internal static class CsvText
{
    public static (List<CsvRecord> Records, CsvSyntaxError? Error) Parse(string text)
    {
        var records = new List<CsvRecord>();
        var field = new StringBuilder();
        var line = 1;
        var i = 0;
        while (i < text.Length)
        {
            var recordLine = line;
            var fields = new List<string>();
            while (true)
            {
                field.Clear();
                if (i < text.Length && text[i] == '"')
                {
                    var quoteLine = line;
                    i++;
                    while (true)
                    {
                        if (i >= text.Length)
                        {
                            return (records, new CsvSyntaxError(quoteLine, "a quoted field is never closed."));
                        }

                        var c = text[i];
                        if (c == '"')
                        {
                            if (i + 1 < text.Length && text[i + 1] == '"')
                            {
                                field.Append('"');
                                i += 2;
                                continue;
                            }

                            i++;
                            break;
                        }

                        if (c == '\n')
                        {
                            line++;
                        }

                        field.Append(c);
                        i++;
                    }

                    if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                    {
                        return (records, new CsvSyntaxError(line, "text follows the closing quote of a field; write a quote inside a quoted field as \"\"."));
                    }
                }
                else
                {
                    while (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                    {
                        if (text[i] == '"')
                        {
                            return (records, new CsvSyntaxError(line, "a quote inside an unquoted field; quote the whole field and write the quote as \"\"."));
                        }

                        field.Append(text[i]);
                        i++;
                    }
                }

                fields.Add(field.ToString());
                if (i < text.Length && text[i] == ',')
                {
                    i++;
                    continue;
                }

                break;
            }

            var endLine = line;
            if (i < text.Length && text[i] == '\r')
            {
                i++;
            }

            if (i < text.Length && text[i] == '\n')
            {
                i++;
            }

            line++;
            if (fields is not [""])
            {
                records.Add(new CsvRecord(recordLine, endLine, fields));
            }
        }

        return (records, null);
    }
}
