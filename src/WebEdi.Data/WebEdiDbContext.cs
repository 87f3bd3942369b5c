using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using WebEdi.Data.ApiKeys;
using WebEdi.Data.Deliveries;
using WebEdi.Data.Exchange;
using WebEdi.Data.Identity;
using WebEdi.Data.Notifications;
using WebEdi.Data.Outbox;
using WebEdi.Data.Shipments;
using WebEdi.Domain;
using WebEdi.Domain.Companies;
using WebEdi.Domain.Orders;
using WebEdi.Domain.Shipments;

namespace WebEdi.Data;

/// <summary>
/// The one DbContext: Identity's tables and the trade's. Provider-neutral (SQLite embedded, PostgreSQL in production);
/// nothing here may depend on one provider's SQL.
/// </summary>
public sealed class WebEdiDbContext(DbContextOptions<WebEdiDbContext> options)
    : IdentityDbContext<WebEdiUser, IdentityRole<Guid>, Guid>(options)
{
    public DbSet<Company> Companies => Set<Company>();

    public DbSet<TradingRelationship> TradingRelationships => Set<TradingRelationship>();

    public DbSet<PurchaseOrder> PurchaseOrders => Set<PurchaseOrder>();

    public DbSet<PurchaseOrderLine> PurchaseOrderLines => Set<PurchaseOrderLine>();

    public DbSet<OrderResponse> OrderResponses => Set<OrderResponse>();

    public DbSet<Shipment> Shipments => Set<Shipment>();

    public DbSet<DeliveryNoteSequence> DeliveryNoteSequences => Set<DeliveryNoteSequence>();

    public DbSet<DeliveryNotePrint> DeliveryNotePrints => Set<DeliveryNotePrint>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    /// <summary>The outbox documents the fan-out has still to turn into deliveries; filled by a trigger, never by the application.</summary>
    public DbSet<FanOutQueueEntry> FanOutQueue => Set<FanOutQueueEntry>();

    public DbSet<BuyerChannel> BuyerChannels => Set<BuyerChannel>();

    public DbSet<Delivery> Deliveries => Set<Delivery>();

    public DbSet<DeliveryAttempt> DeliveryAttempts => Set<DeliveryAttempt>();

    public DbSet<DeliveryHandOver> DeliveryHandOvers => Set<DeliveryHandOver>();

    public DbSet<BuyerExchange> BuyerExchanges => Set<BuyerExchange>();

    public DbSet<ExchangeRun> ExchangeRuns => Set<ExchangeRun>();

    public DbSet<OrderNotice> OrderNotices => Set<OrderNotice>();

    public DbSet<NotificationAddress> NotificationAddresses => Set<NotificationAddress>();

    public DbSet<DigestWatermark> DigestWatermarks => Set<DigestWatermark>();

    public DbSet<SupplierDigest> SupplierDigests => Set<SupplierDigest>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<Invitation> Invitations => Set<Invitation>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Orders with everything their methods need: lines, the lines' answers with deliveries, and revisions.</summary>
    public IQueryable<PurchaseOrder> OrdersWithDetails() => PurchaseOrders
        .Include(o => o.Lines).ThenInclude(l => l.Responses).ThenInclude(r => r.Deliveries)
        .Include(o => o.Revisions)
        .AsSplitQuery();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var detect = ChangeTracker.AutoDetectChangesEnabled;
        StampVersions(detect);
        try
        {
            // Changes were detected once above; the versions were set through the tracker, which needs no second scan.
            ChangeTracker.AutoDetectChangesEnabled = false;
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var detect = ChangeTracker.AutoDetectChangesEnabled;
        StampVersions(detect);
        try
        {
            ChangeTracker.AutoDetectChangesEnabled = false;
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(WebEdiDbContext).Assembly);

        // The domain creates its own ids (Guid v7). Telling EF so makes a new child found through a navigation of a
        // loaded aggregate — an answer added to a line — an INSERT, not an UPDATE of a row that does not exist.
        foreach (var entity in builder.Model.GetEntityTypes().Where(e => e.ClrType.Namespace?.StartsWith("WebEdi.Domain", StringComparison.Ordinal) == true))
        {
            foreach (var key in entity.FindPrimaryKey()?.Properties.Where(p => p.ClrType == typeof(Guid)) ?? [])
            {
                key.ValueGenerated = Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never;
            }
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite hands DateTime back as Unspecified; every instant in WebEdi is UTC, so say so on the way out.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<decimal>().HavePrecision(19, 4);
    }

    /// <summary>
    /// Optimistic concurrency without provider features (SQLite has no rowversion): every save of an aggregate
    /// increments its <see cref="IVersioned.Version"/>, and EF's concurrency check on the original value turns a lost
    /// update into a <see cref="DbUpdateConcurrencyException"/>. A change to an order's line counts as a change to
    /// the order, so two shipments or answers racing on the same order cannot both win.
    /// </summary>
    /// <remarks>
    /// One scan of the tracker for all of it (when the context detects changes at all): <c>Entries()</c> would scan it
    /// again on each call and <c>Entry()</c> the order once per line, which for an import batch of thousands of new
    /// rows cost more than the INSERTs themselves.
    /// </remarks>
    private void StampVersions(bool detect)
    {
        if (detect)
        {
            ChangeTracker.DetectChanges();
        }

        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            var entries = ChangeTracker.Entries().ToList();
            var orders = new HashSet<PurchaseOrder>(ReferenceEqualityComparer.Instance);
            foreach (var entry in entries)
            {
                if (entry is { Entity: PurchaseOrderLine line, State: EntityState.Added or EntityState.Modified } && orders.Add(line.Order))
                {
                    Bump(Entry(line.Order));
                }
            }

            foreach (var entry in entries)
            {
                if (entry is { Entity: IVersioned, State: EntityState.Modified })
                {
                    Bump(entry);
                }
            }
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    private static void Bump(EntityEntry entry)
    {
        if (entry.State == EntityState.Added || entry.Entity is not IVersioned)
        {
            return;
        }

        var version = entry.Property(nameof(IVersioned.Version));
        if (!version.IsModified)
        {
            version.CurrentValue = (int)version.OriginalValue! + 1;
        }
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
