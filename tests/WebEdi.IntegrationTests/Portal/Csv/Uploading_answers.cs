using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using WebEdi.Documents.Csv;
using WebEdi.Domain.Orders;
using WebEdi.Server.Pages.Orders.Csv;

namespace WebEdi.IntegrationTests.Portal.Csv;

/// <summary>Answers by CSV: template → edit → preview (nothing stored) → confirm (all or nothing), and every kind of bad file.</summary>
public sealed class Uploading_answers(OrdersPortal fixture) : IClassFixture<OrdersPortal>
{
    private const string Sakura = "SAKURA-SEIMITSU";
    private static readonly OrderStatus[] Open = [OrderStatus.New, OrderStatus.Viewed];

    [Fact]
    public async Task A_filled_in_Shift_JIS_template_is_previewed_without_storing_and_confirmed_in_one_go()
    {
        var accepted = await fixture.TakeOrderAsync(Sakura, Open);
        var split = await fixture.TakeOrderAsync(Sakura, Open);
        using var session = await fixture.Portal.SignInAsync(OrdersPortal.SakuraOperator);
        var rows = CsvFiles.Parse(await CsvFiles.DownloadTemplateAsync(session, "ShiftJis"), CsvFiles.ShiftJis);
        var records = CsvFiles.Records(rows);
        var splitLine = split.Lines.OrderBy(l => l.LineNumber).First();
        foreach (var record in records)
        {
            if (record["注文番号"] == accepted.OrderNumber)
            {
                record["回答区分"] = "受諾";
                record["コメント"] = "'=1+1";
            }
            else if (record["注文番号"] == split.OrderNumber && record["行番号"] == splitLine.LineNumber.ToString(CultureInfo.InvariantCulture))
            {
                record["回答区分"] = "条件付き受諾";
                record["分納"] = $"2027/1/8:{splitLine.Quantity - 1};2027/01/15:1";
            }
            else if (record["注文番号"] == split.OrderNumber)
            {
                record["回答区分"] = "辞退";
                record["辞退理由"] = "欠品・在庫なし";
            }
        }

        var preview = await CsvFiles.PreviewAsync(session, CsvFiles.Write(rows[0], records, CsvFiles.ShiftJis), "ShiftJis");

        Assert.Equal(HttpStatusCode.OK, preview.Status);
        Assert.Equal("", CsvFiles.Problems(preview));
        Assert.Equal(accepted.Lines.Count, CsvFiles.Count(preview, "受諾"));
        Assert.Equal(1, CsvFiles.Count(preview, "条件付き受諾"));
        Assert.Equal(split.Lines.Count - 1, CsvFiles.Count(preview, "辞退"));
        Assert.Equal(records.Count, CsvFiles.Count(preview, "データ行"));
        Assert.Contains("=1+1", preview.Document.QuerySelector("table.csv-rows")!.TextContent, StringComparison.Ordinal);
        Assert.Null((await fixture.ReloadAsync(accepted.Id)).Lines.First().CurrentAnswer);

        var confirmed = await CsvFiles.ConfirmAsync(session, preview);

        Assert.Equal(HttpStatusCode.Redirect, confirmed.Status);
        var after = await fixture.ReloadAsync(accepted.Id);
        Assert.All(after.Lines, l => Assert.Equal(ResponseKind.Accepted, l.CurrentAnswer));
        Assert.All(after.Lines, l => Assert.Equal("=1+1", l.CurrentResponse!.Comment));
        var splitAfter = await fixture.ReloadAsync(split.Id);
        var answer = splitAfter.Line(splitLine.LineNumber).CurrentResponse!;
        Assert.Equal(ResponseKind.AcceptedWithChanges, answer.Kind);
        Assert.Equal([new DateOnly(2027, 1, 8), new DateOnly(2027, 1, 15)], answer.Deliveries.OrderBy(d => d.Date).Select(d => d.Date));
        Assert.All(splitAfter.Lines.Where(l => l.LineNumber != splitLine.LineNumber), l => Assert.Equal(RejectionReason.OutOfStock, l.CurrentResponse!.RejectionReason));
        await using var db = fixture.Portal.OpenDatabase();
        var documents = await db.OutboxMessages.Where(m => m.MessageType == "PurchaseOrderAnswered" && (m.OrderNumber == accepted.OrderNumber || m.OrderNumber == split.OrderNumber))
            .Select(m => m.OrderNumber).ToListAsync();
        Assert.Equal(new[] { accepted.OrderNumber, split.OrderNumber }.Order(StringComparer.Ordinal), documents.Order(StringComparer.Ordinal));

        // The same file again: the token was used up; nothing is stored twice.
        var again = await CsvFiles.ConfirmAsync(session, preview);
        Assert.Contains("確認したファイルが見つかりません", again.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_header_names_the_missing_and_the_unknown_columns()
    {
        using var session = await fixture.Portal.SignInAsync(OrdersPortal.SakuraOperator);
        var file = Encoding.UTF8.GetBytes("発注元コード,注文番号,版数,行番号,回答,回答納期,回答単価,分納,辞退理由\r\nTOKAI-MOTOR,X,1,1,受諾,,,,\r\n");

        var preview = await CsvFiles.PreviewAsync(session, file, "Utf8");

        var problems = CsvFiles.Problems(preview);
        Assert.Contains("足りない列: 回答区分、コメント。", problems, StringComparison.Ordinal);
        Assert.Contains("知らない列: 回答。", problems, StringComparison.Ordinal);
        Assert.Null(preview.Document.QuerySelector("form.csv-confirm"));
    }

    [Fact]
    public async Task A_broken_Shift_JIS_byte_is_reported_with_its_line()
    {
        using var session = await fixture.Portal.SignInAsync(OrdersPortal.SakuraOperator);
        var header = CsvFiles.ShiftJis.GetBytes(string.Join(',', OrderLineCsv.UploadColumns) + "\r\nTOKAI-MOTOR,PO-1,1,1,受諾,,,,,\r\n");
        byte[] broken = [.. header, .. "TOKAI-MOTOR,PO-1,1,2,"u8, 0x81, 0x20, .. ",,,,,\r\n"u8];

        var preview = await CsvFiles.PreviewAsync(session, broken, "ShiftJis");

        Assert.Contains("Shift_JIS の文字として読めないバイト（0x81 0x20）が 3 行目", CsvFiles.Problems(preview), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_UTF8_file_declared_as_Shift_JIS_is_recognised_instead_of_read_as_garbage()
    {
        using var session = await fixture.Portal.SignInAsync(OrdersPortal.SakuraOperator);
        var file = CsvFiles.Utf8.GetBytes(string.Join(',', OrderLineCsv.UploadColumns) + "\r\nTOKAI-MOTOR,PO-1,1,1,受諾,,,,,承知しました\r\n");

        var preview = await CsvFiles.PreviewAsync(session, file, "ShiftJis");

        Assert.Contains("このファイルは UTF-8 で書かれています", CsvFiles.Problems(preview), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Shift_JIS_file_declared_as_UTF8_names_the_line_and_suggests_Shift_JIS()
    {
        using var session = await fixture.Portal.SignInAsync(OrdersPortal.SakuraOperator);
        var file = CsvFiles.ShiftJis.GetBytes(string.Join(',', OrderLineCsv.UploadColumns) + "\r\nTOKAI-MOTOR,PO-1,1,1,受諾,,,,,\r\n");

        var problems = CsvFiles.Problems(await CsvFiles.PreviewAsync(session, file, "Utf8"));

        Assert.Contains("UTF-8 の文字として読めないバイト", problems, StringComparison.Ordinal);
        Assert.Contains("1 行目", problems, StringComparison.Ordinal);
        Assert.Contains("Shift_JIS を選んでください", problems, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_file_is_refused()
    {
        using var session = await fixture.Portal.SignInAsync(OrdersPortal.SakuraOperator);

        Assert.Contains("ファイルが空です。", CsvFiles.Problems(await CsvFiles.PreviewAsync(session, [], "Utf8")), StringComparison.Ordinal);
        Assert.Contains("ファイルが空です。", CsvFiles.Problems(await CsvFiles.PreviewAsync(session, CsvEncodings.Bom.ToArray(), "Utf8")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hundred_thousand_rows_are_read_counted_and_the_first_problems_listed_in_time()
    {
        using var session = await fixture.Portal.SignInAsync(OrdersPortal.SakuraOperator);
        var text = new StringBuilder(string.Join(',', OrderLineCsv.UploadColumns)).Append("\r\n");
        for (var i = 1; i <= 100_000; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"TOKAI-MOTOR,NO-SUCH-{i:D6},1,1,受諾,,,,,\r\n");
        }

        var clock = Stopwatch.StartNew();
        var preview = await CsvFiles.PreviewAsync(session, CsvFiles.Utf8.GetBytes(text.ToString()), "Utf8");

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
        Assert.Equal(100_000, CsvFiles.Count(preview, "データ行"));
        Assert.Equal(100_000, CsvFiles.Count(preview, "エラー"));
        Assert.Equal(AnswerUpload.MaxListedProblems, preview.Document.QuerySelectorAll(".csv-problems li").Length);
        Assert.Contains("2 行目・注文番号: 注文が見つかりません（発注元コード TOKAI-MOTOR、注文番号 NO-SUCH-000001）。", CsvFiles.Problems(preview), StringComparison.Ordinal);
        Assert.Contains("最初の 200 件を表示しています（全 100,000 件）。", preview.Text, StringComparison.Ordinal);
        Assert.Equal(AnswerUpload.MaxShownRows, preview.Document.QuerySelectorAll("table.csv-rows tbody tr").Length);
    }

    [Fact]
    public async Task Domain_rules_are_reported_by_row_and_column_and_nothing_is_stored()
    {
        var order = await fixture.TakeOrderAsync(Sakura, Open);
        var other = await fixture.TakeOrderAsync(Sakura, Open);
        var lines = order.Lines.OrderBy(l => l.LineNumber).ToList();
        using var session = await fixture.Portal.SignInAsync(OrdersPortal.SakuraOperator);
        var buyer = await BuyerCodeAsync(order);
        var rows = new List<Dictionary<string, string>>
        {
            Row(buyer, other, other.Lines.Min(l => l.LineNumber), "受諾"),
            Row(buyer, order, lines[0].LineNumber, "条件付き受諾", deliveries: $"2027/01/08:{lines[0].Quantity};2027/01/15:1"),
            Row(buyer, order, lines.Count > 1 ? lines[1].LineNumber : 99, "条件付き受諾", promised: "2001/01/01"),
            Row(buyer, order, 999, "辞退", reason: "その他"),
            Row(buyer, order, lines[0].LineNumber, "保留"),
        };

        var preview = await CsvFiles.PreviewAsync(session, CsvFiles.Write(OrderLineCsv.UploadColumns, rows, CsvFiles.Utf8), "Utf8");

        var problems = CsvFiles.Problems(preview);
        Assert.Contains("3 行目・分納: 分納数量の合計が注文数量と一致しません。", problems, StringComparison.Ordinal);
        if (lines.Count > 1)
        {
            Assert.Contains("4 行目・回答納期: 納期が注文日より前です。", problems, StringComparison.Ordinal);
        }

        Assert.Contains("5 行目・行番号: 注文にない明細番号です。", problems, StringComparison.Ordinal);
        Assert.Contains("6 行目・回答区分: 「保留」は回答区分ではありません。", problems, StringComparison.Ordinal);
        Assert.Null(preview.Document.QuerySelector("form.csv-confirm"));
        Assert.Null((await fixture.ReloadAsync(other.Id)).Lines.Min(l => l.CurrentAnswer));
    }

    [Fact]
    public async Task Another_companys_order_number_is_not_found_for_that_row_and_nothing_of_it_is_shown()
    {
        var foreign = await fixture.TakeOrderAsync(Sakura, Open);
        var buyer = await BuyerCodeAsync(foreign);
        using var midori = await fixture.Portal.SignInAsync(OrdersPortal.MidoriAdmin);
        var line = foreign.Lines.Min(l => l.LineNumber);

        var preview = await CsvFiles.PreviewAsync(midori, CsvFiles.Write(OrderLineCsv.UploadColumns, [Row(buyer, foreign, line, "受諾")], CsvFiles.Utf8), "Utf8");

        Assert.Equal($"2 行目・注文番号: 注文が見つかりません（発注元コード {buyer}、注文番号 {foreign.OrderNumber}）。", CsvFiles.Problems(preview));
        Assert.DoesNotContain(foreign.Lines.First().ItemName, preview.Text, StringComparison.Ordinal);
        Assert.Null((await fixture.ReloadAsync(foreign.Id)).Lines.First().CurrentAnswer);
    }

    [Fact]
    public async Task An_order_the_buyer_changed_after_the_download_is_refused_with_its_new_revision()
    {
        var order = await fixture.TakeOrderAsync(Sakura, Open);
        using var session = await fixture.Portal.SignInAsync(OrdersPortal.SakuraOperator);
        var rows = CsvFiles.Parse(await CsvFiles.DownloadTemplateAsync(session, "Utf8"), CsvFiles.Utf8);
        var records = CsvFiles.Records(rows).Where(r => r["注文番号"] == order.OrderNumber).ToList();
        records.ForEach(r => r["回答区分"] = "受諾");
        var file = CsvFiles.Write(rows[0], records, CsvFiles.Utf8, bom: true);
        var preview = await CsvFiles.PreviewAsync(session, file, "ShiftJis");
        Assert.Equal("", CsvFiles.Problems(preview));

        await using (var db = fixture.Portal.OpenDatabase())
        {
            var tracked = await db.OrdersWithDetails().SingleAsync(o => o.Id == order.Id);
            var changed = tracked.Lines.OrderBy(l => l.LineNumber).Select((l, i) => l.ToData() with { Quantity = i == 0 ? l.Quantity + 1 : l.Quantity, Amount = null }).ToList();
            tracked.Revise(tracked.Revision + 1, new OrderHeader(tracked.OrderDate, tracked.Currency, tracked.DeliveryLocation, tracked.BuyerContact, tracked.Remarks), changed, DateTime.UtcNow);
            await db.SaveChangesAsync();
        }

        var confirmed = await CsvFiles.ConfirmAsync(session, preview);

        Assert.Equal(HttpStatusCode.OK, confirmed.Status);
        Assert.Contains($"発注元が注文を変更しました（現在は第{order.Revision + 1}版、この行は第{order.Revision}版）", CsvFiles.Problems(confirmed), StringComparison.Ordinal);
        Assert.All((await fixture.ReloadAsync(order.Id)).Lines, l => Assert.Null(l.CurrentAnswer));
    }

    [Fact]
    public async Task A_viewer_cannot_open_or_post_the_upload()
    {
        using var viewer = await fixture.Portal.SignInAsync(OrdersPortal.SakuraViewer);
        using var operatorSession = await fixture.Portal.SignInAsync(OrdersPortal.SakuraOperator);
        var form = await operatorSession.GetAsync("/Orders/Upload");

        var page = await viewer.GetAsync("/Orders/Upload");
        var inbox = await viewer.GetAsync("/Orders");
        var post = await viewer.PostMultipartAsync("/Orders/Upload?handler=Preview", inbox, new MultipartFormDataContent { { new ByteArrayContent([0x41]), "file", "a.csv" } });

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.StartsWith("/Account/AccessDenied", new Uri(fixture.Portal.BaseAddress, page.Location).AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, post.Status);
        Assert.Null(inbox.Document.QuerySelector("a[href='/Orders/Upload']"));
        Assert.NotNull(form.Document.QuerySelector("input[type=file]"));
    }

    private static Dictionary<string, string> Row(
        string buyer, PurchaseOrder order, int line, string kind, string promised = "", string deliveries = "", string reason = "") => new()
        {
            ["発注元コード"] = buyer,
            ["注文番号"] = order.OrderNumber,
            ["版数"] = order.Revision.ToString(CultureInfo.InvariantCulture),
            ["行番号"] = line.ToString(CultureInfo.InvariantCulture),
            ["回答区分"] = kind,
            ["回答納期"] = promised,
            ["分納"] = deliveries,
            ["辞退理由"] = reason,
        };

    private async Task<string> BuyerCodeAsync(PurchaseOrder order)
    {
        await using var db = fixture.Portal.OpenDatabase();
        return await db.Companies.Where(c => c.Id == order.BuyerId).Select(c => c.Code).SingleAsync();
    }
}
