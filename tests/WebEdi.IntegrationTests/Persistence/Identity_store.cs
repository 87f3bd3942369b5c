using System.Buffers.Binary;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WebEdi.Data;
using WebEdi.Data.Identity;
using WebEdi.Domain;
using WebEdi.Domain.Users;

namespace WebEdi.IntegrationTests.Persistence;

/// <summary>Users live in Identity's own tables inside the WebEdi database, with the password rules the portal relies on.</summary>
public sealed class Identity_store
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Stores_a_company_user_and_checks_the_password(DatabaseProvider provider)
    {
        await using var services = await ServicesAsync(provider);
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WebEdiUser>>();
        var db = scope.ServiceProvider.GetRequiredService<WebEdiDbContext>();
        var trade = await Trade.StoreAsync(db);

        var user = WebEdiUser.Create("operator@sakura-seimitsu.example", "鈴木 健", trade.Supplier.Id, UserRole.Operator, Trade.At);
        var created = await users.CreateAsync(user, "a long passphrase with spaces");
        Assert.True(created.Succeeded, string.Join(", ", created.Errors.Select(e => e.Description)));

        await using var again = services.CreateAsyncScope();
        var reloaded = await again.ServiceProvider.GetRequiredService<UserManager<WebEdiUser>>().FindByEmailAsync("OPERATOR@sakura-seimitsu.example");
        Assert.NotNull(reloaded);
        Assert.Equal(trade.Supplier.Id, reloaded.CompanyId);
        Assert.Equal(UserRole.Operator, reloaded.Role);
        Assert.Equal("鈴木 健", reloaded.DisplayName);
        var manager = again.ServiceProvider.GetRequiredService<UserManager<WebEdiUser>>();
        Assert.True(await manager.CheckPasswordAsync(reloaded, "a long passphrase with spaces"));
        Assert.False(await manager.CheckPasswordAsync(reloaded, "a long passphrase with space"));
    }

    [Fact]
    public async Task Asks_for_length_not_composition_of_passwords()
    {
        await using var services = await ServicesAsync(DatabaseProvider.Sqlite);
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WebEdiUser>>();
        var trade = await Trade.StoreAsync(scope.ServiceProvider.GetRequiredService<WebEdiDbContext>());

        var tooShort = await users.CreateAsync(NewUser(trade, "a@example.jp"), "Sh0rt!pass");
        var plainButLong = await users.CreateAsync(NewUser(trade, "b@example.jp"), "しずかなあきのよるにほんをよむ");

        Assert.Contains(tooShort.Errors, e => e.Code == "PasswordTooShort");
        Assert.True(plainButLong.Succeeded, string.Join(", ", plainButLong.Errors.Select(e => e.Code)));
    }

    [Fact]
    public async Task Hashes_passwords_with_PBKDF2_SHA512_at_OWASP_iterations()
    {
        await using var services = await ServicesAsync(DatabaseProvider.Sqlite);
        var hasher = services.GetRequiredService<IPasswordHasher<WebEdiUser>>();

        var hash = Convert.FromBase64String(hasher.HashPassword(null!, "a long passphrase with spaces"));

        // Identity's V3 format: 0x01, PRF (2 = HMAC-SHA512), iteration count, salt length — big-endian.
        Assert.Equal(0x01, hash[0]);
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(1)));
        Assert.True(BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(5)) >= 210_000);
    }

    [Fact]
    public void A_platform_operator_belongs_to_no_company_and_a_company_user_to_one()
    {
        Assert.Throws<DomainRuleException>(() => WebEdiUser.Create("ops@example.jp", "運用", Guid.NewGuid(), UserRole.PlatformOperator, Trade.At));
        Assert.Throws<DomainRuleException>(() => WebEdiUser.Create("op@example.jp", "担当", null, UserRole.Operator, Trade.At));
    }

    private static WebEdiUser NewUser(Trade trade, string email) =>
        WebEdiUser.Create(email, "テスト", trade.Supplier.Id, UserRole.Viewer, Trade.At);

    private static async Task<ServiceProvider> ServicesAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.MigratedAsync(provider);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WebEdi:Database:Provider"] = database.Provider.ToString(),
            ["WebEdi:Database:ConnectionString"] = database.ConnectionString,
        });
        builder.Services.AddLogging();
        builder.AddWebEdiData(Path.GetTempPath());
        return builder.Services.BuildServiceProvider();
    }
}
