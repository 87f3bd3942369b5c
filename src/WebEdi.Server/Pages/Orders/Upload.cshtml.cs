using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using WebEdi.Documents.Csv;
using WebEdi.Ordering.Answers;
using WebEdi.Server.Pages.Orders.Csv;
using WebEdi.Server.Portal;

namespace WebEdi.Server.Pages.Orders;

/// <summary>
/// Answers by CSV (CSV で回答): download the template, upload it filled in, see every row and every problem, then
/// confirm — all rows in one transaction, or nothing. The file waits on the server between the two steps
/// (<see cref="CsvUploadStore"/>); the confirmation reads and checks it again. Operators and admins only.
/// </summary>
[RequestSizeLimit(AnswerUpload.MaxFileBytes + (1024 * 1024))]
[RequestFormLimits(MultipartBodyLengthLimit = AnswerUpload.MaxFileBytes + (1024 * 1024))]
public sealed class UploadModel(AnswerUpload upload, CsvUploadStore store, PortalUser user, IStringLocalizer<UploadModel> text) : PageModel
{
    public UploadCheck? Check { get; private set; }

    /// <summary>The stored file awaiting confirmation, when the preview found nothing wrong.</summary>
    public string? Token { get; private set; }

    public string? FileName { get; private set; }

    public CsvEncoding Encoding { get; private set; } = CsvEncoding.Utf8;

    public IActionResult OnGet() => user.CanAnswer ? Page() : Forbid();

    public async Task<IActionResult> OnPostPreviewAsync(IFormFile? file, CsvEncoding encoding, CancellationToken cancellationToken)
    {
        if (!user.CanAnswer)
        {
            return Forbid();
        }

        Encoding = encoding;
        if (file is null)
        {
            ModelState.AddModelError("", text["CSV ファイルを選んでください。"]);
            return Page();
        }

        StoredUpload stored;
        await using (var content = file.OpenReadStream())
        {
            stored = await store.SaveAsync(content, user.UserId, user.Company, encoding, file.FileName, cancellationToken);
        }

        FileName = stored.FileName;
        Check = await CheckAsync(stored, commit: false, cancellationToken);
        if (Check.CanConfirm)
        {
            Token = stored.Token;
        }
        else
        {
            store.Delete(stored.Token);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(string? token, CancellationToken cancellationToken)
    {
        if (!user.CanAnswer)
        {
            return Forbid();
        }

        if (store.Find(token, user.UserId, user.Company) is not { } stored)
        {
            ModelState.AddModelError("", text["確認したファイルが見つかりません（確認から 1 時間を過ぎたか、登録済みです）。もう一度アップロードしてください。"]);
            return Page();
        }

        FileName = stored.FileName;
        Encoding = stored.Encoding;
        Check = await CheckAsync(stored, commit: true, cancellationToken);
        if (!Check.Applied)
        {
            store.Delete(stored.Token);
            ModelState.AddModelError("", text["確認の後に状況が変わったため、登録しませんでした。内容を確認して、もう一度アップロードしてください。"]);
            return Page();
        }

        store.Delete(stored.Token);
        TempData["Notice"] = text["{0} 件の注文の {1} 明細に回答しました（受諾 {2}・条件付き受諾 {3}・辞退 {4}）。発注元へ通知されます。",
            Check.Orders, Check.Answers, Check.Accepts, Check.Changes, Check.Rejects].Value;
        return RedirectToPage();
    }

    private async Task<UploadCheck> CheckAsync(StoredUpload stored, bool commit, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(stored.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024);
        return await upload.CheckAsync(file, stored.Encoding, user.Company, new Answerer(user.UserId, user.DisplayName), commit, cancellationToken);
    }
}
