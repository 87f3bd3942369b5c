using System.Net;
using Microsoft.EntityFrameworkCore;
using WebEdi.Domain.Orders;

namespace WebEdi.IntegrationTests.Portal.Orders;

public sealed class Browsing_the_inbox(OrdersPortal fixture) : IClassFixture<OrdersPortal>
{
    [Fact]
    public async Task The_tabs_count_the_companys_orders_by_what_they_need()
    {
        using var session = await fixture.Portal.SignInAsync(PortalServer.SakuraAdmin);

        var page = await session.GetAsync("/Orders?Filter.Tab=All");

        await using var db = fixture.Portal.OpenDatabase();
        var sakura = await db.Companies.Where(c => c.Code == "SAKURA-SEIMITSU").Select(c => c.Id).SingleAsync();
        var statuses = await db.PurchaseOrders.Where(o => o.SupplierId == sakura).Select(o => o.Status).ToListAsync();
        Assert.Equal(statuses.Count, Count(page, "すべて"));
        Assert.Equal(statuses.Count(s => s is OrderStatus.New or OrderStatus.Viewed or OrderStatus.PartiallyAnswered), Count(page, "未回答"));
        Assert.Equal(statuses.Count(s => s == OrderStatus.ChangedAwaitingAnswer), Count(page, "変更あり"));
        Assert.Equal(statuses.Count(s => s == OrderStatus.Cancelled), Count(page, "取消"));
        Assert.Equal(Math.Min(50, statuses.Count), page.Document.QuerySelectorAll("table.orders tbody tr").Length);
        Assert.Contains($"{statuses.Count} 件中 1–{Math.Min(50, statuses.Count)} 件", page.Document.QuerySelector(".result-count")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Searching_by_item_code_finds_the_orders_with_that_item()
    {
        await using var db = fixture.Portal.OpenDatabase();
        var sakura = await db.Companies.Where(c => c.Code == "SAKURA-SEIMITSU").Select(c => c.Id).SingleAsync();
        var code = await db.PurchaseOrderLines.Where(l => l.Order.SupplierId == sakura).Select(l => l.BuyerItemCode).FirstAsync();
        var expected = await db.PurchaseOrders.CountAsync(o => o.SupplierId == sakura && o.Lines.Any(l => l.BuyerItemCode.Contains(code)));
        using var session = await fixture.Portal.SignInAsync(PortalServer.SakuraAdmin);

        var page = await session.GetAsync($"/Orders?Filter.Tab=All&Filter.Query={Uri.EscapeDataString(code)}");

        Assert.Equal(expected, Count(page, "すべて"));
        Assert.True(expected > 0);
    }

    [Fact]
    public async Task Date_ranges_keep_the_orders_ordered_and_due_within_them()
    {
        await using var db = fixture.Portal.OpenDatabase();
        var sakura = await db.Companies.Where(c => c.Code == "SAKURA-SEIMITSU").Select(c => c.Id).SingleAsync();
        var orders = await db.PurchaseOrders.AsNoTracking().Where(o => o.SupplierId == sakura)
            .Select(o => new { o.OrderNumber, o.OrderDate, o.NextDeliveryDate }).ToListAsync();
        var dates = orders.Select(o => o.OrderDate).Order().ToList();
        var (from, to) = (dates[dates.Count / 4], dates[dates.Count * 3 / 4]);
        var due = orders.Where(o => o.NextDeliveryDate is not null).Select(o => o.NextDeliveryDate!.Value).Order().ToList();
        var (dueFrom, dueTo) = (due[due.Count / 3], due[due.Count * 2 / 3]);
        using var session = await fixture.Portal.SignInAsync(PortalServer.SakuraAdmin);

        var (ordered, _) = await AllPagesAsync(session, $"Filter.Tab=All&Filter.OrderedFrom={from:yyyy-MM-dd}&Filter.OrderedTo={to:yyyy-MM-dd}");
        var (dueWithin, _) = await AllPagesAsync(session, $"Filter.Tab=All&Filter.DeliveryFrom={dueFrom:yyyy-MM-dd}&Filter.DeliveryTo={dueTo:yyyy-MM-dd}");

        Assert.Equal(orders.Where(o => o.OrderDate >= from && o.OrderDate <= to).Select(o => o.OrderNumber).Order(), ordered.Order());
        Assert.Equal(orders.Where(o => o.NextDeliveryDate >= dueFrom && o.NextDeliveryDate <= dueTo).Select(o => o.OrderNumber).Order(), dueWithin.Order());
        Assert.NotEmpty(ordered);
        Assert.NotEmpty(dueWithin);
        Assert.True(ordered.Count < orders.Count);
    }

    [Fact]
    public async Task Pages_follow_each_other_without_gaps_or_repeats()
    {
        using var session = await fixture.Portal.SignInAsync(PortalServer.SakuraAdmin);
        var numbers = new List<string>();

        for (var number = 1; number <= 10; number++)
        {
            var page = await session.GetAsync($"/Orders?Filter.Tab=All&Filter.Sort=OrderDate&Filter.PageNumber={number}");
            numbers.AddRange(page.Document.QuerySelectorAll("table.orders tbody tr td:nth-child(2) a").Select(a => a.TextContent));
            if (page.Document.QuerySelector(".pager a[rel=next]") is null)
            {
                Assert.Equal(Count(page, "すべて"), numbers.Count);
                break;
            }
        }

        Assert.Equal(numbers.Count, numbers.Distinct().Count());
    }

    [Fact]
    public async Task The_overdue_tab_lists_every_order_with_a_passed_requested_date_that_is_not_all_shipped()
    {
        await using var db = fixture.Portal.OpenDatabase();
        var sakura = await db.Companies.Where(c => c.Code == "SAKURA-SEIMITSU").Select(c => c.Id).SingleAsync();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo")));
        // The rule from the lines themselves: an open line, not rejected, not fully shipped, due before today.
        var expected = (await db.OrdersWithDetails().AsNoTracking().Where(o => o.SupplierId == sakura).ToListAsync())
            .Where(o => o.CancelledAt is null && o.ActiveLines.Any(l => l.CurrentAnswer != ResponseKind.Rejected && l.ShippedQuantity < l.Quantity && l.RequestedDeliveryDate < today))
            .Select(o => o.OrderNumber).Order().ToList();
        using var session = await fixture.Portal.SignInAsync(PortalServer.SakuraAdmin);

        var (listed, first) = await AllPagesAsync(session, "Filter.Tab=Overdue&Filter.Sort=OrderNumber");

        Assert.NotEmpty(expected);
        Assert.Equal(expected, listed.Order().ToList());
        Assert.Equal(expected.Count, Count(first, "納期遅れ"));
        Assert.Contains("alert", first.Document.QuerySelectorAll(".tabs a").Single(a => a.TextContent.Trim().StartsWith("納期遅れ ", StringComparison.Ordinal)).ClassName, StringComparison.Ordinal);
        Assert.All(first.Document.QuerySelectorAll("table.orders tbody tr td.overdue"), td => Assert.Contains("納期遅れ", td.TextContent, StringComparison.Ordinal));
        Assert.Equal(first.Document.QuerySelectorAll("table.orders tbody tr").Length, first.Document.QuerySelectorAll("table.orders tbody tr td.overdue").Length);
    }

    [Theory]
    [InlineData("OrderNumber", false)]
    [InlineData("OrderNumber", true)]
    [InlineData("Buyer", false)]
    [InlineData("Buyer", true)]
    [InlineData("OrderDate", false)]
    [InlineData("OrderDate", true)]
    [InlineData("Delivery", false)]
    [InlineData("Delivery", true)]
    [InlineData("Received", false)]
    [InlineData("Received", true)]
    public async Task Each_sortable_column_sorts_the_whole_list_both_ways(string sort, bool descending)
    {
        await using var db = fixture.Portal.OpenDatabase();
        var buyerCodes = await db.Companies.ToDictionaryAsync(c => c.Name, c => c.Code);
        using var session = await fixture.Portal.SignInAsync(PortalServer.SakuraAdmin);
        var column = sort switch { "OrderNumber" => 2, "Buyer" => 3, "OrderDate" => 5, "Delivery" => 6, _ => 9 };

        var page = await session.GetAsync($"/Orders?Filter.Tab=All&Filter.Sort={sort}" + (descending ? "&Filter.Descending=true" : ""));

        var keys = page.Document.QuerySelectorAll("table.orders tbody tr").Select(r =>
        {
            var text = r.QuerySelector($"td:nth-child({column})")!.TextContent.Trim();
            // The buyer column shows the name; the list sorts by the buyer's code. Dates and times sort as written.
            return column == 3 ? buyerCodes[text] : column == 2 ? r.QuerySelector("td:nth-child(2) a")!.TextContent : text.Split(' ')[0] + (column == 9 ? " " + text.Split(' ')[1] : "");
        }).ToList();
        Assert.Equal(50, keys.Count);
        var dated = column == 6 ? keys.Where(k => k != "—").ToList() : keys;
        Assert.Equal(descending ? dated.OrderDescending(StringComparer.Ordinal) : dated.Order(StringComparer.Ordinal), dated);
        // Orders without a delivery date come last either way.
        Assert.Equal(keys.Count - dated.Count, keys.AsEnumerable().Reverse().TakeWhile(k => k == "—").Count());
        Assert.Equal(descending ? "descending" : "ascending", page.Document.QuerySelector("th[aria-sort]")!.GetAttribute("aria-sort"));
        var header = page.Document.QuerySelectorAll("table.orders thead th").ElementAt(column - 1);
        Assert.Equal(header, page.Document.QuerySelector("th[aria-sort]"));
        Assert.Contains($"Filter.Sort={sort}", header.QuerySelector("a")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Equal(!descending, header.QuerySelector("a")!.GetAttribute("href")!.Contains("Filter.Descending=true", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Filter.Tab=Nonsense")]
    [InlineData("Filter.PageNumber=abc")]
    [InlineData("Filter.OrderedFrom=2026-13-45")]
    public async Task A_broken_filter_in_the_address_is_named_and_the_defaults_are_shown(string query)
    {
        using var session = await fixture.Portal.SignInAsync(PortalServer.SakuraAdmin);

        var page = await session.GetAsync("/Orders?" + query);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("検索条件の一部が正しくないため無視しました", page.Document.QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(query.Split('=')[0].Replace("Filter.", "", StringComparison.Ordinal), page.Document.QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_english_the_words_change_but_dates_and_money_stay_japanese()
    {
        using var session = await fixture.Portal.SignInAsync(PortalServer.SakuraAdmin);
        var first = await session.GetAsync("/Orders");
        await session.PostAsync("/Account/Language", first, ("language", "en"), ("returnUrl", "/Orders"));

        var page = await session.GetAsync("/Orders?Filter.Tab=All");

        Assert.Equal("Orders", page.Document.QuerySelector("h1")!.TextContent);
        Assert.Contains("Awaiting answer", page.Document.QuerySelector(".tabs")!.TextContent, StringComparison.Ordinal);
        var row = page.Document.QuerySelector("table.orders tbody tr")!;
        Assert.Matches(@"^\d{4}/\d{2}/\d{2}$", row.QuerySelector("td:nth-child(5)")!.TextContent.Trim());
        Assert.StartsWith("¥", row.QuerySelector("td.number")!.TextContent.Trim(), StringComparison.Ordinal);
        await session.PostAsync("/Account/Language", page, ("language", "ja"), ("returnUrl", "/Orders"));
    }

    /// <summary>The order numbers on every page of a list, and its first page.</summary>
    private static async Task<(List<string> Numbers, PortalPage First)> AllPagesAsync(PortalSession session, string query)
    {
        var numbers = new List<string>();
        PortalPage? first = null;
        for (var number = 1; ; number++)
        {
            var page = await session.GetAsync($"/Orders?{query}&Filter.PageNumber={number}");
            first ??= page;
            numbers.AddRange(page.Document.QuerySelectorAll("table.orders tbody tr td:nth-child(2) a").Select(a => a.TextContent));
            if (page.Document.QuerySelector(".pager a[rel=next]") is null)
            {
                return (numbers, first);
            }
        }
    }

    private static int Count(PortalPage page, string tab) =>
        int.Parse(page.Document.QuerySelectorAll(".tabs a").Single(a => a.TextContent.Trim().StartsWith(tab + " ", StringComparison.Ordinal))
            .QuerySelector(".count")!.TextContent.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
}
