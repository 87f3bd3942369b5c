using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using WebEdi.Data;
using WebEdi.Data.Notifications;
using WebEdi.Domain;
using WebEdi.Ordering.Notifications;
using WebEdi.Server.Portal;

namespace WebEdi.Server.Pages.Company;

/// <summary>
/// Where order e-mail goes besides the users (shared mailboxes such as 受注係), and the log of what was sent to the
/// company, newest first, 50 per page.
/// </summary>
public sealed class NotificationsModel(
    WebEdiDbContext db, PortalUser me, NotificationLog log, TimeProvider clock, IStringLocalizer<CompanyText> text) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "メールアドレスを入力してください。")]
    [Display(Name = "追加するメールアドレス")]
    public string NewAddress { get; set; } = "";

    [BindProperty(SupportsGet = true, Name = "p")]
    public int LogPage { get; set; } = 1;

    public IReadOnlyList<NotificationAddress> Addresses { get; private set; } = [];

    public NotificationLogPage Log { get; private set; } = new([], 1, NotificationLog.PageSize, 0);

    public TimeZoneInfo TimeZone { get; private set; } = TimeZoneInfo.Utc;

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAddAsync()
    {
        if (ModelState.IsValid)
        {
            try
            {
                var address = NotificationAddress.Create(me.Company, NewAddress, clock.GetUtcNow().UtcDateTime);
                var existing = await db.NotificationAddresses.Where(a => a.CompanyId == me.Company).Select(a => a.Email).ToListAsync(HttpContext.RequestAborted);
                if (existing.Contains(address.Email, StringComparer.OrdinalIgnoreCase))
                {
                    ModelState.AddModelError(nameof(NewAddress), text["このアドレスはすでに登録されています。"]);
                }
                else
                {
                    db.NotificationAddresses.Add(address);
                    await db.SaveChangesAsync(HttpContext.RequestAborted);
                    TempData["Notice"] = text["{0} を通知先に追加しました。", address.Email].Value;
                    return RedirectToPage();
                }
            }
            catch (DomainRuleException)
            {
                ModelState.AddModelError(nameof(NewAddress), text["メールアドレスを1つ、256文字以内で入力してください。"]);
            }
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id)
    {
        var address = await db.NotificationAddresses.SingleOrDefaultAsync(a => a.Id == id && a.CompanyId == me.Company, HttpContext.RequestAborted);
        if (address is null)
        {
            return NotFound();
        }

        db.NotificationAddresses.Remove(address);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        TempData["Notice"] = text["{0} を通知先から外しました。", address.Email].Value;
        return RedirectToPage();
    }

    public string Local(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZone).ToString("yyyy/MM/dd HH:mm", PortalCulture.Formats);

    private async Task LoadAsync()
    {
        var timeZone = await db.Companies.AsNoTracking().Where(c => c.Id == me.Company).Select(c => c.TimeZoneId).SingleAsync(HttpContext.RequestAborted);
        TimeZone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        Addresses = await db.NotificationAddresses.AsNoTracking().Where(a => a.CompanyId == me.Company)
            .OrderBy(a => a.CreatedAt).ToListAsync(HttpContext.RequestAborted);
        Log = await log.ForCompanyAsync(me.Company, LogPage, HttpContext.RequestAborted);
    }
}
