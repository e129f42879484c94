using CqpJury.Domain.Evaluations;
using static CqpJury.Tests.TestSupport.DossierBuilders;

namespace CqpJury.Tests.Domain.Evaluations;

public class VerdictDiscrepancyTests
{
    [Fact]
    public void R2_2_Evaluators_say_mastered_but_the_grid_does_not_allow_it_is_a_finding()
    {
        var certificate = Certificate();
        var grid = new EvaluationGrid(
        [
            MasteredEvaluation("C1"),
            new CompetenceEvaluation("C2", [NotAcquired("Rédiger un compte rendu", essential: true)], EvaluatorsSayMastered: true),
        ]);

        var finding = Assert.Single(grid.Discrepancies(certificate));

        Assert.Equal("R2.2", finding.RuleId);
        Assert.StartsWith("Compétence 2 : les évaluateurs l'indiquent maîtrisée, mais la grille ne le permet pas (", finding.Message, StringComparison.Ordinal);
        Assert.Contains("Élément incontournable non acquis : « Rédiger un compte rendu ».", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void R2_2_Grid_shows_mastery_but_evaluators_say_not_mastered_is_a_finding()
    {
        var certificate = Certificate();
        var grid = new EvaluationGrid([new CompetenceEvaluation("C5", MasteredElements(), EvaluatorsSayMastered: false)]);

        var finding = Assert.Single(grid.Discrepancies(certificate));

        Assert.Equal("R2.2", finding.RuleId);
        Assert.Equal(
            "Compétence 5 : la grille remplit les conditions de maîtrise, mais les évaluateurs l'indiquent non maîtrisée.",
            finding.Message);
    }

    [Fact]
    public void R2_2_Verdict_agreeing_with_the_grid_yields_no_finding_in_either_direction()
    {
        var certificate = Certificate();
        var grid = new EvaluationGrid([MasteredEvaluation("C1"), NotMasteredEvaluation("C2")]);

        Assert.Empty(grid.Discrepancies(certificate));
        Assert.False(grid.For("C1")!.HasDiscrepancy);
        Assert.False(grid.For("C2")!.HasDiscrepancy);
    }

    [Fact]
    public void R2_2_Each_disagreeing_competence_gets_its_own_finding()
    {
        var certificate = Certificate();
        var grid = new EvaluationGrid(
        [
            new CompetenceEvaluation("C1", NotMasteredElements(), EvaluatorsSayMastered: true),
            MasteredEvaluation("C2"),
            new CompetenceEvaluation("C3", MasteredElements(), EvaluatorsSayMastered: false),
        ]);

        var findings = grid.Discrepancies(certificate);

        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal("R2.2", f.RuleId));
        Assert.StartsWith("Compétence 1 : ", findings[0].Message, StringComparison.Ordinal);
        Assert.StartsWith("Compétence 3 : ", findings[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void R2_2_Discrepancy_is_shown_never_silently_overwritten()
    {
        var certificate = Certificate();
        var evaluation = new CompetenceEvaluation("C1", NotMasteredElements(), EvaluatorsSayMastered: true);
        var grid = new EvaluationGrid([evaluation]);

        _ = grid.Discrepancies(certificate);

        Assert.True(grid.For("C1")!.EvaluatorsSayMastered);
        Assert.False(grid.For("C1")!.Mastery.IsMastered);
        Assert.True(grid.For("C1")!.HasDiscrepancy);
    }

    [Fact]
    public void R2_2_Empty_grid_said_mastered_is_a_finding()
    {
        var grid = new EvaluationGrid([new CompetenceEvaluation("C1", [], EvaluatorsSayMastered: true)]);

        var finding = Assert.Single(grid.Discrepancies(Certificate()));

        Assert.Equal("R2.2", finding.RuleId);
        Assert.Contains("La grille ne comporte aucun élément de compétence.", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void R2_2_Competence_unknown_to_the_certificate_is_labelled_by_its_code()
    {
        var grid = new EvaluationGrid([new CompetenceEvaluation("C9", MasteredElements(), EvaluatorsSayMastered: false)]);

        var finding = Assert.Single(grid.Discrepancies(Certificate()));

        Assert.StartsWith("C9 : la grille remplit les conditions de maîtrise", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void R2_2_Rule_returns_null_without_disagreement_and_a_finding_with_it()
    {
        Assert.Null(VerdictDiscrepancyRule.Check(MasteredEvaluation("C1"), "Compétence 1"));

        var finding = VerdictDiscrepancyRule.Check(
            new CompetenceEvaluation("C1", [Acquired("A"), NotAcquired("B")], EvaluatorsSayMastered: true), "Compétence 1");

        Assert.NotNull(finding);
        Assert.Equal("R2.2", finding.RuleId);
        Assert.Equal(
            "Compétence 1 : les évaluateurs l'indiquent maîtrisée, mais la grille ne le permet pas (Élément non acquis : « B ».)",
            finding.Message);
    }

    [Fact]
    public void R2_2_Grid_lookup_finds_an_evaluation_by_competence_code()
    {
        var grid = new EvaluationGrid([MasteredEvaluation("C1")]);

        Assert.NotNull(grid.For("C1"));
        Assert.Null(grid.For("C2"));
        Assert.Null(grid.For("c1"));
        Assert.Empty(EvaluationGrid.Empty.Competences);
    }
}
