using Bunit;
using CqpJury.App.Components.Layout;
using CqpJury.Tests.TestSupport;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CqpJury.Tests.Components.Layout;

public sealed class MainLayoutTests : MudBunitContext
{
    public MainLayoutTests() => Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));

    private IRenderedComponent<MainLayout> RenderAt(string path)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(path);
        return Render<MainLayout>(p => p.Add(x => x.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<p id=\"body\">Contenu</p>"))));
    }

    [Fact]
    public void The_session_room_runs_without_the_popover_provider_and_keeps_the_snackbars()
    {
        var cut = RenderAt($"/sessions/{Guid.NewGuid()}");

        Assert.Empty(cut.FindComponents<MudPopoverProvider>());
        Assert.Single(cut.FindComponents<MudSnackbarProvider>());
        Assert.Equal("Contenu", cut.Find("main #body").TextContent);
    }

    [Theory]
    [InlineData("/mes-sessions")]
    [InlineData("/secretariat/sessions")]
    public void Every_other_page_has_the_popover_provider(string path)
    {
        var cut = RenderAt(path);

        Assert.Single(cut.FindComponents<MudPopoverProvider>());
    }
}
