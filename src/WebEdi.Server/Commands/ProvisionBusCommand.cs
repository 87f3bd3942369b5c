using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WebEdi.Data;
using WebEdi.Integration.Channels;
using WebEdi.Integration.Channels.Bus;
using WebEdi.Ordering.Intake;
using WebEdi.Server.Bus;

namespace WebEdi.Server.Commands;

/// <summary>
/// <c>webedi buyers provision-bus BUYER</c>: gives a buyer's ERP its own RabbitMQ user on WebEdi's virtual host, allowed
/// to write only to the buyer's intake exchange and read only its reply queue, through the management API; creates the
/// durable reply queue; and prints what the ERP's integrator needs. Running it again rotates the password.
/// </summary>
internal sealed class ProvisionBusCommand(string buyerCode) : CommandLine
{
    public override async Task<int> RunAsync(WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<BusOptions>>().Value;
        if (options.Transport != BusTransport.RabbitMq || options.RabbitMq.Uri is null)
        {
            Console.Error.WriteLine($"webedi: provision-bus needs {BusOptions.Section}:Transport=RabbitMq and {BusOptions.Section}:RabbitMq:Uri.");
            return ExitConfigurationError;
        }

        Guid buyerId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WebEdiDbContext>();
            var buyer = await db.Companies.Where(c => c.Code == buyerCode && c.IsBuyer).Select(c => (Guid?)c.Id).SingleOrDefaultAsync();
            if (buyer is null)
            {
                Console.Error.WriteLine($"webedi: there is no buyer with the code '{buyerCode}'.");
                return ExitFailure;
            }

            buyerId = buyer.Value;
        }

        var amqp = new Uri(options.RabbitMq.Uri);
        var vhost = amqp.AbsolutePath.Length > 1 ? Uri.UnescapeDataString(amqp.AbsolutePath[1..]) : "/";
        var management = options.RabbitMq.ManagementUri is { Length: > 0 } m
            ? new Uri(m)
            : new UriBuilder("http", amqp.Host, 15672).Uri;
        var credentials = Uri.UnescapeDataString(amqp.UserInfo);
        using var http = new HttpClient { BaseAddress = management, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));

        var user = "erp-" + buyerCode.ToLowerInvariant();
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
        var intake = Regex(BuyerQueues.Intake(buyerCode));
        var replies = Regex(BuyerReplyQueues.Name(buyerCode));
        var v = Uri.EscapeDataString(vhost);
        try
        {
            await PutAsync(http, $"api/users/{Uri.EscapeDataString(user)}", new { password, tags = "" });
            // Configure on its own intake exchange only: a MassTransit client declares the exchange it sends to (idempotently).
            await PutAsync(http, $"api/permissions/{v}/{Uri.EscapeDataString(user)}", new { configure = intake, write = intake, read = replies });
            await PutAsync(http, $"api/queues/{v}/{Uri.EscapeDataString(BuyerReplyQueues.Name(buyerCode))}", new
            {
                durable = true,
                auto_delete = false,
                arguments = BuyerReplyQueues.Arguments(options.RabbitMq.UseQuorumQueues),
            });
        }
        catch (HttpRequestException e)
        {
            Console.Error.WriteLine($"webedi: the RabbitMQ management API at {management} refused: {e.Message}");
            return ExitFailure;
        }

        // From now on the buyer's documents (replies, answers, ship notices) also go to its reply queue.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<BuyerChannels>().EnsureBusAsync(buyerId, CancellationToken.None);
        }

        Console.WriteLine($"""
            RabbitMQ access for {buyerCode}'s ERP (the password is shown once; run this again to rotate it):
              host           {amqp.Host}
              port           {(amqp.Port > 0 ? amqp.Port : 5672)}
              virtual host   {vhost}
              user           {user}
              password       {password}
              publish to     exchange '{BuyerQueues.Intake(buyerCode)}' (any routing key), content type application/json,
                             AMQP 'type' property = SubmitPurchaseOrder | ChangePurchaseOrder | CancelPurchaseOrder
              documents from queue '{BuyerReplyQueues.Name(buyerCode)}' (PurchaseOrderReceived, PurchaseOrderRejected, PurchaseOrderAnswered, …)
            The intake exchange and queue appear within {BuyerIntakeEndpoints.Interval.TotalSeconds:0} s, when the 'orders' role picks up the buyer.
            """);
        return 0;
    }

    private static string Regex(string name) => "^" + System.Text.RegularExpressions.Regex.Escape(name) + "$";

    private static async Task PutAsync(HttpClient http, string path, object body)
    {
        using var response = await http.PutAsJsonAsync(path, body);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"PUT {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
