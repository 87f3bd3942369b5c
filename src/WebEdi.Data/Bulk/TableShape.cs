using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace WebEdi.Data.Bulk;

/// <summary>
/// One entity type's table as EF Core maps it — its columns, their type mappings and how to read each value — worked
/// out once per model, so that <see cref="NewRowWriter"/> writes rows exactly as EF's own INSERTs would.
/// </summary>
internal sealed class TableShape
{
    private static readonly ConcurrentDictionary<IEntityType, TableShape> Shapes = new();

    private readonly Func<EntityEntry, object?>[] _values;

    private TableShape(IEntityType entityType)
    {
        EntityType = entityType;
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        Table = table;
        var columns = new List<Column>();
        var values = new List<Func<EntityEntry, object?>>();
        foreach (var property in entityType.GetProperties())
        {
            if (property.GetColumnName(table) is not { } name)
            {
                continue;
            }

            // A key the database numbers (an identity column) is left to the database; anything else it would compute
            // (a SQL default, a computed column) the writer cannot reproduce, so such a type keeps EF's path.
            if (property.ValueGenerated != ValueGenerated.Never)
            {
                if (property.IsPrimaryKey() && entityType.FindPrimaryKey()!.Properties.Count == 1
                    && property.GetDefaultValueSql() is null && property.GetComputedColumnSql() is null)
                {
                    GeneratesKey = true;
                    continue;
                }

                if (property.GetDefaultValueSql() is not null || property.GetComputedColumnSql() is not null)
                {
                    Unsupported = $"{entityType.DisplayName()}.{property.Name} is computed by the database";
                }
            }

            columns.Add(new Column(name, property.GetRelationalTypeMapping(), property.IsNullable,
                property.TryGetDefaultValue(out var fallback) ? new Fallback(property.Sentinel, fallback) : null));
            values.Add(Reader(property));
        }

        Columns = columns;
        _values = [.. values];

        // A row that points at a key the database numbers needs that number first: EF's path reads it back, this does not.
        DependsOnGeneratedKey = entityType.GetForeignKeys().Any(fk =>
            fk.PrincipalKey.Properties.Any(p => p.ValueGenerated != ValueGenerated.Never && p.ClrType != typeof(Guid)));
    }

    public IEntityType EntityType { get; }

    public StoreObjectIdentifier Table { get; }

    public IReadOnlyList<Column> Columns { get; }

    /// <summary>The database numbers this table's key; written rows leave the change tracker without it.</summary>
    public bool GeneratesKey { get; }

    public bool DependsOnGeneratedKey { get; }

    /// <summary>Why this type cannot be written here, if it cannot.</summary>
    public string? Unsupported { get; }

    public static TableShape For(IEntityType entityType) => Shapes.GetOrAdd(entityType, e => new TableShape(e));

    /// <summary>The CLR value of each column of the entry's entity, in <see cref="Columns"/> order (no conversion yet).</summary>
    public void Read(EntityEntry entry, object?[] into)
    {
        for (var i = 0; i < _values.Length; i++)
        {
            var value = _values[i](entry);
            into[i] = Columns[i].Default is { } fallback && Equals(value, fallback.Sentinel) ? fallback.Value : value;
        }
    }

    private static Func<EntityEntry, object?> Reader(IProperty property)
    {
        if (property.IsShadowProperty())
        {
            return entry => entry.Property(property).CurrentValue;
        }

        var getter = property.GetGetter();
        return entry => getter.GetClrValueUsingContainingEntity(entry.Entity);
    }

    /// <param name="Default">The model's default value: EF leaves a property at its sentinel out of the INSERT and the database writes the default, so this writes the default.</param>
    public sealed record Column(string Name, RelationalTypeMapping Mapping, bool IsNullable, Fallback? Default);

    public sealed record Fallback(object? Sentinel, object? Value);
}
