using WebEdi.Data.Deliveries;
using WebEdi.Integration.Dispatch;

namespace WebEdi.Integration.Tests;

/// <summary>When a failed delivery is tried again, and when it is given up.</summary>
public sealed class Retrying_deliveries
{
    private static readonly DateTime Start = new(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Waits_grow_from_about_the_first_delay_and_never_pass_the_maximum()
    {
        var schedule = new RetrySchedule(new IntegrationOptions.RetrySettings { FirstDelay = TimeSpan.FromSeconds(30), MaxDelay = TimeSpan.FromHours(1) });

        var first = Enumerable.Range(0, 200).Select(_ => schedule.DelayAfter(1)).ToList();
        var tenth = Enumerable.Range(0, 200).Select(_ => schedule.DelayAfter(10)).ToList();
        var fiftieth = Enumerable.Range(0, 50).Select(_ => schedule.DelayAfter(50)).ToList();

        Assert.InRange(first.Average(d => d.TotalSeconds), 10, 60);
        Assert.True(first.Distinct().Count() > 50, "the delays are jittered, not all the same");
        Assert.True(tenth.Average(d => d.TotalSeconds) > 10 * first.Average(d => d.TotalSeconds), "later waits are much longer");
        Assert.All(fiftieth, d => Assert.True(d <= TimeSpan.FromHours(1) && d > TimeSpan.Zero));
    }

    [Fact]
    public void A_failure_schedules_the_next_attempt_within_the_window_and_records_it()
    {
        var delivery = New();

        delivery.Failed(Start, Start.AddSeconds(2), 503, "HTTP 503", TimeSpan.FromMinutes(1), TimeSpan.FromHours(24), permanent: false, "1@test");

        Assert.Equal(DeliveryState.Retrying, delivery.State);
        Assert.Equal(Start.AddSeconds(2).AddMinutes(1), delivery.NextAttemptAt);
        Assert.Equal((1, Start), (delivery.Attempts, delivery.FirstAttemptAt!.Value));
        var attempt = Assert.Single(delivery.AttemptLog);
        Assert.Equal((1, 503, "HTTP 503", 2000), (attempt.Number, attempt.StatusCode, attempt.Error, attempt.DurationMilliseconds));
    }

    [Fact]
    public void A_failure_whose_next_attempt_would_fall_after_the_window_is_dead()
    {
        var delivery = New();
        delivery.Failed(Start, Start, null, "refused", TimeSpan.FromHours(10), TimeSpan.FromHours(24), permanent: false, "1@test");
        delivery.Failed(Start.AddHours(10), Start.AddHours(10), null, "refused", TimeSpan.FromHours(10), TimeSpan.FromHours(24), permanent: false, "1@test");
        Assert.Equal(DeliveryState.Retrying, delivery.State);

        delivery.Failed(Start.AddHours(20), Start.AddHours(20), null, "refused", TimeSpan.FromHours(10), TimeSpan.FromHours(24), permanent: false, "1@test");

        Assert.Equal(DeliveryState.Dead, delivery.State);
        Assert.Equal(Start.AddHours(20), delivery.DeadAt);
        Assert.Null(delivery.NextAttemptAt);
    }

    [Fact]
    public void A_permanent_failure_is_dead_at_once()
    {
        var delivery = New();

        delivery.Failed(Start, Start, null, "cannot be written in Shift_JIS", TimeSpan.FromSeconds(1), TimeSpan.FromHours(24), permanent: true, "1@test");

        Assert.Equal(DeliveryState.Dead, delivery.State);
    }

    [Fact]
    public void A_replay_starts_again_with_a_fresh_window_and_keeps_the_attempt_history()
    {
        var delivery = New();
        delivery.Failed(Start, Start, null, "x", TimeSpan.FromSeconds(1), TimeSpan.FromHours(1), permanent: true, "1@test");

        Assert.True(delivery.Replay(Start.AddDays(1)));

        Assert.Equal((DeliveryState.Pending, 0, 1), (delivery.State, delivery.Attempts, delivery.Replays));
        Assert.Null(delivery.FirstAttemptAt);
        Assert.Equal(Start.AddDays(1), delivery.ReplayedAt);
        Assert.Single(delivery.AttemptLog);
        Assert.False(delivery.Replay(Start.AddDays(1)), "a pending delivery is on its way already");
    }

    [Fact]
    public void A_delivered_document_can_be_sent_again()
    {
        var delivery = New();
        delivery.Succeeded(Start, Start, "1@test");

        Assert.True(delivery.Replay(Start.AddHours(1)));
        Assert.Equal(DeliveryState.Pending, delivery.State);
    }

    [Fact]
    public void A_success_records_when_and_by_whom_on_the_delivery_and_adds_no_attempt_row()
    {
        var delivery = New();
        delivery.Failed(Start, Start.AddSeconds(1), 500, "HTTP 500", TimeSpan.FromMinutes(1), TimeSpan.FromHours(24), permanent: false, "1@test");

        delivery.Succeeded(Start.AddMinutes(1), Start.AddMinutes(1).AddSeconds(2), "2@test");

        Assert.Equal((DeliveryState.Delivered, 2, Start.AddMinutes(1).AddSeconds(2), "2@test"), (delivery.State, delivery.Attempts, delivery.DeliveredAt!.Value, delivery.DeliveredBy));
        Assert.Equal(Start, delivery.FirstAttemptAt);
        Assert.Null(delivery.LastError);
        Assert.Null(delivery.NextAttemptAt);
        Assert.Single(delivery.AttemptLog);
    }

    private static Delivery New() =>
        Delivery.Create(1, Guid.CreateVersion7(), "PurchaseOrderAnswered", "PO-1", BuyerChannel.Webhook(Guid.NewGuid(), "https://erp.example/hook", 30, 24, Start), Start);
}
