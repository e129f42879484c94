using Bunit;
using CqpJury.App.Components.Pages.Room;
using CqpJury.App.Services.Room;
using CqpJury.Domain.Deliberations;
using CqpJury.Tests.TestSupport;
using static CqpJury.Tests.Components.Room.RoomViewBuilder;

namespace CqpJury.Tests.Components.Room;

/// <summary>Issue 19: the president's step bar names the step and the action it jumps to.</summary>
public sealed class PresidentStepBarTests : MudBunitContext
{
    private static readonly RoomView President = ARoom(me: Alice, president: Alice);

    [Fact]
    public void With_no_dossier_under_deliberation_the_step_is_the_next_pending_dossier()
    {
        var step = PresidentStep.Of(President with { CurrentDossierId = null }, null, followingCurrent: true);

        Assert.Equal("Aucun dossier en délibération. Dossier suivant : D-2026-002.", step.Text);
        Assert.Equal("Mettre en délibération le dossier suivant", step.ActionLabel);
        Assert.Equal("[data-testid=agenda] li[data-dossier=\"D-2026-002\"] [data-testid=put-on-screen]", step.Target);
    }

    [Fact]
    public void When_every_dossier_is_done_the_step_is_closing_the_session()
    {
        var done = President with
        {
            Agenda = [.. President.Agenda.Select(a => a with { Status = AgendaItemStatus.DecisionSigned })],
            CloseBlockers = [],
        };

        var step = PresidentStep.Of(done, Dossier(Participation.Participant, ValidPanel(chair: Alice), Decided(iAmChair: true)) with { Status = AgendaItemStatus.DecisionSigned }, followingCurrent: true);

        Assert.Equal("Dossier D-2026-001 traité. Tous les dossiers sont signés ou ajournés.", step.Text);
        Assert.Equal("[data-testid=close-session]", step.Target);
    }

    [Fact]
    public void Each_deliberation_step_leads_to_its_action()
    {
        Assert.Equal("[data-testid=declare-no-link]", PresidentStep.Of(President, Dossier(Participation.MustDeclare), true).Target);
        Assert.Equal("[data-testid=stand-aside]", PresidentStep.Of(President, Dossier(Participation.Participant, UnbalancedPanel(chair: Alice)), true).Target);
        Assert.Equal("[data-testid=submit-proposal]", PresidentStep.Of(President, Dossier(Participation.Participant, ValidPanel(chair: Alice)), true).Target);
        Assert.Equal("[data-testid=vote-approve]", PresidentStep.Of(President, Dossier(Participation.Participant, ValidPanel(chair: Alice), Voting(iAmChair: true)), true).Target);
        Assert.Equal("[data-testid=submit-proposal]", PresidentStep.Of(President, Dossier(Participation.Participant, ValidPanel(chair: Alice), Voting(iAmChair: true, myVote: VoteChoice.Approve, roundDefeated: true)), true).Target);
        Assert.Null(PresidentStep.Of(President, Dossier(Participation.Participant, ValidPanel(chair: Alice), Voting(iAmChair: true, myVote: VoteChoice.Approve)), true).Target);
        Assert.Equal("[data-testid=sign-password]", PresidentStep.Of(President, Dossier(Participation.Participant, ValidPanel(chair: Alice), Decided(iAmChair: true)), true).Target);
        Assert.Equal("[data-testid=back-to-current]", PresidentStep.Of(President, Dossier(Participation.Participant, ValidPanel(chair: Alice)), false).Target);
    }

    [Fact]
    public void The_bar_is_a_labelled_region_with_the_step_and_its_button()
    {
        var cut = Render<PresidentStepBar>(p => p.Add(x => x.View, President).Add(x => x.Dossier, Dossier(Participation.Participant, ValidPanel(chair: Alice))));

        var bar = cut.Find("[data-testid=step-bar]");
        Assert.Equal("Étape en cours", bar.GetAttribute("aria-label"));
        Assert.Equal("Dossier D-2026-001 : cochez les compétences validées, puis soumettez la proposition au vote.", cut.Find("[data-testid=step-text]").Text());
        Assert.Equal("Aller à la proposition", cut.Find("[data-testid=step-go]").Text());
        cut.Find("[data-testid=step-go]").Click(); // the jump is the browser's (tested end to end); here it must not fail
    }
}
