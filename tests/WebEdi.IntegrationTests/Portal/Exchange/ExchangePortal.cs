using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using WebEdi.Data.Identity;
using WebEdi.Domain.Companies;
using WebEdi.Domain.Users;

namespace WebEdi.IntegrationTests.Portal.Exchange;

/// <summary>One portal server for the exchange page tests.</summary>
[CollectionDefinition(Name)]
public sealed class ExchangeGroup : ICollectionFixture<ExchangePortal>
{
    public const string Name = "Portal exchange";
}

/// <summary>
/// The real server in every role — the scheduler too, so "run now" really runs — with the demo. A test that changes
/// an exchange makes a buyer of its own (trading with the demo's SAKURA-SEIMITSU as supplier S10021), so no test
/// finds another's profile; the demo buyers TOKAI-MOTOR and KANSAI-DENKI are the two companies kept apart.
/// </summary>
public sealed class ExchangePortal : IAsyncLifetime
{
    public const string TokaiAdmin = "buyer.admin@tokai-motor.example";
    public const string KansaiAdmin = "buyer.admin@kansai-denki.example";
    public const string SupplierCode = "S10021";

    /// <summary>The header of an order file in the standard built-in profile.</summary>
    public const string StandardHeader =
        "orderNumber,revision,supplierCode,orderDate,currency,deliveryLocation,buyerContact,remarks,lineNumber,buyerItemCode,supplierItemCode,itemName,specification,quantity,unit,unitPrice,amount,taxRate,requestedDeliveryDate,lineDeliveryLocation,lineRemarks";

    public PortalServer Portal { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Portal = await PortalServer.StartAsync(demoOrders: 10, extra: new Dictionary<string, string?> { ["WebEdi:Roles"] = "all" });

    public async Task DisposeAsync() => await Portal.DisposeAsync();

    /// <summary>A new buyer trading with SAKURA-SEIMITSU, and a user of it with <paramref name="role"/>, signed in.</summary>
    public async Task<(global::WebEdi.Domain.Companies.Company Buyer, PortalSession Session)> NewBuyerAsync(UserRole role = UserRole.CompanyAdmin)
    {
        var code = "X" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        var email = $"{code.ToLowerInvariant()}@example.com";
        var buyer = global::WebEdi.Domain.Companies.Company.Create(code, $"テスト購買 {code}", isBuyer: true, isSupplier: false, DateTime.UtcNow);
        await using (var db = Portal.OpenDatabase())
        {
            var supplier = await db.Companies.SingleAsync(c => c.Code == "SAKURA-SEIMITSU");
            db.Companies.Add(buyer);
            db.TradingRelationships.Add(TradingRelationship.Create(buyer, supplier, SupplierCode, DateTime.UtcNow));
            db.Users.Add(User(buyer.Id, role, email));
            await db.SaveChangesAsync();
        }

        return (buyer, await Portal.SignInAsync(email));
    }

    /// <summary>A user of an existing company (the demo has no buyer operator), signed in.</summary>
    public async Task<PortalSession> NewUserAsync(string companyCode, UserRole role)
    {
        var email = $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}"[..20] + "@example.com";
        await using (var db = Portal.OpenDatabase())
        {
            var company = await db.Companies.SingleAsync(c => c.Code == companyCode);
            db.Users.Add(User(company.Id, role, email));
            await db.SaveChangesAsync();
        }

        return await Portal.SignInAsync(email);
    }

    /// <summary>Presses "start with …" for a built-in profile on /Exchange; returns the page after the redirect.</summary>
    public static async Task<PortalPage> StartAsync(PortalSession session, string builtIn)
    {
        var page = await session.GetAsync("/Exchange");
        var started = await session.PostAsync($"/Exchange?handler=Start&profile={builtIn}", page);
        Assert.Equal(HttpStatusCode.Redirect, started.Status);
        return await session.GetAsync("/Exchange");
    }

    /// <summary>Every field of a form as a browser would post it: inputs, the selected option of each select, textareas.</summary>
    public static List<(string Name, string Value)> Fields(PortalPage page, string selector)
    {
        var form = page.Form(selector);
        var fields = new List<(string, string)>();
        foreach (var element in form.QuerySelectorAll("input[name], select[name], textarea[name]"))
        {
            var name = element.GetAttribute("name")!;
            switch (element)
            {
                case IHtmlSelectElement select:
                    fields.Add((name, select.QuerySelectorAll("option").FirstOrDefault(o => o.HasAttribute("selected"))?.GetAttribute("value")
                        ?? select.QuerySelector("option")?.GetAttribute("value") ?? ""));
                    break;
                case IHtmlTextAreaElement area:
                    fields.Add((name, area.TextContent));
                    break;
                default:
                    fields.Add((name, element.GetAttribute("value") ?? ""));
                    break;
            }
        }

        return [.. fields.Where(f => f.Item1 != "__RequestVerificationToken")];
    }

    public static List<(string Name, string Value)> With(List<(string Name, string Value)> fields, string name, string value)
    {
        var at = fields.FindIndex(f => f.Name == name);
        Assert.True(at >= 0, $"the form has no field {name}");
        fields[at] = (name, value);
        return fields;
    }

    /// <summary>Posts a file to /Exchange's import form.</summary>
    public static async Task<PortalPage> ImportAsync(PortalSession session, byte[] json, string name = "profile.json")
    {
        var page = await session.GetAsync("/Exchange");
        var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(json);
        part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        content.Add(part, "file", name);
        return await session.PostMultipartAsync("/Exchange?handler=Import", page, content);
    }

    public async Task<string?> StoredProfileAsync(Guid buyerId)
    {
        await using var db = Portal.OpenDatabase();
        return await db.BuyerExchanges.Where(e => e.BuyerId == buyerId).Select(e => e.ProfileJson).SingleOrDefaultAsync();
    }

    /// <summary>Reloads /Exchange every half second until a history row matches; the scheduler looks every 5 seconds.</summary>
    public static async Task<IElement> WaitForRunAsync(PortalSession session, string selector)
    {
        for (var i = 0; i < 60; i++)
        {
            if ((await session.GetAsync("/Exchange")).Document.QuerySelector(selector) is { } row)
            {
                return row;
            }

            await Task.Delay(500);
        }

        Assert.Fail($"No run '{selector}' in the history within 30 s.");
        return null!;
    }

    public static byte[] Utf8WithBom(string text) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)];

    private static WebEdiUser User(Guid companyId, UserRole role, string email)
    {
        var user = WebEdiUser.Create(email, $"{role} 花子", companyId, role, DateTime.UtcNow);
        user.NormalizedEmail = email.ToUpperInvariant();
        user.NormalizedUserName = email.ToUpperInvariant();
        user.EmailConfirmed = true;
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        user.PasswordHash = new PasswordHasher<WebEdiUser>().HashPassword(user, PortalServer.Password);
        return user;
    }
}
