using static WebEdi.Domain.Tests.Scenario;

namespace WebEdi.Domain.Tests.Companies;

public class Changing_a_company
{
    [Fact]
    public void Renaming_trims_the_new_name()
    {
        var company = Buyer();

        company.Rename("  Tokai Motor Corporation ");

        Assert.Equal("Tokai Motor Corporation", company.Name);
    }

    [Theory]
    [InlineData("   ", "required")]
    [InlineData("Tokai\u0000Motor", "control_character")]
    public void Renaming_to_an_invalid_name_is_refused_and_keeps_the_old_name(string name, string code)
    {
        var company = Buyer();

        Refused(() => company.Rename(name), ("name", code));

        Assert.Equal("Tokai Motor", company.Name);
    }

    [Fact]
    public void Renaming_to_more_than_100_characters_is_refused()
    {
        var company = Buyer();

        Refused(() => company.Rename(new string('A', 101)), ("name", "too_long"));

        Assert.Equal("Tokai Motor", company.Name);
    }

    [Fact]
    public void Changing_the_time_zone_changes_the_local_dates_its_users_see()
    {
        var company = Buyer();

        company.ChangeTimeZone("America/New_York");

        Assert.Equal("America/New_York", company.TimeZoneId);
        Assert.Equal(new DateOnly(2026, 11, 21), company.LocalDate(new DateTime(2026, 11, 21, 16, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void Changing_to_an_unknown_time_zone_is_refused_and_keeps_the_old_one()
    {
        var company = Buyer();

        Refused(() => company.ChangeTimeZone("Europe/Atlantis"), ("timeZoneId", "unknown_time_zone"));

        Assert.Equal("Asia/Tokyo", company.TimeZoneId);
    }
}
