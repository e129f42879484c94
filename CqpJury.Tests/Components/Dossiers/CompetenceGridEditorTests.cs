using Bunit;
using CqpJury.App.Components.Pages.Dossiers;
using CqpJury.App.Services;
using CqpJury.App.Services.Dossiers;
using CqpJury.Domain.Evaluations;
using CqpJury.Domain.Referential;
using CqpJury.Tests.TestSupport;

namespace CqpJury.Tests.Components.Dossiers;

public sealed class CompetenceGridEditorTests : MudBunitContext
{
    private static readonly Competence Competence = new("C4", "Traiter les aléas et les situations difficiles",
        [new CompetenceElementDefinition("Gérer une annulation", true), new CompetenceElementDefinition("Informer les apprenants", false)]);

    [Fact]
    public void R2_1_Adding_a_row_changes_the_computed_mastery_and_clears_the_discrepancy()
    {
        var evaluation = new CompetenceEvaluationInput { CompetenceCode = "C4", EvaluatorsSayMastered = true };
        var changes = 0;
        var cut = Render<CompetenceGridEditor>(p => p.Add(x => x.Evaluation, evaluation).Add(x => x.Competence, Competence)
            .Add(x => x.Position, 4).Add(x => x.Changed, () => changes++));

        Assert.Contains("Compétence 4 – Traiter les aléas et les situations difficiles", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("D'après la grille (R2.1) : Non maîtrisée", cut.Find(".computed-mastery").TextContent, StringComparison.Ordinal);
        Assert.Contains("La grille ne comporte aucun élément de compétence.", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("Écart (R2.2)", cut.Markup, StringComparison.Ordinal);

        cut.FindAll("button").Single(b => b.TextContent.Contains("Ajouter un élément", StringComparison.Ordinal)).Click();

        Assert.Single(evaluation.Elements);
        Assert.Equal(1, changes);
        Assert.Contains("D'après la grille (R2.1) : Maîtrisée", cut.Find(".computed-mastery").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Écart (R2.2)", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void R2_2_An_essential_element_not_acquired_shows_the_reason_and_the_disagreement_with_the_evaluators()
    {
        var evaluation = new CompetenceEvaluationInput
        {
            CompetenceCode = "C4",
            EvaluatorsSayMastered = true,
            Elements = [new GridElementInput { Label = "Gérer une annulation", IsEssential = true, Status = ElementStatus.NotAcquired }],
        };

        var cut = Render<CompetenceGridEditor>(p => p.Add(x => x.Evaluation, evaluation).Add(x => x.Competence, Competence).Add(x => x.Position, 4));

        Assert.Contains("Non maîtrisée", cut.Find(".computed-mastery").TextContent, StringComparison.Ordinal);
        Assert.Contains("Élément incontournable non acquis : « Gérer une annulation ».", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("Compétence 4 : les évaluateurs l'indiquent maîtrisée, mais la grille ne le permet pas", cut.Find(".verdict-discrepancy").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_can_be_prefilled_from_the_referential_then_removed()
    {
        var evaluation = new CompetenceEvaluationInput { CompetenceCode = "C4" };
        var cut = Render<CompetenceGridEditor>(p => p.Add(x => x.Evaluation, evaluation).Add(x => x.Competence, Competence).Add(x => x.Position, 4));
        Assert.Contains("Non évaluée", cut.Markup, StringComparison.Ordinal);

        cut.FindAll("button").Single(b => b.TextContent.Contains("Reprendre les 2 éléments du référentiel", StringComparison.Ordinal)).Click();
        Assert.Equal(["Gérer une annulation", "Informer les apprenants"], evaluation.Elements.Select(e => e.Label));
        Assert.All(evaluation.Elements, e => Assert.Equal(ElementStatus.NotImplemented, e.Status));

        cut.Find("button[aria-label='Descendre l\\'élément 1']").Click();
        Assert.Equal(["Informer les apprenants", "Gérer une annulation"], evaluation.Elements.Select(e => e.Label));

        cut.Find("button[aria-label='Supprimer l\\'élément 1']").Click();
        Assert.Equal(["Gérer une annulation"], evaluation.Elements.Select(e => e.Label));
    }

    [Fact]
    public void A_grid_longer_than_15_lines_is_shown_on_demand_and_at_once_when_a_line_is_in_error()
    {
        var evaluation = new CompetenceEvaluationInput
        {
            CompetenceCode = "C4",
            EvaluatorsSayMastered = true,
            Elements = Enumerable.Range(1, CompetenceGridEditor.OpenUpTo + 1)
                .Select(i => new GridElementInput { Label = $"Élément {i}", IsEssential = i == 1, Status = ElementStatus.Acquired }).ToList(),
        };
        var cut = Render<CompetenceGridEditor>(p => p.Add(x => x.Evaluation, evaluation).Add(x => x.Competence, Competence).Add(x => x.Position, 4));

        Assert.Empty(cut.FindAll("tr[data-row]"));
        Assert.Contains("16 éléments de compétence, dont 1 incontournable(s).", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("D'après la grille (R2.1) : Maîtrisée", cut.Find(".computed-mastery").TextContent, StringComparison.Ordinal);

        cut.Find("button.open-grid").Click();
        Assert.Equal(16, cut.FindAll("tr[data-row]").Count);
        cut.Find("button.close-grid").Click();
        Assert.Empty(cut.FindAll("tr[data-row]"));

        var inError = Render<CompetenceGridEditor>(p => p.Add(x => x.Evaluation, evaluation).Add(x => x.Competence, Competence).Add(x => x.Position, 4)
            .Add(x => x.Errors, [new FieldError("Evaluations[C4].Elements[15].Label", "L'intitulé de l'élément n° 16 est obligatoire.")]));
        Assert.Equal(16, inError.FindAll("tr[data-row]").Count);
        Assert.Contains("L'intitulé de l'élément n° 16 est obligatoire.", inError.Markup, StringComparison.Ordinal);
    }
}
