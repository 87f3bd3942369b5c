using System.Text.RegularExpressions;

namespace WebEdi.Domain.Companies;

public enum TradingRelationshipStatus
{
    /// <summary>Orders flow.</summary>
    Active,

    /// <summary>Temporarily blocked by the buyer (e.g. a quality hold); new orders are refused, open ones continue.</summary>
    Suspended,

    /// <summary>The buyer no longer orders from this supplier.</summary>
    Ended,
}

/// <summary>
/// A buyer ⇄ supplier pair (取引関係). The buyer knows the supplier by its own supplier code (仕入先コード),
/// which is what the buyer's ERP puts on its purchase orders.
/// </summary>
public sealed partial class TradingRelationship
{
    private TradingRelationship()
    {
        SupplierCode = null!;
    }

    public Guid Id { get; private set; }

    public Guid BuyerId { get; private set; }

    public Guid SupplierId { get; private set; }

    /// <summary>The buyer's code for the supplier, unique per buyer.</summary>
    public string SupplierCode { get; private set; }

    public TradingRelationshipStatus Status { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime? StatusChangedAt { get; private set; }

    public static TradingRelationship Create(Company buyer, Company supplier, string supplierCode, DateTime at)
    {
        var errors = new DomainErrorCollector();
        errors.Check(buyer.IsBuyer, "buyer", "not_a_buyer", $"company {buyer.Code} is not a buyer.");
        errors.Check(supplier.IsSupplier, "supplier", "not_a_supplier", $"company {supplier.Code} is not a supplier.");
        errors.Check(buyer.Id != supplier.Id, "supplier", "self_relationship", "a company cannot trade with itself.");
        errors.Check(SupplierCodePattern().IsMatch(supplierCode ?? ""), "supplierCode", "invalid_code",
            "must be 1 to 20 characters of letters, digits, '-' or '_'.");
        errors.ThrowIfAny();

        return new TradingRelationship
        {
            Id = Guid.CreateVersion7(),
            BuyerId = buyer.Id,
            SupplierId = supplier.Id,
            SupplierCode = supplierCode!,
            Status = TradingRelationshipStatus.Active,
            CreatedAt = Instant.Require(at),
        };
    }

    public void Suspend(DateTime at) => Move(TradingRelationshipStatus.Suspended, at, from: TradingRelationshipStatus.Active);

    public void Reactivate(DateTime at) => Move(TradingRelationshipStatus.Active, at, from: TradingRelationshipStatus.Suspended);

    public void End(DateTime at)
    {
        if (Status == TradingRelationshipStatus.Ended)
        {
            throw new DomainRuleException("status", "already_ended", "the trading relationship has already ended.");
        }

        StatusChangedAt = Instant.Require(at);
        Status = TradingRelationshipStatus.Ended;
    }

    private void Move(TradingRelationshipStatus to, DateTime at, TradingRelationshipStatus from)
    {
        if (Status != from)
        {
            throw new DomainRuleException("status", "invalid_transition", $"a {Status} relationship cannot become {to}.");
        }

        StatusChangedAt = Instant.Require(at);
        Status = to;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,20}$")]
    private static partial Regex SupplierCodePattern();
}
