using Bunit;
using CqpJury.App.Components.Pages.Room;
using CqpJury.Domain.Common;
using CqpJury.Tests.TestSupport;
using static CqpJury.Tests.Components.Room.RoomViewBuilder;

namespace CqpJury.Tests.Components.Room;

public sealed class PresencePanelTests : MudBunitContext
{
    [Fact]
    public void Presence_and_absence_are_written_in_words_next_to_each_member()
    {
        var room = ARoom(me: Alice) with { Members = [Member(Alice), Member(Bruno, present: false), Member(Emma)] };

        var cut = Render<PresencePanel>(p => p.Add(x => x.View, room));

        var bruno = cut.Find("li[data-member='Bruno LEROY']");
        Assert.Contains("Collège entreprises · absent(e)", bruno.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("présent(e)", bruno.Text(), StringComparison.Ordinal);
        Assert.Contains("Expert métier · présent(e)", cut.Find("li[data-member='Emma FOURNIER']").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_viewer_is_marked_vous_and_nobody_else_is()
    {
        var cut = Render<PresencePanel>(p => p.Add(x => x.View, ARoom(me: Chloe)));

        Assert.EndsWith("· vous", cut.Find("li[data-member='Chloé PETIT']").Text(), StringComparison.Ordinal);
        Assert.Single(cut.FindAll("li"), li => li.Text().Contains("· vous", StringComparison.Ordinal));
    }

    [Fact]
    public void The_president_carries_a_president_badge()
    {
        var cut = Render<PresencePanel>(p => p.Add(x => x.View, ARoom(me: Alice, president: Emma)));

        Assert.Contains("Président(e)", cut.Find("li[data-member='Emma FOURNIER']").Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("Président(e)", cut.Find("li[data-member='Alice DURAND']").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public void R8_findings_are_listed_when_the_present_members_do_not_form_a_valid_jury()
    {
        var room = ARoom(me: Alice) with
        {
            Members = [Member(Alice), Member(Bruno, present: false), Member(Chloe), Member(David, present: false), Member(Emma)],
            PresentCompositionFindings =
            [
                new Finding("R8", "Le jury présent ne compte aucun représentant du collège entreprises."),
                new Finding("R8", "Le jury présent n'est pas paritaire : 2 salarié(s) pour 0 employeur(s)."),
            ],
        };

        var cut = Render<PresencePanel>(p => p.Add(x => x.View, room));

        var findings = cut.Find("[data-testid=composition-findings]");
        Assert.Contains("Composition du jury présent non conforme", findings.Text(), StringComparison.Ordinal);
        Assert.Equal(
            ["Le jury présent ne compte aucun représentant du collège entreprises.", "Le jury présent n'est pas paritaire : 2 salarié(s) pour 0 employeur(s)."],
            findings.QuerySelectorAll("li").Select(li => li.Text()));
        Assert.Empty(cut.FindAll("[data-testid=composition-ok]"));
    }

    [Fact]
    public void R8_a_valid_present_jury_is_confirmed_in_words()
    {
        var cut = Render<PresencePanel>(p => p.Add(x => x.View, ARoom(me: Alice)));

        Assert.Equal("Le jury présent est valablement composé.", cut.Find("[data-testid=composition-ok]").Text());
        Assert.Empty(cut.FindAll("[data-testid=composition-findings]"));
    }

    [Fact]
    public void A_finding_naming_someone_is_shown_as_text_never_as_markup()
    {
        var room = ARoom(me: Alice) with { PresentCompositionFindings = [new Finding("R8", "<img src=x onerror=alert(1)> & « Dupont » est absent.")] };

        var cut = Render<PresencePanel>(p => p.Add(x => x.View, room));

        Assert.Empty(cut.FindAll("img"));
        Assert.Equal("<img src=x onerror=alert(1)> & « Dupont » est absent.", cut.Find("[data-testid=composition-findings] li").TextContent);
    }
}
