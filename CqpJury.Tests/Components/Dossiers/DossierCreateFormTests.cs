using Bunit;
using CqpJury.App.Components.Pages.Dossiers;
using CqpJury.App.Data.Entities;
using CqpJury.App.Services;
using CqpJury.App.Services.Dossiers;
using CqpJury.Domain.Dossiers;
using CqpJury.Domain.Referential;
using CqpJury.Tests.TestSupport;

namespace CqpJury.Tests.Components.Dossiers;

public sealed class DossierCreateFormTests : MudBunitContext
{
    private static readonly IReadOnlyList<CertificateDefinition> Certificates =
    [
        new("CQP-AF", "CQP Assistant(e) de formation", DecisionRule.Unanimity,
            [new Competence("C1", "Traiter les informations", []), new Competence("C2", "Organiser son activité", [])]),
    ];

    private static readonly DossierFormOptions Options = new(
        [new OrganisationOption(Guid.NewGuid(), "Formations Horizon SARL", OrganisationKind.Employer, null)],
        [new OrganisationOption(Guid.NewGuid(), "Institut Méridien", OrganisationKind.TrainingOrganisation, null)],
        [new EvaluatorOption(Guid.NewGuid(), "Paul Professionnel", EvaluatorRole.SectorProfessional, new DateOnly(2024, 1, 1), null)],
        [new EvaluatorOption(Guid.NewGuid(), "Sophie Externe", EvaluatorRole.ExternalAssessor, new DateOnly(2024, 1, 1), null)],
        []);

    [Fact]
    public void Labels_are_in_French()
    {
        var cut = Render<DossierCreateForm>(p => p.Add(x => x.Model, new NewDossierInput()).Add(x => x.Options, Options).Add(x => x.Certificates, Certificates));

        foreach (var label in new[]
                 {
                     "Nouveau candidat", "Candidat déjà enregistré", "Nom", "Prénom", "Date de naissance (facultative)", "CQP visé", "Parcours",
                     "Entreprise (employeur, facultatif)", "Organisme de formation (facultatif)", "Professionnel du secteur", "Évaluateur externe",
                     "Date de l'évaluation", "Évaluation signée par le professionnel du secteur", "Évaluation signée par l'évaluateur externe",
                     "Observations du candidat", "Créer le dossier",
                 })
        {
            Assert.Contains(label, cut.Markup, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Errors_are_shown_and_what_the_user_typed_is_kept()
    {
        var model = new NewDossierInput { CandidateLastName = "Lefèvre", CandidateFirstName = "", CandidateEmail = "pas-une-adresse" };
        var errors = new List<FieldError>
        {
            new("CandidateFirstName", "Le prénom du candidat est obligatoire."),
            new("CandidateEmail", "L'adresse électronique n'est pas valide."),
            new("CertificateCode", "Choisissez le CQP visé."),
            new("SignedBySectorProfessional", "Désignez le professionnel du secteur avant d'indiquer qu'il a signé."),
        };

        var cut = Render<DossierCreateForm>(p => p.Add(x => x.Model, model).Add(x => x.Options, Options)
            .Add(x => x.Certificates, Certificates).Add(x => x.Errors, errors));

        foreach (var error in errors)
        {
            Assert.Contains(error.Message, cut.Markup, StringComparison.Ordinal);
        }

        Assert.Equal("Lefèvre", cut.Find("input#candidate-last-name").GetAttribute("value"));
        Assert.Equal("pas-une-adresse", cut.Find("input#candidate-email").GetAttribute("value"));
        Assert.Equal("true", cut.Find("input#candidate-email").GetAttribute("aria-invalid"));
        Assert.Equal("false", cut.Find("input#candidate-last-name").GetAttribute("aria-invalid"));
    }

    [Fact]
    public void Address_errors_are_shown_at_their_fields_and_the_address_is_typed_into_the_model()
    {
        var model = new NewDossierInput();
        var errors = new List<FieldError>
        {
            new("CandidateAddress.PostalCode", "Adresse postale du candidat : le code postal « 6900 » n'est pas valide : 5 chiffres attendus en France (par exemple 69003)."),
            new("EmployerContactEmailOverride", "L'adresse électronique n'est pas valide."),
        };
        var cut = Render<DossierCreateForm>(p => p.Add(x => x.Model, model).Add(x => x.Options, Options)
            .Add(x => x.Certificates, Certificates).Add(x => x.Errors, errors));

        cut.Find("input#candidate-address-line1").Change("12 rue des Lilas");
        cut.Find("input#candidate-address-postal-code").Change("6900");
        cut.Find("input#candidate-address-city").Change("Lyon");

        Assert.Equal(("12 rue des Lilas", "6900", "Lyon"), (model.CandidateAddress.Line1, model.CandidateAddress.PostalCode, model.CandidateAddress.City));
        Assert.Equal("true", cut.Find("input#candidate-address-postal-code").GetAttribute("aria-invalid"));
        Assert.Equal("false", cut.Find("input#candidate-address-city").GetAttribute("aria-invalid"));
        Assert.Equal("true", cut.Find("input#employer-contact-email").GetAttribute("aria-invalid"));
        Assert.Contains("le code postal « 6900 » n'est pas valide", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("Sans adresse électronique, la décision est à remettre par courrier ou en main propre.", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Typing_fills_the_model_and_the_button_submits()
    {
        var model = new NewDossierInput();
        var submitted = 0;
        var cut = Render<DossierCreateForm>(p => p.Add(x => x.Model, model).Add(x => x.Options, Options)
            .Add(x => x.Certificates, Certificates).Add(x => x.OnSubmit, () => submitted++));

        cut.Find("input#candidate-last-name").Change("Martin");
        cut.Find("input#candidate-first-name").Change("Léa");
        cut.Find("button#create-dossier").Click();

        Assert.Equal(1, submitted);
        Assert.Equal("Martin", model.CandidateLastName);
        Assert.Equal("Léa", model.CandidateFirstName);
    }
}
