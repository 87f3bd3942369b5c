using WebEdi.Integration.Exchange.Profiles;

namespace WebEdi.Integration.Tests.Exchange;

/// <summary>Exchange profiles as admins import them (JSON) and as they are checked before use.</summary>
public sealed class Validating_exchange_profiles
{
    private static readonly ExchangeProfile Standard = BuiltInProfiles.Standard;

    public static TheoryData<string, string> Broken => new()
    {
        { "name", "name: must be 1 to 100 characters." },
        { "folder-rooted", "folders.inbound: '/etc/in' must be relative to the buyer's exchange folder, not an absolute path." },
        { "folder-up", "folders.archive: 'nightly/../../x' may not contain '..', '.' or empty segments." },
        { "folder-empty", "folders.error: must name a folder." },
        { "folder-chars", "folders.outbound: 'out|put' holds a character a folder name cannot have." },
        { "folders-same", "folders.inbound: 'nightly/in' is also folders.outbound; the four folders must differ." },
        { "schedule", "schedule: 'every night' is not a five-field cron expression (minute hour day-of-month month day-of-week), e.g. '0 2 * * *'." },
        { "zone", "timeZone: 'Tokyo' is not a known IANA time zone, e.g. 'Asia/Tokyo'." },
        { "language", "language: 'fr' is not a language of the error reports; use 'ja' or 'en'." },
        { "delimiter", "format.delimiter: '\"' cannot separate fields; use an ASCII character other than the quote and line breaks, e.g. ',' or '\\t'." },
        { "quote", "format.quote: ''' is not supported; files are quoted with '\"'." },
        { "date-format", "format.dateFormat: 'yyyy-MM' is not a date format that reads back the date it writes, e.g. 'yyyy-MM-dd' or 'yyyyMMdd'." },
        { "decimal", "format.decimalSeparator: ';' is not a decimal separator; use '.' or ','." },
        { "decimal-delimiter", "format.decimalSeparator: ',' is also the delimiter; numbers could not be told from fields." },
        { "unknown-field", "inbound.columns[3].field: 'qty' is not an order field; the fields are orderNumber, revision, supplierCode, orderDate, currency, deliveryLocation, buyerContact, remarks, lineNumber, buyerItemCode, supplierItemCode, itemName, specification, quantity, unit, unitPrice, amount, taxRate, requestedDeliveryDate, lineDeliveryLocation, lineRemarks." },
        { "field-twice", "inbound.columns[4].field: 'orderNumber' is mapped already by inbound.columns[0]; map each field once." },
        { "column-twice", "inbound.columns[1].column: 'orderNumber' is mapped already by inbound.columns[0]; map each column once." },
        { "position", "inbound.columns[0].column: 'orderNumber' is not a position; a file without a header names columns by position, 1 for the first." },
        { "required", "inbound.columns: the required field 'taxRate' is neither mapped to a column nor given a default." },
        { "default-field", "inbound.defaults[0].field: 'colour' is not an order field; the fields are orderNumber, revision, supplierCode, orderDate, currency, deliveryLocation, buyerContact, remarks, lineNumber, buyerItemCode, supplierItemCode, itemName, specification, quantity, unit, unitPrice, amount, taxRate, requestedDeliveryDate, lineDeliveryLocation, lineRemarks." },
        { "default-value", "inbound.defaults[0].value: 'ten' is not a valid taxRate (a number)." },
        { "default-mapped", "inbound.defaults[0].field: 'currency' is mapped to a column already; a default is for a field no column holds." },
        { "inbound-codes", "inbound.codes.colour: 'colour' is not an order field; the fields are orderNumber, revision, supplierCode, orderDate, currency, deliveryLocation, buyerContact, remarks, lineNumber, buyerItemCode, supplierItemCode, itemName, specification, quantity, unit, unitPrice, amount, taxRate, requestedDeliveryDate, lineDeliveryLocation, lineRemarks." },
        { "trailer-marker", "inbound.trailer.marker: must be the text the trailer's first field holds, e.g. 'E'." },
        { "trailer-count", "outbound.trailer.countColumn: 1 is not a position after the marker's; use 2 or more." },
        { "file-name", "outbound.answers.fileName: 'answers.txt' must end with '.csv'." },
        { "file-path", "outbound.shipments.fileName: '../shipments.csv' must be a file name alone, without a folder or characters a file name cannot have." },
        { "same-names", "outbound.shipments.fileName: 'answers_{timestamp}.csv' is also the answers file's name; the two files need different names." },
        { "field-and-value", "outbound.answers.columns[0]: give either a field or a constant value, not both and not neither." },
        { "answer-field", "outbound.answers.columns[1].field: 'event' is not an answer field; the fields are documentId, occurredAt, answeredDate, buyerCode, supplierCode, orderNumber, revision, lineNumber, answer, deliveryDate, quantity, unitPrice, rejectionReason, comment, answeredBy." },
        { "header-twice", "outbound.shipments.columns[1].column: 'documentId' is the header of outbound.shipments.columns[0] too; each column needs its own." },
        { "outbound-codes", "outbound.codes.colour: 'colour' is not an answer or shipment field; the fields are documentId, occurredAt, answeredDate, buyerCode, supplierCode, orderNumber, revision, lineNumber, answer, deliveryDate, quantity, unitPrice, rejectionReason, comment, answeredBy, event, deliveryNoteNumber, shipDate, deliveryLocation, buyerItemCode, supplierItemCode, unit, completesLine, by." },
        { "column-date-format", "outbound.answers.columns[2].dateFormat: 'answer' is not a date; only date columns take a date format." },
    };

    [Theory]
    [InlineData("standard")]
    [InlineData("japanese-erp")]
    public void A_built_in_profile_is_valid_and_survives_its_JSON(string key)
    {
        var profile = BuiltInProfiles.All.Single(p => p.Key == key).Profile;

        var json = ExchangeProfileJson.Serialize(profile);
        var back = ExchangeProfileJson.Deserialize(json);

        Assert.Empty(ExchangeProfileRules.Validate(profile));
        Assert.Equal(json, ExchangeProfileJson.Serialize(back));
        Assert.Equal(profile.Format, back.Format);
        Assert.Equal(profile.Inbound.Columns, back.Inbound.Columns);
        Assert.Equal(profile.Outbound.Shipments.Columns, back.Outbound.Shipments.Columns);
        Assert.Equal(profile.Outbound.Codes.Keys, back.Outbound.Codes.Keys);
    }

    [Fact]
    public void The_JSON_names_settings_in_camelCase_enums_by_name_and_characters_as_strings()
    {
        var json = ExchangeProfileJson.Serialize(BuiltInProfiles.JapaneseErp with { Schedule = null, Format = BuiltInProfiles.JapaneseErp.Format with { Delimiter = '\t' } });

        Assert.Contains("\"encoding\": \"ShiftJis\"", json, StringComparison.Ordinal);
        Assert.Contains("\"delimiter\": \"\\t\"", json, StringComparison.Ordinal);
        Assert.Contains("\"schedule\": null", json, StringComparison.Ordinal);
        Assert.Contains("\"column\": \"発注番号\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"value\": null", json, StringComparison.Ordinal);
        Assert.Null(ExchangeProfileJson.Deserialize(json).Schedule);
    }

    [Theory]
    [InlineData("{\"name\": \"x\",\n  \"format\": {\"delimiter\": 5}}", "line 2, position 28: format.delimiter: The JSON value could not be converted to System.Char.")]
    [InlineData("{\"name\": \"x\", \"colour\": 1}", "colour")]
    [InlineData("{\"format\": {}}", "missing required properties including: 'name'")]
    [InlineData("{\"name\": \"x\",", "line 1, position 13")]
    [InlineData("{\"name\": \"x\", \"format\": {\"encoding\": \"Sjis\"}}", "format.encoding")]
    public void Malformed_JSON_is_refused_with_its_place(string json, string expected)
    {
        var refused = Assert.Throws<ExchangeProfileException>(() => ExchangeProfileJson.Deserialize(json));

        Assert.Contains(expected, Assert.Single(refused.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void A_profile_that_reads_is_then_validated()
    {
        var refused = Assert.Throws<ExchangeProfileException>(() => ExchangeProfileJson.Deserialize("{\"name\": \"x\", \"language\": \"fr\"}"));

        Assert.Contains("language: 'fr' is not a language of the error reports; use 'ja' or 'en'.", refused.Problems);
        Assert.Contains("inbound.columns: the required field 'orderNumber' is neither mapped to a column nor given a default.", refused.Problems);
    }

    [Theory]
    [MemberData(nameof(Broken))]
    public void Each_rule_names_the_setting_and_says_what_is_wrong(string rule, string message)
    {
        var problems = ExchangeProfileRules.Validate(Break(rule));

        Assert.Equal(message, Assert.Single(problems));
    }

    private static ExchangeProfile Break(string rule)
    {
        var p = Standard;
        var columns = p.Inbound.Columns;
        ExchangeProfile Inbound(InboundSettings inbound) => p with { Inbound = inbound };
        ExchangeProfile Columns(params ColumnMapping[] mapped) => Inbound(p.Inbound with { Columns = mapped });
        ExchangeProfile Outbound(OutboundSettings outbound) => p with { Outbound = outbound };
        var answers = p.Outbound.Answers;
        var shipments = p.Outbound.Shipments;
        return rule switch
        {
            "name" => p with { Name = "" },
            "folder-rooted" => p with { Folders = p.Folders with { Inbound = "/etc/in" } },
            "folder-up" => p with { Folders = p.Folders with { Archive = "nightly/../../x" } },
            "folder-empty" => p with { Folders = p.Folders with { Error = " " } },
            "folder-chars" => p with { Folders = p.Folders with { Outbound = "out|put" } },
            "folders-same" => p with { Folders = p.Folders with { Outbound = "nightly/in" } },
            "schedule" => p with { Schedule = "every night" },
            "zone" => p with { TimeZone = "Tokyo" },
            "language" => p with { Language = "fr" },
            "delimiter" => p with { Format = p.Format with { Delimiter = '"' } },
            "quote" => p with { Format = p.Format with { Quote = '\'' } },
            "date-format" => p with { Format = p.Format with { DateFormat = "yyyy-MM" } },
            "decimal" => p with { Format = p.Format with { DecimalSeparator = ';' } },
            "decimal-delimiter" => p with { Format = p.Format with { DecimalSeparator = ',' } },
            "unknown-field" => Columns([.. columns.Select((c, i) => i == 3 ? c with { Field = "qty" } : c), new ColumnMapping { Column = "x", Field = "orderDate" }]),
            "field-twice" => Columns([.. columns.Select((c, i) => i == 4 ? c with { Field = "orderNumber" } : c), new ColumnMapping { Column = "x", Field = "currency" }]),
            "column-twice" => Columns([.. columns.Select((c, i) => i == 1 ? c with { Column = "orderNumber" } : c)]),
            "position" => p with { Format = p.Format with { HasHeader = false }, Inbound = p.Inbound with { Columns = [.. columns.Select((c, i) => i == 0 ? c : c with { Column = $"{i + 1}" })] } },
            "required" => Columns([.. columns.Where(c => c.Field != "taxRate")]),
            "default-field" => Inbound(p.Inbound with { Defaults = [new FixedValue { Field = "colour", Value = "red" }] }),
            "default-value" => Inbound(p.Inbound with { Columns = [.. columns.Where(c => c.Field != "taxRate")], Defaults = [new FixedValue { Field = "taxRate", Value = "ten" }] }),
            "default-mapped" => Inbound(p.Inbound with { Defaults = [new FixedValue { Field = "currency", Value = "JPY" }] }),
            "inbound-codes" => Inbound(p.Inbound with { Codes = new Dictionary<string, IReadOnlyDictionary<string, string>> { ["colour"] = new Dictionary<string, string>() } }),
            "trailer-marker" => Inbound(p.Inbound with { Trailer = new TrailerRecord { Marker = "" } }),
            "trailer-count" => Outbound(p.Outbound with { Trailer = new TrailerRecord { Marker = "E", CountColumn = 1 } }),
            "file-name" => Outbound(p.Outbound with { Answers = answers with { FileName = "answers.txt" } }),
            "file-path" => Outbound(p.Outbound with { Shipments = shipments with { FileName = "../shipments.csv" } }),
            "same-names" => Outbound(p.Outbound with { Shipments = shipments with { FileName = answers.FileName } }),
            "field-and-value" => Outbound(p.Outbound with { Answers = answers with { Columns = [.. answers.Columns.Select((c, i) => i == 0 ? c with { Value = "D" } : c)] } }),
            "answer-field" => Outbound(p.Outbound with { Answers = answers with { Columns = [.. answers.Columns.Select((c, i) => i == 1 ? c with { Field = "event" } : c)] } }),
            "header-twice" => Outbound(p.Outbound with { Shipments = shipments with { Columns = [.. shipments.Columns.Select((c, i) => i == 1 ? c with { Column = "documentId" } : c)] } }),
            "outbound-codes" => Outbound(p.Outbound with { Codes = new Dictionary<string, IReadOnlyDictionary<string, string>> { ["colour"] = new Dictionary<string, string>() } }),
            "column-date-format" => Outbound(p.Outbound with { Answers = answers with { Columns = [.. answers.Columns.Select((c, i) => i == 2 ? c with { Field = "answer", DateFormat = "yyyy" } : c)] } }),
            _ => throw new ArgumentOutOfRangeException(nameof(rule)),
        };
    }
}
