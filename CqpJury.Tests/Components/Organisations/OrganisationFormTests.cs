using Bunit;
using CqpJury.App.Components.Pages.Organisations;
using CqpJury.App.Data.Entities;
using CqpJury.App.Services;
using CqpJury.App.Services.Organisations;
using CqpJury.Tests.TestSupport;

namespace CqpJury.Tests.Components.Organisations;

public sealed class OrganisationFormTests : MudBunitContext
{
    [Fact]
    public void Labels_are_in_French()
    {
        var cut = Render<OrganisationForm>(p => p.Add(x => x.Model, new OrganisationInput()));

        foreach (var label in new[] { "Nom *", "Type *", "Entreprise", "Organisme de formation", "SIRET", "Ville", "Enregistrer", "Les champs marqués * sont obligatoires." })
        {
            Assert.Contains(label, cut.Markup, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Contact_email_is_typed_in_its_own_field_and_its_error_shown_there()
    {
        var model = new OrganisationInput();
        var cut = Render<OrganisationForm>(p => p.Add(x => x.Model, model)
            .Add(x => x.Errors, [new FieldError("ContactEmail", "Cette adresse électronique n'est pas valide.")]));

        Assert.Contains("Adresse électronique de contact", cut.Markup, StringComparison.Ordinal);
        cut.Find("input[data-field=ContactEmail]").Input("rh@horizon.example.org");

        Assert.Equal("rh@horizon.example.org", model.ContactEmail);
        Assert.Equal("true", cut.Find("input[data-field=ContactEmail]").GetAttribute("aria-invalid"));
        Assert.Contains("Cette adresse électronique n'est pas valide.", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_are_shown_next_to_their_fields()
    {
        var errors = new List<FieldError>
        {
            new("Name", "Indiquez le nom de l'organisation."),
            new("Siret", "Ce SIRET n'est pas valide (clé de contrôle)."),
        };

        var cut = Render<OrganisationForm>(p => p
            .Add(x => x.Model, new OrganisationInput { Siret = "73282932000075" })
            .Add(x => x.Errors, errors));

        Assert.Contains("Indiquez le nom de l'organisation.", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("Ce SIRET n'est pas valide (clé de contrôle).", cut.Markup, StringComparison.Ordinal);
        Assert.Equal("73282932000075", cut.Find("input[data-field=Siret]").GetAttribute("value"));
        Assert.Equal("true", cut.Find("input[data-field=Siret]").GetAttribute("aria-invalid"));
        Assert.Equal("false", cut.Find("input[data-field=City]").GetAttribute("aria-invalid"));
    }

    [Fact]
    public void Submit_passes_the_typed_values()
    {
        var model = new OrganisationInput();
        var submitted = 0;
        var cut = Render<OrganisationForm>(p => p
            .Add(x => x.Model, model)
            .Add(x => x.OnSubmit, () => submitted++));

        cut.Find("input[data-field=Name]").Input("Institut Méridien");
        cut.Find("input[data-field=Siret]").Input("443 061 841 00047");
        cut.Find("input[data-field=City]").Input("Nantes");
        cut.FindAll("fieldset[data-field=Kind] input[type=radio]")[1].Click();
        cut.Find("form").Submit();

        Assert.Equal(1, submitted);
        Assert.Equal("Institut Méridien", model.Name);
        Assert.Equal("443 061 841 00047", model.Siret);
        Assert.Equal("Nantes", model.City);
        Assert.Equal(OrganisationKind.TrainingOrganisation, model.Kind);
    }
}
