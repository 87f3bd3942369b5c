using WebEdi.Domain.Users;

namespace WebEdi.Domain.Tests.Users;

public class Checking_what_a_role_may_do
{
    [Theory]
    [InlineData(UserRole.Viewer, true, false, false)]
    [InlineData(UserRole.Operator, true, true, false)]
    [InlineData(UserRole.CompanyAdmin, true, true, true)]
    [InlineData(UserRole.PlatformOperator, false, false, false)]
    public void Each_role_includes_the_rights_of_the_one_before_and_the_platform_operator_none_of_the_trade(
        UserRole role, bool read, bool answer, bool manageUsers)
    {
        Assert.Equal(read, role.CanRead());
        Assert.Equal(answer, role.CanAnswer());
        Assert.Equal(manageUsers, role.CanManageUsers());
    }
}
