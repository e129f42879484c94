using CqpJury.Domain.Common;
using CqpJury.Domain.Evaluations;
using CqpJury.Domain.Outcomes;
using static CqpJury.Tests.TestSupport.DossierBuilders;

namespace CqpJury.Tests.Domain.Outcomes;

public class OutcomeCalculatorTests
{
    private static readonly DateOnly DecisionDate = new(2026, 11, 27);

    // ------------------------------------------------------------------ R3

    [Fact]
    public void R3_May_validate_a_competence_mastered_per_verdict_and_grid()
    {
        Assert.True(OutcomeCalculator.MayValidate(MasteredEvaluation("C1")));
    }

    [Fact]
    public void R3_May_not_validate_when_the_evaluators_say_not_mastered()
    {
        var evaluation = new CompetenceEvaluation("C1", MasteredElements(), EvaluatorsSayMastered: false);

        Assert.True(evaluation.Mastery.IsMastered);
        Assert.False(OutcomeCalculator.MayValidate(evaluation));
    }

    [Fact]
    public void R3_May_not_validate_when_the_grid_is_not_mastered_even_if_the_evaluators_say_so()
    {
        var evaluation = new CompetenceEvaluation("C1", NotMasteredElements(), EvaluatorsSayMastered: true);

        Assert.False(OutcomeCalculator.MayValidate(evaluation));
    }

    [Fact]
    public void R3_May_not_validate_a_competence_without_evaluation()
    {
        Assert.False(OutcomeCalculator.MayValidate(null));
    }

    [Fact]
    public void R3_Validatable_competences_are_the_mastered_ones_still_to_decide()
    {
        var certificate = Certificate();
        var grid = new EvaluationGrid(
        [
            MasteredEvaluation("C1"),
            new CompetenceEvaluation("C2", MasteredElements(), EvaluatorsSayMastered: false),
            new CompetenceEvaluation("C3", NotMasteredElements(), EvaluatorsSayMastered: true),
            NotMasteredEvaluation("C4"),
            MasteredEvaluation("C5"),
            // C6 not evaluated
        ]);
        var earlier = new[] { new CompetenceAcquisition("C5", new DateOnly(2024, 1, 1)) };

        var validatable = OutcomeCalculator.ValidatableCompetences(certificate, grid, earlier, DecisionDate);

        Assert.Equal(["C1"], validatable.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void R3_Jury_may_decline_to_validate_a_mastered_competence()
    {
        var certificate = Certificate();
        var grid = MasteredGrid(certificate);
        Assert.Equal(6, OutcomeCalculator.ValidatableCompetences(certificate, grid, [], DecisionDate).Count);

        var result = OutcomeCalculator.Compute(certificate, ["C1", "C2", "C3", "C4", "C5"], [], DecisionDate);

        Assert.Equal(CompetenceStanding.NotValidated, result.For("C6").Standing);
        Assert.Equal(DecisionOutcome.PartiallyValidated, result.Outcome);
    }

    // ------------------------------------------------------------------ R4

    [Fact]
    public void R4_All_competences_validated_awards_the_cqp()
    {
        var certificate = Certificate();

        var result = OutcomeCalculator.Compute(certificate, ["C1", "C2", "C3", "C4", "C5", "C6"], [], DecisionDate);

        Assert.Equal(DecisionOutcome.Awarded, result.Outcome);
        Assert.All(result.Competences, c => Assert.Equal(CompetenceStanding.ValidatedNow, c.Standing));
        Assert.Equal(["C1", "C2", "C3", "C4", "C5", "C6"], result.Competences.Select(c => c.CompetenceCode));
    }

    [Fact]
    public void R4_Some_competences_validated_is_a_partial_validation()
    {
        var certificate = Certificate();

        var result = OutcomeCalculator.Compute(certificate, ["C1", "C3"], [], DecisionDate);

        Assert.Equal(DecisionOutcome.PartiallyValidated, result.Outcome);
        Assert.True(result.For("C1").IsValidated);
        Assert.False(result.For("C2").IsValidated);
        Assert.Equal(CompetenceStanding.NotValidated, result.For("C2").Standing);
    }

    [Fact]
    public void R4_No_competence_validated_is_a_non_validation()
    {
        var certificate = Certificate();

        var result = OutcomeCalculator.Compute(certificate, [], [], DecisionDate);

        Assert.Equal(DecisionOutcome.NotValidated, result.Outcome);
        Assert.All(result.Competences, c => Assert.False(c.IsValidated));
        Assert.Empty(result.NewAcquisitions(DecisionDate));
    }

    [Fact]
    public void R4_Returning_candidate_is_awarded_when_the_remaining_competences_are_validated()
    {
        var certificate = Certificate();
        var earlier = new[]
        {
            new CompetenceAcquisition("C1", new DateOnly(2023, 2, 1)),
            new CompetenceAcquisition("C2", new DateOnly(2023, 2, 1)),
            new CompetenceAcquisition("C3", new DateOnly(2023, 2, 1)),
        };

        var result = OutcomeCalculator.Compute(certificate, ["C4", "C5", "C6"], earlier, DecisionDate);

        Assert.Equal(DecisionOutcome.Awarded, result.Outcome);
        Assert.Equal(CompetenceStanding.StillHeld, result.For("C1").Standing);
        Assert.Equal(new DateOnly(2028, 1, 31), result.For("C1").ValidUntil);
        Assert.Equal(CompetenceStanding.ValidatedNow, result.For("C6").Standing);
        Assert.Equal(["C4", "C5", "C6"], result.NewAcquisitions(DecisionDate).Select(a => a.CompetenceCode));
    }

    [Fact]
    public void R4_Returning_candidate_validating_nothing_new_keeps_a_partial_validation()
    {
        var certificate = Certificate();
        var earlier = new[] { new CompetenceAcquisition("C2", new DateOnly(2024, 9, 30)) };

        var result = OutcomeCalculator.Compute(certificate, [], earlier, DecisionDate);

        Assert.Equal(DecisionOutcome.PartiallyValidated, result.Outcome);
        Assert.Equal(CompetenceStanding.StillHeld, result.For("C2").Standing);
    }

    [Fact]
    public void R4_Expired_earlier_validation_does_not_count_towards_the_award()
    {
        var certificate = Certificate();
        var earlier = new[] { new CompetenceAcquisition("C1", new DateOnly(2021, 11, 27)) };

        var result = OutcomeCalculator.Compute(certificate, ["C2", "C3", "C4", "C5", "C6"], earlier, DecisionDate);

        Assert.Equal(DecisionOutcome.PartiallyValidated, result.Outcome);
        Assert.Equal(CompetenceStanding.NotValidated, result.For("C1").Standing);
    }

    [Fact]
    public void R4_2_Validating_a_competence_still_held_is_refused()
    {
        var certificate = Certificate();
        var earlier = new[] { new CompetenceAcquisition("C2", new DateOnly(2026, 1, 15)) };

        var ex = Assert.Throws<BusinessRuleValidationException>(
            () => OutcomeCalculator.Compute(certificate, ["C1", "C2"], earlier, DecisionDate));

        Assert.Equal("R4.2", ex.RuleId);
        Assert.Equal(
            "La compétence 2 est déjà validée (jusqu'au 14/01/2031) : elle n'est pas à nouveau soumise au jury.",
            ex.Message);
        Assert.Equal(new Finding("R4.2", ex.Message), ex.ToFinding());
    }

    [Fact]
    public void R4_Validating_a_competence_unknown_to_the_cqp_is_refused()
    {
        var certificate = Certificate();

        var ex = Assert.Throws<BusinessRuleValidationException>(
            () => OutcomeCalculator.Compute(certificate, ["C7"], [], DecisionDate));

        Assert.Equal("R1", ex.RuleId);
        Assert.Equal("La compétence « C7 » n'appartient pas au CQP de test.", ex.Message);
    }

    [Fact]
    public void R4_Validating_the_same_competence_twice_counts_it_once()
    {
        var certificate = Certificate(competenceCount: 2);

        var result = OutcomeCalculator.Compute(certificate, ["C1", "C1"], [], DecisionDate);

        Assert.Equal(DecisionOutcome.PartiallyValidated, result.Outcome);
        Assert.Single(result.NewAcquisitions(DecisionDate));
    }

    [Theory]
    [InlineData(DecisionOutcome.Awarded, "Délivrance du CQP")]
    [InlineData(DecisionOutcome.PartiallyValidated, "Validation partielle")]
    [InlineData(DecisionOutcome.NotValidated, "Non validation")]
    public void R4_Decision_outcomes_read_in_french(DecisionOutcome outcome, string french)
    {
        Assert.Equal(french, outcome.ToFrench());
    }
}
