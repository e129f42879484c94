namespace CqpJury.App.Data.Entities;

public enum SessionStatus
{
    /// <summary>En préparation: the secretariat prepares it.</summary>
    Draft,

    /// <summary>Ouverte: members may join the room.</summary>
    Open,

    /// <summary>Clôturée: read-only.</summary>
    Closed,
}

/// <summary>A jury session: when, where, who (R8), which dossiers.</summary>
public sealed class JurySession
{
    public Guid Id { get; set; }

    public string Title { get; set; } = string.Empty;

    public DateOnly Date { get; set; }

    public TimeOnly? StartTime { get; set; }

    public string? Place { get; set; }

    public string? VideoLink { get; set; }

    public SessionStatus Status { get; set; }

    public List<SessionMember> Members { get; set; } = [];

    public List<AgendaItem> Agenda { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    /// <summary>R9: the president designated by the members present (set once designated).</summary>
    public Guid? PresidentMemberId { get; set; }

    public DateTimeOffset? PresidentDesignatedAt { get; set; }

    /// <summary>The dossier the president put on screen (meeting tracker).</summary>
    public Guid? CurrentDossierId { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public string? ClosedBy { get; set; }
}

/// <summary>A member convened to a session; the seat comes from the member (R8).</summary>
public sealed class SessionMember
{
    public Guid SessionId { get; set; }

    public Guid JuryMemberId { get; set; }

    public JuryMemberEntity? JuryMember { get; set; }
}

/// <summary>A dossier on a session's agenda (only complete dossiers, R6).</summary>
public sealed class AgendaItem
{
    public Guid Id { get; set; }

    public Guid SessionId { get; set; }

    public Guid DossierId { get; set; }

    public DossierEntity? Dossier { get; set; }

    public int Position { get; set; }
}

/// <summary>
/// Append-only record of who did what, when, in which session and dossier. Each entry is sealed
/// into the installation's hash chain when it is saved (<see cref="Services.Audit.JournalChain"/>):
/// <see cref="Hash"/> covers its content and the previous entry's hash.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    /// <summary>Its place in the chain (1, 2, 3… with no gap; unique); set when saved.</summary>
    public long Sequence { get; set; }

    /// <summary>SHA-256 (hex) over the previous entry's hash and this entry's content; set when saved (null only for an entry written before the chain, until the first start seals it).</summary>
    public string? Hash { get; set; }

    /// <summary>Random salt of the details' digest (hex); removed, with the details, when they are expurgated.</summary>
    public string? DetailsSalt { get; set; }

    /// <summary>The details' salted digest, kept once the details are expurgated (personal data erased) so the chain still verifies.</summary>
    public string? DetailsDigest { get; set; }

    public DateTimeOffset At { get; set; }

    public string? UserId { get; set; }

    public string UserName { get; set; } = string.Empty;

    public string Action { get; set; } = string.Empty;

    public Guid? SessionId { get; set; }

    public Guid? DossierId { get; set; }

    public string? Details { get; set; }
}
