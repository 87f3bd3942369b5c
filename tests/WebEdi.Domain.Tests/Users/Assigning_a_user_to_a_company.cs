using WebEdi.Domain.Users;
using static WebEdi.Domain.Tests.Scenario;

namespace WebEdi.Domain.Tests.Users;

public class Assigning_a_user_to_a_company
{
    private static readonly Guid MikawaSeiko = new("0195a1c2-0000-7000-8000-00000000000a");

    [Theory]
    [InlineData(UserRole.Viewer)]
    [InlineData(UserRole.Operator)]
    [InlineData(UserRole.CompanyAdmin)]
    public void A_company_user_belongs_to_a_company(UserRole role)
    {
        UserRoles.EnsureValidMembership(MikawaSeiko, role);
    }

    [Theory]
    [InlineData(UserRole.Viewer)]
    [InlineData(UserRole.Operator)]
    [InlineData(UserRole.CompanyAdmin)]
    public void A_company_user_without_a_company_is_refused(UserRole role)
    {
        Refused(() => UserRoles.EnsureValidMembership(null, role), ("companyId", "required"));
    }

    [Fact]
    public void A_platform_operator_belongs_to_no_company()
    {
        UserRoles.EnsureValidMembership(null, UserRole.PlatformOperator);
    }

    [Fact]
    public void A_platform_operator_inside_a_company_is_refused()
    {
        Refused(() => UserRoles.EnsureValidMembership(MikawaSeiko, UserRole.PlatformOperator), ("companyId", "operator_in_company"));
    }

    [Fact]
    public void An_undefined_role_is_refused()
    {
        Refused(() => UserRoles.EnsureValidMembership(MikawaSeiko, (UserRole)7), ("role", "unknown_role"));
    }
}
