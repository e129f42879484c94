using Bunit;
using CqpJury.App.Components.Pages.Room;
using CqpJury.App.Data.Entities;
using CqpJury.App.Services.Room;
using CqpJury.Domain.Deliberations;
using CqpJury.Domain.Referential;
using CqpJury.Tests.TestSupport;
using static CqpJury.Tests.Components.Room.RoomViewBuilder;

namespace CqpJury.Tests.Components.Room;

public sealed class DeliberationPanelTests : MudBunitContext
{
    private IRenderedComponent<DeliberationPanel> RenderDeliberation(
        DeliberationView? deliberation,
        Guid me,
        RoomView? room = null,
        PanelView? panel = null,
        Action<(VoteChoice Choice, string? Comment)>? onVote = null) =>
        Render<DeliberationPanel>(p => p
            .Add(x => x.Room, room ?? ARoom(me, president: Alice))
            .Add(x => x.Dossier, Dossier(Participation.Participant, panel ?? ValidPanel(chair: Alice), deliberation))
            .Add(x => x.OnVote, v => onVote?.Invoke(v)));

    [Fact]
    public void R11_before_any_proposal_the_room_says_nothing_is_under_vote()
    {
        var cut = RenderDeliberation(null, me: Bruno);

        Assert.Equal("Aucune proposition n'a encore été soumise au vote.", cut.Find("[data-testid=no-proposal]").Text());
        Assert.Empty(cut.FindAll("[data-testid=tally]"));
    }

    [Fact]
    public void R11_the_state_round_rule_and_chair_are_stated()
    {
        var cut = RenderDeliberation(Voting(), me: Bruno);

        Assert.Contains(
            "État : vote en cours · tour de vote n° 1 · règle : unanimité des membres du collège délibérant · préside ce dossier : Alice DURAND",
            cut.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public void R11_the_tally_states_each_vote_in_words_with_comments_and_counts()
    {
        var cut = RenderDeliberation(Voting(), me: Bruno);

        var lines = cut.FindAll("[data-testid=tally] li").Select(li => li.Text()).ToList();
        Assert.Equal(
            [
                "✔ Alice DURAND approuve",
                "✘ Bruno LEROY s'oppose (objection) – « La cuisson doit être revue. »",
                "… Chloé PETIT n'a pas encore voté",
                "… David MOREAU n'a pas encore voté",
            ],
            lines);
        Assert.Equal("1 approbation(s), 1 objection(s), 2 vote(s) attendu(s).", cut.Find("[data-testid=tally-summary]").Text());
    }

    [Fact]
    public void R4_the_proposal_under_vote_shows_each_competence_and_the_outcome()
    {
        var cut = RenderDeliberation(Voting(), me: Bruno);

        Assert.Equal($"Compétence 1 – {C1Title} ✔ Validée (jusqu'au 15/06/2031)", cut.Find("[data-testid=outcome-table] tr[data-competence=C1]").Text());
        Assert.Equal($"Compétence 2 – {C2Title} ✘ Non validée", cut.Find("[data-testid=outcome-table] tr[data-competence=C2]").Text());
        Assert.Equal($"Compétence 3 – {C3Title} ✔ Déjà validée (jusqu'au 04/03/2029)", cut.Find("[data-testid=outcome-table] tr[data-competence=C3]").Text());
        Assert.Equal("Résultat : Validation partielle – CQP NON DÉLIVRÉ", cut.Find("[data-testid=outcome]").Text());
    }

    [Fact]
    public void R11_a_panel_member_who_has_not_voted_can_approve_with_a_comment()
    {
        var votes = new List<(VoteChoice Choice, string? Comment)>();
        var cut = RenderDeliberation(Voting(), me: Chloe, onVote: votes.Add);

        Assert.Equal("Je m'oppose", cut.Find("[data-testid=vote-object]").Text());
        cut.Find("[data-testid=deliberation] textarea, [data-testid=deliberation] input[type=text]").Change("Rien à ajouter.");
        cut.Find("[data-testid=vote-approve]").Click();

        Assert.Equal([(VoteChoice.Approve, (string?)"Rien à ajouter.")], votes);
    }

    [Fact]
    public void R11_a_panel_member_who_has_not_voted_can_object()
    {
        var votes = new List<(VoteChoice Choice, string? Comment)>();
        var cut = RenderDeliberation(Voting(), me: David, onVote: votes.Add);

        cut.Find("[data-testid=vote-object]").Click();

        Assert.Equal([(VoteChoice.Object, (string?)null)], votes);
    }

    [Fact]
    public void R11_after_voting_the_member_reads_their_vote_and_has_no_vote_buttons()
    {
        var cut = RenderDeliberation(Voting(myVote: VoteChoice.Object), me: Bruno);

        Assert.Equal("Votre vote : objection.", cut.Find("[data-testid=my-vote]").Text());
        Assert.Empty(cut.FindAll("[data-testid=vote-approve]"));
        Assert.Empty(cut.FindAll("[data-testid=vote-object]"));
    }

    [Fact]
    public void R10_a_member_outside_the_panel_is_told_they_do_not_vote()
    {
        var cut = RenderDeliberation(Voting(iAmInPanel: false), me: Emma);

        Assert.Empty(cut.FindAll("[data-testid=vote-approve]"));
        Assert.Contains("Vous ne faites pas partie du collège délibérant pour ce dossier : vous ne votez pas.", cut.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public void R11_no_vote_buttons_once_the_session_is_closed()
    {
        var room = ARoom(me: Chloe, president: Alice) with { Status = SessionStatus.Closed };

        var cut = RenderDeliberation(Voting(), me: Chloe, room: room);

        Assert.Empty(cut.FindAll("[data-testid=vote-approve]"));
    }

    [Fact]
    public void R11_an_objection_that_defeats_unanimity_is_announced()
    {
        var cut = RenderDeliberation(Voting(roundDefeated: true), me: Bruno);

        Assert.Contains("Une objection empêche la décision à l'unanimité", cut.Find("[data-testid=round-defeated]").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public void R11_under_absolute_majority_the_room_names_the_majority_rule_never_unanimity()
    {
        var defeated = RenderDeliberation(Voting(roundDefeated: true) with { DecisionRule = DecisionRule.AbsoluteMajority }, me: Bruno);
        var decided = RenderDeliberation(Decided(iAmChair: false) with { DecisionRule = DecisionRule.AbsoluteMajority }, me: Bruno);

        Assert.StartsWith("Les objections empêchent la décision à la majorité absolue", defeated.Find("[data-testid=round-defeated]").Text().Trim(), StringComparison.Ordinal);
        Assert.Contains("règle : majorité absolue des membres du collège délibérant", defeated.Markup, StringComparison.Ordinal);
        Assert.StartsWith("Décision prise à la majorité absolue : Validation partielle", decided.Find("[data-testid=decision]").Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("unanimité", defeated.Markup + decided.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void R11_no_defeat_alert_while_unanimity_is_still_possible()
    {
        var cut = RenderDeliberation(Voting(), me: Bruno);

        Assert.Empty(cut.FindAll("[data-testid=round-defeated]"));
    }

    [Fact]
    public void R11_the_chair_can_amend_the_proposal_while_the_vote_is_open()
    {
        var cut = RenderDeliberation(Voting(iAmChair: true), me: Alice);

        Assert.Equal("Modifier la proposition (nouveau tour de vote)", cut.Find("[data-testid=proposal-editor] h4").Text());
        var postpone = cut.Find("details[data-testid=postpone-panel]");
        Assert.Equal("Ajourner ce dossier", postpone.QuerySelector("summary")!.Text());
        Assert.False(postpone.HasAttribute("open")); // folded until the chair opens it
        Assert.NotNull(postpone.QuerySelector("[data-testid=postpone-form] textarea"));
    }

    [Fact]
    public void R11_the_chair_makes_the_first_proposal_when_none_exists()
    {
        var cut = RenderDeliberation(null, me: Alice);

        Assert.Equal("Proposition à soumettre au vote", cut.Find("[data-testid=proposal-editor] h4").Text());
    }

    [Fact]
    public void R11_a_member_who_does_not_chair_gets_no_proposal_editor()
    {
        var cut = RenderDeliberation(Voting(), me: Bruno);

        Assert.Empty(cut.FindAll("[data-testid=proposal-editor]"));
        Assert.DoesNotContain("Ajourner ce dossier", cut.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public void R10_1_the_chair_gets_no_proposal_editor_while_the_panel_is_not_paritary()
    {
        var cut = RenderDeliberation(null, me: Alice, panel: UnbalancedPanel(chair: Alice));

        Assert.Empty(cut.FindAll("[data-testid=proposal-editor]"));
    }

    [Fact]
    public void R11_once_decided_the_proposal_can_no_longer_be_amended()
    {
        var cut = RenderDeliberation(Decided(iAmChair: true), me: Alice);

        Assert.Empty(cut.FindAll("[data-testid=proposal-editor]"));
        Assert.Empty(cut.FindAll("[data-testid=vote-approve]"));
        Assert.DoesNotContain("Ajourner ce dossier", cut.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public void R11_the_decision_is_announced_with_the_outcome_in_French()
    {
        var cut = RenderDeliberation(Decided(iAmChair: false), me: Bruno);

        Assert.StartsWith("Décision prise à l'unanimité : Validation partielle", cut.Find("[data-testid=decision]").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public void R14_the_chair_gets_the_signing_form_when_the_decision_is_unsigned()
    {
        var cut = RenderDeliberation(Decided(iAmChair: true), me: Alice);

        Assert.Single(cut.FindAll("[data-testid=signing-form]"));
        Assert.Empty(cut.FindAll("[data-testid=signed]"));
    }

    [Fact]
    public void R14_other_members_wait_for_the_chairs_signature_and_read_the_draft_text()
    {
        var cut = RenderDeliberation(Decided(iAmChair: false), me: Bruno);

        Assert.Empty(cut.FindAll("[data-testid=signing-form]"));
        Assert.Contains("En attente de la signature de Alice DURAND.", cut.Text(), StringComparison.Ordinal);
        Assert.Equal(["Bonne maîtrise du façonnage."], cut.FindAll("[data-testid=decision-text] dd").Select(dd => dd.Text()));
    }

    [Fact]
    public void R14_a_signed_decision_names_the_signatory_and_shows_its_text_without_a_form()
    {
        var cut = RenderDeliberation(Decided(iAmChair: true, signedAt: new DateTimeOffset(2026, 6, 15, 8, 45, 0, TimeSpan.Zero)), me: Alice);

        Assert.Contains("Décision signée par Alice DURAND le ", cut.Find("[data-testid=signed]").Text(), StringComparison.Ordinal);
        Assert.Contains("Elle ne peut plus être modifiée.", cut.Find("[data-testid=signed]").Text(), StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=signing-form]"));
        Assert.Equal(
            ["Commentaires", "Réponse aux observations du candidat"],
            cut.FindAll("[data-testid=decision-text] dt").Select(dt => dt.Text()));
        Assert.Equal(
            ["Bonne maîtrise du façonnage.", "Le jury a examiné la grille de cuisson."],
            cut.FindAll("[data-testid=decision-text] dd").Select(dd => dd.Text()));
    }

    [Fact]
    public void R10_1_a_postponed_dossier_shows_the_reason()
    {
        var postponed = Voting() with { State = DeliberationState.Postponed, PostponementReason = "Parité impossible ce jour." };

        var cut = RenderDeliberation(postponed, me: Bruno);

        Assert.Equal("Dossier ajourné : Parité impossible ce jour.", cut.Find("[data-testid=postponed]").Text());
        Assert.Empty(cut.FindAll("[data-testid=tally]"));
    }

    // French users read French time (Europe/Paris), whatever the server's time zone (UTC in containers).

    [Fact]
    public void The_decision_time_is_shown_in_French_summer_time()
    {
        // 08:30 UTC on 15 June is 10:30 in Paris (UTC+2).
        var cut = RenderDeliberation(Decided(iAmChair: false), me: Bruno);

        Assert.EndsWith("(15/06/2026 à 10:30)", cut.Find("[data-testid=decision]").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_signature_time_is_shown_in_French_winter_time()
    {
        // 15:05 UTC on 10 December is 16:05 in Paris (UTC+1).
        var decided = Decided(iAmChair: false, signedAt: new DateTimeOffset(2026, 12, 10, 15, 5, 0, TimeSpan.Zero));

        var cut = RenderDeliberation(decided, me: Bruno);

        Assert.Contains("Décision signée par Alice DURAND le 10/12/2026 à 16:05.", cut.Find("[data-testid=signed]").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_decision_taken_late_in_the_evening_UTC_is_dated_the_next_day_in_France()
    {
        // 22:30 UTC on 15 June is 00:30 on 16 June in Paris.
        var decided = Decided(iAmChair: false) with { DecidedAt = new DateTimeOffset(2026, 6, 15, 22, 30, 0, TimeSpan.Zero) };

        var cut = RenderDeliberation(decided, me: Bruno);

        Assert.EndsWith("(16/06/2026 à 00:30)", cut.Find("[data-testid=decision]").Text(), StringComparison.Ordinal);
    }
}
