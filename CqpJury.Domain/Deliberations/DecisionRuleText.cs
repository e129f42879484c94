using CqpJury.Domain.Outcomes;
using CqpJury.Domain.Referential;

namespace CqpJury.Domain.Deliberations;

/// <summary>
/// R11: the one place that words the decision rule in force in French. Every text a user reads
/// about how the jury decides (room, home page, audit) is built here from the certificate's
/// <see cref="DecisionRule"/>, never from a hard-coded « unanimité ».
/// </summary>
public static class DecisionRuleText
{
    /// <summary>"unanimité des membres du collège délibérant" / "majorité absolue des membres du collège délibérant".</summary>
    public static string ToFrench(this DecisionRule rule) => $"{rule.Name()} des membres du collège délibérant";

    /// <summary>"unanimité" / "majorité absolue".</summary>
    public static string Name(this DecisionRule rule) => rule switch
    {
        DecisionRule.Unanimity => "unanimité",
        DecisionRule.AbsoluteMajority => "majorité absolue",
        _ => throw new ArgumentOutOfRangeException(nameof(rule)),
    };

    /// <summary>"à l'unanimité" / "à la majorité absolue".</summary>
    public static string Manner(this DecisionRule rule) => rule switch
    {
        DecisionRule.Unanimity => "à l'unanimité",
        DecisionRule.AbsoluteMajority => "à la majorité absolue",
        _ => throw new ArgumentOutOfRangeException(nameof(rule)),
    };

    /// <summary>"Décision prise à l'unanimité : Délivrance du CQP".</summary>
    public static string DecisionTaken(this DecisionRule rule, DecisionOutcome outcome) => $"Décision prise {rule.Manner()} : {outcome.ToFrench()}";

    /// <summary>What the panel reads when the round can no longer reach a decision (<see cref="Deliberation.IsRoundDefeated"/>).</summary>
    public static string RoundDefeated(this DecisionRule rule) => rule switch
    {
        DecisionRule.Unanimity =>
            "Une objection empêche la décision à l'unanimité : la proposition peut être modifiée et soumise à un nouveau vote, ou le dossier ajourné.",
        DecisionRule.AbsoluteMajority =>
            "Les objections empêchent la décision à la majorité absolue : la proposition peut être modifiée et soumise à un nouveau vote, ou le dossier ajourné.",
        _ => throw new ArgumentOutOfRangeException(nameof(rule)),
    };
}
