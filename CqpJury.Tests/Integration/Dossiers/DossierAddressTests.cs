using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using CqpJury.App.Services;
using CqpJury.App.Services.Dossiers;
using CqpJury.App.Services.Organisations;
using CqpJury.Domain.Dossiers;
using CqpJury.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CqpJury.Tests.Integration.Dossiers;

/// <summary>
/// Where decisions go (issue 20, R14, R15, R17): the candidate's e-mail and postal address, the
/// employer's contact e-mail and its per-dossier override, through the form, the import and the
/// organisation screen; a malformed address is refused and nothing is saved.
/// </summary>
public sealed class DossierAddressTests : IDisposable
{
    private readonly CqpJuryAppFactory _factory = new();

    [Fact]
    public async Task Form_stores_the_address_and_the_employer_email_follows_the_organisation_unless_the_dossier_overrides_it()
    {
        var (email, _) = await _factory.CreateSecretariatAsync();
        var employerId = await _factory.AsUserAsync(email, sp => sp.GetRequiredService<OrganisationService>().CreateAsync(new OrganisationInput
        {
            Name = "Formations Horizon SARL", Kind = OrganisationKind.Employer, ContactEmail = "rh@horizon.example.org",
        }));
        var created = await _factory.AsUserAsync(email, sp => sp.GetRequiredService<DossierService>().CreateAsync(new NewDossierInput
        {
            CandidateLastName = "Lefèvre",
            CandidateFirstName = "Élodie",
            CandidateEmail = "elodie.lefevre@example.org",
            CandidateAddress = new PostalAddressInput { Line1 = " 12 rue des Lilas ", PostalCode = "69003", City = "Lyon" },
            CertificateCode = "CQP-AF",
            Route = Route.SkillsDevelopment,
            EmployerId = employerId,
        }));

        var stored = await AddressesAsync(created.Id);
        Assert.Equal("elodie.lefevre@example.org", stored.CandidateEmail);
        Assert.Equal("rh@horizon.example.org", stored.EmployerEmail);
        Assert.False(stored.HandDelivery);
        Assert.Equal(["12 rue des Lilas", "69003 LYON"], stored.CandidatePostalAddress!.Lines());
        Assert.Equal(PostalAddress.DefaultCountry, stored.CandidatePostalAddress.Country);

        await _factory.AsUserAsync(email, async sp =>
        {
            var dossiers = sp.GetRequiredService<DossierService>();
            var details = await dossiers.GetAsync(created.Id);
            Assert.Equal("12 rue des Lilas", details.Input.CandidateAddress.Line1);
            details.Input.EmployerContactEmailOverride = "tuteur@horizon.example.org";
            details.Input.CandidateEmail = null;
            details.Input.CandidateAddress.Country = "Belgique";
            details.Input.CandidateAddress.PostalCode = "1000";
            details.Input.CandidateAddress.City = "Bruxelles";
            await dossiers.UpdateAsync(created.Id, details.Input);
            var item = Assert.Single(await dossiers.ListAsync());
            Assert.False(item.HasCandidateEmail);
        });

        var changed = await AddressesAsync(created.Id);
        Assert.Equal("tuteur@horizon.example.org", changed.EmployerEmail);
        Assert.True(changed.HandDelivery);
        Assert.Equal(["12 rue des Lilas", "1000 BRUXELLES", "BELGIQUE"], changed.CandidatePostalAddress!.Lines());
        await _factory.WithDbAsync(async db =>
        {
            var dossier = await db.Dossiers.Include(d => d.Employer).SingleAsync(d => d.Id == created.Id);
            Assert.Equal("tuteur@horizon.example.org", dossier.EffectiveEmployerEmail);
            Assert.Equal("rh@horizon.example.org", dossier.Employer!.ContactEmail);
        });
    }

    [Fact]
    public async Task Malformed_addresses_are_refused_in_French_and_nothing_is_saved()
    {
        var (email, _) = await _factory.CreateSecretariatAsync();

        var ex = await Assert.ThrowsAsync<InputValidationException>(() => _factory.AsUserAsync(email, sp =>
            sp.GetRequiredService<DossierService>().CreateAsync(new NewDossierInput
            {
                CandidateLastName = "Martin",
                CandidateFirstName = "Léa",
                CandidateEmail = "lea.martin@",
                CandidateAddress = new PostalAddressInput { Line1 = "Résidence des Grands Jardins du Parc, bâtiment C", PostalCode = "7500", City = "" },
                EmployerContactEmailOverride = "rh@horizon.example.org",
                CertificateCode = "CQP-AF",
                Route = Route.Vae,
            })));

        var errors = ex.Errors.ToDictionary(e => e.Field, e => e.Message);
        Assert.Equal("L'adresse électronique n'est pas valide.", errors["CandidateEmail"]);
        Assert.Equal("Adresse postale du candidat : la première ligne (numéro et voie) ne doit pas dépasser 38 caractères (48 saisis).", errors["CandidateAddress.Line1"]);
        Assert.Equal("Adresse postale du candidat : le code postal « 7500 » n'est pas valide : 5 chiffres attendus en France (par exemple 69003).", errors["CandidateAddress.PostalCode"]);
        Assert.Equal("Adresse postale du candidat : la commune est obligatoire.", errors["CandidateAddress.City"]);
        Assert.Equal("Choisissez l'entreprise avant d'indiquer l'adresse électronique à laquelle elle reçoit la décision.", errors["EmployerContactEmailOverride"]);
        Assert.Equal(5, errors.Count);

        var organisation = await Assert.ThrowsAsync<InputValidationException>(() => _factory.AsUserAsync(email, sp =>
            sp.GetRequiredService<OrganisationService>().CreateAsync(new OrganisationInput { Name = "Atelier", Kind = OrganisationKind.Employer, ContactEmail = "rh @atelier.fr" })));
        Assert.Equal(("ContactEmail", "Cette adresse électronique n'est pas valide."), (Assert.Single(organisation.Errors).Field, organisation.Errors[0].Message));

        var json = ImportFiles.OneDossier(0, d =>
        {
            d["candidate"]!["postalAddress"]!["city"] = "";
            d["employer"]!["contactEmail"] = "pas-une-adresse";
        });
        var import = await Assert.ThrowsAsync<InputValidationException>(() =>
            _factory.AsUserAsync(email, sp => sp.GetRequiredService<DossierImportService>().ImportAsync(json)));
        var importErrors = import.Errors.ToDictionary(e => e.Field, e => e.Message);
        Assert.Equal("La commune est obligatoire.", importErrors["$.dossiers[0].candidate.postalAddress.city"]);
        Assert.Equal("L'adresse électronique n'est pas valide.", importErrors["$.dossiers[0].employer.contactEmail"]);

        await _factory.WithDbAsync(async db =>
        {
            Assert.Equal(0, await db.Dossiers.CountAsync());
            Assert.Equal(0, await db.Candidates.CountAsync());
            Assert.Equal(0, await db.Organisations.CountAsync());
        });
    }

    [Fact]
    public async Task Import_stores_addresses_and_a_known_employer_keeps_its_contact_while_the_dossier_gets_the_files_one()
    {
        var (email, _) = await _factory.CreateSecretariatAsync();
        await DossierTestData.AddEvaluatorsAsync(_factory);
        var first = await _factory.AsUserAsync(email, sp => sp.GetRequiredService<DossierImportService>().ImportAsync(ImportFiles.Example));

        var chloe = await AddressesAsync(first.Dossiers[0].Id);
        Assert.Equal(["12 rue des Exemples", "Bâtiment B", "69003 LYON"], chloe.CandidatePostalAddress!.Lines());
        Assert.Equal("rh@formations-exemple.example.org", chloe.EmployerEmail);
        var karim = await AddressesAsync(first.Dossiers[1].Id);
        Assert.True(karim.HandDelivery);
        Assert.Null(karim.EmployerEmail);
        Assert.Equal(["3 chemin du Modèle", "42000 SAINT-ÉTIENNE"], karim.CandidatePostalAddress!.Lines());

        var again = ImportFiles.OneDossier(0, d =>
        {
            d["certificateCode"] = "CQP-CCF";
            d["evaluations"] = new System.Text.Json.Nodes.JsonArray();
            d["employer"]!["contactEmail"] = "direction@formations-exemple.example.org";
            d["candidate"]!["postalAddress"]!["line1"] = "5 place du Déménagement";
        });
        var second = await _factory.AsUserAsync(email, sp => sp.GetRequiredService<DossierImportService>().ImportAsync(again));

        Assert.Equal(0, second.OrganisationsCreated);
        Assert.Equal(0, second.CandidatesCreated);
        Assert.Equal("direction@formations-exemple.example.org", (await AddressesAsync(second.Dossiers[0].Id)).EmployerEmail);
        Assert.Equal("rh@formations-exemple.example.org", (await AddressesAsync(first.Dossiers[0].Id)).EmployerEmail);
        Assert.Equal("5 place du Déménagement", (await AddressesAsync(first.Dossiers[0].Id)).CandidatePostalAddress!.Line1);
    }

    private async Task<DossierAddresses> AddressesAsync(Guid dossierId)
    {
        DossierAddresses? found = null;
        await _factory.WithDbAsync(async db => found = await db.Dossiers.Where(d => d.Id == dossierId).Addresses().SingleAsync());
        return found!;
    }

    public void Dispose() => _factory.Dispose();
}
