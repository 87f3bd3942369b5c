using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using WebEdi.Data;
using WebEdi.IntegrationTests.Server;
using WebEdi.Testing;

namespace WebEdi.IntegrationTests.Ordering;

/// <summary>
/// <c>webedi erp-sim</c> plays a buyer's ERP against the real server: plain JSON on the buyer's intake exchange of a real
/// RabbitMQ node, and batches on the HTTPS API with a key the operator created.
/// </summary>
public sealed class Erp_simulator
{
    private const string Buyer = "TOKAI-MOTOR";

    [Fact]
    public async Task Sends_orders_over_the_bus_that_are_stored_once_and_answered_once_even_when_sent_again()
    {
        var rabbit = await RabbitMqNode.SharedAsync();
        var vhost = await rabbit.CreateVirtualHostAsync("erp-sim");
        var settings = new Dictionary<string, string?>
        {
            ["WebEdi:Bus:Transport"] = "RabbitMq",
            ["WebEdi:Bus:RabbitMq:Uri"] = vhost.ToString(),
            ["WebEdi:Demo:Seed"] = "true",
            ["WebEdi:Demo:OrderCount"] = "0",
        };
        await using var server = await WebEdiServer.StartAsync(settings);
        await WaitForQueueAsync(rabbit, vhost, server);
        await using var db = OpenDatabase(server);

        var first = await WebEdiServer.RunAsync(settings, server.DataDirectory,
            "erp-sim", "--buyer", Buyer, "--via", "bus", "--orders", "200", "--rate", "0", "--start-number", "1");
        Assert.True(first.ExitCode == 0, first.StandardError);
        Assert.Contains("sent 200 orders (600 lines)", first.StandardOutput, StringComparison.Ordinal);

        await WaitAsync(server, async () => await ReceivedDocumentsAsync(db) >= 200);
        Assert.Equal(200, await db.PurchaseOrders.CountAsync(o => o.OrderNumber.StartsWith("SIM-")));
        Assert.Equal(600, await db.PurchaseOrders.Where(o => o.OrderNumber.StartsWith("SIM-")).SelectMany(o => o.Lines).CountAsync());
        var perOrder = await db.OutboxMessages.Where(m => m.MessageType == "PurchaseOrderReceived" && m.OrderNumber!.StartsWith("SIM-"))
            .GroupBy(m => m.OrderNumber).Select(g => g.Count()).ToListAsync();
        Assert.Equal(200, perOrder.Count);
        Assert.All(perOrder, count => Assert.Equal(1, count));

        var again = await WebEdiServer.RunAsync(settings, server.DataDirectory,
            "erp-sim", "--buyer", Buyer, "--via", "bus", "--orders", "200", "--rate", "0", "--start-number", "1");
        Assert.True(again.ExitCode == 0, again.StandardError);
        await WaitAsync(server, async () => await ReceivedDocumentsAsync(db) >= 400);
        Assert.Equal(200, await db.PurchaseOrders.CountAsync(o => o.OrderNumber.StartsWith("SIM-")));
        var answers = await db.OutboxMessages.Where(m => m.MessageType == "PurchaseOrderReceived").Select(m => m.Payload).ToListAsync();
        Assert.Equal(200, answers.Count(p => p.Contains("\"outcome\":\"Duplicate\"", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Sends_orders_over_HTTPS_with_a_key_from_the_operator_command()
    {
        var settings = new Dictionary<string, string?> { ["WebEdi:Demo:Seed"] = "true", ["WebEdi:Demo:OrderCount"] = "0" };
        await using var server = await WebEdiServer.StartAsync(settings);
        var created = await WebEdiServer.RunAsync(settings, server.DataDirectory, "buyers", "create-api-key", Buyer, "--name", "erp-sim");
        Assert.True(created.ExitCode == 0, created.StandardError);
        var key = created.StandardOutput.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("wedi_", StringComparison.Ordinal));

        var run = await WebEdiServer.RunAsync(settings, server.DataDirectory, "erp-sim", "--buyer", Buyer, "--via", "https",
            "--orders", "50", "--rate", "0", "--api-key", key, "--url", server.BaseAddress.ToString());

        Assert.True(run.ExitCode == 0, run.StandardError + run.StandardOutput);
        Assert.Contains("sent 50 orders (150 lines)", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("(50 received)", run.StandardOutput, StringComparison.Ordinal);
        await using var db = OpenDatabase(server);
        Assert.Equal(50, await db.PurchaseOrders.CountAsync(o => o.OrderNumber.StartsWith("SIM-")));
    }

    [Fact]
    public async Task Refuses_an_unknown_buyer_and_an_unreachable_broker_in_one_line()
    {
        var settings = new Dictionary<string, string?> { ["WebEdi:Demo:Seed"] = "false" };
        var dataDirectory = Directory.CreateTempSubdirectory("webedi-erp-sim-").FullName;

        var unknown = await WebEdiServer.RunAsync(settings, dataDirectory, "erp-sim", "--buyer", "NO-SUCH", "--via", "bus", "--amqp", "amqp://guest:guest@127.0.0.1:1/");
        var unreachable = await WebEdiServer.RunAsync(settings, dataDirectory, "erp-sim", "--buyer", Buyer, "--via", "bus",
            "--amqp", $"amqp://guest:guest@127.0.0.1:{FreePort.Next()}/");

        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("no buyer 'NO-SUCH'", unknown.StandardError.Trim(), StringComparison.Ordinal);
        Assert.Single(unknown.StandardError.Trim().Split('\n'));
        Assert.Equal(1, unreachable.ExitCode);
        Assert.Contains("unreachable", unreachable.StandardError.Trim(), StringComparison.Ordinal);
        Assert.Single(unreachable.StandardError.Trim().Split('\n'));
    }

    private static WebEdiDbContext OpenDatabase(WebEdiServer server) => Persistence.TestDatabase.Open(new DatabaseOptions
    {
        Provider = DatabaseProvider.Sqlite,
        ConnectionString = $"Data Source={Path.Combine(server.DataDirectory, "webedi.db")}",
    });

    private static Task<int> ReceivedDocumentsAsync(WebEdiDbContext db) =>
        db.OutboxMessages.CountAsync(m => m.MessageType == "PurchaseOrderReceived" && m.OrderNumber!.StartsWith("SIM-"));

    private static async Task WaitAsync(WebEdiServer server, Func<Task<bool>> condition)
    {
        try
        {
            await Starting_the_server.WaitForAsync(condition);
        }
        catch (Exception e) when (e is Xunit.Sdk.XunitException)
        {
            throw new Xunit.Sdk.XunitException($"{e.Message}\nServer output:\n{server.Output}");
        }
    }

    /// <summary>The intake exchange exists once the orders role has picked up the buyer; publishing earlier is refused.</summary>
    private static async Task WaitForQueueAsync(RabbitMqNode rabbit, Uri vhost, WebEdiServer server)
    {
        using var http = new HttpClient { BaseAddress = rabbit.ManagementUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("guest:guest")));
        var path = $"api/queues/{Uri.EscapeDataString(Uri.UnescapeDataString(vhost.AbsolutePath.TrimStart('/')))}/webedi.intake.{Buyer}";
        await WaitAsync(server, async () =>
        {
            using var response = await http.GetAsync(path);
            return response.StatusCode == HttpStatusCode.OK;
        });
    }
}
