namespace WebEdi.Contracts;

/// <summary>One problem with a refused command: where, a stable code to program against, and a sentence for people.</summary>
public sealed record Problem
{
    /// <summary>
    /// Where the problem is. <c>$</c> is the whole message; otherwise a field path in the message's JSON names,
    /// e.g. <c>orderNumber</c> or <c>lines[2].quantity</c>. In rule problems the number in brackets is the line number
    /// (行番号), not the position in the array. Problems found while reading the JSON (<c>invalid_json</c>,
    /// <c>unknown_field</c>, a missing required field) carry the reader's position instead, e.g. <c>$.lines[0]</c>,
    /// counting array elements from 0.
    /// </summary>
    public required string Path { get; init; }

    /// <summary>
    /// A stable snake_case code such as <c>required</c> or <c>not_positive</c>; see <see cref="ProblemCodes"/>. Codes
    /// are never renamed; new ones may be added.
    /// </summary>
    public required string Code { get; init; }

    /// <summary>An English sentence explaining the problem, for people; may change wording between releases.</summary>
    public required string Message { get; init; }
}
