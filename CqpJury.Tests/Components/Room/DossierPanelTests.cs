using Bunit;
using CqpJury.App.Components.Pages.Room;
using CqpJury.App.Services.Room;
using CqpJury.Tests.TestSupport;
using static CqpJury.Tests.Components.Room.RoomViewBuilder;

namespace CqpJury.Tests.Components.Room;

public sealed class DossierPanelTests : MudBunitContext
{
    [Fact]
    public void R10_before_the_content_a_member_is_asked_about_links_with_the_named_employer_and_training_organisation()
    {
        var cut = Render<DossierPanel>(p => p.Add(x => x.Room, ARoom(me: Bruno, president: Alice)).Add(x => x.Dossier, Dossier(Participation.MustDeclare)));

        var prompt = cut.Find("[data-testid=conflict-prompt]").Text();
        Assert.Contains("Avant de consulter ce dossier, déclarez vos liens d'intérêts (R10).", prompt, StringComparison.Ordinal);
        Assert.Contains($"l'entreprise du candidat, {EmployerName}, ou l'organisme de formation du candidat, {TrainingOrganisationName} ?", prompt, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=dossier-content]"));
        Assert.DoesNotContain(CandidateName, cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void R10_answering_no_link_raises_the_declaration_without_conflict()
    {
        var answers = new List<(bool HasConflict, string? Reason)>();
        var cut = Render<DossierPanel>(p => p.Add(x => x.Room, ARoom(me: Bruno)).Add(x => x.Dossier, Dossier(Participation.MustDeclare))
            .Add(x => x.OnDeclare, a => answers.Add(a)));

        Assert.Equal("Non, je n'ai aucun lien", cut.Find("[data-testid=declare-no-link]").Text());
        cut.Find("[data-testid=declare-no-link]").Click();

        Assert.Equal([(false, (string?)null)], answers);
    }

    [Fact]
    public void R10_declaring_a_link_raises_the_declaration_with_the_typed_reason()
    {
        var answers = new List<(bool HasConflict, string? Reason)>();
        var cut = Render<DossierPanel>(p => p.Add(x => x.Room, ARoom(me: Bruno)).Add(x => x.Dossier, Dossier(Participation.MustDeclare))
            .Add(x => x.OnDeclare, a => answers.Add(a)));

        cut.Find("[data-testid=conflict-prompt] ~ div textarea").Change("J'ai été salarié de cette boulangerie en 2024.");
        cut.Find("[data-testid=declare-link]").Click();

        Assert.Equal([(true, (string?)"J'ai été salarié de cette boulangerie en 2024.")], answers);
    }

    [Fact]
    public void R10_a_closed_session_shows_the_question_without_answer_buttons()
    {
        var room = ARoom(me: Bruno) with { Status = CqpJury.App.Data.Entities.SessionStatus.Closed };

        var cut = Render<DossierPanel>(p => p.Add(x => x.Room, room).Add(x => x.Dossier, Dossier(Participation.MustDeclare)));

        Assert.Single(cut.FindAll("[data-testid=conflict-prompt]"));
        Assert.Empty(cut.FindAll("[data-testid=declare-no-link]"));
        Assert.Empty(cut.FindAll("[data-testid=declare-link]"));
    }

    [Theory]
    [InlineData(Participation.Recused)]
    [InlineData(Participation.StoodAside)]
    public void R10_2_an_excluded_member_sees_only_that_the_dossier_is_under_examination(Participation participation)
    {
        // Even if content, panel and votes reached the component, none of it may be rendered.
        var dossier = Dossier(participation) with
        {
            Content = Content(),
            Panel = ValidPanel(chair: Alice),
            Deliberation = Voting(iAmInPanel: false),
        };

        var cut = Render<DossierPanel>(p => p.Add(x => x.Room, ARoom(me: Chloe, president: Alice)).Add(x => x.Dossier, dossier));

        var excluded = cut.Find("[data-testid=excluded]").Text();
        Assert.Contains("Ce dossier est en cours d'examen par le jury. Vous ne participez pas à sa délibération.", excluded, StringComparison.Ordinal);
        Assert.Contains("Vous avez déclaré un lien avec l'entreprise du candidat.", excluded, StringComparison.Ordinal);
        Assert.Contains("son contenu, les échanges et les votes ne vous sont pas communiqués", excluded, StringComparison.Ordinal);
        foreach (var secret in new[] { CandidateName, C1Title, C2Title, C4Title, EmployerName, "livret-suivi.pdf", "Je conteste", "La cuisson doit être revue." })
        {
            Assert.DoesNotContain(secret, cut.Markup, StringComparison.Ordinal);
        }

        Assert.Empty(cut.FindAll("[data-testid=dossier-content]"));
        Assert.Empty(cut.FindAll("[data-testid=panel]"));
        Assert.Empty(cut.FindAll("[data-testid=deliberation]"));
    }

    [Fact]
    public void A_participant_sees_the_content_the_panel_and_the_deliberation()
    {
        var dossier = Dossier(Participation.Participant, ValidPanel(chair: Alice), Voting());

        var cut = Render<DossierPanel>(p => p.Add(x => x.Room, ARoom(me: Bruno, president: Alice)).Add(x => x.Dossier, dossier));

        Assert.Equal("Dossier D-2026-001 – CQP Boulanger", cut.Find("#dossier-title").Text());
        Assert.Equal("État : En délibération · dossier en cours", cut.Find("#dossier-title + *").Text());
        Assert.Equal($"Candidat : {CandidateName}", cut.Find("#content-title").Text());
        Assert.Single(cut.FindAll("[data-testid=panel]"));
        Assert.Single(cut.FindAll("[data-testid=deliberation]"));
        Assert.Empty(cut.FindAll("[data-testid=conflict-prompt]"));
        Assert.Empty(cut.FindAll("[data-testid=excluded]"));
    }
}
