using Bunit;
using CqpJury.App.Components.Pages.Room;
using CqpJury.App.Services.Room;
using CqpJury.Tests.TestSupport;
using static CqpJury.Tests.Components.Room.RoomViewBuilder;

namespace CqpJury.Tests.Components.Room;

public sealed class PresidencyPanelTests : MudBunitContext
{
    private static PresidencyProposalView EmmaProposedByAlice() =>
        new(Emma, NameOf(Emma), NameOf(Alice), AcceptedBy: [Alice, Emma], AwaitedFrom: [Bruno, Chloe, David]);

    [Fact]
    public void R9_a_pending_proposal_shows_who_is_proposed_by_whom_and_how_many_acceptances_are_awaited()
    {
        var room = ARoom(me: Bruno) with { PresidencyProposal = EmmaProposedByAlice() };

        var cut = Render<PresidencyPanel>(p => p.Add(x => x.View, room));

        Assert.Equal(
            "Emma FOURNIER est proposé(e) par Alice DURAND. Accepté par 2 membre(s) ; en attente de 3 membre(s) présent(s).",
            cut.Find("[data-testid=presidency-proposal]").Text());
    }

    [Fact]
    public void R9_a_member_still_awaited_can_accept_the_proposal()
    {
        var accepted = 0;
        var room = ARoom(me: Bruno) with { PresidencyProposal = EmmaProposedByAlice() };
        var cut = Render<PresidencyPanel>(p => p.Add(x => x.View, room).Add(x => x.OnAccept, () => accepted++));

        var button = cut.Find("[data-testid=accept-president]");
        Assert.Equal("J'accepte Emma FOURNIER comme président(e)", button.Text());
        button.Click();

        Assert.Equal(1, accepted);
    }

    [Fact]
    public void R9_a_member_who_already_accepted_gets_no_accept_button()
    {
        var room = ARoom(me: Alice) with { PresidencyProposal = EmmaProposedByAlice() };

        var cut = Render<PresidencyPanel>(p => p.Add(x => x.View, room));

        Assert.Empty(cut.FindAll("[data-testid=accept-president]"));
        Assert.Contains("Vous avez accepté cette proposition.", cut.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public void R9_only_present_members_can_be_proposed()
    {
        var room = ARoom(me: Alice) with { Members = [Member(Alice), Member(Bruno, present: false), Member(Emma)] };

        var cut = Render<PresidencyPanel>(p => p.Add(x => x.View, room));

        var options = cut.FindAll("[data-testid=president-select] option").Select(o => o.Text()).ToList();
        Assert.Equal(["— Choisir un membre présent —", "Alice DURAND (Collège salariés)", "Emma FOURNIER (Expert métier)"], options);
    }

    [Fact]
    public void R9_the_propose_button_is_disabled_until_a_member_is_chosen_then_raises_the_chosen_member_id()
    {
        var proposed = new List<Guid>();
        var cut = Render<PresidencyPanel>(p => p.Add(x => x.View, ARoom(me: Alice)).Add(x => x.OnPropose, id => proposed.Add(id)));

        Assert.True(cut.Find("[data-testid=propose-president]").IsDisabled());

        cut.Find("[data-testid=president-select]").Change(Emma.ToString());
        Assert.False(cut.Find("[data-testid=propose-president]").IsDisabled());
        cut.Find("[data-testid=propose-president]").Click();

        Assert.Equal([Emma], proposed);
    }

    [Fact]
    public void R9_the_designation_panel_disappears_once_a_president_is_designated()
    {
        var cut = Render<PresidencyPanel>(p => p.Add(x => x.View, ARoom(me: Alice, president: Emma)));

        Assert.Empty(cut.FindAll("[data-testid=presidency]"));
        Assert.Empty(cut.FindAll("[data-testid=president-select]"));
    }
}
