using Bunit;
using CqpJury.App.Performance;
using CqpJury.Tests.TestSupport;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace CqpJury.Tests.Components.Layout;

public sealed class AppTitleTests : MudBunitContext
{
    private IReadOnlyList<string?> TitlesSet() =>
        [.. JSInterop.Invocations.Where(i => i.Identifier == "cqpJurySetTitle").Select(i => i.Arguments[0] as string)];

    [Fact]
    public void Prerendered_or_static_the_title_goes_to_the_head_outlet_and_no_script_runs()
    {
        Renderer.SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var cut = Render<AppTitle>(p => p.Add(x => x.Text, "Évaluateurs – CqpJury"));

        Assert.Single(cut.FindComponents<PageTitle>());
        Assert.Empty(TitlesSet());
    }

    [Fact]
    public void Once_interactive_the_browser_sets_the_title_each_time_it_changes_and_only_then()
    {
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        JSInterop.SetupVoid("cqpJurySetTitle", _ => true);

        var cut = Render<AppTitle>(p => p.Add(x => x.Text, "Salle de délibération – CqpJury"));
        Assert.Empty(cut.FindComponents<PageTitle>());
        Assert.Equal(["Salle de délibération – CqpJury"], TitlesSet());

        cut.Render(p => p.Add(x => x.Text, "Salle de délibération – CqpJury"));
        Assert.Equal(["Salle de délibération – CqpJury"], TitlesSet());

        cut.Render(p => p.Add(x => x.Text, "Salle – Jury de décembre – CqpJury"));
        Assert.Equal(["Salle de délibération – CqpJury", "Salle – Jury de décembre – CqpJury"], TitlesSet());
    }

    [Fact]
    public void A_page_whose_script_fails_keeps_its_circuit_and_tries_again_at_the_next_change()
    {
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        JSInterop.SetupVoid("cqpJurySetTitle", _ => true).SetException(new Microsoft.JSInterop.JSException("cqpJurySetTitle is not defined"));

        var cut = Render<AppTitle>(p => p.Add(x => x.Text, "Accueil – CqpJury"));
        cut.Render(p => p.Add(x => x.Text, "Accueil – CqpJury"));

        Assert.Equal(["Accueil – CqpJury", "Accueil – CqpJury"], TitlesSet());
    }
}
