using Bunit;
using CqpJury.App.Components.Pages.Room;
using CqpJury.App.Services.Room;
using CqpJury.Domain.Common;
using CqpJury.Tests.TestSupport;
using static CqpJury.Tests.Components.Room.RoomViewBuilder;

namespace CqpJury.Tests.Components.Room;

/// <summary>
/// The room's parts are not rendered again when their page passes them what they already show (a reload after a
/// vote); anything else — another view, another state of the page, the part's own events — renders them.
/// </summary>
public sealed class RoomPartTests : MudBunitContext
{
    [Fact]
    public void A_view_read_again_equal_to_the_one_shown_does_not_render_the_part_again_and_a_changed_one_does()
    {
        var shown = ARoom(me: Alice);
        var cut = Render<PresencePanel>(p => p.Add(x => x.View, shown));

        var readAgain = ARoom(me: Alice); // another instance, every list built again
        cut.Render(p => p.Add(x => x.View, readAgain));
        Assert.Equal(1, cut.RenderCount);
        Assert.Same(shown, cut.Instance.View); // it keeps the instance its render was made from: one copy per page, not two

        cut.Render(p => p.Add(x => x.View, readAgain with { PresidentId = Alice }));
        Assert.Equal(2, cut.RenderCount);
        Assert.Contains("Président(e)", cut.Find($"li[data-member='{NameOf(Alice)}']").TextContent, StringComparison.Ordinal);

        var someoneLeft = readAgain with { PresidentId = Alice, Members = readAgain.Members.Select(m => m.Id == Emma ? m with { Present = false } : m).ToValueList() };
        cut.Render(p => p.Add(x => x.View, someoneLeft));
        Assert.Equal(3, cut.RenderCount);
        Assert.Equal("false", cut.Find($"li[data-member='{NameOf(Emma)}']").GetAttribute("data-present"));
    }

    [Fact]
    public void The_same_callbacks_again_do_not_render_the_part_and_the_page_becoming_busy_does()
    {
        var viewed = new List<Guid>();
        var room = ARoom(me: Alice, president: Alice);
        void Parameters(ComponentParameterCollectionBuilder<AgendaPanel> p, bool busy) => p
            .Add(x => x.View, room)
            .Add(x => x.ShownDossierId, DossierOne)
            .Add(x => x.OnView, viewed.Add) // a method group, made again at each render of the page
            .Add(x => x.Busy, busy);
        var cut = Render<AgendaPanel>(p => Parameters(p, busy: false));
        Assert.All(cut.FindAll("[data-testid=put-on-screen]"), b => Assert.False(b.HasAttribute("disabled")));

        cut.Render(p => Parameters(p, busy: false));
        Assert.Equal(1, cut.RenderCount);
        cut.Render(p => Parameters(p, busy: true));

        Assert.Equal(2, cut.RenderCount);
        Assert.NotEmpty(cut.FindAll("[data-testid=put-on-screen]"));
        Assert.All(cut.FindAll("[data-testid=put-on-screen]"), b => Assert.True(b.HasAttribute("disabled")));
        cut.Find("li[data-dossier='D-2026-002'] .room-agenda-button").Click();
        Assert.Equal([DossierTwo], viewed);
    }

    [Fact]
    public void The_parts_own_events_render_it_and_its_state_stays_when_the_page_passes_the_same_view()
    {
        var room = ARoom(me: Alice, president: Alice) with { CloseBlockers = [] };
        var preview = new ClosingPreview(["1 décision signée : elle est définitive ;"]);
        void Parameters(ComponentParameterCollectionBuilder<AgendaPanel> p) => p
            .Add(x => x.View, room)
            .Add(x => x.PreviewClosing, () => Task.FromResult<ClosingPreview?>(preview));
        var cut = Render<AgendaPanel>(Parameters);
        cut.Render(Parameters);
        Assert.Equal(1, cut.RenderCount);

        cut.Find("[data-testid=close-session]").Click(); // its own event: the confirmation opens
        Assert.Single(cut.FindAll("[data-testid=close-confirmation]"));
        var rendered = cut.RenderCount;

        cut.Render(Parameters); // a vote elsewhere: the page reloads, nothing the agenda shows changed
        Assert.Equal(rendered, cut.RenderCount);
        Assert.Single(cut.FindAll("[data-testid=close-confirmation]"));

        cut.Find("[data-testid=cancel-close]").Click();
        Assert.Empty(cut.FindAll("[data-testid=close-confirmation]"));
    }

    [Fact]
    public void Value_lists_are_equal_item_by_item_in_order()
    {
        ValueList<Finding> findings = [new Finding("R1", "Un expert est requis."), new Finding("R1", "La parité n'est pas respectée.")];
        var same = new[] { new Finding("R1", "Un expert est requis."), new Finding("R1", "La parité n'est pas respectée.") }.ToValueList();

        Assert.Equal(findings, same);
        Assert.Equal(findings.GetHashCode(), same.GetHashCode());
        Assert.NotEqual(findings, same.Reverse().ToValueList());
        Assert.NotEqual(findings, same.Take(1).ToValueList());
        Assert.Equal(ValueList.Create<Finding>([]), Array.Empty<Finding>().ToValueList());
        Assert.Equal(["Un expert est requis.", "La parité n'est pas respectée."], findings.Select(f => f.Message));
    }
}
