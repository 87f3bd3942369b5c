using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace WebEdi.Integration.Exchange.Profiles;

/// <summary>A profile that cannot be used: malformed JSON, or settings <see cref="ExchangeProfileRules.Validate"/> refuses.</summary>
public sealed class ExchangeProfileException(IReadOnlyList<string> problems)
    : Exception("The exchange profile cannot be used: " + string.Join(" ", problems))
{
    /// <summary>Every problem, in English, each naming its place (a JSON path, or a line and position).</summary>
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>
/// The JSON form of an <see cref="ExchangeProfile"/>, which admins import and export (docs/nightly-exchange.md shows a
/// full example): camelCase names, enums as their names (<c>"ShiftJis"</c>), characters as one-character strings
/// (<c>","</c>, <c>"\t"</c>). Reading is strict: an unknown or duplicated property, a wrong type or a missing
/// required property is a problem naming its place, and a profile that reads is then validated.
/// </summary>
public static class ExchangeProfileJson
{
    private static readonly JsonSerializerOptions Options = CreateOptions();

    public static string Serialize(ExchangeProfile profile) => JsonSerializer.Serialize(profile, Options);

    /// <exception cref="ExchangeProfileException">The JSON is not a profile, or the profile it holds is not valid.</exception>
    public static ExchangeProfile Deserialize(string json)
    {
        ExchangeProfile? profile;
        try
        {
            profile = JsonSerializer.Deserialize<ExchangeProfile>(json, Options);
        }
        catch (JsonException e)
        {
            throw new ExchangeProfileException([Describe(e)]);
        }

        if (profile is null)
        {
            throw new ExchangeProfileException(["the JSON holds null, not a profile."]);
        }

        var problems = ExchangeProfileRules.Validate(profile);
        return problems.Count > 0 ? throw new ExchangeProfileException(problems) : profile;
    }

    private static string Describe(JsonException e)
    {
        // System.Text.Json appends "Path: … | LineNumber: … | BytePositionInLine: …"; the place is said once, up front.
        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut > 0)
        {
            message = message[..cut];
        }

        var path = e.Path is { Length: > 1 } p ? p.TrimStart('$', '.') + ": " : "";
        var place = e.LineNumber is { } line ? $"line {line + 1}, position {e.BytePositionInLine + 1}: " : "";
        return place + path + message;
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = true,
            PropertyNameCaseInsensitive = false,
            NumberHandling = JsonNumberHandling.Strict,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            AllowDuplicateProperties = false,
            RespectNullableAnnotations = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { LeaveOutNulls } },
        };
        options.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
        options.MakeReadOnly();
        return options;
    }

    // Absent and null mean the same for every optional setting except the schedule, whose absence means the default
    // (02:00) while null means "on demand only": it is always written.
    private static void LeaveOutNulls(JsonTypeInfo typeInfo)
    {
        foreach (var property in typeInfo.Properties)
        {
            if (!(typeInfo.Type == typeof(ExchangeProfile) && property.Name == "schedule"))
            {
                property.ShouldSerialize = static (_, value) => value is not null;
            }
        }
    }
}
