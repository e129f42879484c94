using CqpJury.App.Services;
using CqpJury.App.Services.Dossiers;
using CqpJury.Domain.Dossiers;
using CqpJury.Domain.Evaluations;
using CqpJury.Domain.Juries;
using CqpJury.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CqpJury.Tests.Integration.Dossiers;

public sealed class DossierImportTests : IDisposable
{
    private readonly CqpJuryAppFactory _factory = new();

    [Fact]
    public async Task Documented_example_imports_two_dossiers_once_its_evaluators_exist()
    {
        var (email, _) = await _factory.CreateSecretariatAsync();
        await DossierTestData.AddEvaluatorsAsync(_factory);
        var json = await File.ReadAllTextAsync(DossierTestData.DocsFile("dossier-import.example.json"));

        var result = await _factory.AsUserAsync(email, sp => sp.GetRequiredService<DossierImportService>().ImportAsync(json));

        Assert.Equal(["D-2026-0001", "D-2026-0002"], result.Dossiers.Select(d => d.Reference));
        Assert.Equal(2, result.CandidatesCreated);
        Assert.Equal(2, result.OrganisationsCreated);
        await _factory.WithDbAsync(async db =>
        {
            var parcours = await db.Dossiers.Include(d => d.Evaluations).ThenInclude(e => e.Elements).Include(d => d.Employer)
                .SingleAsync(d => d.Reference == "D-2026-0001");
            Assert.Equal(Route.SkillsDevelopment, parcours.Route);
            Assert.Equal("00000000000017", parcours.Employer!.Siret);
            Assert.Equal(6, parcours.Evaluations.Count);
            var c2 = parcours.Evaluations.Single(e => e.CompetenceCode == "C2");
            Assert.Equal(ElementStatus.NotImplemented, c2.Elements.Single(e => e.Position == 2).Status);

            var vae = await db.Dossiers.Include(d => d.ActivityPeriods).Include(d => d.EarlierValidations).SingleAsync(d => d.Reference == "D-2026-0002");
            Assert.Equal(Route.Vae, vae.Route);
            Assert.Null(vae.EmployerId);
            Assert.True(vae.AdmissibilityAccepted);
            Assert.Equal(2, vae.ActivityPeriods.Count);
            Assert.Equal(["C1", "C2"], vae.EarlierValidations.Select(v => v.CompetenceCode).Order());
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "Import de dossiers (JSON)"));
        });
    }

    [Fact]
    public async Task File_with_several_errors_lists_each_with_its_JSON_path_and_imports_nothing()
    {
        var (email, _) = await _factory.CreateSecretariatAsync();
        await DossierTestData.AddEvaluatorsAsync(_factory);
        await _factory.WithDbAsync(async db =>
        {
            db.Add(EntityBuilders.Employer("Entreprise déjà connue", "11111111111111"));
            await db.SaveChangesAsync();
        });
        var (dossiersBefore, candidatesBefore, organisationsBefore) = await CountsAsync();
        const string json = """
            {
              "formatVersion": 1,
              "dossiers": [
                { "candidate": { "firstName": "Anne" }, "certificateCode": "CQP-AF", "route": "VAE",
                  "sectorProfessional": { "email": "paul.professionnel@example.org" }, "externalAssessor": { "lastName": "Externe", "firstName": "Sophie" },
                  "evaluationDate": "2026-10-15", "signedBySectorProfessional": true, "signedByExternalAssessor": true, "evaluations": [] },
                { "candidate": { "lastName": "Bernard", "firstName": "Luc" }, "certificateCode": "CQP-XYZ", "route": "parcours",
                  "sectorProfessional": { "email": "paul.professionnel@example.org" }, "externalAssessor": { "lastName": "Externe", "firstName": "Sophie" },
                  "evaluationDate": "15/10/2026", "signedBySectorProfessional": true, "signedByExternalAssessor": "oui", "evaluations": [] },
                { "candidate": { "lastName": "Chevalier", "firstName": "Inès" }, "certificateCode": "CQP-AF", "route": "parcours",
                  "employer": { "name": "Nouvelle entreprise" },
                  "sectorProfessional": { "email": "inconnu@example.org" }, "externalAssessor": { "lastName": "Externe", "firstName": "Sophie" },
                  "evaluationDate": "2026-10-15", "signedBySectorProfessional": true, "signedByExternalAssessor": true,
                  "admissibility": { "requestDate": "2026-01-10", "activities": [] },
                  "evaluations": [
                    { "competenceCode": "C1", "evaluatorsSayMastered": true, "elements": [
                      { "label": "Saisir", "essential": true, "status": "acquis" },
                      { "label": "Archiver", "essential": false, "status": "acqui" } ] },
                    { "competenceCode": "C1", "evaluatorsSayMastered": true, "elements": [] },
                    { "competenceCode": "C9", "evaluatorsSayMastered": false, "elements": [] }
                  ] },
                { "candidate": { "lastName": "Valide", "firstName": "Dossier" }, "certificateCode": "CQP-CCF", "route": "parcours",
                  "employer": { "name": "Autre nouvelle entreprise" },
                  "sectorProfessional": { "email": "paul.professionnel@example.org" }, "externalAssessor": { "lastName": "Externe", "firstName": "Sophie" },
                  "evaluationDate": "2026-10-15", "signedBySectorProfessional": true, "signedByExternalAssessor": true, "evaluations": [] }
              ]
            }
            """;

        var ex = await Assert.ThrowsAsync<InputValidationException>(() =>
            _factory.AsUserAsync(email, sp => sp.GetRequiredService<DossierImportService>().ImportAsync(json)));

        var errors = ex.Errors.ToDictionary(e => e.Field, e => e.Message);
        Assert.Equal("Champ obligatoire manquant.", errors["$.dossiers[0].candidate.lastName"]);
        Assert.Equal("Parcours inconnu « VAE » (valeurs admises : parcours, vae).", errors["$.dossiers[0].route"]);
        Assert.Equal("CQP inconnu « CQP-XYZ » (valeurs admises : CQP-AF, CQP-CCF).", errors["$.dossiers[1].certificateCode"]);
        Assert.Equal("Date invalide « 15/10/2026 » : format attendu AAAA-MM-JJ (par exemple 2026-10-15).", errors["$.dossiers[1].evaluationDate"]);
        Assert.Equal("Type incorrect : true ou false est attendu (trouvé : chaîne de caractères).", errors["$.dossiers[1].signedByExternalAssessor"]);
        Assert.StartsWith("Aucun professionnel du secteur n'est enregistré avec l'adresse « inconnu@example.org »", errors["$.dossiers[2].sectorProfessional"], StringComparison.Ordinal);
        Assert.StartsWith("La recevabilité ne concerne que la VAE", errors["$.dossiers[2].admissibility"], StringComparison.Ordinal);
        Assert.Equal("Statut inconnu « acqui » (valeurs admises : acquis, non_acquis, non_mis_en_oeuvre).", errors["$.dossiers[2].evaluations[0].elements[1].status"]);
        Assert.Equal("La compétence « C1 » est déjà évaluée en $.dossiers[2].evaluations[0].", errors["$.dossiers[2].evaluations[1].competenceCode"]);
        Assert.StartsWith("La compétence « C9 » n'appartient pas au CQP Assistant(e) de formation", errors["$.dossiers[2].evaluations[2].competenceCode"], StringComparison.Ordinal);
        Assert.Equal(10, ex.Errors.Count);
        Assert.Equal((dossiersBefore, candidatesBefore, organisationsBefore), await CountsAsync());
    }

    [Fact]
    public async Task Malformed_JSON_gives_one_error_with_its_line_number()
    {
        var (email, _) = await _factory.CreateSecretariatAsync();
        const string json = "{\n  \"formatVersion\": 1,\n  \"dossiers\": [ { \"route\": \"vae\" ]\n}";

        var ex = await Assert.ThrowsAsync<InputValidationException>(() =>
            _factory.AsUserAsync(email, sp => sp.GetRequiredService<DossierImportService>().ImportAsync(json)));

        var error = Assert.Single(ex.Errors);
        Assert.Contains("ligne 3", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("Le fichier n'est pas un JSON valide", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_property_is_reported_with_a_hint_when_only_the_case_differs()
    {
        var (email, _) = await _factory.CreateSecretariatAsync();
        const string json = """{ "formatVersion": 1, "Dossiers": [] }""";

        var ex = await Assert.ThrowsAsync<InputValidationException>(() =>
            _factory.AsUserAsync(email, sp => sp.GetRequiredService<DossierImportService>().ImportAsync(json)));

        Assert.Contains(ex.Errors, e => e.Field == "$.Dossiers" && e.Message.Contains("vouliez-vous écrire « dossiers »", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Field == "$.dossiers" && e.Message == "Champ obligatoire manquant.");
    }

    [Fact]
    public async Task Jury_member_cannot_import()
    {
        var (_, email, _) = await _factory.CreateMemberWithAccountAsync("Marc", "Petit", Seat.EmployeeRepresentative);
        var json = await File.ReadAllTextAsync(DossierTestData.DocsFile("dossier-import.example.json"));

        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            _factory.AsUserAsync(email, sp => sp.GetRequiredService<DossierImportService>().ImportAsync(json)));
        Assert.Equal((0, 0, 0), await CountsAsync());
    }

    private async Task<(int Dossiers, int Candidates, int Organisations)> CountsAsync()
    {
        var counts = (0, 0, 0);
        await _factory.WithDbAsync(async db =>
            counts = (await db.Dossiers.CountAsync(), await db.Candidates.CountAsync(), await db.Organisations.CountAsync()));
        return counts;
    }

    public void Dispose() => _factory.Dispose();
}
