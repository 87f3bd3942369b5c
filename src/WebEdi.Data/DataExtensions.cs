using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace WebEdi.Data;

public static class DataExtensions
{
    /// <summary>Registers <see cref="WebEdiDbContext"/> on the provider that <c>WebEdi:Database</c> names.</summary>
    public static IHostApplicationBuilder AddWebEdiData(this IHostApplicationBuilder builder, string dataDirectory)
    {
        builder.Services.AddOptions<DatabaseOptions>()
            .Bind(builder.Configuration.GetSection(DatabaseOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => Enum.IsDefined(o.Provider), $"{DatabaseOptions.Section}:Provider must be Sqlite or PostgreSql.")
            .Validate(o => o.Provider != DatabaseProvider.PostgreSql || !string.IsNullOrWhiteSpace(o.ConnectionString),
                $"{DatabaseOptions.Section}:ConnectionString is required when the provider is PostgreSql.")
            .ValidateOnStart();

        builder.Services.AddDbContext<WebEdiDbContext>((services, options) =>
            Configure(options, services.GetRequiredService<IOptions<DatabaseOptions>>().Value, dataDirectory));
        return builder;
    }

    /// <summary>The provider set-up shared by the server, the command line and the tests.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, DatabaseOptions database, string dataDirectory)
    {
        switch (database.Provider)
        {
            case DatabaseProvider.Sqlite:
                var connectionString = string.IsNullOrWhiteSpace(database.ConnectionString)
                    ? $"Data Source={Path.Combine(dataDirectory, "webedi.db")}"
                    : database.ConnectionString;
                options.UseSqlite(connectionString, o => o.CommandTimeout(database.CommandTimeoutSeconds));
                break;
            case DatabaseProvider.PostgreSql:
                options.UseNpgsql(database.ConnectionString, o => o.CommandTimeout(database.CommandTimeoutSeconds));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(database), database.Provider, "Unknown database provider.");
        }

        // The migrations are written by hand (EF's design-time tools are not available) and have no model snapshot
        // for EF to compare against. SchemaTests prove instead, per provider, that the migrated schema equals the model.
        options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        return options;
    }
}
