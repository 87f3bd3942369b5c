using WebEdi.Domain.Companies;
using static WebEdi.Domain.Tests.Scenario;

namespace WebEdi.Domain.Tests.Companies;

public class Creating_a_company
{
    [Fact]
    public void Records_its_code_trimmed_name_roles_time_zone_and_creation_instant()
    {
        var company = Company.Create("TOKAI-MOTOR", "  Tokai Motor  ", isBuyer: true, isSupplier: false, Received, "Asia/Tokyo");

        Assert.NotEqual(Guid.Empty, company.Id);
        Assert.Equal("TOKAI-MOTOR", company.Code);
        Assert.Equal("Tokai Motor", company.Name);
        Assert.True(company.IsBuyer);
        Assert.False(company.IsSupplier);
        Assert.Equal("Asia/Tokyo", company.TimeZoneId);
        Assert.Equal(Received, company.CreatedAt);
    }

    [Fact]
    public void Uses_Tokyo_time_when_no_time_zone_is_given()
    {
        var company = Company.Create("MIKAWA-SEIKO", "Mikawa Seiko", isBuyer: false, isSupplier: true, Received);

        Assert.Equal("Asia/Tokyo", company.TimeZoneId);
    }

    [Fact]
    public void May_be_both_a_buyer_and_a_supplier()
    {
        var company = Company.Create("CHUBU-PARTS", "Chubu Parts", isBuyer: true, isSupplier: true, Received);

        Assert.True(company.IsBuyer);
        Assert.True(company.IsSupplier);
    }

    [Theory]
    [InlineData("TM")]
    [InlineData("TOKAI_MOTOR-2")]
    [InlineData("ABCDEFGHIJ0123456789")]
    public void Accepts_a_code_of_2_to_20_capitals_digits_hyphens_and_underscores(string code)
    {
        Assert.Equal(code, Company.Create(code, "Tokai Motor", true, false, Received).Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("T")]
    [InlineData("tokai-motor")]
    [InlineData("TOKAI MOTOR")]
    [InlineData("TOKAI.MOTOR")]
    [InlineData("ABCDEFGHIJ01234567890")]
    [InlineData("東海自動車")]
    [InlineData(null)]
    public void Refuses_a_code_outside_that_pattern(string? code)
    {
        Refused(() => Company.Create(code!, "Tokai Motor", true, false, Received), ("code", "invalid_code"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Refuses_a_missing_name(string? name)
    {
        Refused(() => Company.Create("TOKAI-MOTOR", name!, true, false, Received), ("name", "required"));
    }

    [Fact]
    public void Accepts_a_name_of_100_characters_and_refuses_101()
    {
        Assert.Equal(100, Company.Create("TOKAI-MOTOR", new string('A', 100), true, false, Received).Name.Length);
        Refused(() => Company.Create("TOKAI-MOTOR", new string('A', 101), true, false, Received), ("name", "too_long"));
    }

    [Fact]
    public void Refuses_a_name_with_a_control_character()
    {
        Refused(() => Company.Create("TOKAI-MOTOR", "Tokai\u0007Motor", true, false, Received), ("name", "control_character"));
    }

    [Fact]
    public void Refuses_a_company_that_neither_buys_nor_supplies()
    {
        Refused(() => Company.Create("TOKAI-MOTOR", "Tokai Motor", isBuyer: false, isSupplier: false, Received), ("roles", "no_role"));
    }

    [Theory]
    [InlineData("Asia/Atlantis")]
    [InlineData("Tokyo")]
    [InlineData("")]
    [InlineData(null)]
    public void Refuses_an_unknown_time_zone(string? timeZoneId)
    {
        Refused(() => Company.Create("TOKAI-MOTOR", "Tokai Motor", true, false, Received, timeZoneId!),
            ("timeZoneId", "unknown_time_zone"));
    }

    [Fact]
    public void Reports_every_problem_at_once()
    {
        Refused(() => Company.Create("t", " ", false, false, Received, "Asia/Atlantis"),
            ("code", "invalid_code"), ("name", "required"), ("roles", "no_role"), ("timeZoneId", "unknown_time_zone"));
    }

    [Theory]
    [InlineData(DateTimeKind.Local)]
    [InlineData(DateTimeKind.Unspecified)]
    public void Refuses_a_creation_instant_that_is_not_UTC(DateTimeKind kind)
    {
        var at = DateTime.SpecifyKind(Received, kind);

        Assert.Throws<ArgumentException>(() => Company.Create("TOKAI-MOTOR", "Tokai Motor", true, false, at));
    }
}
