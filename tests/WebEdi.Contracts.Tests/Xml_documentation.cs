using System.Reflection;
using System.Xml.Linq;

namespace WebEdi.Contracts.Tests;

public class Xml_documentation
{
    [Fact]
    public void Documents_every_public_type_and_member_for_ERP_developers()
    {
        var assembly = typeof(ContractJson).Assembly;
        var xmlPath = Path.ChangeExtension(assembly.Location, ".xml");
        Assert.True(File.Exists(xmlPath), $"{xmlPath} is missing: the contracts project must generate its XML documentation.");
        var documented = XDocument.Load(xmlPath).Descendants("member")
            .Where(m => m.Element("summary") is not null || m.Element("inheritdoc") is not null)
            .Select(m => (string)m.Attribute("name")!)
            .ToHashSet(StringComparer.Ordinal);

        var missing = PublicMembers(assembly).Where(id => !documented.Contains(id)).ToList();

        Assert.True(missing.Count == 0, "Without XML docs: " + string.Join(", ", missing));
    }

    private static IEnumerable<string> PublicMembers(Assembly assembly)
    {
        const BindingFlags Declared = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var type in assembly.GetExportedTypes())
        {
            var name = type.FullName!.Replace('+', '.');
            yield return "T:" + name;
            foreach (var property in type.GetProperties(Declared))
            {
                yield return $"P:{name}.{property.Name}";
            }

            foreach (var field in type.GetFields(Declared).Where(f => !f.IsSpecialName))
            {
                yield return $"F:{name}.{field.Name}";
            }
        }
    }
}
