using CqpJury.App.Data.Entities;
using CqpJury.App.Services;
using CqpJury.App.Services.Dossiers;
using CqpJury.Domain.Dossiers;
using CqpJury.Domain.Evaluations;
using CqpJury.Domain.Juries;
using CqpJury.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CqpJury.Tests.Integration.Dossiers;

public sealed class DossierServiceTests : IDisposable
{
    private readonly CqpJuryAppFactory _factory = new();

    [Fact]
    public async Task Secretariat_creates_a_dossier_for_a_new_candidate_then_saves_its_grid_in_order()
    {
        var (email, _) = await _factory.CreateSecretariatAsync();
        var (sp, ea) = await DossierTestData.AddEvaluatorsAsync(_factory);
        var employer = EntityBuilders.Employer();
        await _factory.WithDbAsync(async db =>
        {
            db.Add(employer);
            await db.SaveChangesAsync();
        });

        var created = await _factory.AsUserAsync(email, sp2 => sp2.GetRequiredService<DossierService>().CreateAsync(new NewDossierInput
        {
            CandidateLastName = " Lefèvre ",
            CandidateFirstName = "Élodie",
            CertificateCode = "CQP-AF",
            Route = Route.SkillsDevelopment,
            EmployerId = employer.Id,
            SectorProfessionalId = sp.Id,
            ExternalAssessorId = ea.Id,
            EvaluationDate = new DateOnly(2026, 10, 15),
            SignedBySectorProfessional = true,
            CandidateObservations = "Je conteste la compétence 4.",
        }));

        Assert.Equal("D-2026-0001", created.Reference);

        await _factory.AsUserAsync(email, async services =>
        {
            var dossiers = services.GetRequiredService<DossierService>();
            var details = await dossiers.GetAsync(created.Id);
            Assert.Equal("LEFÈVRE Élodie", details.CandidateName);
            Assert.Equal(["C1", "C2", "C3", "C4", "C5", "C6"], details.Input.Evaluations.Select(e => e.CompetenceCode));
            var c1 = details.Input.Evaluations[0];
            c1.EvaluatorsSayMastered = true;
            c1.Elements.Add(new GridElementInput { Label = "Saisir les inscriptions", IsEssential = true, Status = ElementStatus.Acquired });
            c1.Elements.Add(new GridElementInput { Label = "Archiver les dossiers", IsEssential = false, Status = ElementStatus.NotImplemented });
            await dossiers.UpdateAsync(created.Id, details.Input);
        });

        await _factory.WithDbAsync(async db =>
        {
            var saved = await db.Dossiers.Include(d => d.Candidate).Include(d => d.Evaluations).ThenInclude(e => e.Elements)
                .SingleAsync(d => d.Id == created.Id);
            Assert.Equal("Lefèvre", saved.Candidate!.LastName);
            Assert.Equal("Je conteste la compétence 4.", saved.CandidateObservations);
            var evaluation = Assert.Single(saved.Evaluations);
            Assert.Equal("C1", evaluation.CompetenceCode);
            Assert.Equal(["Saisir les inscriptions", "Archiver les dossiers"], evaluation.Elements.OrderBy(e => e.Position).Select(e => e.Label));
            Assert.True(evaluation.ToDomain().Mastery.IsMastered);
            Assert.True(await db.AuditEntries.AnyAsync(a => a.DossierId == created.Id && a.Action == "Création du dossier"));
            Assert.True(await db.AuditEntries.AnyAsync(a => a.DossierId == created.Id && a.Action == "Modification du dossier"));
        });
    }

    [Fact]
    public async Task Second_dossier_of_the_year_gets_the_next_reference_and_can_reuse_the_candidate()
    {
        var (email, _) = await _factory.CreateSecretariatAsync();
        var first = await _factory.AsUserAsync(email, sp => sp.GetRequiredService<DossierService>().CreateAsync(new NewDossierInput
        {
            CandidateLastName = "Martin", CandidateFirstName = "Léa", CertificateCode = "CQP-AF", Route = Route.Vae,
        }));
        var candidateId = Guid.Empty;
        await _factory.WithDbAsync(async db => candidateId = (await db.Dossiers.SingleAsync(d => d.Id == first.Id)).CandidateId);
        var second = await _factory.AsUserAsync(email, sp => sp.GetRequiredService<DossierService>().CreateAsync(new NewDossierInput
        {
            UseExistingCandidate = true, ExistingCandidateId = candidateId, CertificateCode = "CQP-CCF", Route = Route.SkillsDevelopment,
        }));

        Assert.Equal("D-2026-0002", second.Reference);
        await _factory.WithDbAsync(async db => Assert.Equal(1, await db.Candidates.CountAsync()));
    }

    [Fact]
    public async Task Creation_with_several_mistakes_lists_every_error_in_French_and_saves_nothing()
    {
        var (email, _) = await _factory.CreateSecretariatAsync();
        var (sp, _) = await DossierTestData.AddEvaluatorsAsync(_factory);

        var ex = await Assert.ThrowsAsync<InputValidationException>(() => _factory.AsUserAsync(email, s =>
            s.GetRequiredService<DossierService>().CreateAsync(new NewDossierInput
            {
                CandidateLastName = "",
                CandidateFirstName = "Jean",
                CandidateEmail = "pas-une-adresse",
                CertificateCode = "CQP-INCONNU",
                Route = null,
                ExternalAssessorId = sp.Id,
                SignedBySectorProfessional = true,
            })));

        var byField = ex.Errors.ToDictionary(e => e.Field, e => e.Message);
        Assert.Equal("Le nom du candidat est obligatoire.", byField["CandidateLastName"]);
        Assert.Equal("L'adresse électronique n'est pas valide.", byField["CandidateEmail"]);
        Assert.Equal("CQP inconnu : « CQP-INCONNU ».", byField["CertificateCode"]);
        Assert.Equal("Choisissez le parcours du candidat.", byField["Route"]);
        Assert.Equal("Paul Professionnel n'est pas enregistré(e) comme évaluateur externe.", byField["ExternalAssessorId"]);
        Assert.Equal("Désignez le professionnel du secteur avant d'indiquer qu'il a signé.", byField["SignedBySectorProfessional"]);
        Assert.Equal("Indiquez la date de l'évaluation signée.", byField["EvaluationDate"]);
        await _factory.WithDbAsync(async db =>
        {
            Assert.Equal(0, await db.Dossiers.CountAsync());
            Assert.Equal(0, await db.Candidates.CountAsync());
        });
    }

    [Fact]
    public async Task Two_saves_from_the_same_loaded_version_the_second_is_refused_as_a_concurrent_change()
    {
        var (email, _) = await _factory.CreateSecretariatAsync();
        var dossier = await DossierTestData.AddCompleteDossierAsync(_factory);
        var first = await _factory.AsUserAsync(email, sp => sp.GetRequiredService<DossierService>().GetAsync(dossier.Id));
        var second = await _factory.AsUserAsync(email, sp => sp.GetRequiredService<DossierService>().GetAsync(dossier.Id));
        Assert.Equal(first.Input.ConcurrencyStamp, second.Input.ConcurrencyStamp);

        first.Input.CandidateObservations = "Première secrétaire";
        await _factory.AsUserAsync(email, sp => sp.GetRequiredService<DossierService>().UpdateAsync(dossier.Id, first.Input));
        second.Input.CandidateObservations = "Seconde secrétaire";
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() =>
            _factory.AsUserAsync(email, sp => sp.GetRequiredService<DossierService>().UpdateAsync(dossier.Id, second.Input)));

        await _factory.WithDbAsync(async db =>
            Assert.Equal("Première secrétaire", (await db.Dossiers.SingleAsync(d => d.Id == dossier.Id)).CandidateObservations));
    }

    [Fact]
    public async Task Dossier_on_the_agenda_of_an_open_session_cannot_be_edited()
    {
        var (email, _) = await _factory.CreateSecretariatAsync();
        var dossier = await DossierTestData.AddCompleteDossierAsync(_factory);
        var session = EntityBuilders.Session(new DateOnly(2026, 11, 27), status: SessionStatus.Open);
        session.Agenda.Add(new AgendaItem { Id = Guid.NewGuid(), SessionId = session.Id, DossierId = dossier.Id, Position = 1 });
        await _factory.WithDbAsync(async db =>
        {
            db.Add(session);
            await db.SaveChangesAsync();
        });

        var details = await _factory.AsUserAsync(email, sp => sp.GetRequiredService<DossierService>().GetAsync(dossier.Id));
        Assert.True(details.IsLocked);
        details.Input.CandidateObservations = "Ajout tardif";
        var ex = await Assert.ThrowsAsync<UserFacingException>(() =>
            _factory.AsUserAsync(email, sp => sp.GetRequiredService<DossierService>().UpdateAsync(dossier.Id, details.Input)));
        Assert.Equal("Ce dossier est inscrit à la session « Jury paritaire de test » du 27/11/2026, ouverte : il ne peut plus être modifié.", ex.Message);
        Assert.Equal(details.Standing.Message, ex.Message);
    }

    [Fact]
    public async Task Edit_refuses_a_grid_line_without_label_and_an_earlier_validation_of_another_certificate()
    {
        var (email, _) = await _factory.CreateSecretariatAsync();
        var dossier = await DossierTestData.AddCompleteDossierAsync(_factory);
        var details = await _factory.AsUserAsync(email, sp => sp.GetRequiredService<DossierService>().GetAsync(dossier.Id));
        details.Input.Evaluations[2].Elements.Add(new GridElementInput { Label = "  " });
        details.Input.EarlierValidations.Add(new EarlierValidationInput { CompetenceCode = "C9", ValidatedOn = new DateOnly(2024, 1, 1) });

        var ex = await Assert.ThrowsAsync<InputValidationException>(() =>
            _factory.AsUserAsync(email, sp => sp.GetRequiredService<DossierService>().UpdateAsync(dossier.Id, details.Input)));

        Assert.Contains(ex.Errors, e => e.Field == "Evaluations[C3].Elements[2].Label"
            && e.Message.StartsWith("Compétence 3 – Accueillir", StringComparison.Ordinal) && e.Message.EndsWith("l'intitulé de l'élément n° 3 est obligatoire.", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Field == "EarlierValidations[0].CompetenceCode"
            && e.Message == "Validation antérieure n° 1 : la compétence « C9 » n'appartient pas au CQP Assistant(e) de formation.");
    }

    [Fact]
    public async Task List_shows_recorded_completeness_and_filters_by_candidate_name_ignoring_accents()
    {
        var (email, _) = await _factory.CreateSecretariatAsync();
        var dossier = await DossierTestData.AddCompleteDossierAsync(_factory);
        var before = await _factory.AsUserAsync(email, sp => sp.GetRequiredService<DossierService>().ListAsync("lefevre"));
        Assert.Equal("Non vérifié", Assert.Single(before).CompletenessText);

        await _factory.AsUserAsync(email, sp => sp.GetRequiredService<CompletenessService>().RecordCheckAsync(dossier.Id));
        var after = await _factory.AsUserAsync(email, sp => sp.GetRequiredService<DossierService>().ListAsync());
        Assert.Equal("Complet", Assert.Single(after).CompletenessText);

        await _factory.WithDbAsync(db => db.Documents.Where(d => d.DossierId == dossier.Id && d.Kind == DocumentKind.Outil2).ExecuteDeleteAsync());
        var changed = await _factory.AsUserAsync(email, sp => sp.GetRequiredService<DossierService>().ListAsync());
        Assert.Equal("Non vérifié (modifié depuis le dernier contrôle)", Assert.Single(changed).CompletenessText);

        var none = await _factory.AsUserAsync(email, sp => sp.GetRequiredService<DossierService>().ListAsync("Dupont"));
        Assert.Empty(none);
    }

    [Fact]
    public async Task Jury_member_is_refused_the_dossier_service()
    {
        var dossier = await DossierTestData.AddCompleteDossierAsync(_factory);
        var (_, email, _) = await _factory.CreateMemberWithAccountAsync("Léa", "Durand", Seat.TradeExpert);

        await _factory.AsUserAsync(email, async sp =>
        {
            var service = sp.GetRequiredService<DossierService>();
            var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => service.ListAsync());
            Assert.Equal("Cette action est réservée au secrétariat de la CPEF.", ex.Message);
            await Assert.ThrowsAsync<AccessDeniedException>(() => service.GetAsync(dossier.Id));
            await Assert.ThrowsAsync<AccessDeniedException>(() => service.CreateAsync(new NewDossierInput()));
        });
    }

    public void Dispose() => _factory.Dispose();
}
