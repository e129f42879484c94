using CqpJury.Domain.Common;

namespace CqpJury.Domain.Deliberations;

/// <summary>The ordinary mistakes a deliberation refuses (R3, R9, R10.1, R10.2, R11, R12, R13, R14).</summary>
public enum DeliberationError
{
    PanelInvalid,
    NoChair,
    NotChair,
    NotInPanel,
    NoProposalToVote,
    AlreadyVoted,
    AlreadyDecided,
    Postponed,
    ProposalIncomplete,
    UnknownCompetence,
    CompetenceNotValidatable,
    NotDecided,
    AlreadySigned,
    ObservationsNotAnswered,
    ObjectionReasonMissing,
    CommentTooLong,
}

/// <summary>A refused deliberation action: a typed <see cref="Error"/> and a French message for the user.</summary>
public sealed class DeliberationException : BusinessRuleValidationException
{
    public DeliberationException(IDeliberationRule rule)
        : base(rule)
    {
        Error = rule.Error;
    }

    public DeliberationException(DeliberationError error, string ruleId, string message)
        : base(ruleId, message)
    {
        Error = error;
    }

    public DeliberationException()
        : this(DeliberationError.NotDecided, "R11", "Action refusée.")
    {
    }

    public DeliberationException(string message)
        : this(DeliberationError.NotDecided, "R11", message)
    {
    }

    public DeliberationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = DeliberationError.NotDecided;
    }

    public DeliberationError Error { get; }
}
