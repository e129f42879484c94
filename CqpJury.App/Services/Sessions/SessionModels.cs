using CqpJury.App.Data.Entities;
using CqpJury.Domain.Common;
using CqpJury.Domain.Juries;

namespace CqpJury.App.Services.Sessions;

/// <summary>What the secretariat types for a session (shared by the form and the service, which validates it).</summary>
public sealed class SessionInput
{
    public string? Title { get; set; }

    public DateOnly? Date { get; set; }

    public TimeOnly? StartTime { get; set; }

    public string? Place { get; set; }

    public string? VideoLink { get; set; }
}

/// <summary>Which way a dossier moves on the agenda.</summary>
public enum AgendaMove
{
    Up,
    Down,
}

/// <summary>One line of the secretariat's list of sessions.</summary>
public sealed record SessionSummary(
    Guid Id,
    string Title,
    DateOnly Date,
    TimeOnly? StartTime,
    string? Place,
    string? VideoLink,
    SessionStatus Status,
    int MemberCount,
    int AgendaCount,
    IReadOnlyList<Finding> CompositionFindings)
{
    public bool CompositionIsValid => CompositionFindings.Count == 0;
}

/// <summary>A member convened to a session.</summary>
/// <param name="CommitmentAcceptedAt">R16: when the member accepted the session's confidentiality commitment (null: not yet).</param>
/// <param name="FirstJoinedAt">When the member first entered the room (null: not present).</param>
public sealed record ConvenedMember(Guid Id, string FullName, Seat Seat, string? Organisation, bool IsActive,
    DateTimeOffset? CommitmentAcceptedAt = null, DateTimeOffset? FirstJoinedAt = null);

/// <summary>An active member who may be convened.</summary>
public sealed record MemberChoice(Guid Id, string FullName, Seat Seat);

/// <summary>
/// A dossier that may be put on the agenda: complete, with no signed decision, on no other pending
/// agenda (checked again by the server); <paramref name="History"/>: its earlier postponements.
/// </summary>
public sealed record DossierChoice(Guid Id, string Reference, string CandidateName, string CertificateCode, IReadOnlyList<string> History)
{
    public bool WasPostponed => History.Count > 0;
}

/// <summary>A convened member flagged by a known conflict of interest (R10) for one dossier.</summary>
public sealed record KnownConflict(Guid MemberId, string MemberName, Seat Seat, IReadOnlyList<string> Reasons);

/// <summary>One dossier on the agenda, with what the secretariat must know before the session (R6, R10, R10.1).</summary>
public sealed record AgendaLine(
    Guid DossierId,
    int Position,
    string Reference,
    string CandidateName,
    string CertificateCode,
    string RouteLabel,
    IReadOnlyList<Finding> CompletenessFindings,
    IReadOnlyList<KnownConflict> Conflicts,
    IReadOnlyList<string> ParityProposals,
    bool MustPostpone,
    IReadOnlyList<Finding> PanelFindings,
    IReadOnlyList<string> History)
{
    public bool IsComplete => CompletenessFindings.Count == 0;

    /// <summary>True when known conflicts leave the panel invalid (R10.1; informative only).</summary>
    public bool PanelIsInvalid => Conflicts.Count > 0 && PanelFindings.Count > 0;
}

/// <summary>Everything the session page shows.</summary>
public sealed record SessionDetails(
    Guid Id,
    string Title,
    DateOnly Date,
    TimeOnly? StartTime,
    string? Place,
    string? VideoLink,
    SessionStatus Status,
    Guid ConcurrencyStamp,
    IReadOnlyList<ConvenedMember> Members,
    IReadOnlyList<Finding> CompositionFindings,
    IReadOnlyList<AgendaLine> Agenda,
    IReadOnlyList<MemberChoice> AvailableMembers,
    IReadOnlyList<DossierChoice> AvailableDossiers,
    IReadOnlyList<string> OpeningBlockers)
{
    public bool IsDraft => Status == SessionStatus.Draft;

    public SessionInput ToInput() => new()
    {
        Title = Title,
        Date = Date,
        StartTime = StartTime,
        Place = Place,
        VideoLink = VideoLink,
    };
}

/// <summary>One line of a session's journal.</summary>
public sealed record SessionAuditLine(DateTimeOffset At, string UserName, string Action, string? DossierReference, string? Details);

/// <summary>A session as a convened member sees it in "Mes sessions" (no candidate names, R16).</summary>
public sealed record MySessionItem(
    Guid Id,
    string Title,
    DateOnly Date,
    TimeOnly? StartTime,
    string? Place,
    string? VideoLink,
    SessionStatus Status,
    Seat Seat,
    int DossierCount)
{
    public bool CanJoin => Status == SessionStatus.Open;
}

public static class SessionStatusText
{
    public static string ToFrench(this SessionStatus status) => status switch
    {
        SessionStatus.Draft => "En préparation",
        SessionStatus.Open => "Ouverte",
        SessionStatus.Closed => "Clôturée",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };
}
