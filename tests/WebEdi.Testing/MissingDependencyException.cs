namespace WebEdi.Testing;

/// <summary>
/// A binary a fixture needs is not installed. The test fails with this (never skips): the message names
/// the Debian package to install.
/// </summary>
public sealed class MissingDependencyException : Exception
{
    public MissingDependencyException()
    {
    }

    public MissingDependencyException(string message)
        : base(message)
    {
    }

    public MissingDependencyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <param name="what">What is missing and where it was looked for.</param>
    /// <param name="debianPackage">The package that provides it.</param>
    public MissingDependencyException(string what, string debianPackage)
        : base($"{what}; install with: apt-get install {debianPackage}") => DebianPackage = debianPackage;

    public string? DebianPackage { get; }
}
