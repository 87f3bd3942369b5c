using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace WebEdi.Contracts;

/// <summary>
/// The summaries of the compiler's XML documentation file as plain text, so the schemas say what the docs say.
/// <c>&lt;inheritdoc/&gt;</c> on a record property resolves to the interface property of the same name.
/// </summary>
internal sealed class XmlDocs
{
    private readonly Dictionary<string, XElement> _members;

    private XmlDocs(Dictionary<string, XElement> members) => _members = members;

    public static XmlDocs Load(Assembly assembly)
    {
        var path = Path.ChangeExtension(assembly.Location, ".xml");
        if (string.IsNullOrEmpty(assembly.Location) || !File.Exists(path))
        {
            return new XmlDocs([]);
        }

        var members = XDocument.Load(path).Descendants("member")
            .Where(m => m.Attribute("name") is not null)
            .ToDictionary(m => (string)m.Attribute("name")!, StringComparer.Ordinal);
        return new XmlDocs(members);
    }

    public string? Type(Type type) => Summary("T:" + Name(type));

    public string? Property(PropertyInfo property)
    {
        var member = Member(property);
        if (member?.Element("inheritdoc") is not null && member.Element("summary") is null)
        {
            return property.DeclaringType!.GetInterfaces()
                .Select(i => i.GetProperty(property.Name))
                .Where(p => p is not null)
                .Select(p => Summary(Id(p!)))
                .FirstOrDefault(s => s is not null);
        }

        return Summary(Id(property));
    }

    /// <summary>"Values: Received — …; Duplicate — …", from the enum members' summaries.</summary>
    public string? EnumValues(Type enumType)
    {
        var values = Enum.GetNames(enumType)
            .Select(name => (name, summary: Summary($"F:{Name(enumType)}.{name}")))
            .Where(v => v.summary is not null)
            .Select(v => $"{v.name}: {v.summary}")
            .ToList();
        return values.Count == 0 ? null : "Values: " + string.Join(" ", values);
    }

    private XElement? Member(PropertyInfo property) => _members.GetValueOrDefault(Id(property));

    private static string Id(PropertyInfo property) => $"P:{Name(property.DeclaringType!)}.{property.Name}";

    private static string Name(Type type) => type.FullName!.Replace('+', '.');

    private string? Summary(string id) =>
        _members.GetValueOrDefault(id)?.Element("summary") is { } summary ? PlainText(summary) : null;

    private static string PlainText(XElement summary)
    {
        var text = new StringBuilder();
        foreach (var node in summary.DescendantNodes())
        {
            switch (node)
            {
                case XText t when t.Parent is { Name.LocalName: not "see" }:
                    text.Append(t.Value);
                    break;
                case XElement { Name.LocalName: "see" } see:
                    text.Append(SeeText(see));
                    break;
                default:
                    break;
            }
        }

        return string.Join(' ', text.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    // A cref to a property reads as the JSON field name, to a type as the message name.
    private static string SeeText(XElement see)
    {
        if (see.Attribute("langword") is { } word)
        {
            return word.Value;
        }

        var cref = (string?)see.Attribute("cref") ?? see.Value;
        var name = cref[(cref.LastIndexOf('.') + 1)..];
        return cref.StartsWith("P:", StringComparison.Ordinal) ? JsonNamingPolicy.CamelCase.ConvertName(name) : name;
    }
}
