using Bunit;
using CqpJury.App.Components.Layout;
using CqpJury.Tests.TestSupport;
using CqpJury.App.Data.Entities;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CqpJury.Tests.Components.Layout;

public sealed class MainLayoutTests : MudBunitContext
{
    public MainLayoutTests() => Services.AddSingleton<AntiforgeryStateProvider>(new FixedAntiforgery());

    private sealed class FixedAntiforgery : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken GetAntiforgeryToken() => new("jeton-42", "__RequestVerificationToken");
    }

    private IRenderedComponent<MainLayout> RenderAt(string path)
    {
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
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

    [Fact]
    public void The_sign_out_form_carries_the_antiforgery_token_and_the_page_says_when_it_is_interactive()
    {
        AddAuthorization().SetAuthorized("alice").SetRoles(Roles.JuryMember);

        var cut = RenderAt("/mes-sessions");

        var form = cut.Find("form[action='/deconnexion']");
        Assert.Equal("post", form.GetAttribute("method"));
        var token = form.QuerySelector("input[type=hidden]")!;
        Assert.Equal("__RequestVerificationToken", token.GetAttribute("name"));
        Assert.Equal("jeton-42", token.GetAttribute("value"));
        Assert.Equal("true", cut.Find("[data-interactive]").GetAttribute("data-interactive"));
    }

    [Fact]
    public void The_session_room_has_no_dialog_provider_and_other_pages_do()
    {
        Assert.Empty(RenderAt($"/sessions/{Guid.NewGuid()}").FindComponents<MudDialogProvider>());
        Assert.Single(RenderAt("/mes-sessions").FindComponents<MudDialogProvider>());
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
