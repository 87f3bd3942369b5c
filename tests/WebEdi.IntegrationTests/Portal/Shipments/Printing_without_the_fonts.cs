using System.Net;
using WebEdi.Data;
using WebEdi.IntegrationTests.Server;
using static WebEdi.IntegrationTests.Portal.Shipments.ShipmentsPortal;

namespace WebEdi.IntegrationTests.Portal.Shipments;

/// <summary>
/// A server whose font folders hold no IPAex fonts still starts and does everything but print (decision in
/// docs/shipments.md); a print request says which font is missing, where it was looked for and what to install.
/// </summary>
public sealed class Printing_without_the_fonts(Printing_without_the_fonts.Server fixture) : IClassFixture<Printing_without_the_fonts.Server>
{
    public const string EmptyFolder = "/nonexistent/webedi-fonts";

    public sealed class Server() : IAsyncLifetime
    {
        public OwnShipmentsPortal Portal { get; } = new(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["WebEdi:Documents:FontDirectories:0"] = EmptyFolder });

        public Task InitializeAsync() => Portal.InitializeAsync();

        public Task DisposeAsync() => Portal.DisposeAsync();
    }

    [Fact]
    public async Task A_print_request_names_the_missing_font_the_folders_searched_and_the_package_and_prints_nothing()
    {
        var portal = fixture.Portal;
        var order = await portal.OrderAsync([10m]);
        var session = await portal.SessionAsync(SakuraOperator);
        var id = CreatedId(await ShipAsync(session, [order], Quantities((order.Line(1), 10m))));

        var note = await session.PostAsync($"/Shipments/{id}?handler=Print", await session.GetAsync($"/Shipments/{id}"));
        var sheet = await session.GetAsync($"/Orders/{order.Id}?handler=Sheet");

        foreach (var response in new[] { note, sheet })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.Status);
            var message = response.Document.QuerySelector(".print-errors")!.TextContent;
            Assert.Contains("印刷用のフォントが見つからないため印刷できません。", message, StringComparison.Ordinal);
            Assert.Contains("ipaexg.ttf (IPAex Gothic)", message, StringComparison.Ordinal);
            Assert.Contains(EmptyFolder, message, StringComparison.Ordinal);
            Assert.Contains("apt-get install fonts-ipaexfont", message, StringComparison.Ordinal);
        }

        Assert.Equal(0, await portal.CountAsync(db => db.DeliveryNotePrints));
        await Starting_the_server.WaitForAsync(() => portal.Portal.Server.Output.Contains("cannot be printed until the fonts are installed", StringComparison.Ordinal));
        Assert.Contains("ipaexg.ttf", portal.Portal.Server.Output, StringComparison.Ordinal);
    }
}
