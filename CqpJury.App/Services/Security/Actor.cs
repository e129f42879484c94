namespace CqpJury.App.Services.Security;

/// <summary>Who is acting, as checked against the database at the time of the action.</summary>
public sealed record Actor(string UserId, string DisplayName, bool IsSecretariat, Guid? JuryMemberId)
{
    public bool IsJuryMember => JuryMemberId is not null;
}
