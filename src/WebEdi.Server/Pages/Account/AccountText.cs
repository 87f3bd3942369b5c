namespace WebEdi.Server.Pages.Account;

/// <summary>The anchor type of the account pages' messages (Resources/Pages/Account/AccountText.en.resx).</summary>
public sealed class AccountText;
