using WebEdi.Domain.Companies;
using static WebEdi.Domain.Tests.Scenario;

namespace WebEdi.Domain.Tests.Companies;

public class Reading_times_in_a_companys_time_zone
{
    private static readonly DateTime FourPmUtc = new(2026, 11, 21, 16, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Four_pm_UTC_is_one_am_the_next_day_in_Tokyo()
    {
        var company = Buyer();

        Assert.Equal(new DateTime(2026, 11, 22, 1, 0, 0), company.ToLocalTime(FourPmUtc));
        Assert.Equal(new DateOnly(2026, 11, 22), company.LocalDate(FourPmUtc));
    }

    [Fact]
    public void A_minute_before_Tokyo_midnight_is_still_the_same_day()
    {
        var company = Buyer();

        Assert.Equal(new DateOnly(2026, 11, 21), company.LocalDate(new DateTime(2026, 11, 21, 14, 59, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void A_company_in_another_time_zone_sees_its_own_date()
    {
        var company = Company.Create("OHIO-STEEL", "Ohio Steel", false, true, Received, "America/New_York");

        Assert.Equal(new DateTime(2026, 11, 21, 11, 0, 0), company.ToLocalTime(FourPmUtc));
        Assert.Equal(new DateOnly(2026, 11, 21), company.LocalDate(FourPmUtc));
    }

    [Theory]
    [InlineData(DateTimeKind.Local)]
    [InlineData(DateTimeKind.Unspecified)]
    public void Refuses_an_instant_that_is_not_UTC(DateTimeKind kind)
    {
        var company = Buyer();
        var notUtc = DateTime.SpecifyKind(FourPmUtc, kind);

        Assert.Equal("utc", Assert.Throws<ArgumentException>(() => company.ToLocalTime(notUtc)).ParamName);
        Assert.Throws<ArgumentException>(() => company.LocalDate(notUtc));
    }
}
