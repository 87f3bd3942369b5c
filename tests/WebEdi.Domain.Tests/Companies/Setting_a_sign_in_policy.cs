using System.Net;
using static WebEdi.Domain.Tests.Scenario;

namespace WebEdi.Domain.Tests.Companies;

public class Setting_a_sign_in_policy
{
    [Fact]
    public void A_new_company_allows_every_network_and_no_second_factor()
    {
        var company = Supplier();

        Assert.False(company.RequiresTwoFactor);
        Assert.True(company.AllowsSignInFrom(IPAddress.Parse("198.51.100.20")));
    }

    [Fact]
    public void Addresses_and_ranges_typed_on_several_lines_are_tidied_and_enforced()
    {
        var company = Supplier();

        company.SetSignInPolicy(true, "203.0.113.7\r\n10.0.0.0/8 ; 2001:db8::/32\n10.0.0.0/8");

        Assert.True(company.RequiresTwoFactor);
        Assert.Equal("203.0.113.7,10.0.0.0/8,2001:db8::/32", company.AllowedSignInAddresses);
        Assert.True(company.AllowsSignInFrom(IPAddress.Parse("10.20.30.40")));
        Assert.True(company.AllowsSignInFrom(IPAddress.Parse("::ffff:203.0.113.7")));
        Assert.True(company.AllowsSignInFrom(IPAddress.Parse("2001:db8::1")));
        Assert.False(company.AllowsSignInFrom(IPAddress.Parse("203.0.113.8")));
        Assert.False(company.AllowsSignInFrom(null));
    }

    [Theory]
    [InlineData("10.0.0.1/8")]
    [InlineData("not-an-address")]
    [InlineData("10.0.0.0/33")]
    public void An_entry_that_is_not_an_address_or_range_is_refused_and_changes_nothing(string entry)
    {
        var company = Supplier();
        company.SetSignInPolicy(false, "192.0.2.0/24");

        var error = Refused(() => company.SetSignInPolicy(true, "203.0.113.7, " + entry), ("allowedSignInAddresses", "invalid_address"));

        Assert.Contains(entry, error.Errors[0].Message, StringComparison.Ordinal);
        Assert.False(company.RequiresTwoFactor);
        Assert.Equal("192.0.2.0/24", company.AllowedSignInAddresses);
    }
}
