using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using WebEdi.Domain.Shipments;
using WebEdi.Testing;
using static WebEdi.IntegrationTests.Portal.Shipments.ShipmentsPortal;

namespace WebEdi.IntegrationTests.Portal.Shipments;

/// <summary>
/// Printing from the portal: the delivery note set of a shipment, reprints, many shipments in one PDF, the print history,
/// and text the font cannot draw. The PDFs are judged by poppler (pdftotext, pdftoppm) and zbar (zbarimg), and kept
/// under artifacts/shipments/ to look at.
/// </summary>
public abstract class Printing_delivery_notes(ShipmentsPortal fixture)
{
    [Fact]
    public async Task A_note_prints_the_shipment_with_its_figures_totals_three_copies_and_a_barcode_that_scans_to_its_number()
    {
        var order = await fixture.OrderAsync([100m, 30m]);
        var second = await fixture.OrderAsync([25m], line: l => l with { UnitPrice = 99.9m, TaxRate = 8m });
        var session = await fixture.SessionAsync(SakuraOperator);
        var id = CreatedId(await ShipAsync(session, [order, second], Quantities((order.Line(1), 40m), (order.Line(2), 30m), (second.Line(1), 12.5m))));
        var shipment = await fixture.ShipmentAsync(id);
        var page = await session.GetAsync($"/Shipments/{id}");

        var response = await session.PostAsync($"/Shipments/{id}?handler=Print", page);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("application/pdf", response.Response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("inline", response.Response.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
        Assert.Equal($"delivery-note-{shipment.DeliveryNoteNumber}.pdf", response.Response.Content.Headers.ContentDisposition.FileName);
        var pdf = await SaveAsync(response, $"note-{fixture.Provider}");
        var pages = await PdfTools.PagesAsync(pdf);
        Assert.Equal(3, pages.Length);
        Assert.Equal(["納 品 書 (控)", "納 品 書", "受 領 書"], pages.Select(p => p.Contains("(控)", StringComparison.Ordinal) ? "納 品 書 (控)" : p.Contains("受 領 書", StringComparison.Ordinal) ? "受 領 書" : "納 品 書"));
        var text = PdfText.Flat(pages[1]);
        Assert.Contains(shipment.DeliveryNoteNumber, text, StringComparison.Ordinal);
        Assert.Contains("東海モーター工業株式会社 御中", text, StringComparison.Ordinal);
        Assert.Contains("仕入先コード S10021", text, StringComparison.Ordinal);
        Assert.Contains("2026年11月16日", text, StringComparison.Ordinal);
        Assert.Contains(Location, text, StringComparison.Ordinal);
        Assert.Contains("下記の通り納品いたします。", text, StringComparison.Ordinal);
        PdfText.ContainsWords($"1 {order.OrderNumber} 1 TM-0001 品名 1 40 個 100 4,000 10%", text);
        PdfText.ContainsWords($"2 {order.OrderNumber} 2 TM-0002 品名 2 30 個 100 3,000 10%", text);
        // A part of a line: 12.5 × ¥99.9 = ¥1,248.75, rounded half away from zero to whole yen.
        PdfText.ContainsWords($"3 {second.OrderNumber} 1 TM-0001 品名 1 12.5 個 99.9 1,249 8%※", text);
        PdfText.ContainsWords("小計(税抜) ¥8,249", text);
        PdfText.ContainsWords("消費税 10% ¥700", text);
        PdfText.ContainsWords("消費税 8% ¥99", text);
        PdfText.ContainsWords("合計(税込) ¥9,048", text);
        Assert.DoesNotContain("再発行", string.Concat(pages), StringComparison.Ordinal);

        var png = Path.Combine(Artifacts, $"note-{fixture.Provider}-barcode");
        Assert.Equal([shipment.DeliveryNoteNumber], await PdfTools.ScanDeliveryNoteBarcodeAsync(pdf, 2, png));
        await PdfTools.RenderAsync(pdf, Path.Combine(Artifacts, $"note-{fixture.Provider}"), dpi: 100, firstPage: 2, lastPage: 2);

        // The page shows the same totals as the paper.
        var totals = (await session.GetAsync($"/Shipments/{id}")).Document.QuerySelector("dl.totals")!.TextContent;
        Assert.Contains("¥9,048", totals, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reprint_is_marked_with_its_count_and_the_history_names_who_printed_when()
    {
        var order = await fixture.OrderAsync([10m]);
        var clerk = await fixture.SessionAsync(SakuraOperator);
        var admin = await fixture.SessionAsync(SakuraAdmin);
        var id = CreatedId(await ShipAsync(clerk, [order], Quantities((order.Line(1), 10m))));

        var first = await PdfTools.TextAsync(await SaveAsync(await clerk.PostAsync($"/Shipments/{id}?handler=Print", await clerk.GetAsync($"/Shipments/{id}")), $"original-{fixture.Provider}"));
        var detail = await admin.GetAsync($"/Shipments/{id}");
        var second = await PdfTools.TextAsync(await SaveAsync(await admin.PostAsync($"/Shipments/{id}?handler=Print", detail), $"reprint-{fixture.Provider}"));
        var third = await PdfTools.TextAsync(await SaveAsync(await admin.PostAsync($"/Shipments/{id}?handler=Print", detail), $"reprint2-{fixture.Provider}"));

        Assert.DoesNotContain("再発行", first, StringComparison.Ordinal);
        Assert.Contains("納品書を再発行（1回目）", detail.Document.QuerySelector("form[action*='handler=Print'] button")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(3, PdfText.Count(second, "再発行 (1回目)"));
        Assert.Equal(3, PdfText.Count(third, "再発行 (2回目)"));
        var rows = (await clerk.GetAsync($"/Shipments/{id}")).Document.QuerySelectorAll("table.print-history tbody tr")
            .Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList()).ToList();
        Assert.Equal(["初回", "再発行 1回目", "再発行 2回目"], rows.Select(r => r[0]));
        Assert.Equal(["鈴木 健", "佐藤 花子", "佐藤 花子"], rows.Select(r => r[2]));
        Assert.All(rows, r => Assert.Equal("個別印刷", r[3]));
        Assert.All(rows, r => Assert.Matches(@"^\d{4}/\d{2}/\d{2} \d{2}:\d{2}$", r[1]));
    }

    [Fact]
    public async Task Ticked_shipments_print_as_one_PDF_note_after_note_and_are_recorded_as_one_batch()
    {
        var session = await fixture.SessionAsync(SakuraOperator);
        var shipments = new List<Shipment>();
        foreach (var quantity in new[] { 1m, 2m, 3m })
        {
            var order = await fixture.OrderAsync([quantity]);
            shipments.Add(await fixture.ShipmentAsync(CreatedId(await ShipAsync(session, [order], Quantities((order.Line(1), quantity))))));
        }

        var list = await session.GetAsync("/Shipments");
        var response = await session.PostAsync("/Shipments?handler=Print", list, [.. shipments.AsEnumerable().Reverse().Select(s => ("selected", s.Id.ToString()))]);

        Assert.Equal("delivery-notes-3.pdf", response.Response.Content.Headers.ContentDisposition!.FileName);
        var pages = await PdfTools.PagesAsync(await SaveAsync(response, $"batch-{fixture.Provider}"));
        Assert.Equal(9, pages.Length);
        // Note by note in number order, each as its three copies.
        Assert.Equal(shipments.SelectMany(s => Enumerable.Repeat(s.DeliveryNoteNumber, 3)), pages.Select(p => shipments.Single(s => p.Contains(s.DeliveryNoteNumber, StringComparison.Ordinal)).DeliveryNoteNumber));
        await using var db = fixture.Portal.OpenDatabase();
        var ids = shipments.Select(s => s.Id).ToList();
        var prints = await db.DeliveryNotePrints.Where(p => ids.Contains(p.ShipmentId)).ToListAsync();
        Assert.Equal(3, prints.Count);
        Assert.Single(prints.Select(p => p.BatchId).Distinct());
        Assert.NotNull(prints[0].BatchId);
        Assert.Contains("一括印刷", (await session.GetAsync($"/Shipments/{shipments[0].Id}")).Document.QuerySelector("table.print-history")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task All_shipments_of_a_search_print_together_without_the_cancelled_ones()
    {
        var order = await fixture.OrderAsync([10m]);
        var session = await fixture.SessionAsync(SakuraOperator);
        var first = await fixture.ShipmentAsync(CreatedId(await ShipAsync(session, [order], Quantities((order.Line(1), 3m)))));
        var cancelled = await fixture.ShipmentAsync(CreatedId(await ShipAsync(session, [order], Quantities((order.Line(1), 3m)))));
        var detail = await session.GetAsync($"/Shipments/{cancelled.Id}");
        await session.PostAsync($"/Shipments/{cancelled.Id}?handler=Cancel", detail, ("Version", detail.Form("form.cancel-form").QuerySelector("input[name=Version]")!.GetAttribute("value")!));
        var last = await fixture.ShipmentAsync(CreatedId(await ShipAsync(session, [order], Quantities((order.Line(1), 4m)))));
        var list = await session.GetAsync($"/Shipments?Filter.Query={order.OrderNumber}");

        var response = await session.PostAsync("/Shipments?handler=PrintAll", list, ("Filter.Query", order.OrderNumber));

        Assert.Equal(3, list.Document.QuerySelectorAll("table.shipments tbody tr").Length);
        Assert.Null(list.Document.QuerySelector($"input[name=selected][value='{cancelled.Id}']"));
        var text = await PdfTools.TextAsync(await SaveAsync(response, $"search-{fixture.Provider}"));
        Assert.Equal(6, (await PdfTools.PageCountAsync(Path.Combine(Artifacts, $"search-{fixture.Provider}.pdf"))));
        Assert.Contains(first.DeliveryNoteNumber, text, StringComparison.Ordinal);
        Assert.Contains(last.DeliveryNoteNumber, text, StringComparison.Ordinal);
        Assert.DoesNotContain(cancelled.DeliveryNoteNumber, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_item_name_outside_the_font_is_reported_with_its_order_line_and_character_and_nothing_is_printed_or_recorded()
    {
        var good = await fixture.OrderAsync([5m]);
        var order = await fixture.OrderAsync([10m, 20m], line: l => l.LineNumber == 2 ? l with { ItemName = "歯車 😀 特注品" } : l);
        var session = await fixture.SessionAsync(SakuraOperator);
        var fine = CreatedId(await ShipAsync(session, [good], Quantities((good.Line(1), 5m))));
        var id = CreatedId(await ShipAsync(session, [order], Quantities((order.Line(1), 10m), (order.Line(2), 20m))));
        var number = (await fixture.ShipmentAsync(id)).DeliveryNoteNumber;

        var single = await session.PostAsync($"/Shipments/{id}?handler=Print", await session.GetAsync($"/Shipments/{id}"));
        var batch = await session.PostAsync("/Shipments?handler=Print", await session.GetAsync("/Shipments"), ("selected", fine.ToString()), ("selected", id.ToString()));

        foreach (var response in new[] { single, batch })
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.Status);
            Assert.Equal("text/html", response.Response.Content.Headers.ContentType!.MediaType);
            Assert.Contains($"納品書 {number}（注文 {order.OrderNumber} 行 2）: 品名に「😀」(U+1F600) が含まれています。印刷用のフォントにない文字のため印刷できません。",
                response.Document.QuerySelector(".print-errors")!.TextContent, StringComparison.Ordinal);
        }

        Assert.Contains("何も印刷していません", batch.Document.QuerySelector(".print-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await fixture.CountAsync(db => db.DeliveryNotePrints.Where(p => p.ShipmentId == id || p.ShipmentId == fine)));
    }

    [Fact]
    public async Task A_cancelled_shipment_is_not_printed()
    {
        var order = await fixture.OrderAsync([10m]);
        var session = await fixture.SessionAsync(SakuraOperator);
        var id = CreatedId(await ShipAsync(session, [order], Quantities((order.Line(1), 10m))));
        var detail = await session.GetAsync($"/Shipments/{id}");
        await session.PostAsync($"/Shipments/{id}?handler=Cancel", detail, ("Version", detail.Form("form.cancel-form").QuerySelector("input[name=Version]")!.GetAttribute("value")!));

        var response = await session.PostAsync($"/Shipments/{id}?handler=Print", detail);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.Status);
        Assert.Contains("取消済みの出荷の納品書は印刷できません", response.Document.QuerySelector(".print-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Null(response.Document.QuerySelector("form[action*='handler=Print']"));
        Assert.Equal(0, await fixture.CountAsync(db => db.DeliveryNotePrints.Where(p => p.ShipmentId == id)));
    }

    [Fact]
    public async Task Three_hundred_lines_print_as_one_note_continued_over_pages()
    {
        var order = await fixture.OrderAsync([.. Enumerable.Range(1, 300).Select(i => (decimal)i)]);
        var session = await fixture.SessionAsync(SakuraOperator);
        var id = CreatedId(await ShipAsync(session, [order], order.Lines.ToDictionary(l => l.Id, l => l.Quantity.ToString(CultureInfo.InvariantCulture))));

        var response = await session.PostAsync($"/Shipments/{id}?handler=Print", await session.GetAsync($"/Shipments/{id}"));

        var pdf = await SaveAsync(response, $"long-{fixture.Provider}");
        var pages = await PdfTools.PagesAsync(pdf);
        Assert.Equal(0, pages.Length % 3);
        var copy = pages[..(pages.Length / 3)];
        Assert.True(copy.Length > 1, "300 lines fill more than one page of a copy.");
        Assert.All(copy.Select((p, i) => (p, i)), x => Assert.Contains($"{x.i + 1} / {copy.Length}", PdfText.Flat(x.p), StringComparison.Ordinal));
        PdfText.ContainsWords($"300 {order.OrderNumber} 300 TM-0300 品名 300 300 個 100 30,000 10%", PdfText.Flat(copy[^1]));
        // 1 + 2 + … + 300 = 45,150 units at ¥100.
        PdfText.ContainsWords("小計(税抜) ¥4,515,000", PdfText.Flat(copy[^1]));
    }

    [Fact]
    public async Task A_viewer_cannot_print()
    {
        var order = await fixture.OrderAsync([10m]);
        var id = CreatedId(await ShipAsync(await fixture.SessionAsync(SakuraOperator), [order], Quantities((order.Line(1), 10m))));
        var viewer = await fixture.SessionAsync(SakuraViewer);
        var detail = await viewer.GetAsync($"/Shipments/{id}");
        var list = await viewer.GetAsync("/Shipments");

        var single = await viewer.PostAsync($"/Shipments/{id}?handler=Print", list);
        var batch = await viewer.PostAsync("/Shipments?handler=Print", list, ("selected", id.ToString()));

        Assert.Null(detail.Document.QuerySelector("form[action*='handler=Print']"));
        Assert.Null(list.Document.QuerySelector("button[formaction*='handler=Print']"));
        Assert.All([single, batch], r => Assert.StartsWith("/Account/AccessDenied", new Uri(fixture.Portal.BaseAddress, r.Location).AbsolutePath, StringComparison.Ordinal));
        Assert.Equal(0, await fixture.CountAsync(db => db.DeliveryNotePrints.Where(p => p.ShipmentId == id)));
    }

    [Fact]
    public async Task The_order_page_prints_the_order_as_a_purchase_order_sheet()
    {
        var order = await fixture.OrderAsync([10m, 25m]);
        var session = await fixture.SessionAsync(SakuraViewer);
        var page = await session.GetAsync($"/Orders/{order.Id}");

        var response = await session.GetRawAsync($"/Orders/{order.Id}?handler=Sheet");

        Assert.NotNull(page.Document.QuerySelector($"a[href='/Orders/{order.Id}?handler=Sheet']"));
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var pdf = Path.Combine(Artifacts, $"order-sheet-{fixture.Provider}.pdf");
        await File.WriteAllBytesAsync(pdf, await response.Content.ReadAsByteArrayAsync());
        var text = PdfText.Flat(await PdfTools.TextAsync(pdf));
        Assert.Contains("注 文 書", text, StringComparison.Ordinal);
        Assert.Contains(order.OrderNumber, text, StringComparison.Ordinal);
        Assert.Contains("さくら精密株式会社 御中", text, StringComparison.Ordinal);
        PdfText.ContainsWords("2 TM-0002 品名 2 2026/11/30 25 個 100 2,500 10%", text);
        PdfText.ContainsWords("合計(税込) ¥3,850", text);
    }

    [Fact]
    public async Task An_order_sheet_with_a_character_outside_the_font_is_reported_on_the_order_page()
    {
        var order = await fixture.OrderAsync([10m], line: l => l with { Specification = "規格 🔩 M8" });
        var session = await fixture.SessionAsync(SakuraOperator);

        var response = await session.GetAsync($"/Orders/{order.Id}?handler=Sheet");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.Status);
        Assert.Contains($"注文書 {order.OrderNumber}（注文 {order.OrderNumber} 行 1）: 仕様に「🔩」(U+1F529) が含まれています。",
            response.Document.QuerySelector(".print-errors")!.TextContent, StringComparison.Ordinal);
    }

    private static string Artifacts => Directory.CreateDirectory(Path.Combine(Chromium.ArtifactsDirectory, "shipments")).FullName;

    private static async Task<string> SaveAsync(PortalPage response, string name)
    {
        Assert.True(response.Status == HttpStatusCode.OK && response.Response.Content.Headers.ContentType?.MediaType == "application/pdf",
            $"Expected a PDF, got {response.Status}: {response.Document.QuerySelector(".print-errors, .form-errors")?.TextContent}");
        var path = Path.Combine(Artifacts, name + ".pdf");
        await File.WriteAllBytesAsync(path, await response.Response.Content.ReadAsByteArrayAsync());
        return path;
    }

    [Collection(ShipmentsOnSqlite.Name)]
    public sealed class On_SQLite(SqliteShipmentsPortal fixture) : Printing_delivery_notes(fixture);

    [Collection(ShipmentsOnPostgreSql.Name)]
    public sealed class On_PostgreSQL(PostgreSqlShipmentsPortal fixture) : Printing_delivery_notes(fixture);
}
