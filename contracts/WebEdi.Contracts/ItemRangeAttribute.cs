namespace WebEdi.Contracts;

/// <summary>
/// The inclusive range of every number in a list property. DataAnnotations' <c>Range</c> applies to the property
/// itself, which for a list would be a category error; this one only feeds the JSON schema's <c>items</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class ItemRangeAttribute(int minimum, int maximum) : Attribute
{
    public int Minimum { get; } = minimum;

    public int Maximum { get; } = maximum;
}
