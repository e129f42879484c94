using Bunit;
using CqpJury.App.Components.Pages.Members;
using CqpJury.App.Data.Entities;
using CqpJury.App.Services;
using CqpJury.App.Services.Members;
using CqpJury.App.Services.Organisations;
using CqpJury.Domain.Juries;
using CqpJury.Tests.TestSupport;

namespace CqpJury.Tests.Components.Members;

public sealed class JuryMemberFormTests : MudBunitContext
{
    private static readonly OrganisationView Horizon = new(Guid.NewGuid(), "Formations Horizon", OrganisationKind.Employer, null, null);

    [Fact]
    public void Labels_and_seats_are_in_French()
    {
        var cut = Render<JuryMemberForm>(p => p.Add(x => x.Model, new JuryMemberInput()));

        foreach (var label in new[] { "Prénom *", "Nom *", "Adresse électronique *", "Siège au jury *", "Collège salariés", "Collège entreprises", "Expert métier", "Organisation", "Organisation d'appartenance" })
        {
            Assert.Contains(label, cut.Markup, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Errors_are_shown_and_the_typed_values_are_kept()
    {
        var errors = new List<FieldError>
        {
            new("Email", "Un autre membre du jury a déjà cette adresse électronique."),
            new("Seat", "Choisissez le siège : collège salariés, collège entreprises ou expert métier."),
        };

        var cut = Render<JuryMemberForm>(p => p
            .Add(x => x.Model, new JuryMemberInput { FirstName = "Léa", LastName = "Durand", Email = "lea@exemple.fr" })
            .Add(x => x.Errors, errors));

        Assert.Contains("Un autre membre du jury a déjà cette adresse électronique.", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("Choisissez le siège", cut.Markup, StringComparison.Ordinal);
        Assert.Equal("Léa", cut.Find("input[data-field=FirstName]").GetAttribute("value"));
        Assert.Equal("lea@exemple.fr", cut.Find("input[data-field=Email]").GetAttribute("value"));
    }

    [Fact]
    public void Submit_passes_the_typed_values_and_the_chosen_seat_and_organisation()
    {
        var providers = Render<MudBlazor.MudPopoverProvider>();
        var model = new JuryMemberInput();
        var submitted = 0;
        var cut = Render<JuryMemberForm>(p => p
            .Add(x => x.Model, model)
            .Add(x => x.Organisations, [Horizon])
            .Add(x => x.OnSubmit, () => submitted++));

        cut.Find("input[data-field=FirstName]").Input("Alice");
        cut.Find("input[data-field=LastName]").Input("Bernard");
        cut.Find("input[data-field=Email]").Input("alice.bernard@exemple.fr");
        cut.Find("input[data-field=OrganisationName]").Input("CFDT");
        cut.FindAll("fieldset[data-field=Seat] input[type=radio]")[1].Click();
        cut.Find("input[data-field=OrganisationId]").ParentElement!.MouseDown();
        providers.FindAll(".mud-list-item").First(e => e.TextContent.Contains("Formations Horizon", StringComparison.Ordinal)).Click();
        cut.Find("form").Submit();

        Assert.Equal(1, submitted);
        Assert.Equal("Alice", model.FirstName);
        Assert.Equal("Bernard", model.LastName);
        Assert.Equal("alice.bernard@exemple.fr", model.Email);
        Assert.Equal("CFDT", model.OrganisationName);
        Assert.Equal(Seat.EmployerRepresentative, model.Seat);
        Assert.Equal(Horizon.Id, model.OrganisationId);
    }
}
