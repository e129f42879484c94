using CqpJury.Domain.Evaluations;
using CqpJury.Domain.Outcomes;

namespace CqpJury.Domain.Dossiers;

/// <summary>
/// What the domain needs to know of a candidate's dossier to check it (R5–R7) and to decide on it
/// (R3, R4). The app builds it from what it stores.
/// </summary>
public sealed record Dossier(
    string CertificateCode,
    Route Route,
    IReadOnlySet<DocumentKind> Documents,
    EvaluationGrid Evaluation,
    Evaluator? SectorProfessional,
    Evaluator? ExternalAssessor,
    DateOnly? EvaluationDate,
    bool SignedBySectorProfessional,
    bool SignedByExternalAssessor,
    IReadOnlyList<CompetenceAcquisition> EarlierValidations,
    AdmissibilityFile? Admissibility,
    string? CandidateObservations)
{
    /// <summary>R13: the candidate wrote observations the jury must answer.</summary>
    public bool HasCandidateObservations => !string.IsNullOrWhiteSpace(CandidateObservations);
}
