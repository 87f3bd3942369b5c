using System.Net;
using static WebEdi.IntegrationTests.Portal.Shipments.ShipmentsPortal;

namespace WebEdi.IntegrationTests.Portal.Shipments;

/// <summary>Delivery note numbers (納品書番号): the company admin's prefix and a counter that never hands out a number twice.</summary>
public abstract class Numbering_delivery_notes(ShipmentsPortal fixture)
{
    [Fact]
    public async Task The_admin_sets_the_prefix_and_the_counter_carries_on_so_no_number_is_used_twice()
    {
        var admin = await fixture.SessionAsync(SakuraAdmin);
        var clerk = await fixture.SessionAsync(SakuraOperator);
        var order = await fixture.OrderAsync([10m]);
        var before = await fixture.ShipmentAsync(CreatedId(await ShipAsync(clerk, [order], Quantities((order.Line(1), 1m)))));

        var settings = await admin.GetAsync("/Company/DeliveryNotes");
        var saved = await admin.PostAsync("/Company/DeliveryNotes", settings, ("Prefix", "sk-26"));
        var shown = await admin.GetAsync("/Company/DeliveryNotes");
        var after = await fixture.ShipmentAsync(CreatedId(await ShipAsync(clerk, [order], Quantities((order.Line(1), 1m)))));
        await admin.PostAsync("/Company/DeliveryNotes", shown, ("Prefix", before.DeliveryNoteNumber[..^8]));
        var back = await fixture.ShipmentAsync(CreatedId(await ShipAsync(clerk, [order], Quantities((order.Line(1), 1m)))));

        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        Assert.Equal("SK-26", shown.Document.QuerySelector("input[name=Prefix]")!.GetAttribute("value"));
        Assert.Equal($"SK-26{long.Parse(before.DeliveryNoteNumber[^8..], System.Globalization.CultureInfo.InvariantCulture) + 1:D8}", after.DeliveryNoteNumber);
        Assert.Contains($"次の納品書番号: {after.DeliveryNoteNumber}", shown.Text.Replace("SK-26", "SK-26", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(before.DeliveryNoteNumber[..^8], back.DeliveryNoteNumber[..^8]);
        Assert.True(string.CompareOrdinal(back.DeliveryNoteNumber[^8..], after.DeliveryNoteNumber[^8..]) > 0);
        Assert.Equal(3, new[] { before, after, back }.Select(s => s.DeliveryNoteNumber).Distinct().Count());
    }

    [Fact]
    public async Task Shipments_created_at_the_same_moment_get_numbers_of_their_own()
    {
        var orders = new[] { await fixture.OrderAsync([1m]), await fixture.OrderAsync([1m]), await fixture.OrderAsync([1m]) };
        var sessions = new[] { await fixture.SessionAsync(SakuraOperator), await fixture.SessionAsync(SakuraAdmin), await fixture.SessionAsync(SakuraOperator) };
        var forms = await Task.WhenAll(orders.Select((o, i) => sessions[i].GetAsync($"/Shipments/Create?order={o.Id}")));

        var responses = await Task.WhenAll(orders.Select((o, i) => sessions[i].PostAsync($"/Shipments/Create?order={o.Id}", forms[i],
            [.. Fields(FormHolding(forms[i], o.Line(1).Id), Quantities((o.Line(1), 1m)), "2026-11-16")])));

        var numbers = new List<string>();
        foreach (var response in responses)
        {
            numbers.Add((await fixture.ShipmentAsync(CreatedId(response))).DeliveryNoteNumber);
        }

        Assert.Equal(3, numbers.Distinct().Count());
    }

    [Theory]
    [InlineData("TOO-LONG-1")]
    [InlineData("DN_")]
    [InlineData("納品")]
    public async Task A_prefix_that_cannot_be_printed_as_a_barcode_is_refused(string prefix)
    {
        var admin = await fixture.SessionAsync(SakuraAdmin);
        var settings = await admin.GetAsync("/Company/DeliveryNotes");
        var current = settings.Document.QuerySelector("input[name=Prefix]")!.GetAttribute("value");

        var response = await admin.PostAsync("/Company/DeliveryNotes", settings, ("Prefix", prefix));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Contains("プレフィックスは英大文字・数字・ハイフンで 8 文字までです", response.Document.QuerySelector(".field-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(current, (await admin.GetAsync("/Company/DeliveryNotes")).Document.QuerySelector("input[name=Prefix]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Only_the_company_admin_opens_the_numbering_settings()
    {
        var clerk = await fixture.SessionAsync(SakuraOperator);

        var page = await clerk.GetAsync("/Company/DeliveryNotes");

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.StartsWith("/Account/AccessDenied", new Uri(fixture.Portal.BaseAddress, page.Location).AbsolutePath, StringComparison.Ordinal);
    }

    [Collection(ShipmentsOnSqlite.Name)]
    public sealed class On_SQLite(SqliteShipmentsPortal fixture) : Numbering_delivery_notes(fixture);

    [Collection(ShipmentsOnPostgreSql.Name)]
    public sealed class On_PostgreSQL(PostgreSqlShipmentsPortal fixture) : Numbering_delivery_notes(fixture);
}
