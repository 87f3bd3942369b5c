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
        var message = Assert.Single(setup.FannedOut);
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
        var lost = Assert.Single(setup.FannedOut);

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
        var message = Assert.Single(setup.FannedOut);
        setup.Adapter.Fail = d => d.OrderNumber == "PO-2";

        await setup.RunAsync(message);

        await using var db = setup.Open();
        var states = await db.Deliveries.Include(d => d.AttemptLog).OrderBy(d => d.OrderNumber).ToListAsync();
        Assert.Equal([DeliveryState.Delivered, DeliveryState.Retrying, DeliveryState.Delivered], states.Select(d => d.State));
        Assert.Equal("refused by the test", Assert.Single(states[1].AttemptLog).Error);
        Assert.All(states, d => Assert.Null(d.Token));
        Assert.Empty(await db.DeliveryHandOvers.ToListAsync());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_document_behind_an_earlier_one_of_its_order_waits_for_it_and_goes_once_that_is_delivered(DatabaseProvider provider)
    {
        // PO-1 answered twice in one batch: its second document waits for its first; PO-2 goes at once.
        await using var setup = await Setup.StartAsync(provider, ["PO-1", "PO-1", "PO-2"]);
        var first = Assert.Single(setup.FannedOut);
        Assert.Equal(2, first.Deliveries.Count);
        Assert.Equal([DeliveryState.Queued, DeliveryState.Pending, DeliveryState.Queued], await setup.StatesAsync());

        // In a later batch, a document of an order whose earlier one is still on its way waits too.
        Assert.Empty(await setup.FanOutAsync(["PO-2"]));
        Assert.Equal([DeliveryState.Queued, DeliveryState.Pending, DeliveryState.Queued, DeliveryState.Pending], await setup.StatesAsync());

        // The scheduler leaves them while the earlier ones are on their way, and sends them once those are delivered.
        Assert.Empty(await setup.QueueAsync());
        await setup.RunAsync(first);
        var second = Assert.Single(await setup.QueueAsync());
        Assert.Equal(2, second.Deliveries.Count);
        await setup.RunAsync(second);
        Assert.Equal(["PO-1", "PO-2", "PO-1", "PO-2"], setup.Adapter.Sent.Select(d => d.OrderNumber));
        Assert.All(await setup.StatesAsync(), state => Assert.Equal(DeliveryState.Delivered, state));
    }

    // Several adapters processes share a PostgreSQL database; on SQLite one writer at a time keeps the race from happening.
    [Fact]
    public async Task Of_two_fan_outs_racing_for_documents_the_loser_lets_its_batch_go_and_nothing_is_fanned_out_twice()
    {
        await using var setup = await Setup.StartAsync(DatabaseProvider.PostgreSql, documents: 0);
        await setup.WriteAsync(["PO-1", "PO-2", "PO-3"]);

        // Another process has taken document 2 off the queue and not committed yet: this one waits for it, then finds
        // it gone and leaves all three.
        await using var rival = setup.Open();
        await using var rivalBatch = await rival.Database.BeginTransactionAsync();
        Assert.Equal(1, await rival.FanOutQueue.Where(e => e.Sequence == 2).ExecuteDeleteAsync());
        await using var db = setup.Open();
        var losing = setup.FanOut(db).RunOnceAsync(CancellationToken.None);
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.False(losing.IsCompleted);
        await rivalBatch.CommitAsync();
        Assert.Equal(0, await losing.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Empty(await setup.StatesAsync());

        // Its next look fans out the two that are left, once each.
        Assert.Equal(2, await setup.FanOut(db).RunOnceAsync(CancellationToken.None));
        await using var check = setup.Open();
        Assert.Equal([1L, 3L], await check.Deliveries.OrderBy(d => d.OutboxSequence).Select(d => d.OutboxSequence).ToListAsync());
        Assert.Empty(await check.FanOutQueue.ToListAsync());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task The_fan_out_queues_no_more_than_a_channel_may_have_in_flight(DatabaseProvider provider)
    {
        var limit = DeliveryScheduler.InFlightPerChannel(ChannelKind.Webhook);
        await using var setup = await Setup.StartAsync(provider, [.. Enumerable.Range(1, limit + 2).Select(i => $"PO-{i}")], ChannelKind.Webhook);

        // A webhook's groups hold 16 documents, all of one channel.
        Assert.Equal(limit, setup.FannedOut.Sum(m => m.Deliveries.Count));
        Assert.All(setup.FannedOut, m => Assert.Equal(AdapterQueues.GroupSize(ChannelKind.Webhook), m.Deliveries.Count));
        var states = await setup.StatesAsync();
        Assert.Equal(limit, states.Count(s => s == DeliveryState.Queued));
        Assert.Equal([DeliveryState.Pending, DeliveryState.Pending], states[limit..]);
    }

    /// <summary>
    /// A migrated database with a buyer on the bus, its documents fanned out — and so queued at once, nothing being
    /// ahead of them — and the in-memory bus catching hand-overs.
    /// </summary>
    private sealed class Setup : IAsyncDisposable
    {
        private readonly DatabaseOptions _database;
        private readonly IBusControl _bus;
        private readonly List<DeliverDocuments> _caught;
        private Guid _buyerId;

        private Setup(DatabaseOptions database, IBusControl bus, List<DeliverDocuments> caught)
        {
            _database = database;
            _bus = bus;
            _caught = caught;
        }

        public ManualTimeProvider Clock { get; } = new(Start);

        public RecordingAdapter Adapter { get; } = new();

        /// <summary>What the fan-out put on the bus adapter's queue.</summary>
        public IReadOnlyList<DeliverDocuments> FannedOut { get; private set; } = [];

        public static Task<Setup> StartAsync(DatabaseProvider provider, int documents) =>
            StartAsync(provider, [.. Enumerable.Range(1, documents).Select(i => $"PO-{i}")]);

        /// <summary>One document per order number given (in that order), on a channel of <paramref name="kind"/>.</summary>
        public static async Task<Setup> StartAsync(DatabaseProvider provider, IReadOnlyList<string> orders, ChannelKind kind = ChannelKind.Bus)
        {
            var database = await TestDatabase.MigratedAsync(provider);
            List<DeliverDocuments> caught = [];
            var bus = Bus.Factory.CreateUsingInMemory(cfg => cfg.ReceiveEndpoint(AdapterQueues.Name(kind), e => e.Handler<DeliverDocuments>(context =>
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
            setup._buyerId = trade.Buyer.Id;
            db.BuyerChannels.Add(kind == ChannelKind.Webhook
                ? BuyerChannel.Webhook(trade.Buyer.Id, "https://erp.example/hook", 30, 24, Start.UtcDateTime)
                : BuyerChannel.Bus(trade.Buyer.Id, Start.UtcDateTime));
            await db.SaveChangesAsync();
            setup.FannedOut = await setup.FanOutAsync(orders);
            return setup;
        }

        /// <summary>Writes one outbox document per order number and runs the fan-out; returns the messages it queued.</summary>
        public async Task<IReadOnlyList<DeliverDocuments>> FanOutAsync(IReadOnlyList<string> orders)
        {
            await WriteAsync(orders);
            await using var db = Open();
            int before;
            lock (_caught)
            {
                before = _caught.Count;
            }

            var queuedBefore = await db.Deliveries.CountAsync(d => d.State == DeliveryState.Queued);
            Assert.Equal(orders.Count, await FanOut(db).RunOnceAsync(CancellationToken.None));
            return await CaughtAsync(before, await db.Deliveries.CountAsync(d => d.State == DeliveryState.Queued) - queuedBefore);
        }

        /// <summary>Writes one outbox document per order number given, in that order.</summary>
        public async Task WriteAsync(IReadOnlyList<string> orders)
        {
            await using var db = Open();
            db.OutboxMessages.AddRange(orders.Select(order => OutboxMessage.Create(
                Guid.NewGuid(), _buyerId, "PurchaseOrderAnswered", $$"""{"orderNumber":"{{order}}"}""", order, Start.UtcDateTime)));
            await db.SaveChangesAsync();
        }

        public DocumentFanOut FanOut(WebEdiDbContext db) => new(db, _bus, Clock);

        public WebEdiDbContext Open() => TestDatabase.Open(_database);

        /// <summary>Every delivery's state, in document order.</summary>
        public async Task<List<DeliveryState>> StatesAsync()
        {
            await using var db = Open();
            return await db.Deliveries.OrderBy(d => d.OutboxSequence).Select(d => d.State).ToListAsync();
        }

        /// <summary>One scheduler pass; returns the messages it put on the bus adapter's queue.</summary>
        public async Task<IReadOnlyList<DeliverDocuments>> QueueAsync()
        {
            await using var db = Open();
            int before;
            lock (_caught)
            {
                before = _caught.Count;
            }

            return await CaughtAsync(before, await new DeliveryScheduler(db, _bus, Clock).QueueDueAsync(CancellationToken.None));
        }

        /// <summary>The messages caught after the first <paramref name="before"/>, once they hold <paramref name="queued"/> deliveries.</summary>
        private async Task<IReadOnlyList<DeliverDocuments>> CaughtAsync(int before, int queued)
        {
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
