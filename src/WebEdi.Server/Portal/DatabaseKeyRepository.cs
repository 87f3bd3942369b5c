using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using WebEdi.Data;
using WebEdi.Data.Identity;

namespace WebEdi.Server.Portal;

/// <summary>
/// Keeps the Data Protection key ring (which encrypts session cookies and anti-forgery tokens) in the WebEdi database,
/// so that several web instances behind a load balancer accept each other's cookies and a restart signs nobody out.
/// </summary>
internal sealed class DatabaseKeyRepository(IServiceScopeFactory scopes) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WebEdiDbContext>();
        return db.DataProtectionKeys.Select(k => k.Xml).AsEnumerable().Select(XElement.Parse).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WebEdiDbContext>();
        db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}
