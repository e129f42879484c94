using CqpJury.Domain.Outcomes;

namespace CqpJury.Domain.Deliberations.Events;

/// <summary>
/// Something that happened in a deliberation, in order, raised with everything it says: who acted,
/// in which round, and the data of the act. The app stores these as facts and audits them; it never
/// reads the aggregate's state to complete them.
/// </summary>
public abstract record DeliberationEvent(Guid DossierId, DateTimeOffset OccurredAt, int Round);

/// <summary>R11: the chair put a proposal to the vote (round 1) or amended it (a new round).</summary>
public sealed record ProposalPut(Guid DossierId, DateTimeOffset OccurredAt, int Round, Guid ProposedBy, IReadOnlyDictionary<string, bool> Validations)
    : DeliberationEvent(DossierId, OccurredAt, Round);

/// <summary>R11: a panel member's vote; R12: an objection carries its reason in <see cref="Comment"/>.</summary>
public sealed record VoteCast(Guid DossierId, DateTimeOffset OccurredAt, int Round, Guid MemberId, VoteChoice Choice, string? Comment)
    : DeliberationEvent(DossierId, OccurredAt, Round);

/// <summary>R11: the round ended and met the certificate's decision rule.</summary>
public sealed record DecisionReached(Guid DossierId, DateTimeOffset OccurredAt, int Round, DecisionOutcome Outcome, IReadOnlyList<Guid> Approvers)
    : DeliberationEvent(DossierId, OccurredAt, Round);

/// <summary>R10.1, R11: the chair postponed the dossier (ajourné).</summary>
public sealed record DeliberationPostponed(Guid DossierId, DateTimeOffset OccurredAt, int Round, Guid PostponedBy, string Reason)
    : DeliberationEvent(DossierId, OccurredAt, Round);

/// <summary>R13, R14: the chair wrote the decision's comments and the answer to the candidate's observations.</summary>
public sealed record DecisionTextWritten(Guid DossierId, DateTimeOffset OccurredAt, int Round, Guid WrittenBy, string? Comments, string? ObservationsAnswer)
    : DeliberationEvent(DossierId, OccurredAt, Round);

/// <summary>R14: the chair signed the decision; R12: it is final.</summary>
public sealed record DecisionSigned(Guid DossierId, DateTimeOffset OccurredAt, int Round, Guid SignedBy)
    : DeliberationEvent(DossierId, OccurredAt, Round);
