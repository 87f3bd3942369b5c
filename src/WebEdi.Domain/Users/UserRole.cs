namespace WebEdi.Domain.Users;

/// <summary>
/// What a person may do. Company roles are ordered: each includes the rights of the one before it.
/// A platform operator runs the service and belongs to no company.
/// </summary>
public enum UserRole
{
    /// <summary>Reads orders and documents (閲覧者).</summary>
    Viewer = 0,

    /// <summary>Also answers orders, uploads CSV, creates shipments and prints (担当者).</summary>
    Operator = 1,

    /// <summary>Also manages the company's users and settings (管理者).</summary>
    CompanyAdmin = 2,

    /// <summary>Runs the platform across companies (運用者); never acts inside a company's trade.</summary>
    PlatformOperator = 3,
}

public static class UserRoles
{
    public static bool CanRead(this UserRole role) => role is UserRole.Viewer or UserRole.Operator or UserRole.CompanyAdmin;

    public static bool CanAnswer(this UserRole role) => role is UserRole.Operator or UserRole.CompanyAdmin;

    public static bool CanManageUsers(this UserRole role) => role is UserRole.CompanyAdmin;

    /// <summary>A company user belongs to exactly one company; a platform operator to none.</summary>
    public static void EnsureValidMembership(Guid? companyId, UserRole role)
    {
        if (!Enum.IsDefined(role))
        {
            throw new DomainRuleException("role", "unknown_role", $"'{role}' is not a role.");
        }

        if (role == UserRole.PlatformOperator && companyId is not null)
        {
            throw new DomainRuleException("companyId", "operator_in_company", "a platform operator belongs to no company.");
        }

        if (role != UserRole.PlatformOperator && companyId is null)
        {
            throw new DomainRuleException("companyId", "required", $"a {role} must belong to a company.");
        }
    }
}
