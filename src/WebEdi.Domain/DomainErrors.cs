namespace WebEdi.Domain;

/// <summary>One broken rule: where (a field path such as <c>lines[2].quantity</c>), a stable code, and a readable message.</summary>
public sealed record DomainError(string Path, string Code, string Message)
{
    public override string ToString() => Path.Length == 0 ? $"{Code}: {Message}" : $"{Path}: {Code}: {Message}";
}

/// <summary>
/// Thrown when a command breaks one or more rules. Nothing has been changed when it is thrown:
/// every aggregate method validates everything first and mutates afterwards.
/// </summary>
public sealed class DomainRuleException : Exception
{
    public DomainRuleException(IReadOnlyList<DomainError> errors)
        : base(string.Join("; ", errors))
    {
        Errors = errors;
    }

    public DomainRuleException(string path, string code, string message)
        : this([new DomainError(path, code, message)])
    {
    }

    public IReadOnlyList<DomainError> Errors { get; }
}

/// <summary>Collects every problem of a command so the caller hears all of them at once, not one per attempt.</summary>
internal sealed class DomainErrorCollector
{
    private readonly List<DomainError> _errors = [];

    public bool HasErrors => _errors.Count > 0;

    public IReadOnlyList<DomainError> Errors => _errors;

    public void Add(string path, string code, string message) => _errors.Add(new DomainError(path, code, message));

    public void Check(bool ok, string path, string code, string message)
    {
        if (!ok)
        {
            Add(path, code, message);
        }
    }

    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw new DomainRuleException(_errors.ToArray());
        }
    }
}

/// <summary>Instants are UTC everywhere; a local or unspecified <see cref="DateTime"/> is a programming error.</summary>
internal static class Instant
{
    public static DateTime Require(DateTime at, string parameterName = "at") =>
        at.Kind == DateTimeKind.Utc
            ? at
            : throw new ArgumentException($"Instants must be UTC (got {at.Kind}).", parameterName);
}

/// <summary>Shared text rules so that every free-text field treats control characters and length the same way.</summary>
internal static class Text
{
    public static void Required(DomainErrorCollector errors, string path, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(path, "required", "is required.");
            return;
        }

        Optional(errors, path, value, maxLength);
    }

    public static void Optional(DomainErrorCollector errors, string path, string? value, int maxLength)
    {
        if (value is null)
        {
            return;
        }

        if (value.Length > maxLength)
        {
            errors.Add(path, "too_long", $"must be at most {maxLength} characters (is {value.Length}).");
        }

        if (value.Any(c => char.IsControl(c) && c is not ('\r' or '\n' or '\t')))
        {
            errors.Add(path, "control_character", "must not contain control characters.");
        }
    }

    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
