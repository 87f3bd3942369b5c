using WebEdi.Data;
using WebEdi.Data.Notifications;
using WebEdi.Domain.Users;
using WebEdi.IntegrationTests.Persistence;
using WebEdi.Ordering.Notifications;
using WebEdi.Testing;

namespace WebEdi.IntegrationTests.Notifications;

/// <summary>A supplier admin reads what order e-mail went to their company's people, and whether it arrived.</summary>
public sealed class The_notification_log
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Shows_a_company_its_own_digests_newest_first_with_their_delivery(DatabaseProvider provider)
    {
        var s = await NotificationScenario.CreateAsync(provider);
        await s.AddUserAsync("admin", UserRole.CompanyAdmin);
        var other = await s.AddCompanyAsync("MIDORI-KAKO", "みどり化工株式会社", isBuyer: false, supplierCode: "S20031");
        await s.AddUserAsync("other-admin", UserRole.CompanyAdmin, other);

        await s.SubmitAsync("PO-1001");
        await s.SubmitAsync("PO-2001", supplierCode: "S20031");
        s.Clock.Advance(TimeSpan.FromMinutes(15));
        await s.BuildAsync();
        await s.SendAsync(s.Smtp(await SmtpServer.SharedAsync()));
        await s.SubmitAsync("PO-1002");
        await s.ChangeAsync("PO-1001", 2);
        s.Clock.Advance(TimeSpan.FromMinutes(15));
        await s.BuildAsync();
        await s.SendAsync(s.Smtp("127.0.0.1", FreePort.Next()));

        await using var db = TestDatabase.Open(s.Database);
        var page = await new NotificationLog(db).ForCompanyAsync(s.Trade.Supplier.Id, 1);

        Assert.Equal(2, page.TotalCount);
        Assert.All(page.Entries, e => Assert.Equal(s.Address("admin"), e.Recipient));
        var (newest, oldest) = (page.Entries[0], page.Entries[1]);
        // The second went to a mail server that was down: the admin sees it waiting, with the reason.
        Assert.Equal(("【WebEdi】新規注文 1件・変更 1件（東海モーター工業株式会社）", 2, DigestStatus.Pending, 1, null),
            (newest.Subject, newest.NoticeCount, newest.Status, newest.Attempts, newest.SentAt));
        Assert.False(string.IsNullOrWhiteSpace(newest.LastError));
        Assert.Equal(("【WebEdi】新規注文 1件（東海モーター工業株式会社）", DigestStatus.Sent, 1, null), (oldest.Subject, oldest.Status, oldest.Attempts, oldest.LastError));
        Assert.Equal(oldest.CreatedAt, oldest.SentAt);
        Assert.DoesNotContain(page.Entries, e => e.Subject.Contains("PO-2001", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Comes_in_pages_of_fifty(DatabaseProvider provider)
    {
        var s = await NotificationScenario.CreateAsync(provider);
        await using var db = TestDatabase.Open(s.Database);
        for (var i = 0; i < 55; i++)
        {
            db.SupplierDigests.Add(SupplierDigest.Create(
                s.Trade.Supplier.Id, Guid.CreateVersion7(), DigestRecipientKind.Address, s.Address("juchu"), "受注係", "ja",
                $"digest {i:00}", "…", 1, i + 1, i + 1, s.Now.AddMinutes(i)));
        }

        await db.SaveChangesAsync();
        var log = new NotificationLog(db);

        var first = await log.ForCompanyAsync(s.Trade.Supplier.Id, 1);
        var second = await log.ForCompanyAsync(s.Trade.Supplier.Id, 2);

        Assert.Equal((55, 2, 50, 5), (first.TotalCount, first.PageCount, first.Entries.Count, second.Entries.Count));
        Assert.Equal("digest 54", first.Entries[0].Subject);
        Assert.Equal("digest 00", second.Entries[^1].Subject);
        Assert.Empty((await log.ForCompanyAsync(s.Trade.Buyer.Id, 1)).Entries);
    }
}
