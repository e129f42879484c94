namespace CqpJury.Domain.Deliberations.Events;

/// <summary>Something that happened in a deliberation, in order; the app stores and audits these.</summary>
public abstract record DeliberationEvent(Guid DossierId, DateTimeOffset OccurredAt);

public sealed record ProposalPut(Guid DossierId, DateTimeOffset OccurredAt, int Round, Guid ProposedBy) : DeliberationEvent(DossierId, OccurredAt);

public sealed record VoteCast(Guid DossierId, DateTimeOffset OccurredAt, int Round, Guid MemberId, VoteChoice Choice) : DeliberationEvent(DossierId, OccurredAt);

public sealed record DecisionReached(Guid DossierId, DateTimeOffset OccurredAt, int Round) : DeliberationEvent(DossierId, OccurredAt);

public sealed record DeliberationPostponed(Guid DossierId, DateTimeOffset OccurredAt, string Reason) : DeliberationEvent(DossierId, OccurredAt);

public sealed record DecisionTextWritten(Guid DossierId, DateTimeOffset OccurredAt) : DeliberationEvent(DossierId, OccurredAt);

public sealed record DecisionSigned(Guid DossierId, DateTimeOffset OccurredAt, Guid SignedBy) : DeliberationEvent(DossierId, OccurredAt);
