using Bunit;
using CqpJury.App.Components.Pages.Room;
using CqpJury.Tests.TestSupport;
using static CqpJury.Tests.Components.Room.RoomViewBuilder;

namespace CqpJury.Tests.Components.Room;

/// <summary>How the room renders a dossier's content: encoded by Razor, and once per shared content instance.</summary>
public sealed class DossierContentRenderingTests : MudBunitContext
{
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
