using Microsoft.AspNetCore.Identity;

namespace CqpJury.App.Data.Entities;

/// <summary>An account: a secretariat user or a jury member (linked through <see cref="JuryMemberId"/>).</summary>
public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>False once deactivated by the secretariat: no login, no action, circuits revoked.</summary>
    public bool IsActive { get; set; } = true;

    public Guid? JuryMemberId { get; set; }
}

/// <summary>The two roles (code names; the UI shows them in French).</summary>
public static class Roles
{
    public const string Secretariat = "Secretariat";
    public const string JuryMember = "JuryMember";

    public static string ToFrench(string role) => role switch
    {
        Secretariat => "Secrétariat",
        JuryMember => "Membre du jury",
        _ => role,
    };
}
