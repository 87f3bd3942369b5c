using System.Text.Json;
using WebEdi.Data;
using WebEdi.Data.Deliveries;
using WebEdi.IntegrationTests.Ordering;
using WebEdi.Testing;

namespace WebEdi.IntegrationTests.Deliveries;

/// <summary>
/// A buyer whose ERP reads its documents from its own RabbitMQ queue with any AMQP client (here Python's pika): each
/// document is plain JSON with its type and id as AMQP properties; a reply queue deleted by mistake is declared again
/// and nothing is lost.
/// </summary>
public sealed class Delivering_to_the_bus
{
    [Fact]
    public async Task A_python_consumer_reads_every_document_as_plain_json_with_its_type_and_id_and_a_deleted_queue_loses_nothing()
    {
        var rabbit = await RabbitMqNode.SharedAsync();
        var vhost = await rabbit.CreateVirtualHostAsync("bus-adapter");
        var vhostName = Uri.UnescapeDataString(vhost.AbsolutePath.TrimStart('/'));
        await using var scenario = await DeliveryScenario.StartAsync(DatabaseProvider.PostgreSql, new Dictionary<string, string?>
        {
            ["WebEdi:Bus:Transport"] = "RabbitMq",
            ["WebEdi:Bus:RabbitMq:Uri"] = vhost.ToString(),
        });
        await using (var db = scenario.Open())
        {
            db.BuyerChannels.Add(BuyerChannel.Bus((await scenario.CompanyAsync(DeliveryScenario.Buyer)).Id, DateTime.UtcNow));
            await db.SaveChangesAsync();
        }

        var orders = await scenario.SubmitOrdersAsync("PO-AMQP", 10);
        await scenario.AnswerOrdersAsync(orders);
        var first = await scenario.WaitForDeliveriesAsync(d => d.Count == 20 && d.All(x => x.State == DeliveryState.Delivered));
        var replies = await Bus_intake.ReadRepliesWithPikaAsync(vhost, DeliveryScenario.Buyer);

        Assert.Equal(first.Select(d => d.DocumentId.ToString()).Order(), replies.Select(r => r.MessageId).Order());
        Assert.All(replies, r => Assert.Equal("application/json", r.ContentType));
        var answered = replies.Where(r => r.Type == "PurchaseOrderAnswered").ToList();
        Assert.Equal(10, answered.Count);
        var body = JsonDocument.Parse(answered[0].Body).RootElement;
        Assert.Equal(answered[0].MessageId, body.GetProperty("documentId").GetString());
        Assert.Equal("S10021", body.GetProperty("supplierCode").GetString());
        Assert.Equal("Accepted", body.GetProperty("lines")[0].GetProperty("answer").GetString());
        Assert.Equal("鈴木 健", body.GetProperty("answeredBy").GetString());

        // The buyer's administrator deletes the reply queue by mistake; the next documents declare it again.
        var deleted = await rabbit.RabbitMqCtlAsync("delete_queue", "-p", vhostName, "webedi.replies.TOKAI-MOTOR");
        Assert.Equal(0, deleted.ExitCode);
        await scenario.SubmitOrdersAsync("PO-AMQP-AGAIN", 10);
        var all = await scenario.WaitForDeliveriesAsync(d => d.Count == 30 && d.All(x => x.State == DeliveryState.Delivered));

        // A publishing lane that still believed the queue existed had its documents returned and retried them.
        Assert.All(all.SelectMany(d => d.AttemptLog), a => Assert.Equal(
            "the broker returned the document: queue 'webedi.replies.TOKAI-MOTOR' does not exist (it is declared again on the next attempt).", a.Error));
        var afterDeletion = await Bus_intake.ReadRepliesWithPikaAsync(vhost, DeliveryScenario.Buyer);
        Assert.Equal(all.Skip(20).Select(d => d.DocumentId.ToString()).Order(), afterDeletion.Select(r => r.MessageId).Order());
    }
}
