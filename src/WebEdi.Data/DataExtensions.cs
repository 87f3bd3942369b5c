using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using WebEdi.Data.Identity;

namespace WebEdi.Data;

public static class DataExtensions
{
    public const int PasswordHashIterations = 210_000;

    /// <summary>Registers <see cref="WebEdiDbContext"/> on the provider that <c>WebEdi:Database</c> names.</summary>
    public static IHostApplicationBuilder AddWebEdiData(this IHostApplicationBuilder builder, string dataDirectory)
    {
        builder.Services.AddValidatedOptions<DatabaseOptions>(builder.Configuration, DatabaseOptions.Section, o => o.Validate());

        builder.Services.AddDbContext<WebEdiDbContext>((services, options) =>
            Configure(options, services.GetRequiredService<IOptions<DatabaseOptions>>().Value, dataDirectory));

        // Identity's stores on this DbContext. Password rules after OWASP ASVS 5: length, not composition.
        builder.Services.AddIdentityCore<WebEdiUser>(o =>
            {
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.User.RequireUniqueEmail = true;
                o.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<WebEdiDbContext>();

        // Identity's V3 hashes are PBKDF2-HMAC-SHA512; OWASP's password storage guidance asks 210,000 iterations for it.
        builder.Services.Configure<PasswordHasherOptions>(o => o.IterationCount = PasswordHashIterations);
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
                options.UseSqlite(connectionString, o => o.CommandTimeout(database.CommandTimeoutSeconds)).AddInterceptors(SqlitePragmas.Instance);
                break;
            case DatabaseProvider.PostgreSql:
                // Npgsql's default strategy wraps transient failures (a deadlock, say) in an InvalidOperationException;
                // the non-retrying one lets them surface as the DbUpdateException that callers treat as a conflict, as on SQLite.
                options.UseNpgsql(database.ConnectionString, o => o
                    .CommandTimeout(database.CommandTimeoutSeconds)
                    .ExecutionStrategy(dependencies => new NonRetryingExecutionStrategy(dependencies)));
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
