using WebEdi.Domain.Companies;
using static WebEdi.Domain.Tests.Scenario;

namespace WebEdi.Domain.Tests.Companies;

public class Starting_a_trading_relationship
{
    [Fact]
    public void Links_the_buyer_to_the_supplier_under_the_buyers_supplier_code_and_is_active()
    {
        var buyer = Buyer();
        var supplier = Supplier();

        var relationship = TradingRelationship.Create(buyer, supplier, "S0001", Received);

        Assert.NotEqual(Guid.Empty, relationship.Id);
        Assert.Equal(buyer.Id, relationship.BuyerId);
        Assert.Equal(supplier.Id, relationship.SupplierId);
        Assert.Equal("S0001", relationship.SupplierCode);
        Assert.Equal(TradingRelationshipStatus.Active, relationship.Status);
        Assert.Equal(Received, relationship.CreatedAt);
        Assert.Null(relationship.StatusChangedAt);
    }

    [Fact]
    public void Refuses_a_buyer_that_is_not_a_buyer()
    {
        var notABuyer = Supplier("OTHER-SUPPLIER");

        Refused(() => TradingRelationship.Create(notABuyer, Supplier(), "S0001", Received), ("buyer", "not_a_buyer"));
    }

    [Fact]
    public void Refuses_a_supplier_that_is_not_a_supplier()
    {
        var notASupplier = Buyer("OTHER-BUYER");

        Refused(() => TradingRelationship.Create(Buyer(), notASupplier, "S0001", Received), ("supplier", "not_a_supplier"));
    }

    [Fact]
    public void Refuses_a_company_trading_with_itself()
    {
        var both = Company.Create("CHUBU-PARTS", "Chubu Parts", isBuyer: true, isSupplier: true, Received);

        Refused(() => TradingRelationship.Create(both, both, "S0001", Received), ("supplier", "self_relationship"));
    }

    [Fact]
    public void Lets_a_company_that_buys_and_supplies_trade_with_another()
    {
        var both = Company.Create("CHUBU-PARTS", "Chubu Parts", isBuyer: true, isSupplier: true, Received);

        Assert.Equal(TradingRelationshipStatus.Active, TradingRelationship.Create(Buyer(), both, "S0002", Received).Status);
        Assert.Equal(TradingRelationshipStatus.Active, TradingRelationship.Create(both, Supplier(), "S0003", Received).Status);
    }

    [Theory]
    [InlineData("7")]
    [InlineData("s-01_a")]
    [InlineData("ABCDEFGHIJ0123456789")]
    public void Accepts_a_supplier_code_of_1_to_20_letters_digits_hyphens_and_underscores(string code)
    {
        Assert.Equal(code, TradingRelationship.Create(Buyer(), Supplier(), code, Received).SupplierCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("S 01")]
    [InlineData("S.01")]
    [InlineData("仕入先01")]
    [InlineData("ABCDEFGHIJ01234567890")]
    [InlineData(null)]
    public void Refuses_a_supplier_code_outside_that_pattern(string? code)
    {
        Refused(() => TradingRelationship.Create(Buyer(), Supplier(), code!, Received), ("supplierCode", "invalid_code"));
    }

    [Fact]
    public void Reports_every_problem_at_once()
    {
        Refused(() => TradingRelationship.Create(Supplier("S-ONE"), Buyer("B-ONE"), "", Received),
            ("buyer", "not_a_buyer"), ("supplier", "not_a_supplier"), ("supplierCode", "invalid_code"));
    }
}
