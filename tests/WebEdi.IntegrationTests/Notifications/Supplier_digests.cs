using WebEdi.Data;
using WebEdi.Domain.Users;
using WebEdi.Testing;

namespace WebEdi.IntegrationTests.Notifications;

/// <summary>New, changed and cancelled orders reach a supplier's people as one e-mail per interval, not one per order.</summary>
public sealed class Supplier_digests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Three_new_orders_and_a_change_become_one_mail_per_recipient(DatabaseProvider provider)
    {
        var smtp = await SmtpServer.SharedAsync();
        var s = await NotificationScenario.CreateAsync(provider);
        await s.AddUserAsync("admin", UserRole.CompanyAdmin);
        await s.AddUserAsync("operator", UserRole.Operator);
        await s.AddUserAsync("viewer", UserRole.Viewer);
        await s.AddNotificationAddressAsync("juchu");
        var other = await s.AddCompanyAsync("MIDORI-KAKO", "みどり化工株式会社", isBuyer: false, supplierCode: "S20031");
        await s.AddUserAsync("other-admin", UserRole.CompanyAdmin, other);

        await s.SubmitAsync("PO-1001");
        s.Clock.Advance(Minute);
        await s.SubmitAsync("PO-1002");
        s.Clock.Advance(Minute);
        await s.SubmitAsync("PO-1003");
        s.Clock.Advance(Minute);
        await s.ChangeAsync("PO-1001", 2);
        await s.SubmitAsync("PO-2001", supplierCode: "S20031");

        s.Clock.Advance(16 * Minute);
        Assert.Equal(4, await s.BuildAsync());
        Assert.Equal(4, await s.SendAsync(s.Smtp(smtp)));

        var mail = s.Mail(smtp);
        Assert.Equal(
            [s.Address("admin"), s.Address("juchu"), s.Address("operator"), s.Address("other-admin")],
            mail.Select(m => m.Key).Order(StringComparer.Ordinal));
        Assert.All(mail, m => Assert.Single(m));

        var admin = mail[s.Address("admin")].Single();
        Assert.Equal("【WebEdi】新規注文 3件・変更 1件（東海モーター工業株式会社）", admin.Subject);
        Assert.Equal("webedi@webedi.example", admin.From);
        Assert.StartsWith("admin 太郎 様\n", admin.TextBody, StringComparison.Ordinal);
        Assert.Contains("■ 東海モーター工業株式会社 (TOKAI-MOTOR)", admin.TextBody, StringComparison.Ordinal);
        Assert.Contains("新規　注文番号 PO-1002　第1版", admin.TextBody, StringComparison.Ordinal);
        Assert.Contains("変更　注文番号 PO-1001　第2版", admin.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://webedi.example/orders", admin.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("PO-2001", admin.TextBody, StringComparison.Ordinal);

        Assert.StartsWith("さくら精密株式会社 ご担当者様\n", mail[s.Address("juchu")].Single().TextBody, StringComparison.Ordinal);
        var otherSupplier = mail[s.Address("other-admin")].Single();
        Assert.Equal("【WebEdi】新規注文 1件（東海モーター工業株式会社）", otherSupplier.Subject);
        Assert.DoesNotContain("PO-100", otherSupplier.TextBody, StringComparison.Ordinal);

        s.Clock.Advance(30 * Minute);
        Assert.Equal(0, await s.BuildAsync());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Wait_an_interval_after_the_first_order_and_take_everything_that_came_meanwhile(DatabaseProvider provider)
    {
        var s = await NotificationScenario.CreateAsync(provider);
        await s.AddUserAsync("admin", UserRole.CompanyAdmin);

        await s.SubmitAsync("PO-1001");
        s.Clock.Advance(5 * Minute);
        Assert.Equal(0, await s.BuildAsync());
        await s.SubmitAsync("PO-1002");
        s.Clock.Advance(8 * Minute);
        await s.SubmitAsync("PO-1003");
        s.Clock.Advance(2 * Minute);
        Assert.Equal(1, await s.BuildAsync());
        Assert.Equal(3, Assert.Single(await s.DigestsAsync()).NoticeCount);

        s.Clock.Advance(Minute);
        await s.SubmitAsync("PO-1004");
        s.Clock.Advance(10 * Minute);
        Assert.Equal(0, await s.BuildAsync());
        s.Clock.Advance(5 * Minute);
        Assert.Equal(1, await s.BuildAsync());

        var digests = await s.DigestsAsync();
        Assert.Equal([3, 1], digests.Select(d => d.NoticeCount));
        Assert.Contains("PO-1004", digests[1].Body, StringComparison.Ordinal);
        Assert.DoesNotContain("PO-1001", digests[1].Body, StringComparison.Ordinal);
        Assert.True(digests[1].CreatedAt - digests[0].CreatedAt >= s.Options.DigestInterval);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task List_the_orders_of_several_buyers_grouped_by_buyer(DatabaseProvider provider)
    {
        var smtp = await SmtpServer.SharedAsync();
        var s = await NotificationScenario.CreateAsync(provider);
        await s.AddUserAsync("admin", UserRole.CompanyAdmin);
        var kansai = await s.AddCompanyAsync("KANSAI-DENKI", "関西電機株式会社", isBuyer: true, supplierCode: "K3001");

        await s.SubmitAsync("PO-1001");
        await s.SubmitAsync("KD-7001", buyer: kansai, supplierCode: "K3001");
        await s.SubmitAsync("PO-1002");
        await s.ChangeAsync("PO-1001", 2);
        await s.SubmitAsync("PO-1003");
        await s.CancelAsync("PO-1003");
        s.Clock.Advance(15 * Minute);
        await s.BuildAsync();
        await s.SendAsync(s.Smtp(smtp));

        var mail = Assert.Single(s.Mail(smtp)[s.Address("admin")]);
        Assert.Equal("【WebEdi】新規注文 4件・変更 1件・取消 1件（東海モーター工業株式会社 ほか）", mail.Subject);
        var tokai = mail.TextBody.IndexOf("■ 東海モーター工業株式会社", StringComparison.Ordinal);
        var kansaiBlock = mail.TextBody.IndexOf("■ 関西電機株式会社", StringComparison.Ordinal);
        Assert.True(tokai >= 0 && kansaiBlock > tokai, mail.TextBody);
        Assert.True(mail.TextBody.IndexOf("PO-1003", StringComparison.Ordinal) < kansaiBlock, "every Tokai order is in Tokai's block");
        Assert.True(mail.TextBody.IndexOf("KD-7001", StringComparison.Ordinal) > kansaiBlock);
        Assert.Contains("取消　注文番号 PO-1003　第1版", mail.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Are_written_in_English_for_a_user_who_prefers_it(DatabaseProvider provider)
    {
        var smtp = await SmtpServer.SharedAsync();
        var s = await NotificationScenario.CreateAsync(provider);
        await s.AddUserAsync("english", UserRole.Operator, language: "en");

        await s.SubmitAsync("PO-1001");
        await s.SubmitAsync("PO-1002");
        await s.CancelAsync("PO-1002");
        s.Clock.Advance(15 * Minute);
        await s.BuildAsync();
        await s.SendAsync(s.Smtp(smtp));

        var mail = Assert.Single(s.Mail(smtp)[s.Address("english")]);
        Assert.Equal("[WebEdi] 2 new orders, 1 cancellation (東海モーター工業株式会社)", mail.Subject);
        Assert.StartsWith("Dear english 太郎,\n", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("New        order PO-1001  revision 1", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Cancelled  order PO-1002  revision 1", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://webedi.example/orders", mail.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Respect_who_wants_order_mail_and_leave_out_locked_out_users(DatabaseProvider provider)
    {
        var s = await NotificationScenario.CreateAsync(provider);
        await s.AddUserAsync("quiet-admin", UserRole.CompanyAdmin, configure: u => u.ReceivesOrderMail = false);
        await s.AddUserAsync("keen-viewer", UserRole.Viewer, configure: u => u.ReceivesOrderMail = true);
        await s.AddUserAsync("gone", UserRole.Operator, configure: u => u.LockoutEnd = DateTimeOffset.MaxValue);

        await s.SubmitAsync("PO-1001");
        s.Clock.Advance(15 * Minute);
        await s.BuildAsync();

        Assert.Equal([s.Address("keen-viewer")], (await s.DigestsAsync()).Select(d => d.Recipient));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Hold_mail_in_a_users_quiet_hours_and_bring_everything_after_them(DatabaseProvider provider)
    {
        var smtp = await SmtpServer.SharedAsync();
        // 22:30 in Tokyo.
        var s = await NotificationScenario.CreateAsync(provider, new DateTimeOffset(2026, 11, 2, 13, 30, 0, TimeSpan.Zero));
        await s.AddUserAsync("sleeper", UserRole.CompanyAdmin, configure: u => u.SetQuietHours(new TimeOnly(22, 0), new TimeOnly(7, 0)));
        await s.AddUserAsync("night-shift", UserRole.Operator);

        await s.SubmitAsync("PO-1001");
        s.Clock.Advance(20 * Minute);
        Assert.Equal(1, await s.BuildAsync());

        s.Clock.Set(new DateTimeOffset(2026, 11, 2, 17, 0, 0, TimeSpan.Zero)); // 02:00
        await s.SubmitAsync("PO-1002");
        s.Clock.Advance(20 * Minute);
        Assert.Equal(1, await s.BuildAsync());

        s.Clock.Set(new DateTimeOffset(2026, 11, 2, 21, 59, 0, TimeSpan.Zero)); // 06:59
        Assert.Equal(0, await s.BuildAsync());
        await s.SendAsync(s.Smtp(smtp));
        Assert.Empty(s.Mail(smtp)[s.Address("sleeper")]);
        Assert.Equal(2, s.Mail(smtp)[s.Address("night-shift")].Count());

        s.Clock.Set(new DateTimeOffset(2026, 11, 2, 22, 0, 0, TimeSpan.Zero)); // 07:00
        Assert.Equal(1, await s.BuildAsync());
        await s.SendAsync(s.Smtp(smtp));
        var morning = Assert.Single(s.Mail(smtp)[s.Address("sleeper")]);
        Assert.Equal("【WebEdi】新規注文 2件（東海モーター工業株式会社）", morning.Subject);
        Assert.Contains("PO-1001　第1版  (11/02 22:30)", morning.TextBody, StringComparison.Ordinal);
        Assert.Contains("PO-1002　第1版  (11/03 02:00)", morning.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Reach_only_people_added_before_the_order_arrived(DatabaseProvider provider)
    {
        var s = await NotificationScenario.CreateAsync(provider);
        await s.AddUserAsync("admin", UserRole.CompanyAdmin);
        await s.SubmitAsync("PO-1001");
        s.Clock.Advance(Minute);
        await s.AddUserAsync("newcomer", UserRole.Operator);
        await s.SubmitAsync("PO-1002");
        s.Clock.Advance(15 * Minute);
        await s.BuildAsync();

        var digests = (await s.DigestsAsync()).ToDictionary(d => d.Recipient);
        Assert.Equal(2, digests[s.Address("admin")].NoticeCount);
        Assert.Equal(1, digests[s.Address("newcomer")].NoticeCount);
        Assert.DoesNotContain("PO-1001", digests[s.Address("newcomer")].Body, StringComparison.Ordinal);
    }
}
