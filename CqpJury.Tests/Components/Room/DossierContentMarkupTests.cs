using Bunit;
using CqpJury.App.Components.Pages.Room;
using CqpJury.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using static CqpJury.Tests.Components.Room.RoomViewBuilder;

namespace CqpJury.Tests.Components.Room;

/// <summary>The room shows a dossier's content as HTML rendered once per shared content instance (issue 6).</summary>
public sealed class DossierContentMarkupTests : MudBunitContext
{
    public DossierContentMarkupTests() => Services.AddSingleton<DossierContentHtml>();

    [Fact]
    public void The_room_shows_the_same_content_as_the_content_view()
    {
        var content = Content();

        var markup = Render<DossierContentMarkup>(p => p.Add(x => x.Content, content));
        var view = Render<DossierContentView>(p => p.Add(x => x.Content, content));

        Assert.Equal(view.Find("[data-testid=dossier-content]").TextContent, markup.Find("[data-testid=dossier-content]").TextContent);
        Assert.Equal(view.FindAll("[data-competence]").Count, markup.FindAll("[data-competence]").Count);
        Assert.Equal("Candidat : " + CandidateName, markup.Find("#content-title").TextContent);
        Assert.Equal($"/documents/{DocumentId}", markup.Find("a[href^='/documents/']").GetAttribute("href"));
    }

    [Fact]
    public void Text_from_the_dossier_is_shown_as_text_never_as_markup()
    {
        var content = Content() with { CandidateName = "<img src=x onerror=alert(1)> Lucie", CandidateObservations = "<script>alert('x')</script> & « merci »" };

        var cut = Render<DossierContentMarkup>(p => p.Add(x => x.Content, content));

        Assert.Empty(cut.FindAll("img"));
        Assert.Empty(cut.FindAll("script"));
        Assert.Equal("Candidat : <img src=x onerror=alert(1)> Lucie", cut.Find("#content-title").TextContent);
        Assert.Equal("<script>alert('x')</script> & « merci »", cut.Find("[data-testid=observations]").TextContent);
    }

    [Fact]
    public void The_same_content_is_not_rendered_again_and_a_changed_one_is()
    {
        var content = Content();
        var cut = Render<DossierContentMarkup>(p => p.Add(x => x.Content, content));

        cut.Render(p => p.Add(x => x.Content, content)); // a reload after a vote: the shared instance, unchanged
        Assert.Equal(1, cut.RenderCount);

        cut.Render(p => p.Add(x => x.Content, content with { CandidateName = "Nina ROBERT" }));
        Assert.Equal(2, cut.RenderCount);
        Assert.Equal("Candidat : Nina ROBERT", cut.Find("#content-title").TextContent);
    }

    [Fact]
    public async Task Pages_showing_the_same_content_instance_share_one_string_and_an_equal_copy_gets_its_own()
    {
        var html = Services.GetRequiredService<DossierContentHtml>();
        var content = Content();

        var first = await html.GetAsync(content);
        var second = await html.GetAsync(content);
        var copy = await html.GetAsync(content with { });

        Assert.Same(first.Value, second.Value);
        Assert.NotSame(first.Value, copy.Value);
        Assert.Equal(first.Value, copy.Value);
        Assert.Contains(CandidateName, first.Value, StringComparison.Ordinal);
    }
}
