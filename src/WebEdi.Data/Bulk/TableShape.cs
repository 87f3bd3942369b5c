using System.Collections;
using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace WebEdi.Data.Bulk;

/// <summary>
/// One entity type's table as EF Core maps it — its columns, their type mappings, how to read each value, which
/// navigations lead to its dependent rows — worked out once per model, so that <see cref="NewRowWriter"/> writes rows
/// exactly as EF's own INSERTs would.
/// </summary>
internal sealed class TableShape
{
    private static readonly ConcurrentDictionary<IEntityType, TableShape> Shapes = new();

    private readonly IClrPropertyGetter[] _getters;

    private TableShape(IEntityType entityType)
    {
        EntityType = entityType;
        Table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var columns = new List<Column>();
        var getters = new List<IClrPropertyGetter>();
        foreach (var property in entityType.GetProperties())
        {
            if (property.GetColumnName(Table) is not { } name)
            {
                continue;
            }

            if (property.IsShadowProperty())
            {
                Unsupported = $"{entityType.DisplayName()}.{property.Name} exists only in EF's change tracker";
            }

            // A key the database numbers (an identity column) is left to the database; anything else it would compute
            // (a SQL default, a computed column) the writer cannot reproduce, so such a type keeps EF's path.
            if (property.GetDefaultValueSql() is not null || property.GetComputedColumnSql() is not null)
            {
                Unsupported = $"{entityType.DisplayName()}.{property.Name} is computed by the database";
            }
            else if (property.ValueGenerated != ValueGenerated.Never && property.IsPrimaryKey())
            {
                if (property.ClrType != typeof(long) && property.ClrType != typeof(int))
                {
                    Unsupported = $"EF generates the key {entityType.DisplayName()}.{property.Name}";
                }

                continue;
            }

            columns.Add(new Column(name, property, property.GetRelationalTypeMapping(),
                property.TryGetDefaultValue(out var fallback) ? new Fallback(property.Sentinel, fallback) : null));
            getters.Add(property.GetGetter());
        }

        Columns = columns;
        _getters = [.. getters];

        // A row reached from a principal whose key the database numbers needs that number first: EF reads it back, this
        // does not. A foreign key without a navigation is the caller's to set, to a row that exists already (a delivery
        // of an outbox document, say), as EF would write it.
        if (entityType.GetForeignKeys().FirstOrDefault(fk => (fk.PrincipalToDependent ?? fk.DependentToPrincipal) is not null
                && fk.PrincipalKey.Properties.Any(p => p.ValueGenerated != ValueGenerated.Never && p.ClrType != typeof(Guid))) is { } generated)
        {
            Unsupported = $"{entityType.DisplayName()} refers to {generated.PrincipalEntityType.DisplayName()}, whose key the database numbers";
        }

        Children = [.. entityType.GetNavigations().Where(n => !n.IsOnDependent)];
    }

    public IEntityType EntityType { get; }

    public StoreObjectIdentifier Table { get; }

    public IReadOnlyList<Column> Columns { get; }

    /// <summary>The navigations to rows that depend on this one (an order's lines), which are new when it is.</summary>
    public IReadOnlyList<INavigation> Children { get; }

    /// <summary>Why this type cannot be written here, if it cannot.</summary>
    public string? Unsupported { get; }

    public static TableShape For(IEntityType entityType) => Shapes.GetOrAdd(entityType, e => new TableShape(e));

    /// <summary>
    /// The CLR value of each column of the entity, in <see cref="Columns"/> order (converted later, by the mapping);
    /// the model's default where the entity leaves a property at its sentinel, as the database would write it when EF
    /// leaves such a column out of its INSERT.
    /// </summary>
    public void Read(object entity, object?[] into)
    {
        for (var i = 0; i < _getters.Length; i++)
        {
            var value = _getters[i].GetClrValueUsingContainingEntity(entity);
            into[i] = Columns[i].Default is { } fallback && Equals(value, fallback.Sentinel) ? fallback.Value : value;
        }
    }

    /// <summary>
    /// Sets the foreign key columns of a dependent row reached through <paramref name="navigation"/> from its
    /// principal's key, as EF's fix-up would.
    /// </summary>
    public void Relate(INavigation navigation, object principal, object?[] into)
    {
        var foreignKey = navigation.ForeignKey;
        for (var i = 0; i < foreignKey.Properties.Count; i++)
        {
            into[IndexOf(foreignKey.Properties[i])] = foreignKey.PrincipalKey.Properties[i].GetGetter().GetClrValueUsingContainingEntity(principal);
        }
    }

    private int IndexOf(IProperty property)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i].Property == property)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"{property.Name} is not a column of {Table.Name}.");
    }

    /// <summary>The dependents one navigation leads to: none, one, or a collection's items.</summary>
    public static IEnumerable<object> Dependents(INavigation navigation, object entity) =>
        navigation.GetGetter().GetClrValueUsingContainingEntity(entity) switch
        {
            null => [],
            IEnumerable items when navigation.IsCollection => items.Cast<object>(),
            { } single => [single],
        };

    public sealed record Column(string Name, IProperty Property, RelationalTypeMapping Mapping, Fallback? Default);

    public sealed record Fallback(object? Sentinel, object? Value);
}
