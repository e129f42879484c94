using CqpJury.App.Data.Entities;
using CqpJury.Domain.Juries;

namespace CqpJury.App.Services.Members;

/// <summary>What the secretariat types for a jury member (validated by <see cref="JuryMemberService"/>).</summary>
public sealed class JuryMemberInput
{
    public string FirstName { get; set; } = string.Empty;

    public string LastName { get; set; } = string.Empty;

    /// <summary>Required, unique: the member signs in with it.</summary>
    public string Email { get; set; } = string.Empty;

    /// <summary>Null until chosen (R8).</summary>
    public Seat? Seat { get; set; }

    /// <summary>Free text: union, federation, company…</summary>
    public string? OrganisationName { get; set; }

    /// <summary>Optional "organisation d'appartenance": a known employer or training organisation (pre-fills R10 conflicts).</summary>
    public Guid? OrganisationId { get; set; }
}

/// <summary>A known legal or economic link between a member and an organisation (R10).</summary>
public sealed class MemberLinkInput
{
    public Guid? OrganisationId { get; set; }

    public string Description { get; set; } = string.Empty;
}

/// <summary>Where a member's account stands.</summary>
public enum MemberAccountStatus
{
    InvitationToSend,
    InvitationSent,
    Active,
    Deactivated,
}

/// <summary>One member as the list shows them.</summary>
public sealed record JuryMemberListItem(
    Guid Id,
    string FirstName,
    string LastName,
    string Email,
    Seat Seat,
    string? Organisation,
    MemberAccountStatus Status,
    string StatusText)
{
    public string FullName => $"{FirstName} {LastName}".Trim();

    public string SeatText => Seat.ToFrench();
}

/// <summary>A member's known link, as shown on their page.</summary>
public sealed record MemberLinkView(Guid Id, Guid OrganisationId, string OrganisationName, OrganisationKind OrganisationKind, string Description);

/// <summary>A member's page: the values to edit, the account, the known links.</summary>
public sealed record JuryMemberDetails(
    Guid Id,
    JuryMemberInput Input,
    bool IsActive,
    bool HasAccount,
    MemberAccountStatus Status,
    string StatusText,
    IReadOnlyList<MemberLinkView> Links)
{
    public string FullName => $"{Input.FirstName} {Input.LastName}".Trim();
}
