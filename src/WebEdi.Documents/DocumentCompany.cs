namespace WebEdi.Documents;

/// <summary>A company as printed on a document.</summary>
/// <param name="Name">The registered name, e.g. 株式会社さくら精密.</param>
/// <param name="Code">The company's code in WebEdi, e.g. SAKURA-SEIMITSU.</param>
public sealed record DocumentCompany(string Name, string Code)
{
    /// <summary>Postal address, printed under the name; may span lines.</summary>
    public string? Address { get; init; }

    /// <summary>Telephone number.</summary>
    public string? Phone { get; init; }

    /// <summary>適格請求書発行事業者登録番号 (T + 13 digits), printed when the supplier has one.</summary>
    public string? InvoiceRegistrationNumber { get; init; }
}
