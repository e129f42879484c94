namespace CqpJury.Domain.Outcomes;

/// <summary>
/// R4, R4.1: the five years of R4.1 are those during which a partial validation counts towards the CQP. Once the
/// CQP is awarded (R4: every competence validated, now or earlier), the award is final: no competence of it has an
/// end of validity, and none is shown — on the room's screens as on the documents.
/// </summary>
public static class AwardedCqpHasNoExpiry
{
    /// <summary>The end of validity to show for a competence standing in a decision: none for an award or a competence not validated.</summary>
    public static DateOnly? ValidUntilShown(DecisionOutcome outcome, CompetenceStanding standing, DateOnly? validUntil) =>
        outcome == DecisionOutcome.Awarded || standing == CompetenceStanding.NotValidated ? null : validUntil;

    /// <summary>The end of validity to show for <paramref name="result"/> in <paramref name="outcome"/>.</summary>
    public static DateOnly? ValidUntilShown(this OutcomeResult outcome, CompetenceResult result)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(result);
        return ValidUntilShown(outcome.Outcome, result.Standing, result.ValidUntil);
    }
}
