using Route = CqpJury.Domain.Dossiers.Route;

namespace CqpJury.App.Services.Dossiers;

/// <summary>
/// A dossier as submitted — by the creation form, the detail page or one dossier of an import
/// file — in the one shape that <see cref="DossierValidator"/> checks. Values that could not be
/// read (an import's wrong JSON type) are null: the reader has reported them already.
/// </summary>
public sealed record DossierDraft
{
    /// <summary>The new candidate's identity; null when the dossier goes to a registered candidate (<see cref="ExistingCandidateId"/>).</summary>
    public CandidateDraft? Candidate { get; init; }

    /// <summary>Creation form, "candidat déjà enregistré": the chosen candidate (null: none chosen).</summary>
    public Guid? ExistingCandidateId { get; init; }

    /// <summary>The candidate whose identity <see cref="Candidate"/> edits (detail page), so that its own e-mail is not a conflict.</summary>
    public Guid? EditedCandidateId { get; init; }

    public string? CertificateCode { get; init; }

    public Route? Route { get; init; }

    public OrganisationDraft? Employer { get; init; }

    public OrganisationDraft? TrainingOrganisation { get; init; }

    /// <summary>The employer's e-mail for this dossier when it is not the organisation's contact e-mail (R14).</summary>
    public string? EmployerContactEmailOverride { get; init; }

    public Guid? SectorProfessionalId { get; init; }

    public Guid? ExternalAssessorId { get; init; }

    public DateOnly? EvaluationDate { get; init; }

    public bool SignedBySectorProfessional { get; init; }

    public bool SignedByExternalAssessor { get; init; }

    public string? CandidateObservations { get; init; }

    /// <summary>R5.3 data, VAE only (null: none given).</summary>
    public AdmissibilityDraft? Admissibility { get; init; }

    public IReadOnlyList<CompetenceEvaluationInput> Evaluations { get; init; } = [];

    public IReadOnlyList<EarlierValidationInput> EarlierValidations { get; init; } = [];
}

/// <summary>A new or edited candidate's identity and addresses.</summary>
public sealed record CandidateDraft(string? LastName, string? FirstName, DateOnly? BirthDate, string? Email, PostalAddressInput? PostalAddress = null);

/// <summary>An employer or training organisation: chosen in a list (<see cref="Id"/>) or named in an import file (matched or created).</summary>
public sealed record OrganisationDraft(Guid? Id, string? Name = null, string? Siret = null, string? ContactEmail = null);

/// <summary>The VAE admissibility file as submitted (R5.3).</summary>
public sealed record AdmissibilityDraft(
    DateOnly? RequestDate,
    IReadOnlyList<ActivityPeriodInput> Activities,
    bool? Accepted,
    string? ReviewedBy,
    DateOnly? ReviewedOn);
