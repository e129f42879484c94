using CqpJury.Domain.Deliberations;
using CqpJury.Domain.Outcomes;

namespace CqpJury.App.Data.Entities;

/// <summary>When a member first and last joined a session's room (feuille d'émargement).</summary>
public sealed class SessionAttendance
{
    public Guid SessionId { get; set; }

    public Guid JuryMemberId { get; set; }

    public DateTimeOffset FirstJoinedAt { get; set; }

    public DateTimeOffset LastJoinedAt { get; set; }
}

public enum PresidencyEventKind
{
    Proposed,
    Accepted,
}

/// <summary>R9: append-only facts of the president's designation (a proposal, then acceptances).</summary>
public sealed class PresidencyEvent
{
    public long Id { get; set; }

    public Guid SessionId { get; set; }

    public PresidencyEventKind Kind { get; set; }

    /// <summary>Who proposed or accepted.</summary>
    public Guid ActorMemberId { get; set; }

    /// <summary>The member proposed as president.</summary>
    public Guid CandidateMemberId { get; set; }

    public DateTimeOffset At { get; set; }
}

/// <summary>
/// R10: a member's answer, for one dossier of one session, to "do you have a legal or economic
/// link with the candidate's employer or training organisation?". Known links are pre-filled
/// (<see cref="IsKnown"/>) and can never be cleared; a declared conflict can never be withdrawn.
/// </summary>
public sealed class ConflictDeclaration
{
    public Guid Id { get; set; }

    public Guid SessionId { get; set; }

    public Guid DossierId { get; set; }

    public Guid JuryMemberId { get; set; }

    public bool HasConflict { get; set; }

    public bool IsKnown { get; set; }

    public string? Reason { get; set; }

    public DateTimeOffset DeclaredAt { get; set; }
}

/// <summary>R10.1: a member who stood aside for one dossier to restore parity.</summary>
public sealed class StandAside
{
    public Guid Id { get; set; }

    public Guid SessionId { get; set; }

    public Guid DossierId { get; set; }

    public Guid JuryMemberId { get; set; }

    public Guid AppliedByMemberId { get; set; }

    public DateTimeOffset At { get; set; }
}

/// <summary>
/// The deliberation on one agenda dossier: its frozen panel and a summary of its state, kept in
/// step with the append-only <see cref="DeliberationEvent"/> facts it is rebuilt from.
/// <see cref="Version"/> is the concurrency token: every command increments it, so two members
/// acting at the same moment never lose an update (the loser retries on fresh state).
/// </summary>
public sealed class DeliberationRecord
{
    public Guid Id { get; set; }

    public Guid SessionId { get; set; }

    public Guid DossierId { get; set; }

    /// <summary>Panel member ids, comma-separated, frozen at opening (R10, R10.1).</summary>
    public string PanelMemberIds { get; set; } = string.Empty;

    /// <summary>Members in conflict of interest (known or declared) when the deliberation opened or the dossier was postponed (R10): a fact for the minutes.</summary>
    public string RecusedMemberIds { get; set; } = string.Empty;

    public DeliberationState State { get; set; }

    public int Round { get; set; }

    public int Version { get; set; }

    public DateTimeOffset OpenedAt { get; set; }

    public DecisionOutcome? Outcome { get; set; }

    /// <summary>The decided validations, "C1=1;C2=0;…" (R4).</summary>
    public string? DecidedValidations { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public string? Comments { get; set; }

    public string? ObservationsAnswer { get; set; }

    public Guid? SignedByMemberId { get; set; }

    public string? SignedByName { get; set; }

    public DateTimeOffset? SignedAt { get; set; }

    public string? PostponementReason { get; set; }

    public DateTimeOffset? PostponedAt { get; set; }

    public List<DeliberationEvent> Events { get; set; } = [];

    public IReadOnlyList<Guid> Panel =>
        PanelMemberIds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse).ToList();

    public IReadOnlyList<Guid> Recused =>
        RecusedMemberIds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse).ToList();
}

public enum DeliberationEventKind
{
    ProposalPut,
    VoteCast,
    Postponed,
    DecisionTextWritten,
    DecisionSigned,
}

/// <summary>One append-only fact of a deliberation; replayed in <see cref="Version"/> order through the domain aggregate.</summary>
public sealed class DeliberationEvent
{
    public long Id { get; set; }

    public Guid DeliberationId { get; set; }

    /// <summary>The record version this fact produced; unique per deliberation (serializes concurrent commands).</summary>
    public int Version { get; set; }

    public DeliberationEventKind Kind { get; set; }

    public Guid ActorMemberId { get; set; }

    public int Round { get; set; }

    public VoteChoice? Choice { get; set; }

    /// <summary>Proposal validations ("C1=1;C2=0"), vote comment, postponement reason, or decision text (JSON).</summary>
    public string? Payload { get; set; }

    public DateTimeOffset At { get; set; }
}
