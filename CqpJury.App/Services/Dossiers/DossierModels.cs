using CqpJury.App.Data.Entities;
using CqpJury.Domain.Dossiers;
using CqpJury.Domain.Evaluations;
using Route = CqpJury.Domain.Dossiers.Route;

namespace CqpJury.App.Services.Dossiers;

/// <summary>Where a dossier stands with respect to the recorded completeness check (R6).</summary>
public enum CompletenessState
{
    /// <summary>Never recorded, or the dossier changed since the recorded check.</summary>
    NotChecked,

    Complete,

    Incomplete,
}

/// <summary>One line of the dossiers list.</summary>
public sealed record DossierListItem(
    Guid Id,
    string Reference,
    string CandidateName,
    string CertificateTitle,
    Route Route,
    CompletenessState Completeness,
    int FindingCount,
    bool CheckOutdated,
    DateTimeOffset? CheckedAt,
    Guid? SessionId,
    string? SessionTitle,
    DateOnly? SessionDate,
    bool HasCandidateEmail = true)
{
    /// <summary>What the list says when the decision cannot be e-mailed to the candidate (R14, R17).</summary>
    public const string HandDeliveryText = "à remettre par courrier ou en main propre";

    /// <summary>"Complet" / "Incomplet (n constats)" / "Non vérifié".</summary>
    public string CompletenessText => Completeness switch
    {
        CompletenessState.Complete => "Complet",
        CompletenessState.Incomplete => $"Incomplet ({FindingCount} constat{(FindingCount > 1 ? "s" : string.Empty)})",
        _ when CheckOutdated => "Non vérifié (modifié depuis le dernier contrôle)",
        _ => "Non vérifié",
    };
}

/// <summary>A choice in a form list.</summary>
public sealed record OrganisationOption(Guid Id, string Name, OrganisationKind Kind, string? Siret, string? ContactEmail = null)
{
    public string DisplayName => Kind == OrganisationKind.TrainingOrganisation
        ? $"{Name} (organisme de formation)"
        : Name;
}

/// <summary>An evaluator offered in the form, with the habilitation the completeness check needs (R7).</summary>
public sealed record EvaluatorOption(Guid Id, string FullName, EvaluatorRole Role, DateOnly? HabilitatedFrom, DateOnly? HabilitatedUntil)
{
    public Evaluator ToDomain() => new(FullName, Role, HabilitatedFrom, HabilitatedUntil);
}

public sealed record CandidateOption(Guid Id, string OfficialName, DateOnly? BirthDate, string? Email)
{
    public string DisplayName => BirthDate is { } born
        ? $"{OfficialName} (né(e) le {CqpJury.Domain.Common.FrenchFormat.Date(born)})"
        : OfficialName;

    public override string ToString() => DisplayName;
}

/// <summary>Everything the dossier forms offer to choose from.</summary>
public sealed record DossierFormOptions(
    IReadOnlyList<OrganisationOption> Employers,
    IReadOnlyList<OrganisationOption> TrainingOrganisations,
    IReadOnlyList<EvaluatorOption> SectorProfessionals,
    IReadOnlyList<EvaluatorOption> ExternalAssessors,
    IReadOnlyList<CandidateOption> Candidates)
{
    public static DossierFormOptions Empty { get; } = new([], [], [], [], []);

    public EvaluatorOption? FindEvaluator(Guid? id) =>
        id is null ? null : SectorProfessionals.Concat(ExternalAssessors).FirstOrDefault(e => e.Id == id);
}

/// <summary>The creation form: a candidate (new or existing) and the dossier's first data.</summary>
public sealed class NewDossierInput : DossierFormInput
{
    /// <summary>True to attach the dossier to a candidate already registered.</summary>
    public bool UseExistingCandidate { get; set; }

    public Guid? ExistingCandidateId { get; set; }

    public string? CertificateCode { get; set; }

    public Route? Route { get; set; }

    /// <summary>The one shape <see cref="DossierValidator"/> checks.</summary>
    public DossierDraft ToDraft() => Draft() with
    {
        Candidate = UseExistingCandidate ? null : Candidate(),
        ExistingCandidateId = UseExistingCandidate ? ExistingCandidateId : null,
        CertificateCode = CertificateCode,
        Route = Route,
    };
}

/// <summary>What the creation form and the dossier page both edit: the candidate's identity and addresses, the parties, the observations.</summary>
public abstract class DossierFormInput
{
    public string CandidateLastName { get; set; } = string.Empty;

    public string CandidateFirstName { get; set; } = string.Empty;

    public DateOnly? CandidateBirthDate { get; set; }

    public string? CandidateEmail { get; set; }

    public PostalAddressInput CandidateAddress { get; set; } = new();

    public Guid? EmployerId { get; set; }

    /// <summary>Where the employer receives this dossier's decision when not at its contact e-mail (R14).</summary>
    public string? EmployerContactEmailOverride { get; set; }

    public Guid? TrainingOrganisationId { get; set; }

    public Guid? SectorProfessionalId { get; set; }

    public Guid? ExternalAssessorId { get; set; }

    public DateOnly? EvaluationDate { get; set; }

    public bool SignedBySectorProfessional { get; set; }

    public bool SignedByExternalAssessor { get; set; }

    public string? CandidateObservations { get; set; }

    protected CandidateDraft Candidate() => new(CandidateLastName, CandidateFirstName, CandidateBirthDate, CandidateEmail, CandidateAddress);

    /// <summary>The draft of what both forms edit (the subclass adds the rest).</summary>
    protected DossierDraft Draft() => new()
    {
        Candidate = Candidate(),
        Employer = EmployerId is { } employer ? new OrganisationDraft(employer) : null,
        TrainingOrganisation = TrainingOrganisationId is { } training ? new OrganisationDraft(training) : null,
        EmployerContactEmailOverride = EmployerContactEmailOverride,
        SectorProfessionalId = SectorProfessionalId,
        ExternalAssessorId = ExternalAssessorId,
        EvaluationDate = EvaluationDate,
        SignedBySectorProfessional = SignedBySectorProfessional,
        SignedByExternalAssessor = SignedByExternalAssessor,
        CandidateObservations = CandidateObservations,
    };
}

/// <summary>The created dossier.</summary>
public sealed record CreatedDossier(Guid Id, string Reference);

/// <summary>One line of an evaluation grid as edited (R1.1, R2).</summary>
public sealed class GridElementInput
{
    public string Label { get; set; } = string.Empty;

    public bool IsEssential { get; set; }

    public ElementStatus Status { get; set; } = ElementStatus.Acquired;

    public CompetenceElement ToDomain() => new(Label.Trim(), IsEssential, Status);
}

/// <summary>The evaluation of one competence as edited: the evaluators' verdict and the grid.</summary>
public sealed class CompetenceEvaluationInput
{
    public string CompetenceCode { get; set; } = string.Empty;

    public bool EvaluatorsSayMastered { get; set; }

    public List<GridElementInput> Elements { get; set; } = [];

    /// <summary>Nothing entered: no verdict and no element (the competence is not evaluated).</summary>
    public bool IsEmpty => !EvaluatorsSayMastered && Elements.Count == 0;

    public CompetenceEvaluation ToDomain() => new(CompetenceCode, Elements.Select(e => e.ToDomain()).ToList(), EvaluatorsSayMastered);
}

/// <summary>A postal address as typed (candidate, R15 paper mail); all blank = no address. A blank country is France.</summary>
public sealed class PostalAddressInput
{
    public static PostalAddressInput From(PostalAddress? a) => a is null
        ? new()
        : new() { Line1 = a.Line1, Line2 = a.Line2, PostalCode = a.PostalCode, City = a.City, Country = a.Country };

    /// <summary>The stored value, once validated; null when nothing was typed.</summary>
    public PostalAddress? ToPostalAddress() => string.IsNullOrWhiteSpace(Line1)
        ? null
        : new PostalAddress
        {
            Line1 = Line1.Trim(),
            Line2 = string.IsNullOrWhiteSpace(Line2) ? null : Line2.Trim(),
            PostalCode = PostalCode?.Trim() ?? string.Empty,
            City = City?.Trim() ?? string.Empty,
            Country = PostalAddress.IsFrance(Country) ? PostalAddress.DefaultCountry : Country!.Trim(),
        };

    public string? Line1 { get; set; }

    public string? Line2 { get; set; }

    public string? PostalCode { get; set; }

    public string? City { get; set; }

    public string? Country { get; set; }
}

public sealed class ActivityPeriodInput
{
    public DateOnly? Start { get; set; }

    public DateOnly? End { get; set; }

    public string Description { get; set; } = string.Empty;
}

public sealed class EarlierValidationInput
{
    public string? CompetenceCode { get; set; }

    public DateOnly? ValidatedOn { get; set; }
}

/// <summary>The dossier's editable data (detail page). The service validates it; the page only binds it.</summary>
public sealed class DossierEditInput : DossierFormInput
{
    public Route Route { get; set; }

    // R5.3 (VAE only).
    public DateOnly? AdmissibilityRequestDate { get; set; }

    public List<ActivityPeriodInput> Activities { get; set; } = [];

    /// <summary>Null: not examined yet; true: accepted; false: refused.</summary>
    public bool? AdmissibilityAccepted { get; set; }

    public string? AdmissibilityReviewedBy { get; set; }

    public DateOnly? AdmissibilityReviewedOn { get; set; }

    /// <summary>One entry per competence of the CQP, in the referential's order.</summary>
    public List<CompetenceEvaluationInput> Evaluations { get; set; } = [];

    public List<EarlierValidationInput> EarlierValidations { get; set; } = [];

    /// <summary>The concurrency stamp of the dossier as loaded (optimistic concurrency).</summary>
    public Guid ConcurrencyStamp { get; set; }

    /// <summary>
    /// The one shape <see cref="DossierValidator"/> checks. Evaluations left empty are not part of
    /// what is saved (the competence is not evaluated); R5.3 data counts for VAE only (the save
    /// clears it otherwise).
    /// </summary>
    public DossierDraft ToDraft(string certificateCode, Guid candidateId) => Draft() with
    {
        EditedCandidateId = candidateId,
        CertificateCode = certificateCode,
        Route = Route,
        Admissibility = Route == Route.Vae
            ? new AdmissibilityDraft(AdmissibilityRequestDate, Activities, AdmissibilityAccepted, AdmissibilityReviewedBy, AdmissibilityReviewedOn)
            : null,
        Evaluations = Evaluations.Where(e => !e.IsEmpty).ToList(),
        EarlierValidations = EarlierValidations,
    };

    /// <summary>
    /// The domain's view of the dossier as currently edited (not saved), for live findings.
    /// Incomplete rows (no date) are left out: the service refuses them on save anyway.
    /// </summary>
    public Dossier ToDomain(string certificateCode, IReadOnlySet<DocumentKind> documents, DossierFormOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new Dossier(
            certificateCode,
            Route,
            documents,
            new EvaluationGrid(Evaluations.Where(e => !e.IsEmpty).Select(e => e.ToDomain()).ToList()),
            options.FindEvaluator(SectorProfessionalId)?.ToDomain(),
            options.FindEvaluator(ExternalAssessorId)?.ToDomain(),
            EvaluationDate,
            SignedBySectorProfessional,
            SignedByExternalAssessor,
            EarlierValidations
                .Where(v => !string.IsNullOrEmpty(v.CompetenceCode) && v.ValidatedOn is not null)
                .Select(v => new CqpJury.Domain.Outcomes.CompetenceAcquisition(v.CompetenceCode!, v.ValidatedOn!.Value))
                .ToList(),
            Route == Route.Vae && AdmissibilityRequestDate is { } requested
                ? new AdmissibilityFile(
                    requested,
                    Activities.Where(a => a.Start is not null).Select(a => new ActivityPeriod(a.Start!.Value, a.End, a.Description)).ToList(),
                    AdmissibilityAccepted is { } accepted && AdmissibilityReviewedOn is { } on
                        ? new AdmissibilityReview(accepted, AdmissibilityReviewedBy ?? string.Empty, on)
                        : null)
                : null,
            CandidateObservations);
    }
}

/// <summary>The recorded completeness check (R6): who, when, result, findings.</summary>
public sealed record RecordedCheck(DateTimeOffset At, string By, bool Passed, IReadOnlyList<string> Findings);

/// <summary>The detail page's data: read-only facts plus the editable input.</summary>
public sealed record DossierDetails(
    Guid Id,
    string Reference,
    Guid CandidateId,
    string CandidateName,
    string CertificateCode,
    string CertificateTitle,
    DateTimeOffset CreatedAt,
    IReadOnlySet<DocumentKind> DocumentKinds,
    IReadOnlyList<DossierSessionInfo> Sessions,
    RecordedCheck? LastCheck,
    DossierEditInput Input)
{
    /// <summary>Where the dossier stands (one banner): draft, open, closed, postponed, decided and signed.</summary>
    public DossierStanding Standing { get; } = DossierStanding.Of(Sessions);

    /// <summary>On an open session's agenda, or decided and signed (final, R12): read-only.</summary>
    public bool IsLocked => Standing.IsLocked;
}

/// <summary>French labels for the grid statuses (R2).</summary>
