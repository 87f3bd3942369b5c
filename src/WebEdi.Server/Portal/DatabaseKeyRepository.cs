using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using WebEdi.Data;
using WebEdi.Data.Identity;

namespace WebEdi.Server.Portal;

/// <summary>
/// Keeps the Data Protection key ring (which encrypts session cookies and anti-forgery tokens) in the WebEdi database,
/// so that several web instances behind a load balancer accept each other's cookies and a restart signs nobody out.
/// </summary>
internal sealed class DatabaseKeyRepository(IServiceScopeFactory scopes, DatabaseInitialization initialization) : IXmlRepository
{
    /// <summary>
    /// How long a read of the key ring waits for the tables. It also runs at start-up, before Kestrel listens, so it must
    /// stay short: with the database unreachable the process must still answer /health/live.
    /// </summary>
    private static readonly TimeSpan MigrationWait = TimeSpan.FromSeconds(10);

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        // The key ring is read at start-up, while the background initialiser may still be creating the table.
        if (!initialization.SchemaReady.Wait(MigrationWait))
        {
            throw new InvalidOperationException("The database is not migrated yet, so the Data Protection key ring cannot be read; see /health/ready.");
        }

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
