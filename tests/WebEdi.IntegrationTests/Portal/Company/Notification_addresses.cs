using System.Net;
using WebEdi.Domain.Users;
using WebEdi.IntegrationTests.Portal.Account;

namespace WebEdi.IntegrationTests.Portal.Company;

[Collection(AccountsGroup.Name)]
public sealed class Notification_addresses(AccountServer server)
{
    [Fact]
    public async Task Can_be_added_once_and_removed()
    {
        var company = await server.AddCompanyAsync();
        var admin = await server.AddUserAsync(company.Id, UserRole.CompanyAdmin);
        using var session = await server.SignInAsync(admin.Email!);
        var page = await session.GetAsync("/Company/Notifications");
        var address = AccountServer.UniqueEmail("juchu");

        var added = await session.PostAsync("/Company/Notifications?handler=Add", page, ("NewAddress", address));
        var duplicate = await session.PostAsync("/Company/Notifications?handler=Add", page, ("NewAddress", address.ToUpperInvariant()));
        var listed = await session.GetAsync("/Company/Notifications");
        var id = listed.Document.QuerySelector("li[data-address-id]")!.GetAttribute("data-address-id");
        var removed = await session.PostAsync($"/Company/Notifications?handler=Remove&id={id}", listed);

        Assert.Equal(HttpStatusCode.Redirect, added.Status);
        Assert.Contains("このアドレスはすでに登録されています。", duplicate.Text, StringComparison.Ordinal);
        Assert.Contains(address, listed.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, removed.Status);
        Assert.Empty((await session.GetAsync("/Company/Notifications")).Document.QuerySelectorAll("li[data-address-id]"));
    }

    [Fact]
    public async Task Another_companys_address_cannot_be_removed()
    {
        var company = await server.AddCompanyAsync();
        var admin = await server.AddUserAsync(company.Id, UserRole.CompanyAdmin);
        var other = await server.AddCompanyAsync();
        var theirs = WebEdi.Data.Notifications.NotificationAddress.Create(other.Id, AccountServer.UniqueEmail("theirs"), DateTime.UtcNow);
        await using (var db = server.Portal.OpenDatabase())
        {
            db.NotificationAddresses.Add(theirs);
            await db.SaveChangesAsync();
        }

        using var session = await server.SignInAsync(admin.Email!);
        var page = await session.GetAsync("/Company/Notifications");

        var answer = await session.PostAsync($"/Company/Notifications?handler=Remove&id={theirs.Id}", page);

        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
    }

    [Fact]
    public async Task The_log_shows_the_digests_sent_to_a_demo_supplier()
    {
        using var session = await server.Portal.SignInAsync(PortalServer.SakuraAdmin);

        var page = await session.GetAsync("/Company/Notifications");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.NotNull(page.Document.QuerySelector("#log-title"));
    }
}
