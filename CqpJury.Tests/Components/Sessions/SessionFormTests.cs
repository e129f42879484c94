using Bunit;
using CqpJury.App.Components.Pages.Sessions;
using CqpJury.App.Services;
using CqpJury.App.Services.Sessions;
using CqpJury.Tests.TestSupport;

namespace CqpJury.Tests.Components.Sessions;

public sealed class SessionFormTests : MudBunitContext
{
    [Fact]
    public void The_form_shows_its_fields_with_French_labels()
    {
        var cut = Render<SessionForm>(p => p.Add(x => x.Model, new SessionInput()));

        foreach (var label in new[] { "Titre de la session", "Date de la session", "Heure de début", "Lieu", "Lien de visioconférence" })
        {
            Assert.Contains(label, cut.Markup, StringComparison.Ordinal);
        }

        Assert.Contains("Enregistrer", cut.Find("button[type=submit]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_video_link_error_is_shown_under_its_field_and_the_typed_link_is_kept()
    {
        var model = new SessionInput { Title = "Jury de décembre", Date = new DateOnly(2026, 12, 10), VideoLink = "visio.exemple.fr" };
        IReadOnlyList<FieldError> errors = [new FieldError("VideoLink", "Le lien de visioconférence doit être une adresse web (https://…).")];

        var cut = Render<SessionForm>(p => p.Add(x => x.Model, model).Add(x => x.Errors, errors));

        Assert.Contains("Le lien de visioconférence doit être une adresse web (https://…).", cut.Markup, StringComparison.Ordinal);
        Assert.Equal("visio.exemple.fr", cut.Find("#session-link").GetAttribute("value"));
        Assert.Equal("Jury de décembre", cut.Find("#session-title").GetAttribute("value"));
        Assert.Contains("10/12/2026", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Typing_and_submitting_updates_the_model_and_calls_the_page()
    {
        var model = new SessionInput();
        var submitted = 0;
        var cut = Render<SessionForm>(p => p.Add(x => x.Model, model).Add(x => x.OnSubmit, () => submitted++));

        cut.Find("#session-title").Change("Jury paritaire de décembre");
        cut.Find("#session-place").Change("Lyon, salle B");
        cut.Find("form").Submit();

        Assert.Equal(1, submitted);
        Assert.Equal("Jury paritaire de décembre", model.Title);
        Assert.Equal("Lyon, salle B", model.Place);
    }

    [Fact]
    public void A_closed_session_shows_its_details_without_a_save_button()
    {
        var cut = Render<SessionForm>(p => p.Add(x => x.Model, new SessionInput { Title = "Jury clos" }).Add(x => x.ReadOnly, true));

        Assert.Empty(cut.FindAll("button[type=submit]"));
    }
}
