namespace CqpJury.Domain.Evaluations;

/// <summary>
/// The evaluation of one competence: the filled element grid and the evaluators' verdict
/// ("maîtrisée" or not). The verdict is kept as given; R2.2 compares it with the grid.
/// </summary>
public sealed record CompetenceEvaluation(
    string CompetenceCode,
    IReadOnlyList<CompetenceElement> Elements,
    bool EvaluatorsSayMastered)
{
    /// <summary>R2.1 computed from the grid.</summary>
    public MasteryAssessment Mastery => MasteryRule.Assess(Elements);

    /// <summary>R2.2: the evaluators' verdict disagrees with R2.1 computed from the grid.</summary>
    public bool HasDiscrepancy => Mastery.IsMastered != EvaluatorsSayMastered;
}
