using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using WebEdi.Data;
using WebEdi.Domain.Companies;
using WebEdi.Server.Portal;

namespace WebEdi.Server.Pages.Company;

/// <summary>
/// The company's sign-in rules: two-factor for everyone, and the networks WebEdi may be used from. Both apply to
/// sessions already open from the next request on. A list that would shut out the admin's own current address is
/// refused, so no admin locks the company out by a typo.
/// </summary>
public sealed class SecurityModel(
    WebEdiDbContext db, PortalUser me, CompanyAccessPolicy access, IStringLocalizer<CompanyText> text) : PageModel
{
    [BindProperty]
    public bool RequireTwoFactor { get; set; }

    /// <summary>One address or CIDR range per line (commas and spaces work too); empty allows every network.</summary>
    [BindProperty]
    public string? AllowedAddresses { get; set; }

    public string CurrentAddress { get; private set; } = "";

    public async Task OnGetAsync()
    {
        var company = await db.Companies.AsNoTracking().SingleAsync(c => c.Id == me.Company, HttpContext.RequestAborted);
        RequireTwoFactor = company.RequiresTwoFactor;
        AllowedAddresses = company.AllowedSignInAddresses.Replace(",", "\n", StringComparison.Ordinal);
        CurrentAddress = Address();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        CurrentAddress = Address();
        var entries = (AllowedAddresses ?? "").Split([',', ' ', ';', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var entry in entries)
        {
            try
            {
                AddressAllowList.Normalize(entry);
            }
            catch (FormatException)
            {
                ModelState.AddModelError(nameof(AllowedAddresses),
                    text["「{0}」はIPアドレスでもCIDR形式の範囲でもありません（例: 203.0.113.7、203.0.113.0/24。範囲のホスト部は0にします）。", entry]);
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        string normalized;
        try
        {
            normalized = AddressAllowList.Normalize(AllowedAddresses);
        }
        catch (FormatException)
        {
            ModelState.AddModelError(nameof(AllowedAddresses), text["一覧が長すぎます（{0}文字まで）。範囲をまとめてください。", AddressAllowList.MaxLength]);
            return Page();
        }

        if (!AddressAllowList.Allows(normalized, HttpContext.Connection.RemoteIpAddress))
        {
            ModelState.AddModelError(nameof(AllowedAddresses),
                text["この一覧では、今お使いのネットワーク（{0}）からも利用できなくなり、保存した時点であなたもサインアウトされます。{0} を含む範囲を加えてください。", CurrentAddress]);
            return Page();
        }

        var company = await db.Companies.SingleAsync(c => c.Id == me.Company, HttpContext.RequestAborted);
        company.SetSignInPolicy(RequireTwoFactor, normalized);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        access.Forget(me.Company);
        TempData["Notice"] = text["サインインの制限を保存しました。サインイン中のユーザーにも次の操作から適用されます。"].Value;
        return RedirectToPage();
    }

    private string Address()
    {
        var address = HttpContext.Connection.RemoteIpAddress;
        return (address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address)?.ToString() ?? "";
    }
}
