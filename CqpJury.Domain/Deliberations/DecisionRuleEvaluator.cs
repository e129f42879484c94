using CqpJury.Domain.Referential;

namespace CqpJury.Domain.Deliberations;

/// <summary>
/// R11: what each <see cref="DecisionRule"/> means for a panel's votes in one round, once every
/// panel member has voted (<see cref="Deliberation.Cast"/>). The rule a certificate uses is named
/// once, in its definition; its French wording is <see cref="DecisionRuleText"/>.
/// </summary>
public static class DecisionRuleEvaluator
{
    /// <summary>Is the rule met: Unanimity = every panel member approved; AbsoluteMajority = more than half approved.</summary>
    public static bool IsMet(DecisionRule rule, int panelSize, int approvals) => panelSize > 0 && rule switch
    {
        DecisionRule.Unanimity => approvals == panelSize,
        DecisionRule.AbsoluteMajority => approvals * 2 > panelSize,
        _ => throw new ArgumentOutOfRangeException(nameof(rule)),
    };

    /// <summary>Can this round no longer reach a decision (the proposal must be amended or the dossier postponed)?</summary>
    public static bool IsDefeated(DecisionRule rule, int panelSize, int objections) => rule switch
    {
        DecisionRule.Unanimity => objections > 0,
        DecisionRule.AbsoluteMajority => (panelSize - objections) * 2 <= panelSize,
        _ => throw new ArgumentOutOfRangeException(nameof(rule)),
    };
}
