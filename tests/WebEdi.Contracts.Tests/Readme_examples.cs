using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace WebEdi.Contracts.Tests;

public partial class Readme_examples
{
    private static readonly string ReadmePath = Path.Combine(Repository.ContractsDirectory, "README.md");

    private static readonly List<(string MessageName, int Number, string Json)> Examples = ReadExamples();

    public static TheoryData<string, int> ExampleKeys
    {
        get
        {
            var keys = new TheoryData<string, int>();
            foreach (var (messageName, number, _) in Examples)
            {
                keys.Add(messageName, number);
            }

            return keys;
        }
    }

    [Fact]
    public void Show_every_message_at_least_once()
    {
        var shown = Examples.Select(e => e.MessageName).ToHashSet(StringComparer.Ordinal);

        Assert.All(ContractJson.MessageTypes.Keys, name => Assert.Contains(name, shown));
    }

    [Theory]
    [MemberData(nameof(ExampleKeys))]
    public void Each_example_reads_into_its_message_type_and_writes_back_unchanged(string messageName, int number)
    {
        Assert.True(ContractJson.MessageTypes.TryGetValue(messageName, out var type), $"The README marks an example as '{messageName}', which is no message.");
        var json = Examples.Single(e => e.MessageName == messageName && e.Number == number).Json;

        var message = JsonSerializer.Deserialize(json, type, ContractJson.Options);
        var written = JsonSerializer.SerializeToNode(message, type, ContractJson.Options);

        Assert.IsType(type, message);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), written),
            $"{messageName} example {number} changed on the way through:\n{written!.ToJsonString(Indented)}");
    }

    [Fact]
    public void Mark_every_json_block_as_an_example()
    {
        var blocks = JsonBlockPattern().Count(File.ReadAllText(ReadmePath));

        Assert.True(blocks == Examples.Count, $"{ReadmePath} has {blocks} json blocks but {Examples.Count} marked examples: put <!-- example: MessageName --> before each.");
    }

    [Fact]
    public void List_every_problem_code()
    {
        var readme = File.ReadAllText(ReadmePath);
        var codes = typeof(ProblemCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!);

        Assert.All(codes, code => Assert.Contains($"| `{code}` |", readme, StringComparison.Ordinal));
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static List<(string MessageName, int Number, string Json)> ReadExamples()
    {
        var readme = File.ReadAllText(ReadmePath);
        var examples = ExamplePattern().Matches(readme)
            .Select(m => (Name: m.Groups["name"].Value, Json: m.Groups["json"].Value))
            .GroupBy(e => e.Name)
            .SelectMany(g => g.Select((e, i) => (e.Name, i + 1, e.Json)))
            .ToList();
        return examples.Count > 0 ? examples : throw new InvalidOperationException($"No examples found in {ReadmePath}.");
    }

    [GeneratedRegex(@"<!-- example: (?<name>\w+) -->\s*```json\n(?<json>.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex ExamplePattern();

    [GeneratedRegex(@"^```json$", RegexOptions.Multiline)]
    private static partial Regex JsonBlockPattern();
}
