using CqpJury.Domain.Outcomes;

namespace CqpJury.Domain.Deliberations;

public enum DeliberationState
{
    /// <summary>Opened, no proposal put to the vote yet.</summary>
    Open,

    /// <summary>A proposal is under vote.</summary>
    Voting,

    /// <summary>The decision rule was met (R11).</summary>
    Decided,

    /// <summary>Ajourné: no decision (R10.1, R11).</summary>
    Postponed,
}

/// <summary>R11: a panel member approves the proposal or objects to it.</summary>
public enum VoteChoice
{
    Approve,

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "The domain word: a member objects.")]
    Object,
}

/// <summary>A proposal put to the vote in one round: per competence validated or not, and its outcome (R4).</summary>
public sealed record Proposal(
    int Round,
    IReadOnlyDictionary<string, bool> Validations,
    OutcomeResult Outcome,
    Guid ProposedBy,
    DateTimeOffset ProposedAt);

/// <summary>
/// One panel member's vote in one round (R11: one vote per member, no proxy). <see cref="Comment"/>
/// is optional on an approval and is the objection's reason on an objection (R12: required, read by
/// the panel, never printed on the candidate's documents).
/// </summary>
public sealed record Vote(Guid MemberId, VoteChoice Choice, int Round, DateTimeOffset CastAt, string? Comment)
{
    /// <summary>R12: an objection's reason is short.</summary>
    public const int MaxCommentLength = 2000;
}

/// <summary>The tally of the current round.</summary>
public sealed record Tally(
    IReadOnlyList<Guid> Approved,
    IReadOnlyList<Guid> Objected,
    IReadOnlyList<Guid> Pending)
{
    public static Tally Empty { get; } = new([], [], []);
}

/// <summary>The decision reached when the rule was met (R4, R11).</summary>
public sealed record Decision(
    int Round,
    OutcomeResult Outcome,
    DateOnly DecisionDate,
    DateTimeOffset DecidedAt,
    IReadOnlyList<Guid> Approvers);

/// <summary>The president's signature of the decision (R14): who and when. A signed decision never changes.</summary>
public sealed record Signature(Guid SignedBy, DateTimeOffset SignedAt);
