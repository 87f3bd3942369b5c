using System.Net;
using WebEdi.Domain.Orders;

namespace WebEdi.IntegrationTests.Portal.Orders;

/// <summary>
/// Every order route asked with another company's order id answers 404 — the same as an id that does not exist — and
/// changes nothing. MIDORI-KAKO supplies TOKAI-MOTOR only; SAKURA-SEIMITSU also supplies KANSAI-DENKI.
/// </summary>
public sealed class Keeping_companies_apart(OrdersPortal fixture) : IClassFixture<OrdersPortal>
{
    public static TheoryData<string, string> Routes => new()
    {
        { "GET", "/Orders/{0}" },
        { "POST", "/Orders/{0}?handler=Answer" },
        { "POST", "/Orders/{0}?handler=AcceptAll" },
        { "POST", "/Orders?handler=Accept" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Another_buyers_order_is_not_found_on_any_route(string method, string route)
    {
        var foreign = await fixture.TakeOrderAsync("SAKURA-SEIMITSU", OrderStatus.New, OrderStatus.Viewed);
        using var session = await fixture.Portal.SignInAsync(OrdersPortal.MidoriAdmin);

        var response = await SendAsync(session, method, route, foreign.Id);

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        var after = await fixture.ReloadAsync(foreign.Id);
        Assert.Equal(foreign.Version, after.Version);
        Assert.Equal(foreign.ViewedAt, after.ViewedAt);
    }

    [Fact]
    public async Task The_inbox_lists_only_the_companys_own_orders_from_each_of_its_buyers()
    {
        using var midori = await fixture.Portal.SignInAsync(OrdersPortal.MidoriAdmin);
        using var sakura = await fixture.Portal.SignInAsync(PortalServer.SakuraAdmin);

        var midoriBuyers = await BuyersOnAllPagesAsync(midori);
        var sakuraBuyers = await BuyersOnAllPagesAsync(sakura);

        Assert.Equal(["東海モーター工業株式会社"], midoriBuyers);
        Assert.Equal(2, sakuraBuyers.Count);
        var sakuraFilter = (await sakura.GetAsync("/Orders")).Document.QuerySelectorAll("select[name='Filter.Buyer'] option").Length;
        Assert.Equal(3, sakuraFilter);
    }

    [Fact]
    public async Task A_platform_operator_belongs_to_no_company_and_is_refused_the_trade_pages()
    {
        using var session = await fixture.Portal.SignInAsync("operator@webedi.example");

        var response = await session.GetAsync("/Orders");

        Assert.Equal(HttpStatusCode.Redirect, response.Status);
        Assert.Contains("/Account/AccessDenied", response.Location, StringComparison.Ordinal);
    }

    private static async Task<List<string>> BuyersOnAllPagesAsync(PortalSession session)
    {
        var buyers = new HashSet<string>();
        for (var number = 1; ; number++)
        {
            var page = await session.GetAsync($"/Orders?Filter.Tab=All&Filter.PageNumber={number}");
            foreach (var cell in page.Document.QuerySelectorAll("table.orders tbody tr td:nth-child(3)"))
            {
                buyers.Add(cell.TextContent.Trim());
            }

            if (page.Document.QuerySelector(".pager a[rel=next]") is null)
            {
                return [.. buyers.Order()];
            }
        }
    }

    private static async Task<PortalPage> SendAsync(PortalSession session, string method, string route, Guid id)
    {
        var own = await session.GetAsync("/Orders");
        return method == "GET"
            ? await session.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, route, id))
            : route.Contains("{0}", StringComparison.Ordinal)
                ? await session.PostAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, route, id), own,
                    ("Version", "1"), ("Answers[0].LineNumber", "1"), ("Answers[0].Kind", "Accept"))
                : await session.PostAsync(route, own, ("selected", id.ToString()));
    }
}
