namespace WebEdi.Data.Identity;

/// <summary>
/// One ASP.NET Core Data Protection key ring entry. Kept in the database so that every web instance can read the
/// cookies and anti-forgery tokens of the others, and restarts do not sign everyone out.
/// </summary>
public sealed class DataProtectionKey
{
    public int Id { get; set; }

    public string FriendlyName { get; set; } = "";

    public string Xml { get; set; } = "";
}
