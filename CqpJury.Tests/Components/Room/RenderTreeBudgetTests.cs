#pragma warning disable BL0006 // RenderTreeFrame: read only, to count the frames a component keeps
using System.Reflection;
using Bunit;
using CqpJury.App.Components.Pages.Room;
using CqpJury.App.Services.Room;
using CqpJury.Domain.Common;
using CqpJury.Domain.Evaluations;
using CqpJury.Domain.Outcomes;
using CqpJury.Domain.Juries;
using CqpJury.Tests.TestSupport;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.RenderTree;
using static CqpJury.Tests.Components.Room.RoomViewBuilder;

namespace CqpJury.Tests.Components.Room;

/// <summary>
/// Memory per connected member: every component of a room page keeps its render tree twice, in arrays of
/// 32, 64, 128… frames of 40 bytes (the next power of two, never shrunk). The room's largest components are
/// kept under a size, so that a change of a few frames does not double what each member's circuit holds
/// (see CqpJury.App/Performance/README.md).
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

    private void AssertFrames<T>(IRenderedComponent<T> cut, int budget) where T : IComponent
    {
        var frames = FramesOf(cut);
        Assert.True(frames >= 1 && frames <= budget, $"{typeof(T).Name}: {frames} frames, budget {budget}");
    }

    private static DeliberationView FiveVoters() =>
        Voting() with { Tally = [.. Voting().Tally, new VoteLine(Emma, NameOf(Emma), Seat.TradeExpert, VoteStatus.Pending, null)] };

    [Fact]
    public void The_presence_of_five_members_fits_in_64_frames()
    {
        var cut = Render<PresencePanel>(p => p.Add(x => x.View, ARoom(me: Alice, president: Emma)));

        Assert.Equal(5, cut.FindAll("li[data-member]").Count);
        AssertFrames(cut, 64);
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
        AssertFrames(cut, 64);
    }

    [Fact]
    public void A_members_deliberation_panel_with_five_voters_and_the_vote_form_fits_in_128_frames()
    {
        var cut = Render<DeliberationPanel>(p => p
            .Add(x => x.Room, ARoom(Bruno, president: Alice))
            .Add(x => x.Dossier, Dossier(Participation.Participant, ValidPanel(chair: Alice), FiveVoters() with { RoundDefeated = true })));

        Assert.Equal(5, cut.FindAll("[data-testid=tally] li").Count);
        Assert.NotNull(cut.Find("[data-testid=vote-approve]"));
        AssertFrames(cut, 128);
    }

    /// <summary>A dossier the size of the demo's (six competences of four elements, two of them essential).</summary>
    private static DossierContent SixCompetences() => Content() with
    {
        Competences = [.. Enumerable.Range(1, 6).Select(n => MasteredCompetence() with
        {
            Code = $"C{n}",
            Position = n,
            Title = $"Compétence numéro {n} du référentiel",
            Elements = [.. Enumerable.Range(1, 4).Select(e => new CompetenceElement($"Élément {e} de la compétence {n}", e <= 2, ElementStatus.Acquired))],
        })],
    };

    /// <summary>
    /// The page's largest component: measured 408 frames with this content (one 512-frame buffer, 20 KB). It renders
    /// once per shared content instance (not again after a vote), so its second buffer stays empty.
    /// </summary>
    [Fact]
    public void A_dossiers_content_of_six_competences_fits_in_512_frames_and_is_rendered_once()
    {
        var content = SixCompetences();
        var cut = Render<DossierContentView>(p => p.Add(x => x.Content, content));
        cut.Render(p => p.Add(x => x.Content, content));

        Assert.Equal(24, cut.FindAll("tbody tr").Count);
        Assert.Equal(1, cut.RenderCount);
        AssertFrames(cut, 512);
    }

    [Fact]
    public void The_chairs_proposal_editor_for_six_competences_fits_in_128_frames()
    {
        var cut = Render<ProposalEditor>(p => p.Add(x => x.Content, SixCompetences()).Add(x => x.OnPreview, _ => Task.FromResult(new OutcomeResult(DecisionOutcome.Awarded, []))));

        Assert.Equal(6, cut.FindAll("input[type=checkbox]").Count);
        AssertFrames(cut, 128);
    }

    [Fact]
    public void The_outcome_table_fits_in_64_frames()
    {
        var cut = Render<OutcomeTable>(p => p.Add(x => x.Outcome, PartialOutcome()).Add(x => x.Content, Content()));

        Assert.Equal(PartialOutcome().Competences.Count, cut.FindAll("tbody tr").Count);
        AssertFrames(cut, 64);
    }
}
