namespace CqpJury.Domain.Referential;

/// <summary>
/// How a panel's votes become a decision. Named once per certificate definition in the
/// referential data (R11): the source prescribes <see cref="Unanimity"/>; other branches use
/// <see cref="AbsoluteMajority"/>. The semantics live in <see cref="Deliberations.DecisionRuleEvaluator"/>.
/// </summary>
public enum DecisionRule
{
    Unanimity,
    AbsoluteMajority,
}
