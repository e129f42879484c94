using Bunit;
using CqpJury.App.Components.Pages.Room;
using CqpJury.App.Services.Room;
using CqpJury.Tests.TestSupport;
using static CqpJury.Tests.Components.Room.RoomViewBuilder;

namespace CqpJury.Tests.Components.Room;

public sealed class DecisionSigningFormTests : MudBunitContext
{
    private readonly List<string> _calls = [];

    private IRenderedComponent<DecisionSigningForm> RenderForm(DeliberationView deliberation) =>
        Render<DecisionSigningForm>(p => p
            .Add(x => x.Deliberation, deliberation)
            .Add(x => x.OnWriteText, t => _calls.Add($"texte : {t.Comments} | {t.Answer}"))
            .Add(x => x.OnSign, signing => _calls.Add($"signature : {signing.Comments} | {signing.Answer} | {signing.Password}")));

    private static AngleSharp.Dom.IElement Field(IRenderedComponent<DecisionSigningForm> cut, string label) =>
        cut.FindAll(".room-field").Single(c => c.Text().Contains(label, StringComparison.Ordinal)).QuerySelector("input, textarea")!;

    [Fact]
    public void R13_the_answer_to_the_candidates_observations_is_asked_when_needed()
    {
        var cut = RenderForm(Decided(iAmChair: true));

        Assert.Contains("Réponse du jury aux observations du candidat (obligatoire)", cut.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public void R13_no_answer_field_when_the_candidate_made_no_observation()
    {
        var cut = RenderForm(Decided(iAmChair: true) with { NeedsObservationsAnswer = false });

        Assert.DoesNotContain("Réponse du jury aux observations", cut.Text(), StringComparison.Ordinal);
        Assert.Contains("Commentaires du jury", cut.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_form_starts_from_the_text_already_saved()
    {
        var cut = RenderForm(Decided(iAmChair: true));

        // The field's value as Blazor binds it (the value property; a server-side prerender writes it as the textarea's text).
        Assert.Equal("Bonne maîtrise du façonnage.", Field(cut, "Commentaires du jury").GetAttribute("value"));
    }

    [Fact]
    public void R14_the_sign_button_is_disabled_until_a_password_is_typed()
    {
        var cut = RenderForm(Decided(iAmChair: true));

        Assert.True(cut.Find("[data-testid=sign]").IsDisabled());
        Assert.Equal("password", Field(cut, "Votre mot de passe").GetAttribute("type"));

        Field(cut, "Votre mot de passe").Input("Secret-123");

        Assert.False(cut.Find("[data-testid=sign]").IsDisabled());
    }

    [Fact]
    public void R14_signing_sends_the_text_on_screen_with_the_password()
    {
        var cut = RenderForm(Decided(iAmChair: true));

        Field(cut, "Réponse du jury aux observations du candidat").Change("La grille de cuisson a été revue par le jury.");
        Field(cut, "Votre mot de passe").Input("Secret-123");
        cut.Find("[data-testid=sign]").Click();

        // The page saves a changed text first and signs only if that worked (RoomPage.SignAsync).
        Assert.Equal(["signature : Bonne maîtrise du façonnage. | La grille de cuisson a été revue par le jury. | Secret-123"], _calls);
    }

    [Fact]
    public void R14_the_password_is_cleared_after_signing()
    {
        var cut = RenderForm(Decided(iAmChair: true));

        Field(cut, "Votre mot de passe").Input("Secret-123");
        cut.Find("[data-testid=sign]").Click();

        Assert.True(cut.Find("[data-testid=sign]").IsDisabled());
    }

    [Fact]
    public void R13_saving_the_text_raises_the_typed_comments_and_answer()
    {
        var cut = RenderForm(Decided(iAmChair: true));

        Field(cut, "Commentaires du jury").Change("Très bon dossier.");
        Field(cut, "Réponse du jury aux observations du candidat").Change("Observation examinée.");
        cut.Find("[data-testid=save-text]").Click();

        Assert.Equal(["texte : Très bon dossier. | Observation examinée."], _calls);
    }
}
