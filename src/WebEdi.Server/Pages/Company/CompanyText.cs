namespace WebEdi.Server.Pages.Company;

/// <summary>The anchor type of the company pages' messages (Resources/Pages/Company/CompanyText.en.resx).</summary>
public sealed class CompanyText;
