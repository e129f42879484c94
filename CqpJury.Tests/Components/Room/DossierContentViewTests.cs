using Bunit;
using CqpJury.App.Components.Pages.Room;
using CqpJury.Tests.TestSupport;
using static CqpJury.Tests.Components.Room.RoomViewBuilder;

namespace CqpJury.Tests.Components.Room;

public sealed class DossierContentViewTests : MudBunitContext
{
    [Fact]
    public void The_dossier_facts_are_shown_in_French()
    {
        var cut = Render<DossierContentView>(p => p.Add(x => x.Content, Content()));

        var facts = cut.FindAll("dl.room-facts dt").ToDictionary(dt => dt.Text(), dt => dt.NextElementSibling!.Text());
        Assert.Equal("Parcours de développement des compétences", facts["Parcours"]);
        Assert.Equal(EmployerName, facts["Entreprise"]);
        Assert.Equal(TrainingOrganisationName, facts["Organisme de formation"]);
        Assert.Equal("Marc ROUX", facts["Professionnel du secteur"]);
        Assert.Equal("Sophie BLANC", facts["Évaluateur externe"]);
        Assert.Equal("20/05/2026", facts["Date de l'évaluation"]);
    }

    [Fact]
    public void Missing_facts_show_a_dash()
    {
        var content = Content() with { TrainingOrganisationName = null, ExternalAssessor = null, EvaluationDate = null };

        var cut = Render<DossierContentView>(p => p.Add(x => x.Content, content));

        var facts = cut.FindAll("dl.room-facts dt").ToDictionary(dt => dt.Text(), dt => dt.NextElementSibling!.Text());
        Assert.Equal("—", facts["Organisme de formation"]);
        Assert.Equal("—", facts["Évaluateur externe"]);
        Assert.Equal("—", facts["Date de l'évaluation"]);
    }

    [Fact]
    public void Essential_elements_are_marked_in_words_in_each_competence_grid()
    {
        var cut = Render<DossierContentView>(p => p.Add(x => x.Content, Content()));

        var rows = cut.FindAll("[data-competence=C1] tbody tr").Select(r => r.Text()).ToList();
        Assert.Equal(["Peser les ingrédients Oui ✔ Acquis", "Façonner les pâtons Non – Non mis en œuvre"], rows);
        Assert.Contains("room-grid-essential", cut.Find("[data-competence=C1] tbody tr").ClassName, StringComparison.Ordinal);
        Assert.Equal(
            "Contrôler la température du four Oui ✘ Non acquis",
            cut.Find("[data-competence=C2] tbody tr").Text());
    }

    [Fact]
    public void R2_1_each_competence_states_whether_the_grid_shows_mastery_and_why_not()
    {
        var cut = Render<DossierContentView>(p => p.Add(x => x.Content, Content()));

        var mastered = cut.Find("[data-competence=C1]").Text();
        Assert.Contains($"Compétence 1 – {C1Title}", mastered, StringComparison.Ordinal);
        Assert.Contains("Évaluateurs : maîtrisée · Grille : ✔ maîtrisée (R2.1)", mastered, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-competence=C1] ul.room-reasons"));

        var notMastered = cut.Find("[data-competence=C2]").Text();
        Assert.Contains("Évaluateurs : non maîtrisée · Grille : ✘ non maîtrisée (R2.1)", notMastered, StringComparison.Ordinal);
        Assert.Equal(
            "L'élément incontournable « Contrôler la température du four » n'est pas acquis.",
            cut.Find("[data-competence=C2] ul.room-reasons li").Text());
    }

    [Fact]
    public void R2_2_a_discrepancy_with_the_evaluators_is_flagged_on_the_competence_and_listed_above()
    {
        var cut = Render<DossierContentView>(p => p.Add(x => x.Content, Content()));

        Assert.Contains("⚠ écart avec les évaluateurs (R2.2)", cut.Find("[data-competence=C4]").Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("écart", cut.Find("[data-competence=C1]").Text(), StringComparison.Ordinal);
        var alert = cut.Find("[data-testid=discrepancies]").Text();
        Assert.Contains("Constat de conformité (R2.2)", alert, StringComparison.Ordinal);
        Assert.Contains("Compétence 4 : les évaluateurs l'indiquent maîtrisée alors que la grille ne le permet pas.", alert, StringComparison.Ordinal);
    }

    [Fact]
    public void R2_2_no_discrepancy_alert_when_there_is_none()
    {
        var cut = Render<DossierContentView>(p => p.Add(x => x.Content, Content() with { Discrepancies = [] }));

        Assert.Empty(cut.FindAll("[data-testid=discrepancies]"));
    }

    [Fact]
    public void R3_a_competence_the_evaluators_did_not_indicate_mastered_cannot_be_validated()
    {
        var cut = Render<DossierContentView>(p => p.Add(x => x.Content, Content()));

        Assert.Contains("ne peut pas être validée (R3)", cut.Find("[data-competence=C2]").Text(), StringComparison.Ordinal);
        Assert.Contains("peut être validée", cut.Find("[data-competence=C1]").Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("(R3)", cut.Find("[data-competence=C1]").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public void R4_1_a_competence_held_from_an_earlier_jury_shows_its_expiry_and_no_grid()
    {
        var cut = Render<DossierContentView>(p => p.Add(x => x.Content, Content()));

        Assert.Equal(
            "✔ Déjà validée lors d'un jury précédent, valable jusqu'au 04/03/2029 (R4.1) : non soumise à ce jury.",
            cut.Find("[data-competence=C3] [data-testid=held]").Text());
        Assert.Empty(cut.FindAll("[data-competence=C3] table"));
    }

    [Fact]
    public void R13_the_candidates_observations_are_quoted()
    {
        var cut = Render<DossierContentView>(p => p.Add(x => x.Content, Content()));

        Assert.Equal("Je conteste l'évaluation de la cuisson.", cut.Find("[data-testid=observations]").Text());
    }

    [Fact]
    public void R13_a_candidate_without_observations_is_said_so()
    {
        var cut = Render<DossierContentView>(p => p.Add(x => x.Content, Content() with { CandidateObservations = "  " }));

        Assert.Empty(cut.FindAll("[data-testid=observations]"));
        Assert.Contains("Le candidat n'a formulé aucune observation.", cut.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public void Documents_link_to_the_document_endpoint_in_a_new_tab()
    {
        var cut = Render<DossierContentView>(p => p.Add(x => x.Content, Content()));

        var link = cut.Find($"a[href='/documents/{DocumentId}']");
        Assert.Equal("livret-suivi.pdf", link.Text());
        Assert.Equal("_blank", link.GetAttribute("target"));
        // The visible file name starts the accessible name (WCAG 2.5.3, axe label-content-name-mismatch).
        Assert.Equal("livret-suivi.pdf : ouvrir Outil 2 – Livret de suivi et d'évaluation du candidat dans un nouvel onglet", link.GetAttribute("aria-label"));
    }

    [Fact]
    public void A_dossier_without_documents_says_so()
    {
        var cut = Render<DossierContentView>(p => p.Add(x => x.Content, Content() with { Documents = [] }));

        Assert.Contains("Aucun document.", cut.Text(), StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("a[href^='/documents/']"));
    }

    [Fact]
    public void Text_from_the_dossier_is_shown_as_text_never_as_markup()
    {
        var content = Content() with { CandidateName = "<img src=x onerror=alert(1)> Lucie", CandidateObservations = "<script>alert('x')</script> & « merci »" };

        var cut = Render<DossierContentView>(p => p.Add(x => x.Content, content));

        Assert.Empty(cut.FindAll("img"));
        Assert.Empty(cut.FindAll("script"));
        Assert.Equal("Candidat : <img src=x onerror=alert(1)> Lucie", cut.Find("#content-title").TextContent);
        Assert.Equal("<script>alert('x')</script> & « merci »", cut.Find("[data-testid=observations]").TextContent);
    }

    [Fact]
    public void The_same_content_is_not_rendered_again_and_a_changed_one_is()
    {
        var content = Content();
        var cut = Render<DossierContentView>(p => p.Add(x => x.Content, content));

        cut.Render(p => p.Add(x => x.Content, content)); // a reload after a vote: the shared instance, unchanged
        Assert.Equal(1, cut.RenderCount);

        cut.Render(p => p.Add(x => x.Content, content with { CandidateName = "Nina ROBERT" }));
        Assert.Equal(2, cut.RenderCount);
        Assert.Equal("Candidat : Nina ROBERT", cut.Find("#content-title").TextContent);
    }
}
