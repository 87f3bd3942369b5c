using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebEdi.Data.Identity;
using WebEdi.Domain.Users;
using WebEdi.Server.Portal;
using WebEdi.Testing;

namespace WebEdi.IntegrationTests.Portal.Account;

/// <summary>One portal server for the account and company tests, delivering its mail to the real SMTP fixture.</summary>
[CollectionDefinition(Name)]
public sealed class AccountsGroup : ICollectionFixture<AccountServer>
{
    public const string Name = "Portal accounts";
}

/// <summary>
/// The real server with the demo and SMTP delivery. Tests make their own companies and users (unique addresses), so
/// lock-outs, sign-in rules and 2FA of one test never touch another's.
/// </summary>
public sealed class AccountServer : IAsyncLifetime
{
    public const string Password = "plum-blossom-lantern-42";

    private IDataProtectionProvider? _dataProtection;

    public PortalServer Portal { get; private set; } = null!;

    public SmtpServer Mail { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Mail = await SmtpServer.SharedAsync();
        Portal = await PortalServer.StartAsync(demoOrders: 10, extra: new Dictionary<string, string?>
        {
            ["WebEdi:Mail:Delivery"] = "Smtp",
            ["WebEdi:Mail:Smtp:Host"] = Mail.Host,
            ["WebEdi:Mail:Smtp:Port"] = Mail.Port.ToString(CultureInfo.InvariantCulture),
            ["WebEdi:Mail:From"] = "webedi@webedi.example",
        });
    }

    public async Task DisposeAsync() => await Portal.DisposeAsync();

    public static string UniqueEmail(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 13)] + "@example.com";

    public async Task<global::WebEdi.Domain.Companies.Company> AddCompanyAsync(
        bool requireTwoFactor = false, string allowedAddresses = "", bool isBuyer = false, bool isSupplier = true)
    {
        await using var db = Portal.OpenDatabase();
        var code = "T" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        var company = global::WebEdi.Domain.Companies.Company.Create(code, $"テスト商事 {code}", isBuyer, isSupplier, DateTime.UtcNow);
        company.SetSignInPolicy(requireTwoFactor, allowedAddresses);
        db.Companies.Add(company);
        await db.SaveChangesAsync();
        return company;
    }

    /// <summary>A user with <see cref="Password"/>, as the demo seeder makes them (lock-out enabled).</summary>
    public async Task<WebEdiUser> AddUserAsync(Guid companyId, UserRole role, string? email = null, string language = "ja")
    {
        email ??= UniqueEmail(role.ToString().ToLowerInvariant());
        await using var db = Portal.OpenDatabase();
        var user = WebEdiUser.Create(email, $"{role} 太郎", companyId, role, DateTime.UtcNow);
        user.NormalizedEmail = email.ToUpperInvariant();
        user.NormalizedUserName = email.ToUpperInvariant();
        user.EmailConfirmed = true;
        user.LockoutEnabled = true;
        user.PreferredLanguage = language;
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        user.PasswordHash = new PasswordHasher<WebEdiUser>().HashPassword(user, Password);
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user;
    }

    public async Task<WebEdiUser> UserAsync(string email)
    {
        var normalized = email.ToUpperInvariant();
        await using var db = Portal.OpenDatabase();
        return await db.Users.AsNoTracking().SingleAsync(u => u.NormalizedEmail == normalized);
    }

    public async Task<PortalSession> SignInAsync(string email, string password = Password) => await Portal.SignInAsync(email, password);

    /// <summary>The first portal link in the newest mail to <paramref name="to"/> whose subject contains <paramref name="subject"/>.</summary>
    public async Task<(ReceivedMail Mail, string Link)> MailLinkAsync(string to, string subject)
    {
        var mail = await Mail.WaitForMessageAsync(
            m => m.EnvelopeRecipients.Contains(to, StringComparer.OrdinalIgnoreCase) && m.Subject.Contains(subject, StringComparison.Ordinal),
            TimeSpan.FromSeconds(20));
        var link = Regex.Match(mail.TextBody, @"https?://\S+").Value;
        Assert.StartsWith(Portal.BaseAddress.ToString().TrimEnd('/'), link, StringComparison.Ordinal);
        return (mail, new Uri(link).PathAndQuery);
    }

    /// <summary>
    /// Makes <paramref name="session"/>'s password entry <paramref name="age"/> old, as if the user had signed in that
    /// long ago: the session cookie is opened and sealed again with the server's own Data Protection keys (which live
    /// in its database), with only the auth_time claim changed.
    /// </summary>
    public void AgeSignIn(PortalSession session, TimeSpan age) => Reseal(session, ticket =>
    {
        var identity = (ClaimsIdentity)ticket.Principal.Identity!;
        identity.RemoveClaim(identity.FindFirst(PortalUser.AuthenticatedAtClaim));
        identity.AddClaim(new Claim(PortalUser.AuthenticatedAtClaim, (DateTime.UtcNow - age).ToString("O", CultureInfo.InvariantCulture)));
    });

    /// <summary>Makes the cookie look issued <paramref name="age"/> ago, so the server re-reads the user (Identity's security-stamp check).</summary>
    public void AgeCookie(PortalSession session, TimeSpan age) => Reseal(session, ticket => ticket.Properties.IssuedUtc = DateTimeOffset.UtcNow - age);

    /// <summary>Makes the session look started <paramref name="age"/> ago (the absolute time-out's clock), however recently used.</summary>
    public void AgeSession(PortalSession session, TimeSpan age) =>
        Reseal(session, ticket => ticket.Properties.Items["webedi.session-started"] = (DateTimeOffset.UtcNow - age).ToString("O", CultureInfo.InvariantCulture));

    /// <summary>Makes the session look last used <paramref name="idle"/> ago: its sliding expiry is then that much nearer.</summary>
    public void IdleSession(PortalSession session, TimeSpan idle) => Reseal(session, ticket =>
    {
        var length = ticket.Properties.ExpiresUtc!.Value - ticket.Properties.IssuedUtc!.Value;
        ticket.Properties.IssuedUtc = DateTimeOffset.UtcNow - idle;
        ticket.Properties.ExpiresUtc = ticket.Properties.IssuedUtc + length;
    });

    private void Reseal(PortalSession session, Action<AuthenticationTicket> change)
    {
        var format = new TicketDataFormat(DataProtection().CreateProtector(
            "Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware", "Identity.Application", "v2"));
        var cookie = session.Cookies.GetCookies(Portal.BaseAddress)[PortalExtensions.CookieName]
            ?? throw new InvalidOperationException("The session is not signed in.");
        var ticket = format.Unprotect(cookie.Value) ?? throw new InvalidOperationException("The session cookie could not be read (chunked?).");
        change(ticket);
        cookie.Value = format.Protect(new AuthenticationTicket(ticket.Principal, ticket.Properties, ticket.AuthenticationScheme));
    }

    private IDataProtectionProvider DataProtection()
    {
        if (_dataProtection is null)
        {
            var services = new ServiceCollection().AddLogging();
            services.AddDataProtection().SetApplicationName("WebEdi");
            services.Configure<KeyManagementOptions>(o => o.XmlRepository = new ServerKeyRing(Portal));
            _dataProtection = services.BuildServiceProvider().GetRequiredService<IDataProtectionProvider>();
        }

        return _dataProtection;
    }

    private sealed class ServerKeyRing(PortalServer portal) : IXmlRepository
    {
        public IReadOnlyCollection<XElement> GetAllElements()
        {
            using var db = portal.OpenDatabase();
            return db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).AsEnumerable().Select(XElement.Parse).ToList();
        }

        public void StoreElement(XElement element, string friendlyName) =>
            throw new InvalidOperationException("The test must only use the server's keys.");
    }
}

/// <summary>Steps the account tests share.</summary>
public static class AccountSteps
{
    /// <summary>Sets up the authenticator on the 2FA page as a user would; returns the shared key and the recovery codes.</summary>
    public static async Task<(string SharedKey, IReadOnlyList<string> RecoveryCodes)> TurnOnTwoFactorAsync(this PortalSession session)
    {
        var page = await session.GetAsync("/Account/Manage/TwoFactor");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var key = page.Document.QuerySelector(".shared-key")!.TextContent;
        Assert.StartsWith("data:image/png;base64,", page.Document.QuerySelector("img.qr")!.GetAttribute("src"), StringComparison.Ordinal);
        var enabled = await session.PostAsync("/Account/Manage/TwoFactor?handler=Enable", page, ("Code", Authenticator.Now(key)));
        var codes = enabled.Document.QuerySelectorAll(".code-list code").Select(c => c.TextContent).ToList();
        Assert.Equal(10, codes.Count);
        return (key, codes);
    }

    public static async Task<PortalPage> SignInWithPasswordAsync(this PortalSession session, string email, string password = AccountServer.Password) =>
        await session.SignInAsync(email, password);
}
