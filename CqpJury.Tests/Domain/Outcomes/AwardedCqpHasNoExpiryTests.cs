using CqpJury.Domain.Outcomes;
using static CqpJury.Tests.TestSupport.DossierBuilders;

namespace CqpJury.Tests.Domain.Outcomes;

/// <summary>R4, R4.1: the end of validity shown for a decision's competences — none once the CQP is awarded.</summary>
public class AwardedCqpHasNoExpiryTests
{
    private static readonly DateOnly DecisionDate = new(2026, 11, 27);

    [Fact]
    public void R4_1_A_full_award_shows_no_end_of_validity_for_its_competences_validated_now_or_held_from_earlier()
    {
        var cqp = Certificate();
        var earlier = new CompetenceAcquisition(cqp.Competences[0].Code, new DateOnly(2024, 3, 1));
        var outcome = OutcomeCalculator.Compute(cqp, cqp.Competences.Skip(1).Select(c => c.Code), [earlier], DecisionDate);

        Assert.Equal(DecisionOutcome.Awarded, outcome.Outcome);
        Assert.Contains(outcome.Competences, r => r.Standing == CompetenceStanding.StillHeld && r.ValidUntil == earlier.ValidUntil);
        Assert.All(outcome.Competences, r => Assert.NotNull(r.ValidUntil));
        Assert.All(outcome.Competences, r => Assert.Null(outcome.ValidUntilShown(r)));
    }

    [Fact]
    public void R4_1_A_partial_validation_shows_five_years_for_what_it_validates_the_earlier_date_for_what_is_held_and_none_for_the_rest()
    {
        var cqp = Certificate();
        var earlier = new CompetenceAcquisition(cqp.Competences[0].Code, new DateOnly(2024, 3, 1));
        var outcome = OutcomeCalculator.Compute(cqp, [cqp.Competences[1].Code], [earlier], DecisionDate);

        Assert.Equal(DecisionOutcome.PartiallyValidated, outcome.Outcome);
        Assert.Equal(earlier.ValidUntil, outcome.ValidUntilShown(outcome.For(cqp.Competences[0].Code)));
        Assert.Equal(new DateOnly(2031, 11, 26), outcome.ValidUntilShown(outcome.For(cqp.Competences[1].Code)));
        Assert.All(cqp.Competences.Skip(2), c => Assert.Null(outcome.ValidUntilShown(outcome.For(c.Code))));
    }
}
