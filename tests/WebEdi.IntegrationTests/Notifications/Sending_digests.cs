using WebEdi.Data;
using WebEdi.Data.Notifications;
using WebEdi.Domain.Users;
using WebEdi.Ordering.Notifications;
using WebEdi.Testing;

namespace WebEdi.IntegrationTests.Notifications;

/// <summary>Digests are stored first and sent after: a mail server that is down delays them, never loses them.</summary>
public sealed class Sending_digests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_mail_server_that_is_down_is_tried_again_later_and_the_digest_then_arrives(DatabaseProvider provider)
    {
        var smtp = await SmtpServer.SharedAsync();
        var s = await NotificationScenario.CreateAsync(provider);
        await s.AddUserAsync("admin", UserRole.CompanyAdmin);
        await s.SubmitAsync("PO-1001");
        s.Clock.Advance(TimeSpan.FromMinutes(15));
        await s.BuildAsync();

        var down = s.Smtp("127.0.0.1", FreePort.Next());
        Assert.Equal(0, await s.SendAsync(down));
        var failed = Assert.Single(await s.DigestsAsync());
        Assert.Equal((DigestStatus.Pending, 1, s.Now + TimeSpan.FromMinutes(2)), (failed.Status, failed.Attempts, failed.NextAttemptAt));
        Assert.False(string.IsNullOrWhiteSpace(failed.LastError));
        Assert.Null(failed.LeaseOwner);

        Assert.Equal(0, await s.SendAsync(s.Smtp(smtp)));
        Assert.Empty(s.Mail(smtp)[s.Address("admin")]);

        s.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await s.SendAsync(s.Smtp(smtp)));
        var sent = Assert.Single(await s.DigestsAsync());
        Assert.Equal((DigestStatus.Sent, 2, s.Now, null), (sent.Status, sent.Attempts, sent.SentAt, sent.LastError));
        Assert.Equal("【WebEdi】新規注文 1件（東海モーター工業株式会社）", Assert.Single(s.Mail(smtp)[s.Address("admin")]).Subject);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Are_given_up_after_eight_attempts_over_about_a_day_and_marked_failed(DatabaseProvider provider)
    {
        var s = await NotificationScenario.CreateAsync(provider);
        await s.AddUserAsync("admin", UserRole.CompanyAdmin);
        await s.SubmitAsync("PO-1001");
        s.Clock.Advance(TimeSpan.FromMinutes(15));
        await s.BuildAsync();
        var down = s.Smtp("127.0.0.1", FreePort.Next());
        var first = s.Now;

        for (var attempt = 1; attempt <= DigestSender.MaxAttempts; attempt++)
        {
            await s.SendAsync(down);
            Assert.Equal(attempt, Assert.Single(await s.DigestsAsync()).Attempts);
            if (attempt < DigestSender.MaxAttempts)
            {
                s.Clock.Advance(DigestSender.RetryDelay(attempt));
            }
        }

        var digest = Assert.Single(await s.DigestsAsync());
        Assert.Equal(DigestStatus.Failed, digest.Status);
        Assert.InRange(s.Now - first, TimeSpan.FromHours(18), TimeSpan.FromHours(30));

        s.Clock.Advance(TimeSpan.FromDays(2));
        await s.SendAsync(down);
        Assert.Equal(DigestSender.MaxAttempts, Assert.Single(await s.DigestsAsync()).Attempts);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Two_senders_at_once_send_each_digest_once(DatabaseProvider provider)
    {
        var smtp = await SmtpServer.SharedAsync();
        var s = await NotificationScenario.CreateAsync(provider);
        foreach (var name in new[] { "a", "b", "c", "d", "e", "f" })
        {
            await s.AddUserAsync(name, UserRole.Operator);
        }

        await s.SubmitAsync("PO-1001");
        s.Clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(6, await s.BuildAsync());

        var counts = await Task.WhenAll(s.SendAsync(s.Smtp(smtp)), s.SendAsync(s.Smtp(smtp)));

        Assert.Equal(6, counts.Sum());
        Assert.All(await s.DigestsAsync(), d => Assert.Equal((DigestStatus.Sent, 1), (d.Status, d.Attempts)));
        Assert.Equal(6, s.Mail(smtp).Count);
        Assert.All(s.Mail(smtp), m => Assert.Single(m));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task Go_to_the_pickup_folder_as_readable_eml_files(DatabaseProvider provider)
    {
        var s = await NotificationScenario.CreateAsync(provider);
        await s.AddUserAsync("admin", UserRole.CompanyAdmin);
        await s.SubmitAsync("PO-1001");
        s.Clock.Advance(TimeSpan.FromMinutes(15));
        await s.BuildAsync();
        var folder = Path.Combine(Directory.CreateTempSubdirectory("webedi-pickup-").FullName, "mail");

        Assert.Equal(1, await s.SendAsync(new PickupMailSender(s.Options, folder)));

        var file = Assert.Single(Directory.GetFiles(folder, "*.eml"));
        var mail = ReceivedMail.Parse(await File.ReadAllBytesAsync(file));
        Assert.Equal([s.Address("admin")], mail.To);
        Assert.Equal("webedi@webedi.example", mail.From);
        Assert.Equal("【WebEdi】新規注文 1件（東海モーター工業株式会社）", mail.Subject);
        Assert.Contains("新規　注文番号 PO-1001　第1版", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal(DigestStatus.Sent, Assert.Single(await s.DigestsAsync()).Status);
    }
}
