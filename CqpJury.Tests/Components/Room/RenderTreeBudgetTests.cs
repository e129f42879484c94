#pragma warning disable BL0006 // RenderTreeFrame: read only, to count the frames a component keeps
using System.Reflection;
using Bunit;
using CqpJury.App.Components.Pages.Room;
using CqpJury.App.Services.Room;
using CqpJury.Domain.Common;
using CqpJury.Domain.Juries;
using CqpJury.Tests.TestSupport;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.RenderTree;
using static CqpJury.Tests.Components.Room.RoomViewBuilder;

namespace CqpJury.Tests.Components.Room;

/// <summary>
/// Issue 6 (memory per connected member): every component of a room page keeps its render tree twice, in
/// arrays of 32, 64, 128… frames (the next power of two, never shrunk). The room's busiest components are
/// kept under a size, so that a change of a few frames does not double what each member's circuit holds.
/// </summary>
public sealed class RenderTreeBudgetTests : MudBunitContext
{
    private static readonly MethodInfo CurrentFrames =
        typeof(Renderer).GetMethod("GetCurrentRenderTreeFrames", BindingFlags.NonPublic | BindingFlags.Instance)!;

    private int FramesOf<T>(IRenderedComponent<T> cut) where T : IComponent
    {
        var id = (int)cut.GetType().GetProperty("ComponentId", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(cut)!;
        return ((ArrayRange<RenderTreeFrame>)CurrentFrames.Invoke(Renderer, [id])!).Count;
    }

    private static DeliberationView FiveVoters() =>
        Voting() with { Tally = [.. Voting().Tally, new VoteLine(Emma, NameOf(Emma), Seat.TradeExpert, VoteStatus.Pending, null)] };

    [Fact]
    public void The_presence_of_five_members_fits_in_64_frames()
    {
        var cut = Render<PresencePanel>(p => p.Add(x => x.View, ARoom(me: Alice, president: Emma)));

        Assert.Equal(5, cut.FindAll("li[data-member]").Count);
        Assert.InRange(FramesOf(cut), 1, 64);
    }

    [Fact]
    public void The_presence_of_five_members_with_composition_findings_fits_in_64_frames()
    {
        var room = ARoom(me: Alice) with
        {
            Members = [Member(Alice), Member(Bruno), Member(Chloe, present: false), Member(David, present: false), Member(Emma, present: false)],
            PresentCompositionFindings = [new Finding("R8", "Le jury présent ne compte aucun représentant du collège entreprises."), new Finding("R8", "Le jury présent n'est pas paritaire : 2 salarié(s) pour 0 employeur(s).")],
        };

        var cut = Render<PresencePanel>(p => p.Add(x => x.View, room));

        Assert.Equal(2, cut.FindAll("[data-testid=composition-findings] li").Count);
        Assert.InRange(FramesOf(cut), 1, 64);
    }

    [Fact]
    public void A_members_deliberation_panel_with_five_voters_and_the_vote_form_fits_in_128_frames()
    {
        var cut = Render<DeliberationPanel>(p => p
            .Add(x => x.Room, ARoom(Bruno, president: Alice))
            .Add(x => x.Dossier, Dossier(Participation.Participant, ValidPanel(chair: Alice), FiveVoters() with { RoundDefeated = true })));

        Assert.Equal(5, cut.FindAll("[data-testid=tally] li").Count);
        Assert.NotNull(cut.Find("[data-testid=vote-approve]"));
        Assert.InRange(FramesOf(cut), 1, 128);
    }

    [Fact]
    public void The_outcome_table_fits_in_64_frames()
    {
        var cut = Render<OutcomeTable>(p => p.Add(x => x.Outcome, PartialOutcome()).Add(x => x.Content, Content()));

        Assert.Equal(PartialOutcome().Competences.Count, cut.FindAll("tbody tr").Count);
        Assert.InRange(FramesOf(cut), 1, 64);
    }
}
