using CqpJury.Domain.Evaluations;
using CqpJury.Domain.Outcomes;
using CqpJury.Domain.Referential;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static CqpJury.Tests.TestSupport.DossierBuilders;

namespace CqpJury.Tests.Domain.Outcomes;

/// <summary>
/// Property-based tests of R3/R4/R4.1/R4.2 on random grids, verdicts, earlier validations and
/// decisions. The oracles below are written from docs/rules.md, independently of OutcomeCalculator.
/// </summary>
public class OutcomePropertyTests
{
    private static readonly CertificateDefinition Cqp = Certificate();

    /// <summary>One random situation: a grid, earlier validations, a decision date and a jury's choice mask.</summary>
    private sealed record Scenario(
        EvaluationGrid Grid,
        IReadOnlyList<CompetenceAcquisition> Earlier,
        DateOnly DecisionDate,
        IReadOnlyList<bool> ChoiceMask)
    {
        public override string ToString() =>
            $"decision {DecisionDate:yyyy-MM-dd}; earlier [{string.Join(", ", Earlier.Select(a => $"{a.CompetenceCode}@{a.ValidatedOn:yyyy-MM-dd}"))}]; "
            + $"grid [{string.Join("; ", Grid.Competences.Select(c => $"{c.CompetenceCode} verdict={c.EvaluatorsSayMastered} elements={string.Join(",", c.Elements.Select(e => $"{(e.IsEssential ? "E" : "N")}:{e.Status}"))}"))}]; "
            + $"mask [{string.Join(",", ChoiceMask)}]";
    }

    private static readonly Gen<CompetenceElement> ElementGen =
        from status in Gen.Frequency(
            (12, Gen.Constant(ElementStatus.Acquired)),
            (1, Gen.Constant(ElementStatus.NotAcquired)),
            (2, Gen.Constant(ElementStatus.NotImplemented)))
        from essential in Gen.Elements(true, false)
        select new CompetenceElement(essential ? "Incontournable" : "Élément", essential, status);

    /// <summary>An evaluation of <paramref name="code"/>, or none (Present = false) when the competence was not evaluated.</summary>
    private static Gen<(bool Present, CompetenceEvaluation Evaluation)> EvaluationGen(string code) =>
        from present in Gen.Frequency((1, Gen.Constant(false)), (12, Gen.Constant(true)))
        from elements in Gen.Frequency(
            (1, Gen.Constant(0)),
            (8, Gen.Choose(1, 6))).SelectMany(n => ElementGen.ListOf(n))
        from verdict in Gen.Frequency((5, Gen.Constant(true)), (1, Gen.Constant(false)))
        select (present, new CompetenceEvaluation(code, elements.ToList(), verdict));

    private static readonly Gen<DateOnly> DecisionDateGen =
        Gen.Choose(new DateOnly(2020, 1, 1).DayNumber, new DateOnly(2035, 12, 31).DayNumber).Select(DateOnly.FromDayNumber);

    /// <summary>First-time candidates (no earlier validation) or returning ones, with validations held, expired or future.</summary>
    private static Gen<List<CompetenceAcquisition>> EarlierGen(DateOnly decisionDate) =>
        Gen.Frequency(
            (1, Gen.Constant(0)),
            (2, Gen.Choose(1, 8)))
        .SelectMany(n => Gen.Elements(Cqp.Competences.Select(c => c.Code).ToArray())
            .SelectMany(code => Gen.Choose(-7 * 366, 200).Select(offset => new CompetenceAcquisition(code, decisionDate.AddDays(offset))))
            .ListOf(n))
        .Select(l => l.ToList());

    /// <summary>The jury's choice among the validatable competences: sometimes it declines them all (R3).</summary>
    private static readonly Gen<List<bool>> ChoiceMaskGen =
        Gen.Frequency(
            (1, Gen.Constant(false).ListOf(Cqp.Competences.Count)),
            (4, Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false))).ListOf(Cqp.Competences.Count)))
        .Select(l => l.ToList());

    private static readonly Gen<Scenario> ScenarioGen =
        from evaluations in Gen.CollectToList(Cqp.Competences.Select(c => EvaluationGen(c.Code)))
        from decisionDate in DecisionDateGen
        from earlier in EarlierGen(decisionDate)
        from mask in ChoiceMaskGen
        select new Scenario(
            new EvaluationGrid(evaluations.Where(e => e.Present).Select(e => e.Evaluation).ToList()),
            earlier,
            decisionDate,
            mask);

    private static readonly Arbitrary<Scenario> Scenarios = Arb.From(ScenarioGen);

    /// <summary>Oracle for R4.1/R4.2: held on the date when validated on or before it and before its fifth anniversary.</summary>
    private static bool IsHeld(string code, IEnumerable<CompetenceAcquisition> earlier, DateOnly date) =>
        earlier.Any(a => a.CompetenceCode == code && a.ValidatedOn <= date && date < a.ValidatedOn.AddYears(5));

    /// <summary>Oracle for R2.1, written from the rule's text.</summary>
    private static bool GridShowsMastery(IReadOnlyList<CompetenceElement> elements) =>
        elements.Count > 0
        && elements.Where(e => e.IsEssential).All(e => e.Status == ElementStatus.Acquired)
        && !elements.Any(e => !e.IsEssential && e.Status == ElementStatus.NotAcquired)
        && elements.Count(e => !e.IsEssential && e.Status == ElementStatus.NotImplemented) <= 2;

    /// <summary>The jury's choice: some of the validatable competences (R3 is respected, the jury may decline).</summary>
    private static List<string> JuryChoice(Scenario s, IReadOnlySet<string> validatable) =>
        Cqp.Competences.Select((c, i) => (c.Code, i)).Where(x => validatable.Contains(x.Code) && s.ChoiceMask[x.i]).Select(x => x.Code).ToList();

    [Property(MaxTest = 500)]
    public Property R3_Validatable_competences_are_mastered_per_verdict_and_grid_and_still_to_decide()
    {
        return Prop.ForAll(Scenarios, s =>
        {
            var validatable = OutcomeCalculator.ValidatableCompetences(Cqp, s.Grid, s.Earlier, s.DecisionDate);
            var toDecide = OutcomeCalculator.CompetencesToDecide(Cqp, s.Earlier, s.DecisionDate).Select(c => c.Code).ToHashSet();

            var subsetOfToDecide = validatable.IsSubsetOf(toDecide);
            var subsetOfMastered = validatable.All(code =>
                s.Grid.For(code) is { } e && e.EvaluatorsSayMastered && GridShowsMastery(e.Elements));
            var completeUnderR3 = toDecide.All(code =>
                validatable.Contains(code) == OutcomeCalculator.MayValidate(s.Grid.For(code)));
            return subsetOfToDecide && subsetOfMastered && completeUnderR3;
        });
    }

    [Property(MaxTest = 500)]
    public Property R4_2_Competences_to_decide_are_exactly_those_not_held_on_the_decision_date()
    {
        return Prop.ForAll(Scenarios, s =>
        {
            var toDecide = OutcomeCalculator.CompetencesToDecide(Cqp, s.Earlier, s.DecisionDate).Select(c => c.Code);
            var expected = Cqp.Competences.Where(c => !IsHeld(c.Code, s.Earlier, s.DecisionDate)).Select(c => c.Code);
            return toDecide.SequenceEqual(expected);
        });
    }

    [Property(MaxTest = 500)]
    public Property R4_Awarded_if_and_only_if_every_competence_is_validated_now_or_still_held()
    {
        return Prop.ForAll(Scenarios, s =>
        {
            var validatable = OutcomeCalculator.ValidatableCompetences(Cqp, s.Grid, s.Earlier, s.DecisionDate);
            var chosen = JuryChoice(s, validatable);
            var result = OutcomeCalculator.Compute(Cqp, chosen, s.Earlier, s.DecisionDate);

            var everyValidatedOrHeld = Cqp.Competences.All(c => chosen.Contains(c.Code) || IsHeld(c.Code, s.Earlier, s.DecisionDate));
            var anyValidatedOrHeld = Cqp.Competences.Any(c => chosen.Contains(c.Code) || IsHeld(c.Code, s.Earlier, s.DecisionDate));
            var expectedOutcome = everyValidatedOrHeld
                ? DecisionOutcome.Awarded
                : anyValidatedOrHeld ? DecisionOutcome.PartiallyValidated : DecisionOutcome.NotValidated;

            var neverAwardedUnlessAll = result.Outcome != DecisionOutcome.Awarded
                || result.Competences.All(c => c.Standing is CompetenceStanding.ValidatedNow or CompetenceStanding.StillHeld);
            return (result.Outcome == expectedOutcome)
                .Label($"outcome {result.Outcome}, expected {expectedOutcome}")
                .And(neverAwardedUnlessAll)
                .And((result.Outcome == DecisionOutcome.Awarded) == result.Competences.All(c => c.IsValidated));
        });
    }

    [Property(MaxTest = 500)]
    public Property R4_A_decision_never_validates_a_competence_that_may_not_be_validated()
    {
        return Prop.ForAll(Scenarios, s =>
        {
            var validatable = OutcomeCalculator.ValidatableCompetences(Cqp, s.Grid, s.Earlier, s.DecisionDate);
            var result = OutcomeCalculator.Compute(Cqp, JuryChoice(s, validatable), s.Earlier, s.DecisionDate);

            return result.Competences
                .Where(c => c.Standing == CompetenceStanding.ValidatedNow)
                .All(c => validatable.Contains(c.CompetenceCode) && OutcomeCalculator.MayValidate(s.Grid.For(c.CompetenceCode)));
        });
    }

    [Property(MaxTest = 500)]
    public Property R4_1_Each_competence_stands_as_validated_now_still_held_or_not_validated_with_its_end_date()
    {
        return Prop.ForAll(Scenarios, s =>
        {
            var validatable = OutcomeCalculator.ValidatableCompetences(Cqp, s.Grid, s.Earlier, s.DecisionDate);
            var chosen = JuryChoice(s, validatable);
            var result = OutcomeCalculator.Compute(Cqp, chosen, s.Earlier, s.DecisionDate);

            return result.Competences.All(c =>
                chosen.Contains(c.CompetenceCode)
                    ? c.Standing == CompetenceStanding.ValidatedNow && c.ValidUntil == s.DecisionDate.AddYears(5).AddDays(-1)
                    : IsHeld(c.CompetenceCode, s.Earlier, s.DecisionDate)
                        ? c.Standing == CompetenceStanding.StillHeld && c.ValidUntil >= s.DecisionDate
                        : c.Standing == CompetenceStanding.NotValidated && c.ValidUntil is null);
        });
    }

    [Fact]
    public void R4_Random_scenarios_reach_every_outcome_so_the_properties_are_not_vacuous()
    {
        var outcomes = Gen.Sample(ScenarioGen, 1000)
            .Select(s => OutcomeCalculator.Compute(
                Cqp, JuryChoice(s, OutcomeCalculator.ValidatableCompetences(Cqp, s.Grid, s.Earlier, s.DecisionDate)), s.Earlier, s.DecisionDate).Outcome)
            .ToHashSet();

        Assert.Equal([DecisionOutcome.Awarded, DecisionOutcome.PartiallyValidated, DecisionOutcome.NotValidated], outcomes.Order());
    }
}
