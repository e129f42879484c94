using CqpJury.Domain.Evaluations;
using CqpJury.Domain.Outcomes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static CqpJury.Tests.TestSupport.DossierBuilders;

namespace CqpJury.Tests.Domain.Evaluations;

public class MasteryRuleTests
{
    [Fact]
    public void R2_An_element_has_exactly_one_of_three_statuses()
    {
        Assert.Equal(
            [ElementStatus.Acquired, ElementStatus.NotAcquired, ElementStatus.NotImplemented],
            Enum.GetValues<ElementStatus>());
    }

    [Fact]
    public void R2_The_status_of_each_element_is_kept_as_filled_by_the_evaluators()
    {
        var evaluation = new CompetenceEvaluation("C1",
            [Acquired("A", essential: true), NotAcquired("B"), NotImplemented("C")], EvaluatorsSayMastered: false);

        Assert.Equal(
            [ElementStatus.Acquired, ElementStatus.NotAcquired, ElementStatus.NotImplemented],
            evaluation.Elements.Select(e => e.Status));
        Assert.True(evaluation.Elements[0].IsEssential);
        Assert.False(evaluation.Elements[1].IsEssential);
    }

    [Fact]
    public void R2_1_Every_element_acquired_is_mastered()
    {
        var assessment = MasteryRule.Assess(MasteredElements());

        Assert.True(assessment.IsMastered);
        Assert.Empty(assessment.Reasons);
        Assert.True(MasteryRule.IsMastered(MasteredElements()));
    }

    [Fact]
    public void R2_1_Essential_element_not_acquired_breaks_mastery()
    {
        var assessment = MasteryRule.Assess(
            [NotAcquired("Établir un devis", essential: true), Acquired("Classer les pièces")]);

        Assert.False(assessment.IsMastered);
        Assert.Equal(["Élément incontournable non acquis : « Établir un devis »."], assessment.Reasons);
    }

    [Fact]
    public void R2_1_Essential_element_not_implemented_breaks_mastery()
    {
        var assessment = MasteryRule.Assess(
            [NotImplemented("Établir un devis", essential: true), Acquired("Classer les pièces")]);

        Assert.False(assessment.IsMastered);
        Assert.Equal(["Élément incontournable non mis en œuvre : « Établir un devis »."], assessment.Reasons);
    }

    [Fact]
    public void R2_1_Non_essential_element_not_acquired_breaks_mastery()
    {
        var assessment = MasteryRule.Assess(
            [Acquired("Établir un devis", essential: true), NotAcquired("Classer les pièces")]);

        Assert.False(assessment.IsMastered);
        Assert.Equal(["Élément non acquis : « Classer les pièces »."], assessment.Reasons);
    }

    [Fact]
    public void R2_1_One_non_essential_element_not_implemented_is_still_mastered()
    {
        Assert.True(MasteryRule.IsMastered([Acquired("A", essential: true), NotImplemented("B")]));
    }

    [Fact]
    public void R2_1_Exactly_two_non_essential_elements_not_implemented_is_still_mastered()
    {
        var assessment = MasteryRule.Assess(
            [Acquired("A", essential: true), NotImplemented("B"), NotImplemented("C"), Acquired("D")]);

        Assert.True(assessment.IsMastered);
        Assert.Empty(assessment.Reasons);
        Assert.Equal(2, MasteryRule.MaxNonEssentialNotImplemented);
    }

    [Fact]
    public void R2_1_Three_non_essential_elements_not_implemented_break_mastery()
    {
        var assessment = MasteryRule.Assess(
            [Acquired("A", essential: true), NotImplemented("B"), NotImplemented("C"), NotImplemented("D")]);

        Assert.False(assessment.IsMastered);
        Assert.Equal(["3 éléments non incontournables non mis en œuvre (au plus 2)."], assessment.Reasons);
    }

    [Fact]
    public void R2_1_Grid_with_only_non_essential_elements_follows_the_same_rule()
    {
        Assert.True(MasteryRule.IsMastered([Acquired("A"), NotImplemented("B"), NotImplemented("C")]));
        Assert.False(MasteryRule.IsMastered([NotImplemented("A"), NotImplemented("B"), NotImplemented("C")]));
    }

    [Fact]
    public void R2_1_Empty_grid_is_not_mastered()
    {
        var assessment = MasteryRule.Assess([]);

        Assert.False(assessment.IsMastered);
        Assert.Equal(["La grille ne comporte aucun élément de compétence."], assessment.Reasons);
    }

    [Fact]
    public void R2_1_Every_reason_is_listed_when_several_conditions_fail()
    {
        var assessment = MasteryRule.Assess(
        [
            NotImplemented("E1", essential: true),
            NotAcquired("E2", essential: true),
            NotAcquired("N1"),
            NotImplemented("N2"),
            NotImplemented("N3"),
            NotImplemented("N4"),
        ]);

        Assert.False(assessment.IsMastered);
        Assert.Equal(
            [
                "Élément incontournable non mis en œuvre : « E1 ».",
                "Élément incontournable non acquis : « E2 ».",
                "Élément non acquis : « N1 ».",
                "3 éléments non incontournables non mis en œuvre (au plus 2).",
                "Aucun élément de compétence n'est acquis.",
            ],
            assessment.Reasons);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void R2_1_A_grid_without_essential_elements_all_not_implemented_is_not_mastered(int count)
    {
        var grid = Enumerable.Range(1, count).Select(i => NotImplemented($"Élément {i}")).ToList();

        var assessment = MasteryRule.Assess(grid);

        Assert.False(assessment.IsMastered);
        Assert.Equal(["Aucun élément de compétence n'est acquis."], assessment.Reasons);
    }

    [Fact]
    public void R2_1_One_acquired_element_beside_two_not_implemented_is_enough_without_essential_elements()
    {
        Assert.True(MasteryRule.IsMastered([NotImplemented("A"), Acquired("B"), NotImplemented("C")]));
    }

    [Fact]
    public void R2_1_An_evaluators_verdict_of_mastery_on_a_grid_with_nothing_acquired_is_a_discrepancy()
    {
        var evaluation = new CompetenceEvaluation("C1", [NotImplemented("A"), NotImplemented("B")], EvaluatorsSayMastered: true);

        Assert.True(evaluation.HasDiscrepancy);
        Assert.False(OutcomeCalculator.MayValidate(evaluation));
    }

    [Fact]
    public void R2_1_Competence_evaluation_computes_mastery_from_its_grid_not_from_the_verdict()
    {
        var saysMasteredButIsNot = new CompetenceEvaluation("C1", NotMasteredElements(), EvaluatorsSayMastered: true);
        var saysNotMasteredButIs = new CompetenceEvaluation("C2", MasteredElements(), EvaluatorsSayMastered: false);

        Assert.False(saysMasteredButIsNot.Mastery.IsMastered);
        Assert.True(saysNotMasteredButIs.Mastery.IsMastered);
    }

    // ------------------------------------------------------------------ properties

    private static readonly Gen<CompetenceElement> AnyElement =
        from status in Gen.Elements(ElementStatus.Acquired, ElementStatus.NotAcquired, ElementStatus.NotImplemented)
        from essential in Gen.Elements(true, false)
        from n in Gen.Choose(1, 99)
        select new CompetenceElement($"Élément {n}", essential, status);

    private static readonly Gen<List<CompetenceElement>> AnyGrid =
        AnyElement.ListOf().Select(l => l.ToList());

    /// <summary>A grid with at least two non-essential "non mis en œuvre" elements, in random positions.</summary>
    private static readonly Gen<List<CompetenceElement>> GridWithTwoOrMoreNonEssentialNotImplemented =
        from others in AnyGrid
        from extra in Gen.Choose(2, 6)
        let notImplemented = Enumerable.Range(1, extra).Select(i => NotImplemented($"Non mis en œuvre {i}"))
        from shuffled in Gen.Shuffle(others.Concat(notImplemented).ToArray())
        select shuffled.ToList();

    [Property(MaxTest = 300)]
    public Property R2_1_Adding_a_non_essential_not_implemented_element_to_a_grid_with_two_or_more_always_breaks_mastery()
    {
        var gen =
            from grid in GridWithTwoOrMoreNonEssentialNotImplemented
            from position in Gen.Choose(0, grid.Count)
            select (grid, position);

        return Prop.ForAll(Arb.From(gen), input =>
        {
            var (grid, position) = input;
            var larger = grid.ToList();
            larger.Insert(position, NotImplemented("Élément ajouté"));
            var assessment = MasteryRule.Assess(larger);
            return !assessment.IsMastered
                && assessment.Reasons.Any(r => r.Contains("non incontournables non mis en œuvre (au plus 2)", StringComparison.Ordinal));
        });
    }

    [Property(MaxTest = 300)]
    public Property R2_1_Mastery_agrees_with_the_rule_for_any_grid()
    {
        return Prop.ForAll(Arb.From(AnyGrid), grid =>
        {
            var expected = grid.Any(e => e.Status == ElementStatus.Acquired)
                && grid.Where(e => e.IsEssential).All(e => e.Status == ElementStatus.Acquired)
                && grid.Where(e => !e.IsEssential).All(e => e.Status != ElementStatus.NotAcquired)
                && grid.Count(e => !e.IsEssential && e.Status == ElementStatus.NotImplemented) <= 2;
            var assessment = MasteryRule.Assess(grid);
            return assessment.IsMastered == expected
                && assessment.IsMastered == (assessment.Reasons.Count == 0)
                && MasteryRule.IsMastered(grid) == expected;
        });
    }

    [Property(MaxTest = 200)]
    public Property R2_1_Mastery_does_not_depend_on_the_order_of_the_elements()
    {
        var gen =
            from grid in AnyGrid
            from shuffled in Gen.Shuffle(grid.ToArray())
            select (grid, shuffled: shuffled.ToList());

        return Prop.ForAll(Arb.From(gen), input =>
            MasteryRule.IsMastered(input.grid) == MasteryRule.IsMastered(input.shuffled));
    }
}
