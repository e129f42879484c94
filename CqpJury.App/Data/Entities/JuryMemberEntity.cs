using CqpJury.Domain.Juries;

namespace CqpJury.App.Data.Entities;

/// <summary>A jury member: seat (R8), organisation, account.</summary>
public sealed class JuryMemberEntity
{
    public Guid Id { get; set; }

    public string LastName { get; set; } = string.Empty;

    public string FirstName { get; set; } = string.Empty;

    public string Email { get; set; } = string.Empty;

    public Seat Seat { get; set; }

    /// <summary>The organisation the member belongs to, as they describe it (union, company, federation…).</summary>
    public string? OrganisationName { get; set; }

    /// <summary>When the member's organisation is a known employer or training organisation (pre-fills R10).</summary>
    public Guid? OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    public bool IsActive { get; set; } = true;

    public string? UserId { get; set; }

    public List<MemberOrganisationLink> Links { get; set; } = [];

    public string FullName => $"{FirstName} {LastName}".Trim();

    public JuryMember ToDomain() => new(Id, FullName, Seat);
}

/// <summary>A known legal or economic link between a member and an organisation (pre-fills conflicts, R10).</summary>
public sealed class MemberOrganisationLink
{
    public Guid Id { get; set; }

    public Guid JuryMemberId { get; set; }

    public Guid OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    public string Description { get; set; } = string.Empty;
}

/// <summary>A single-use invitation to set a password (≥ 128-bit token, stored hashed, expires after 72 h).</summary>
public sealed class Invitation
{
    public Guid Id { get; set; }

    public Guid JuryMemberId { get; set; }

    public JuryMemberEntity? JuryMember { get; set; }

    /// <summary>SHA-256 of the token, hex; the token itself is shown once and never stored.</summary>
    public string TokenHash { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? UsedAt { get; set; }

    public string CreatedBy { get; set; } = string.Empty;
}
