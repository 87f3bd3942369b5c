using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using WebEdi.Documents.Csv;
using WebEdi.Server.Portal;

namespace WebEdi.Server.Pages.Orders.Csv;

/// <summary>
/// The order-line CSV downloads (docs/portal-csv.md): the inbox's filtered list (every page), the orders ticked in the
/// inbox, and the answer template of every line waiting for an answer. The page itself only shows why a download was
/// refused (too many lines, characters Shift_JIS cannot hold).
/// </summary>
public sealed class DownloadModel(
    OrderInbox inbox, OrderLineExport export, PortalUser user, CompanyAccessPolicy company, TimeProvider clock,
    IStringLocalizer<UploadModel> text) : PageModel
{
    /// <summary>How many cells Shift_JIS cannot hold the refusal lists.</summary>
    public const int ListedProblems = 20;

    [BindProperty(SupportsGet = true)]
    public InboxFilter Filter { get; set; } = new();

    public List<string> Problems { get; } = [];

    /// <summary>The filtered inbox list, every page (posted from the inbox's form with the filter in the query string).</summary>
    public async Task<IActionResult> OnPostListAsync(CsvEncoding encoding, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }

        var today = await TodayAsync(cancellationToken);
        var ids = await inbox.IdsAsync(user.Company, Filter, today, OrderLineExport.MaxLines + 1, cancellationToken);
        return await DownloadAsync(ids, openOnly: false, "注文明細", encoding, today, cancellationToken);
    }

    /// <summary>The orders ticked in the inbox. An id that is not the company's is answered 404, like every order route.</summary>
    public async Task<IActionResult> OnPostSelectedAsync(List<Guid> selected, CsvEncoding encoding, CancellationToken cancellationToken)
    {
        if (selected.Count == 0)
        {
            Problems.Add(text["ダウンロードする注文を選択してください。"]);
            return Refused();
        }

        if (selected.Distinct().Count() > OrderLineExport.MaxSelected)
        {
            Problems.Add(text["選択できる注文は {0:#,0} 件までです。", OrderLineExport.MaxSelected]);
            return Refused();
        }

        var own = await export.OwnAsync(user.Company, selected, cancellationToken);
        if (own.Count != selected.Distinct().Count())
        {
            return NotFound();
        }

        return await DownloadAsync(own, openOnly: false, "注文明細", encoding, await TodayAsync(cancellationToken), cancellationToken);
    }

    /// <summary>The answer template: every line waiting for an answer, the answer columns empty.</summary>
    public async Task<IActionResult> OnGetTemplateAsync(CsvEncoding encoding, CancellationToken cancellationToken)
    {
        if (!user.CanAnswer)
        {
            return Forbid();
        }

        var ids = await export.OpenOrdersAsync(user.Company, OrderLineExport.MaxLines + 1, cancellationToken);
        return await DownloadAsync(ids, openOnly: true, "回答テンプレート", encoding, await TodayAsync(cancellationToken), cancellationToken);
    }

    private async Task<IActionResult> DownloadAsync(
        IReadOnlyList<Guid> ids, bool openOnly, string name, CsvEncoding encoding, DateOnly today, CancellationToken cancellationToken)
    {
        var lines = ids.Count > OrderLineExport.MaxLines ? ids.Count : await export.CountAsync(user.Company, ids, openOnly, cancellationToken);
        if (lines > OrderLineExport.MaxLines)
        {
            Problems.Add(text["明細が {0:#,0} 行を超えるためダウンロードできません。条件で絞り込んでから、もう一度ダウンロードしてください。", OrderLineExport.MaxLines]);
            return Refused();
        }

        if (encoding == CsvEncoding.ShiftJis)
        {
            var unencodable = await export.UnencodableAsync(user.Company, ids, openOnly, ListedProblems, cancellationToken);
            if (unencodable.Count > 0)
            {
                Problems.Add(text["Shift_JIS で表せない文字があるため、ダウンロードを中止しました。文字コードに UTF-8 を選ぶと、すべての文字をそのままダウンロードできます。"]);
                Problems.AddRange(unencodable.Select(u => text["注文 {0} 明細 {1} の {2}: 「{3}」({4})", u.OrderNumber, u.LineNumber, u.Column, u.Character, CsvEncodings.CodePoint(u.Character)].Value));
                return Refused();
            }
        }

        return new CsvDownloadResult(OrderLineCsv.FileName(name, today), encoding, async (csv, token) =>
        {
            foreach (var column in OrderLineCsv.Columns)
            {
                csv.WriteField(column);
            }

            await csv.EndRecordAsync(token);
            await foreach (var row in export.RowsAsync(user.Company, ids, openOnly, token))
            {
                foreach (var cell in OrderLineCsv.Cells(row))
                {
                    csv.WriteField(encoding == CsvEncoding.ShiftJis ? CsvEncodings.ForCp932(cell) : cell);
                }

                await csv.EndRecordAsync(token);
            }
        });
    }

    private PageResult Refused()
    {
        var page = Page();
        page.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return page;
    }

    private async Task<DateOnly> TodayAsync(CancellationToken cancellationToken)
    {
        var zone = (await company.RulesAsync(user.Company, cancellationToken))!.TimeZone;
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, zone));
    }
}
