using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WebEdi.Contracts;
using WebEdi.Data;
using WebEdi.Data.Deliveries;
using WebEdi.IntegrationTests.Ordering;
using WebEdi.IntegrationTests.Server;
using WebEdi.Testing;
using static WebEdi.IntegrationTests.Portal.Shipments.ShipmentsPortal;

namespace WebEdi.IntegrationTests.Portal.Shipments;

/// <summary>
/// A shipment created and cancelled in the portal reaches the buyer's ERP — here Python with pika on a real RabbitMQ
/// node — as plain JSON on its reply queue: the notice first, then the cancellation.
/// </summary>
public sealed class Notifying_the_buyer_of_a_shipment
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task ShipmentNotified_and_ShipmentCancelled_reach_a_pika_consumer_on_the_buyers_reply_queue_in_order(DatabaseProvider provider)
    {
        var rabbit = await RabbitMqNode.SharedAsync();
        var vhost = await rabbit.CreateVirtualHostAsync("shipments");
        var portal = new OwnShipmentsPortal(provider, new Dictionary<string, string?>
        {
            ["WebEdi:Bus:Transport"] = "RabbitMq",
            ["WebEdi:Bus:RabbitMq:Uri"] = vhost.ToString(),
        });
        await portal.InitializeAsync();
        try
        {
            var order = await portal.OrderAsync([100m, 8m]);
            var session = await portal.SessionAsync(SakuraOperator);
            var id = CreatedId(await ShipAsync(session, [order], Quantities((order.Line(1), 60m), (order.Line(2), 8m))));
            var detail = await session.GetAsync($"/Shipments/{id}");
            await session.PostAsync($"/Shipments/{id}?handler=Cancel", detail, ("Version", detail.Form("form.cancel-form").QuerySelector("input[name=Version]")!.GetAttribute("value")!));
            var number = (await portal.ShipmentAsync(id)).DeliveryNoteNumber;
            var documents = await portal.DocumentsAsync(number);
            Assert.Equal([nameof(ShipmentNotified), nameof(ShipmentCancelled)], documents.Select(d => d.MessageType));

            await using (var db = portal.Portal.OpenDatabase())
            {
                var ids = documents.Select(d => d.Id).ToList();
                await Bus_intake.WithServerOutputAsync(portal.Portal.Server, () => Starting_the_server.WaitForAsync(async () =>
                    await db.Deliveries.CountAsync(d => ids.Contains(d.DocumentId) && d.Kind == ChannelKind.Bus && d.State == DeliveryState.Delivered) == 2));
            }

            var replies = (await Bus_intake.ReadRepliesWithPikaAsync(vhost, Tokai)).Where(r => r.Type.StartsWith("Shipment", StringComparison.Ordinal)).ToList();
            Assert.Equal(documents.Select(d => (d.Id.ToString(), d.MessageType)), replies.Select(r => (r.MessageId, r.Type)));
            Assert.All(replies, r => Assert.Equal("application/json", r.ContentType));
            var notice = JsonSerializer.Deserialize<ShipmentNotified>(replies[0].Body, ContractJson.Options)!;
            Assert.Equal((number, "S10021", Location), (notice.DeliveryNoteNumber, notice.SupplierCode, notice.DeliveryLocation));
            Assert.Equal([(order.OrderNumber, 1, 60m, false), (order.OrderNumber, 2, 8m, true)], notice.Lines.Select(l => (l.OrderNumber, l.LineNumber, l.Quantity, l.CompletesLine)));
            var cancellation = JsonSerializer.Deserialize<ShipmentCancelled>(replies[1].Body, ContractJson.Options)!;
            Assert.Equal(number, cancellation.DeliveryNoteNumber);
            Assert.Equal(notice.Lines.Select(l => (l.OrderNumber, l.LineNumber, l.Quantity)), cancellation.Lines.Select(l => (l.OrderNumber, l.LineNumber, l.Quantity)));
        }
        finally
        {
            await portal.DisposeAsync();
        }
    }
}
