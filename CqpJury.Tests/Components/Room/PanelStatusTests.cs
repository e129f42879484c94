using Bunit;
using CqpJury.App.Components.Pages.Room;
using CqpJury.App.Services.Room;
using CqpJury.Domain.Common;
using CqpJury.Tests.TestSupport;
using static CqpJury.Tests.Components.Room.RoomViewBuilder;

namespace CqpJury.Tests.Components.Room;

public sealed class PanelStatusTests : MudBunitContext
{
    private IRenderedComponent<PanelStatus> RenderPanel(PanelView panel, Guid me, Guid? president = null, Action<Guid>? onStandAside = null, Action<string>? onPostpone = null) =>
        Render<PanelStatus>(p => p
            .Add(x => x.Panel, panel)
            .Add(x => x.Room, ARoom(me, president))
            .Add(x => x.OnStandAside, id => onStandAside?.Invoke(id))
            .Add(x => x.OnPostpone, reason => onPostpone?.Invoke(reason)));

    [Fact]
    public void R10_1_a_paritary_panel_is_confirmed_and_lists_who_deliberates()
    {
        var cut = RenderPanel(ValidPanel(chair: Alice), me: Bruno, president: Alice);

        Assert.Contains(
            "Délibèrent : Alice DURAND (Collège salariés), Bruno LEROY (Collège entreprises), Chloé PETIT (Collège salariés), David MOREAU (Collège entreprises).",
            cut.Text(), StringComparison.Ordinal);
        Assert.Equal("Le collège délibérant est paritaire.", cut.Find("[data-testid=panel-valid]").Text());
        Assert.Empty(cut.FindAll("[data-testid=panel-invalid]"));
    }

    [Fact]
    public void R10_1_findings_and_recused_members_are_listed_when_the_panel_is_not_paritary()
    {
        var cut = RenderPanel(UnbalancedPanel(chair: Alice), me: Bruno, president: Alice);

        Assert.Equal(
            "Le collège délibérant n'est pas paritaire : 1 représentant(s) des salariés pour 2 représentant(s) des employeurs.",
            cut.Find("[data-testid=panel-invalid] li").Text());
        Assert.Contains("En conflit d'intérêts, ne participent pas : Chloé PETIT.", cut.Text(), StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=panel-valid]"));
    }

    [Fact]
    public void R10_1_the_chair_can_apply_a_parity_proposal_which_raises_the_member_standing_aside()
    {
        var standingAside = new List<Guid>();
        var cut = RenderPanel(UnbalancedPanel(chair: Alice), me: Alice, president: Alice, onStandAside: standingAside.Add);

        var button = cut.Find("[data-testid=stand-aside]");
        Assert.Equal("Appliquer : David MOREAU (Collège entreprises) se retire de ce dossier.", button.Text());
        button.Click();

        Assert.Equal([David], standingAside);
    }

    [Fact]
    public void R10_1_a_member_who_does_not_chair_sees_the_parity_proposals_as_text_without_buttons()
    {
        var cut = RenderPanel(UnbalancedPanel(chair: Alice), me: Bruno, president: Alice);

        Assert.Empty(cut.FindAll("[data-testid=stand-aside]"));
        Assert.Empty(cut.FindAll("[data-testid=postpone-form]"));
        Assert.Contains("Propositions pour rétablir la parité : David MOREAU (Collège entreprises) se retire de ce dossier.", cut.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public void R10_1_when_no_withdrawal_restores_parity_the_chair_gets_the_postpone_form()
    {
        var postponed = new List<string>();
        var panel = UnbalancedPanel(chair: Alice) with
        {
            Findings = [new Finding("R10.1", "Aucun retrait ne permet de rétablir la parité : le dossier doit être ajourné.")],
            Proposals = [],
            MustPostpone = true,
        };
        var cut = RenderPanel(panel, me: Alice, president: Alice, onPostpone: postponed.Add);

        Assert.Empty(cut.FindAll("[data-testid=stand-aside]"));
        Assert.True(cut.Find("[data-testid=postpone]").IsDisabled());
        var reason = cut.Find("[data-testid=postpone-form] textarea");
        Assert.Equal("true", reason.GetAttribute("aria-required"));
        Assert.Equal("Le motif est obligatoire pour ajourner le dossier.", cut.Find("#" + reason.GetAttribute("aria-describedby")).Text());
        Assert.Equal("Motif de l'ajournement", cut.Find($"label[for={reason.Id}]").Text());
        reason.Input("Parité impossible ce jour.");
        Assert.False(cut.Find("[data-testid=postpone]").IsDisabled());
        cut.Find("[data-testid=postpone]").Click();

        Assert.Equal(["Parité impossible ce jour."], postponed);
    }

    [Fact]
    public void R10_1_a_member_who_does_not_chair_gets_no_postpone_form_even_when_the_dossier_must_be_postponed()
    {
        var panel = UnbalancedPanel(chair: Alice) with { Proposals = [], MustPostpone = true };

        var cut = RenderPanel(panel, me: Bruno, president: Alice);

        Assert.Empty(cut.FindAll("[data-testid=postpone-form]"));
    }

    [Fact]
    public void R10_members_still_to_declare_their_links_are_named()
    {
        var panel = ValidPanel(chair: Alice) with { AwaitingDeclaration = [Member(Emma)] };

        var cut = RenderPanel(panel, me: Bruno, president: Alice);

        Assert.Equal("En attente de la déclaration de liens d'intérêts de : Emma FOURNIER.", cut.Find("[data-testid=awaiting-declaration]").Text());
    }
}
