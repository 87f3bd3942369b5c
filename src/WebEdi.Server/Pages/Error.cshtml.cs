using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using WebEdi.Server.Portal;

namespace WebEdi.Server.Pages;

/// <summary>What a person sees for a 404, 403 or a failure: a plain sentence, never a stack trace.</summary>
[Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryToken]
public sealed class ErrorModel(IStringLocalizer<SharedResource> text) : PageModel
{
    public string Title { get; private set; } = "";

    public string Message { get; private set; } = "";

    public void OnGet(int? code) => Describe(code ?? 500);

    public void OnPost(int? code) => Describe(code ?? 500);

    private void Describe(int code)
    {
        (Title, Message) = code switch
        {
            404 => (text["ページが見つかりません"].Value, text["お探しのページ、または注文は存在しないか、表示する権限がありません。"].Value),
            403 => (text["権限がありません"].Value, text["この操作を行う権限がありません。"].Value),
            400 => (text["リクエストが正しくありません"].Value, text["画面を再読み込みしてからもう一度お試しください。"].Value),
            _ => (text["エラーが発生しました"].Value, text["しばらくしてからもう一度お試しください。問題が続く場合は運用者にお問い合わせください。"].Value),
        };
    }
}
