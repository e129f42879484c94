using System.Text;
using System.Text.Json.Nodes;
using CqpJury.App.Services;
using CqpJury.App.Services.UploadedDocuments;
using CqpJury.App.Services.Dossiers;
using CqpJury.Domain.Dossiers;
using CqpJury.Tests.Integration.UploadedDocuments;
using CqpJury.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CqpJury.Tests.Integration.Dossiers;

/// <summary>
/// The one dossier validator (issue 18) and its limits (issue 26): the form and the import give the
/// same French message for the same mistake, the form at its field, the import at its JSON path;
/// nothing is saved when anything is refused.
/// </summary>
public sealed class DossierValidatorTests : IDisposable
{
    private readonly CqpJuryAppFactory _factory = new();

    [Fact]
    public async Task Same_mistakes_get_the_same_messages_in_the_form_and_in_the_import()
    {
        var (email, _) = await _factory.CreateSecretariatAsync();
        await DossierTestData.AddEvaluatorsAsync(_factory);
        var dossier = await DossierTestData.AddCompleteDossierAsync(_factory, Route.Vae);
        var details = await _factory.AsUserAsync(email, sp => sp.GetRequiredService<DossierService>().GetAsync(dossier.Id));
        var form = details.Input;
        form.CandidateLastName = "Lefèvre\0";
        form.Activities[0].End = form.Activities[0].Start!.Value.AddDays(-1);
        form.EvaluationDate = new DateOnly(1, 1, 1);
        form.CandidateAddress = new PostalAddressInput { Line1 = "1 rue du Test", PostalCode = "6900", City = "Lyon" };
        form.Evaluations[0].Elements[0].Label = new string('x', DossierLimits.LabelMax + 1);
        var formErrors = await RefusedAsync(() => _factory.AsUserAsync(email, sp => sp.GetRequiredService<DossierService>().UpdateAsync(dossier.Id, form)));

        var json = ImportFiles.OneDossier(1, d =>
        {
            d["candidate"]!["lastName"] = "Exemple\0";
            d["admissibility"]!["activities"]![0]!["end"] = "2018-01-06";
            d["evaluationDate"] = "0001-01-01";
            d["candidate"]!["postalAddress"]!["postalCode"] = "6900";
            d["evaluations"]![0]!["elements"]![0]!["label"] = new string('x', DossierLimits.LabelMax + 1);
        });
        var importErrors = await RefusedAsync(() => _factory.AsUserAsync(email, sp => sp.GetRequiredService<DossierImportService>().ImportAsync(json)));

        Assert.Equal("Le nom du candidat contient un caractère invisible non admis (U+0000, position 8) : retirez-le.", formErrors["CandidateLastName"]);
        Assert.Equal("Le nom du candidat contient un caractère invisible non admis (U+0000, position 8) : retirez-le.", importErrors["$.dossiers[0].candidate.lastName"]);
        Assert.Equal("Période d'activité n° 1 : la date de fin précède la date de début.", formErrors["Activities[0].End"]);
        Assert.Equal("La date de fin précède la date de début.", importErrors["$.dossiers[0].admissibility.activities[0].end"]);
        const string implausible = "La date de l'évaluation n'est pas plausible : elle doit être comprise entre le 27/11/1976 et aujourd'hui (50 ans au plus).";
        Assert.Equal(implausible, formErrors["EvaluationDate"]);
        Assert.Equal(implausible, importErrors["$.dossiers[0].evaluationDate"]);
        Assert.Equal("Adresse postale du candidat : le code postal « 6900 » n'est pas valide : 5 chiffres attendus en France (par exemple 69003).", formErrors["CandidateAddress.PostalCode"]);
        Assert.Equal("Le code postal « 6900 » n'est pas valide : 5 chiffres attendus en France (par exemple 69003).", importErrors["$.dossiers[0].candidate.postalAddress.postalCode"]);
        Assert.EndsWith(": l'intitulé de l'élément n° 1 ne doit pas dépasser 500 caractères (501 saisis).", formErrors["Evaluations[C1].Elements[0].Label"], StringComparison.Ordinal);
        Assert.Equal("L'intitulé de l'élément n° 1 ne doit pas dépasser 500 caractères (501 saisis).", importErrors["$.dossiers[0].evaluations[0].elements[0].label"]);
        Assert.Equal(5, formErrors.Count);
        Assert.Equal(5, importErrors.Count);
        await _factory.WithDbAsync(async db =>
        {
            Assert.Equal(1, await db.Dossiers.CountAsync());
            Assert.Equal("Lefèvre", (await db.Candidates.SingleAsync()).LastName);
        });
    }

    [Fact]
    public async Task Limits_on_what_a_dossier_holds_are_named_in_the_message_and_nothing_is_saved()
    {
        var (email, _) = await _factory.CreateSecretariatAsync();
        await DossierTestData.AddEvaluatorsAsync(_factory);
        var dossier = await DossierTestData.AddCompleteDossierAsync(_factory, Route.Vae);
        var details = await _factory.AsUserAsync(email, sp => sp.GetRequiredService<DossierService>().GetAsync(dossier.Id));
        var form = details.Input;
        form.Evaluations[1].Elements = Enumerable.Range(1, DossierLimits.ElementsPerCompetence + 1)
            .Select(i => new GridElementInput { Label = $"Élément {i}" }).ToList();
        form.Activities = Enumerable.Range(0, DossierLimits.Activities + 1)
            .Select(i => new ActivityPeriodInput { Start = new DateOnly(2020, 1, 1).AddDays(i), Description = "Activité" }).ToList();
        form.CandidateObservations = new string('o', DossierLimits.ObservationsMax + 1);
        var formErrors = await RefusedAsync(() => _factory.AsUserAsync(email, sp => sp.GetRequiredService<DossierService>().UpdateAsync(dossier.Id, form)));

        Assert.Equal("Compétence 2 – Organiser son activité et la logistique des prestations de formation : la grille compte 41 éléments de compétence : 40 au plus par compétence.",
            formErrors["Evaluations[C2].Elements"]);
        Assert.Equal("Le dossier de recevabilité compte 51 périodes d'activité : 50 au plus. Regroupez les périodes d'une même activité.", formErrors["Activities"]);
        Assert.Equal("Les observations du candidat ne doivent pas dépasser 8\u202f000 caractères (8\u202f001 saisis).", formErrors["CandidateObservations"]);

        var json = ImportFiles.OneDossier(0, d =>
        {
            var elements = new JsonArray();
            for (var i = 0; i <= DossierLimits.ElementsPerCompetence; i++)
            {
                elements.Add(new JsonObject { ["label"] = $"Élément {i}", ["essential"] = false, ["status"] = "acquis" });
            }

            d["evaluations"]![3]!["elements"] = elements;
        });
        var importErrors = await RefusedAsync(() => _factory.AsUserAsync(email, sp => sp.GetRequiredService<DossierImportService>().ImportAsync(json)));
        Assert.Equal("La grille compte 41 éléments de compétence : 40 au plus par compétence.", Assert.Single(importErrors).Value);
        Assert.Equal("$.dossiers[0].evaluations[3].elements", importErrors.Single().Key);
        await _factory.WithDbAsync(async db => Assert.Equal(1, await db.Dossiers.CountAsync()));
    }

    [Fact]
    public async Task The_service_itself_refuses_an_import_file_over_5_MB_and_invalid_UTF8()
    {
        var (email, _) = await _factory.CreateSecretariatAsync();
        await DossierTestData.AddEvaluatorsAsync(_factory);
        var padded = ImportFiles.Example.Replace("\"formatVersion\": 1,", "\"formatVersion\": 1," + new string(' ', (int)DossierImportService.MaxBytes), StringComparison.Ordinal);

        var asText = await RefusedAsync(() => _factory.AsUserAsync(email, sp => sp.GetRequiredService<DossierImportService>().ImportAsync(padded)));
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(padded));
        var asStream = await RefusedAsync(() => _factory.AsUserAsync(email, sp => sp.GetRequiredService<DossierImportService>().ImportAsync(stream)));
        using var latin1 = new MemoryStream(Encoding.Latin1.GetBytes(ImportFiles.Example));
        var notUtf8 = await RefusedAsync(() => _factory.AsUserAsync(email, sp => sp.GetRequiredService<DossierImportService>().ImportAsync(latin1)));

        Assert.Equal("Le fichier dépasse 5 Mo : il n'a pas été lu. Découpez-le en plusieurs fichiers.", asText["$"]);
        Assert.Equal(asText["$"], asStream["$"]);
        Assert.Equal("Le fichier n'est pas un texte UTF-8 valide : enregistrez-le en UTF-8 puis réessayez.", notUtf8["$"]);
        await _factory.WithDbAsync(async db => Assert.Equal(0, await db.Dossiers.CountAsync()));

        using var utf8 = new MemoryStream([.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(ImportFiles.Example)]);
        var imported = await _factory.AsUserAsync(email, sp => sp.GetRequiredService<DossierImportService>().ImportAsync(utf8));
        Assert.Equal(2, imported.Dossiers.Count);
    }

    [Theory]
    [InlineData("\"lastName\":\"Exemple-Martin\"", "\"lastName\":\"Exemple\\udfff\"", "$.dossiers[0].candidate.lastName")]
    [InlineData("\"lastName\":\"Exemple-Martin\"", "\"lastName\":\"\\ud800Exemple\"", "$.dossiers[0].candidate.lastName")]
    [InlineData("\"evaluationDate\":\"2026-10-15\"", "\"evaluationDate\":\"2026-10-1\\udfff\"", "$.dossiers[0].evaluationDate")]
    [InlineData("\"route\":\"parcours\"", "\"route\":\"\\udfff\"", "$.dossiers[0].route")]
    [InlineData("\"route\":\"parcours\"", "\"route\":\"parcours\",\"\\udfff\":1", "$.dossiers[0]")]
    public async Task Lone_UTF16_surrogate_gets_a_French_error_at_its_JSON_path(string original, string replacement, string path)
    {
        var (email, _) = await _factory.CreateSecretariatAsync();
        await DossierTestData.AddEvaluatorsAsync(_factory);
        var valid = ImportFiles.OneDossier(0, _ => { });
        Assert.Contains(original, valid, StringComparison.Ordinal);
        var json = valid.Replace(original, replacement, StringComparison.Ordinal);

        var errors = await RefusedAsync(() => _factory.AsUserAsync(email, sp => sp.GetRequiredService<DossierImportService>().ImportAsync(json)));

        Assert.StartsWith("Texte invalide : il contient un caractère Unicode incomplet", errors[path], StringComparison.Ordinal);
        await _factory.WithDbAsync(async db => Assert.Equal(0, await db.Dossiers.CountAsync()));
    }

    [Fact]
    public async Task Implausible_dates_and_control_characters_are_refused_at_their_paths()
    {
        var (email, _) = await _factory.CreateSecretariatAsync();
        await DossierTestData.AddEvaluatorsAsync(_factory);
        var json = ImportFiles.OneDossier(1, d =>
        {
            d["admissibility"]!["activities"]![1]!["end"] = "9999-12-31";
            d["earlierValidations"]![0]!["validatedOn"] = "1900-01-01";
            d["candidate"]!["firstName"] = "Karim\u001b[31m";
            d["admissibility"]!["review"]!["reviewedBy"] = "Secrétariat\u202e";
        });

        var errors = await RefusedAsync(() => _factory.AsUserAsync(email, sp => sp.GetRequiredService<DossierImportService>().ImportAsync(json)));

        Assert.Equal("La date de fin n'est pas plausible : elle doit être comprise entre le 27/11/1976 et le 27/11/2027.", errors["$.dossiers[0].admissibility.activities[1].end"]);
        Assert.Equal("La date de validation n'est pas plausible : elle doit être comprise entre le 27/11/1976 et aujourd'hui (50 ans au plus).", errors["$.dossiers[0].earlierValidations[0].validatedOn"]);
        Assert.Equal("Le prénom du candidat contient un caractère invisible non admis (U+001B, position 6) : retirez-le.", errors["$.dossiers[0].candidate.firstName"]);
        Assert.StartsWith("Le nom de la personne qui a examiné la recevabilité contient un caractère invisible non admis (U+202E", errors["$.dossiers[0].admissibility.review.reviewedBy"], StringComparison.Ordinal);
        Assert.Equal(4, errors.Count);
    }

    [Fact]
    public async Task A_dossier_holds_at_most_30_documents()
    {
        var scenario = await DocumentScenario.CreateAsync(_factory);
        for (var i = 0; i < DossierLimits.Documents; i++)
        {
            await scenario.UploadAsync(DocumentScenario.MinimalPdf, $"piece-{i}.pdf");
        }

        var ex = await Assert.ThrowsAsync<InputValidationException>(() => scenario.UploadAsync(DocumentScenario.MinimalPdf, "une-de-trop.pdf"));

        Assert.Equal("Ce dossier compte déjà 30 documents : 30 au plus. Supprimez un document devenu inutile avant d'en ajouter un.", Assert.Single(ex.Errors).Message);
        await _factory.WithDbAsync(async db => Assert.Equal(DossierLimits.Documents, await db.Documents.CountAsync()));
    }

    private static async Task<Dictionary<string, string>> RefusedAsync(Func<Task> action)
    {
        var ex = await Assert.ThrowsAsync<InputValidationException>(action);
        return ex.Errors.ToDictionary(e => e.Field, e => e.Message);
    }

    public void Dispose() => _factory.Dispose();
}
