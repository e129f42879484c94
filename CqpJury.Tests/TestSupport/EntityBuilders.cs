using CqpJury.App.Data.Entities;
using CqpJury.Domain.Dossiers;
using CqpJury.Domain.Evaluations;
using CqpJury.Domain.Juries;

namespace CqpJury.Tests.TestSupport;

/// <summary>
/// Entities for integration tests: organisations, habilitated evaluators, complete dossiers for
/// both routes (R6, R7, R5.3), sessions. Add the returned entities to a context and save.
/// </summary>
public static class EntityBuilders
{
    public static readonly DateOnly EvaluationDate = new(2026, 10, 15);

    public static Organisation Employer(string name = "Formations Horizon SARL", string? siret = null) =>
        new() { Id = Guid.NewGuid(), Name = name, Kind = OrganisationKind.Employer, Siret = siret };

    public static Organisation TrainingOrganisation(string name = "Institut Méridien de formation", string? siret = null) =>
        new() { Id = Guid.NewGuid(), Name = name, Kind = OrganisationKind.TrainingOrganisation, Siret = siret };

    public static EvaluatorEntity Evaluator(EvaluatorRole role, string lastName = "Évaluateur", string firstName = "Camille") =>
        new()
        {
            Id = Guid.NewGuid(),
            LastName = lastName,
            FirstName = firstName,
            Role = role,
            HabilitatedFrom = new DateOnly(2024, 1, 1),
        };

    public static Candidate Candidate(string firstName = "Élodie", string lastName = "Lefèvre") =>
        new() { Id = Guid.NewGuid(), FirstName = firstName, LastName = lastName };

    /// <summary>
    /// A dossier that passes CompletenessCheck: documents for its route, a mastered evaluation of the
    /// six competences C1–C6, both habilitated evaluators who signed, and (VAE) an accepted admissibility.
    /// Documents are rows only (no files); add files yourself when a test downloads them.
    /// </summary>
    public static DossierEntity CompleteDossier(
        Candidate candidate,
        EvaluatorEntity sectorProfessional,
        EvaluatorEntity externalAssessor,
        Route route = Route.SkillsDevelopment,
        string certificateCode = "CQP-AF",
        Organisation? employer = null,
        Organisation? trainingOrganisation = null,
        string? reference = null)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(sectorProfessional);
        ArgumentNullException.ThrowIfNull(externalAssessor);
        var id = Guid.NewGuid();
        var dossier = new DossierEntity
        {
            Id = id,
            Reference = reference ?? $"D-T-{id.ToString("N")[..8]}",
            CandidateId = candidate.Id,
            CertificateCode = certificateCode,
            Route = route,
            EmployerId = employer?.Id,
            TrainingOrganisationId = trainingOrganisation?.Id,
            SectorProfessionalId = sectorProfessional.Id,
            SectorProfessional = sectorProfessional,
            ExternalAssessorId = externalAssessor.Id,
            ExternalAssessor = externalAssessor,
            EvaluationDate = EvaluationDate,
            SignedBySectorProfessional = true,
            SignedByExternalAssessor = true,
            CreatedAt = new DateTimeOffset(2026, 10, 20, 8, 0, 0, TimeSpan.Zero),
        };
        dossier.Evaluations.AddRange(Enumerable.Range(1, 6).Select(i => MasteredEvaluation(id, $"C{i}")));
        if (route == Route.SkillsDevelopment)
        {
            dossier.Documents.Add(DocumentRow(id, DocumentKind.Outil1));
            dossier.Documents.Add(DocumentRow(id, DocumentKind.Outil2));
        }
        else
        {
            dossier.Documents.Add(DocumentRow(id, DocumentKind.DossierVae));
            dossier.AdmissibilityRequestDate = new DateOnly(2026, 3, 1);
            dossier.AdmissibilityAccepted = true;
            dossier.AdmissibilityReviewedBy = "Secrétariat Test";
            dossier.AdmissibilityReviewedOn = new DateOnly(2026, 3, 20);
            dossier.ActivityPeriods.Add(new ActivityPeriodEntity
            {
                Id = Guid.NewGuid(),
                DossierId = id,
                Start = new DateOnly(2021, 9, 1),
                Description = "Assistante de formation",
            });
        }

        return dossier;
    }

    public static CompetenceEvaluationEntity MasteredEvaluation(Guid dossierId, string competenceCode)
    {
        var evaluationId = Guid.NewGuid();
        return new CompetenceEvaluationEntity
        {
            Id = evaluationId,
            DossierId = dossierId,
            CompetenceCode = competenceCode,
            EvaluatorsSayMastered = true,
            Elements =
            [
                new() { Id = Guid.NewGuid(), CompetenceEvaluationId = evaluationId, Position = 1, Label = "Élément incontournable", IsEssential = true, Status = ElementStatus.Acquired },
                new() { Id = Guid.NewGuid(), CompetenceEvaluationId = evaluationId, Position = 2, Label = "Élément complémentaire", IsEssential = false, Status = ElementStatus.Acquired },
            ],
        };
    }

    public static DossierDocument DocumentRow(Guid dossierId, DocumentKind kind) => new()
    {
        Id = Guid.NewGuid(),
        DossierId = dossierId,
        Kind = kind,
        OriginalFileName = $"{kind}.pdf",
        StoredFileName = $"{Guid.NewGuid():N}.pdf",
        SizeBytes = 1024,
        Sha256 = new string('0', 64),
        UploadedAt = new DateTimeOffset(2026, 10, 20, 8, 0, 0, TimeSpan.Zero),
        UploadedBy = "Secrétariat Test",
    };

    public static JuryMemberEntity Member(string firstName, string lastName, Seat seat, Guid? organisationId = null) => new()
    {
        Id = Guid.NewGuid(),
        FirstName = firstName,
        LastName = lastName,
        Email = $"{Guid.NewGuid():N}@test.fr",
        Seat = seat,
        OrganisationId = organisationId,
    };

    public static JurySession Session(DateOnly date, string title = "Jury paritaire de test", SessionStatus status = SessionStatus.Draft) => new()
    {
        Id = Guid.NewGuid(),
        Title = title,
        Date = date,
        Place = "Paris, salle 3",
        Status = status,
        CreatedAt = new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero),
    };
}
