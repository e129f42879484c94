using CqpJury.Domain.Dossiers;
using CqpJury.Domain.Evaluations;
using CqpJury.Domain.Outcomes;
using Route = CqpJury.Domain.Dossiers.Route;

namespace CqpJury.App.Data.Entities;

/// <summary>A candidate's dossier for one CQP (R5, R6): route, organisations, evaluation, documents.</summary>
public sealed class DossierEntity
{
    public Guid Id { get; set; }

    /// <summary>Human reference shown to users, e.g. "D-2026-0007".</summary>
    public string Reference { get; set; } = string.Empty;

    public Guid CandidateId { get; set; }

    public Candidate? Candidate { get; set; }

    public string CertificateCode { get; set; } = string.Empty;

    public Route Route { get; set; }

    public Guid? EmployerId { get; set; }

    public Organisation? Employer { get; set; }

    /// <summary>The employer's e-mail for this dossier when it is not <see cref="Organisation.ContactEmail"/> (R14).</summary>
    public string? EmployerContactEmailOverride { get; set; }

    /// <summary>
    /// Where the employer's copy of the decision sheet goes (R14): this dossier's override, else the
    /// employer's contact e-mail; null without an employer. Needs <see cref="Employer"/> loaded
    /// (<see cref="DossierQueries.Addresses"/> reads it in SQL).
    /// </summary>
    public string? EffectiveEmployerEmail => EmployerId is null ? null : EmployerContactEmailOverride ?? Employer?.ContactEmail;

    public Guid? TrainingOrganisationId { get; set; }

    public Organisation? TrainingOrganisation { get; set; }

    public Guid? SectorProfessionalId { get; set; }

    public EvaluatorEntity? SectorProfessional { get; set; }

    public Guid? ExternalAssessorId { get; set; }

    public EvaluatorEntity? ExternalAssessor { get; set; }

    public DateOnly? EvaluationDate { get; set; }

    public bool SignedBySectorProfessional { get; set; }

    public bool SignedByExternalAssessor { get; set; }

    /// <summary>R13: the candidate's observations on the evaluation results.</summary>
    public string? CandidateObservations { get; set; }

    // R5.3 VAE admissibility.
    public DateOnly? AdmissibilityRequestDate { get; set; }

    public bool? AdmissibilityAccepted { get; set; }

    public string? AdmissibilityReviewedBy { get; set; }

    public DateOnly? AdmissibilityReviewedOn { get; set; }

    public List<ActivityPeriodEntity> ActivityPeriods { get; set; } = [];

    public List<CompetenceEvaluationEntity> Evaluations { get; set; } = [];

    public List<EarlierValidationEntity> EarlierValidations { get; set; } = [];

    public List<DossierDocument> Documents { get; set; } = [];

    // R6: the secretariat's recorded check (who, when, result).
    public DateTimeOffset? CompletenessCheckedAt { get; set; }

    public string? CompletenessCheckedBy { get; set; }

    public bool? CompletenessCheckPassed { get; set; }

    /// <summary>The findings of the last recorded check, one per line ("R6 : …").</summary>
    public string? CompletenessFindings { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Optimistic concurrency: two secretaries editing the same dossier never silently overwrite each other.</summary>
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    /// <summary>The domain's view of this dossier (needs evaluations, periods, validations, documents, evaluators loaded).</summary>
    public Dossier ToDomain() => new(
        CertificateCode,
        Route,
        Documents.Select(d => d.Kind).ToHashSet(),
        new EvaluationGrid(Evaluations.OrderBy(e => e.CompetenceCode, StringComparer.Ordinal).Select(e => e.ToDomain()).ToList()),
        SectorProfessional?.ToDomain(),
        ExternalAssessor?.ToDomain(),
        EvaluationDate,
        SignedBySectorProfessional,
        SignedByExternalAssessor,
        EarlierValidations.Select(v => new CompetenceAcquisition(v.CompetenceCode, v.ValidatedOn)).ToList(),
        Route == Route.Vae && AdmissibilityRequestDate is { } requested
            ? new AdmissibilityFile(
                requested,
                ActivityPeriods.Select(p => new ActivityPeriod(p.Start, p.End, p.Description)).ToList(),
                AdmissibilityAccepted is { } accepted && AdmissibilityReviewedOn is { } reviewedOn
                    ? new AdmissibilityReview(accepted, AdmissibilityReviewedBy ?? string.Empty, reviewedOn)
                    : null)
            : null,
        CandidateObservations);
}

/// <summary>A period of activity declared for VAE admissibility (R5.3).</summary>
public sealed class ActivityPeriodEntity
{
    public Guid Id { get; set; }

    public Guid DossierId { get; set; }

    public DateOnly Start { get; set; }

    public DateOnly? End { get; set; }

    public string Description { get; set; } = string.Empty;
}

/// <summary>The evaluation of one competence: the evaluators' verdict and the element grid (R2).</summary>
public sealed class CompetenceEvaluationEntity
{
    public Guid Id { get; set; }

    public Guid DossierId { get; set; }

    public string CompetenceCode { get; set; } = string.Empty;

    public bool EvaluatorsSayMastered { get; set; }

    public List<GridElementEntity> Elements { get; set; } = [];

    public CompetenceEvaluation ToDomain() => new(
        CompetenceCode,
        Elements.OrderBy(e => e.Position).Select(e => new CompetenceElement(e.Label, e.IsEssential, e.Status)).ToList(),
        EvaluatorsSayMastered);
}

/// <summary>One line of a grid (R1.1, R2).</summary>
public sealed class GridElementEntity
{
    public Guid Id { get; set; }

    public Guid CompetenceEvaluationId { get; set; }

    public int Position { get; set; }

    public string Label { get; set; } = string.Empty;

    public bool IsEssential { get; set; }

    public ElementStatus Status { get; set; }
}

/// <summary>A competence validated by an earlier jury (R4.1, R4.2).</summary>
public sealed class EarlierValidationEntity
{
    public Guid Id { get; set; }

    public Guid DossierId { get; set; }

    public string CompetenceCode { get; set; } = string.Empty;

    public DateOnly ValidatedOn { get; set; }
}

/// <summary>A PDF attached to a dossier, stored outside wwwroot under a server-generated name.</summary>
public sealed class DossierDocument
{
    public Guid Id { get; set; }

    public Guid DossierId { get; set; }

    public DocumentKind Kind { get; set; }

    /// <summary>The name the user uploaded (display only; never used as a path).</summary>
    public string OriginalFileName { get; set; } = string.Empty;

    /// <summary>Server-generated file name inside the documents folder.</summary>
    public string StoredFileName { get; set; } = string.Empty;

    public long SizeBytes { get; set; }

    public string Sha256 { get; set; } = string.Empty;

    public DateTimeOffset UploadedAt { get; set; }

    public string UploadedBy { get; set; } = string.Empty;
}
