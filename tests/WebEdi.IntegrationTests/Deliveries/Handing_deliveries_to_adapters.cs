using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using WebEdi.Data;
using WebEdi.Data.Deliveries;
using WebEdi.Data.Outbox;
using WebEdi.Integration;
using WebEdi.Integration.Channels;
using WebEdi.Integration.Dispatch;
using WebEdi.IntegrationTests.Notifications;
using WebEdi.IntegrationTests.Persistence;

namespace WebEdi.IntegrationTests.Deliveries;

/// <summary>
/// The dispatcher's hand-over to an adapter and the adapter's claim, on a real database and MassTransit's in-memory
/// transport (the embedded default's), with a clock the test moves: what a repeated or late queue message does.
/// </summary>
public sealed class Handing_deliveries_to_adapters
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 1, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_message_the_broker_hands_out_twice_sends_its_documents_once(DatabaseProvider provider)
    {
        await using var setup = await Setup.StartAsync(provider, documents: 3);
        var message = Assert.Single(await setup.QueueAsync());
        Assert.Equal(3, message.Deliveries.Count);

        // The second copy arrives while the first is still being sent, and again after it was done.
        var gate = new TaskCompletionSource();
        setup.Adapter.Gate = gate.Task;
        var first = setup.RunAsync(message);
        await setup.Adapter.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        // (Bounded: a second copy that was let through would wait at the gate.)
        await setup.RunAsync(message).WaitAsync(TimeSpan.FromSeconds(15));
        gate.SetResult();
        await first;
        await setup.RunAsync(message);

        Assert.Equal(3, setup.Adapter.Sent.Count);
        Assert.Equal(3, setup.Adapter.Sent.Select(d => d.DocumentId).Distinct().Count());
        await using var db = setup.Open();
        Assert.All(await db.Deliveries.ToListAsync(), d => Assert.Equal(DeliveryState.Delivered, d.State));
        Assert.Empty(await db.DeliveryHandOvers.ToListAsync());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_message_no_adapter_took_within_the_queue_lease_is_given_up_and_arriving_late_sends_nothing(DatabaseProvider provider)
    {
        await using var setup = await Setup.StartAsync(provider, documents: 2);
        var lost = Assert.Single(await setup.QueueAsync());

        // Within the lease the rows stay with their hand-over; past it they are taken back.
        setup.Clock.Advance(DeliveryScheduler.QueueLease - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await setup.ReleaseExpiredAsync());
        setup.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(2, await setup.ReleaseExpiredAsync());
        await using (var db = setup.Open())
        {
            Assert.All(await db.Deliveries.ToListAsync(), d => Assert.Equal((DeliveryState.Pending, (Guid?)null), (d.State, d.Token)));
            Assert.Empty(await db.DeliveryHandOvers.ToListAsync());
        }

        // Queued again under a new hand-over; the old message, should it turn up now, is stale.
        var again = Assert.Single(await setup.QueueAsync());
        Assert.NotEqual(lost.Token, again.Token);
        await setup.RunAsync(lost);
        Assert.Empty(setup.Adapter.Sent);
        await setup.RunAsync(again);
        Assert.Equal(2, setup.Adapter.Sent.Count);
        await using (var db = setup.Open())
        {
            Assert.All(await db.Deliveries.ToListAsync(), d => Assert.Equal(DeliveryState.Delivered, d.State));
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_failed_document_is_scheduled_again_and_its_group_mates_are_delivered(DatabaseProvider provider)
    {
        await using var setup = await Setup.StartAsync(provider, documents: 3);
        var message = Assert.Single(await setup.QueueAsync());
        setup.Adapter.Fail = d => d.OrderNumber == "PO-2";

        await setup.RunAsync(message);

        await using var db = setup.Open();
        var states = await db.Deliveries.Include(d => d.AttemptLog).OrderBy(d => d.OrderNumber).ToListAsync();
        Assert.Equal([DeliveryState.Delivered, DeliveryState.Retrying, DeliveryState.Delivered], states.Select(d => d.State));
        Assert.Equal("refused by the test", Assert.Single(states[1].AttemptLog).Error);
        Assert.All(states, d => Assert.Null(d.Token));
        Assert.Empty(await db.DeliveryHandOvers.ToListAsync());
    }

    /// <summary>A migrated database with a buyer on the bus, its documents fanned out, and the in-memory bus catching hand-overs.</summary>
    private sealed class Setup : IAsyncDisposable
    {
        private readonly DatabaseOptions _database;
        private readonly IBusControl _bus;
        private readonly List<DeliverDocuments> _caught;

        private Setup(DatabaseOptions database, IBusControl bus, List<DeliverDocuments> caught)
        {
            _database = database;
            _bus = bus;
            _caught = caught;
        }

        public ManualTimeProvider Clock { get; } = new(Start);

        public RecordingAdapter Adapter { get; } = new();

        public static async Task<Setup> StartAsync(DatabaseProvider provider, int documents)
        {
            var database = await TestDatabase.MigratedAsync(provider);
            List<DeliverDocuments> caught = [];
            var bus = Bus.Factory.CreateUsingInMemory(cfg => cfg.ReceiveEndpoint(AdapterQueues.Name(ChannelKind.Bus), e => e.Handler<DeliverDocuments>(context =>
            {
                lock (caught)
                {
                    caught.Add(context.Message);
                }

                return Task.CompletedTask;
            })));
            await bus.StartAsync();
            var setup = new Setup(database, bus, caught);
            await using var db = setup.Open();
            var trade = await Trade.StoreAsync(db);
            db.BuyerChannels.Add(BuyerChannel.Bus(trade.Buyer.Id, Start.UtcDateTime));
            db.OutboxMessages.AddRange(Enumerable.Range(1, documents).Select(i => OutboxMessage.Create(
                Guid.NewGuid(), trade.Buyer.Id, "PurchaseOrderAnswered", $$"""{"orderNumber":"PO-{{i}}"}""", $"PO-{i}", Start.UtcDateTime)));
            await db.SaveChangesAsync();
            Assert.Equal(documents, await new DocumentFanOut(db, setup.Clock).RunOnceAsync(CancellationToken.None));
            return setup;
        }

        public WebEdiDbContext Open() => TestDatabase.Open(_database);

        /// <summary>One scheduler pass; returns the messages it put on the bus adapter's queue.</summary>
        public async Task<IReadOnlyList<DeliverDocuments>> QueueAsync()
        {
            await using var db = Open();
            int before;
            lock (_caught)
            {
                before = _caught.Count;
            }

            var queued = await new DeliveryScheduler(db, _bus, Clock).QueueDueAsync(CancellationToken.None);
            var until = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (true)
            {
                lock (_caught)
                {
                    var messages = _caught.Skip(before).ToList();
                    if (messages.Sum(m => m.Deliveries.Count) >= queued || DateTime.UtcNow > until)
                    {
                        Assert.Equal(queued, messages.Sum(m => m.Deliveries.Count));
                        return messages;
                    }
                }

                await Task.Delay(20);
            }
        }

        public async Task<int> ReleaseExpiredAsync()
        {
            await using var db = Open();
            return await new DeliveryScheduler(db, _bus, Clock).ReleaseExpiredAsync(CancellationToken.None);
        }

        /// <summary>What the bus adapter's consumer does with the message.</summary>
        public async Task RunAsync(DeliverDocuments message)
        {
            await using var db = Open();
            var work = new DeliveryWork(db, new RetrySchedule(new IntegrationOptions.RetrySettings()), Clock, NullLogger<DeliveryWork>.Instance);
            await work.RunAsync(message, Adapter, CancellationToken.None);
        }

        public async ValueTask DisposeAsync() => await _bus.StopAsync();
    }

    /// <summary>The channel end of the adapter: records what it was given, and fails the documents the test says.</summary>
    private sealed class RecordingAdapter : IChannelAdapter
    {
        public List<OutboundDocument> Sent { get; } = [];

        public Func<OutboundDocument, bool> Fail { get; set; } = _ => false;

        /// <summary>Sends wait for this (the ERP answering slowly).</summary>
        public Task Gate { get; set; } = Task.CompletedTask;

        /// <summary>Set when a send has begun.</summary>
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ChannelKind Kind => ChannelKind.Bus;

        public async Task<IReadOnlyList<AttemptOutcome>> SendAsync(IReadOnlyList<OutboundDocument> documents, CancellationToken cancellationToken)
        {
            lock (Sent)
            {
                Sent.AddRange(documents);
            }

            Entered.TrySetResult();
            await Gate;
            var at = Start.UtcDateTime;
            return [.. documents.Select(d => Fail(d)
                ? new AttemptOutcome(at, at, Succeeded: false, Error: "refused by the test")
                : new AttemptOutcome(at, at, Succeeded: true))];
        }
    }
}
