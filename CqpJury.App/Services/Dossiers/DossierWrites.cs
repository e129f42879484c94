using CqpJury.App.Data.Entities;

namespace CqpJury.App.Services.Dossiers;

/// <summary>
/// How a validated <see cref="DossierDraft"/> becomes stored rows: the same for the creation form,
/// the detail page and the import. The candidate and the organisations are the caller's (each
/// channel finds or creates them its own way).
/// </summary>
internal static class DossierWrites
{
    /// <summary>Copies the dossier's own values (route, evaluation, observations, R5.3 data) onto <paramref name="d"/>.</summary>
    public static void ApplyTo(this DossierDraft draft, DossierEntity d)
    {
        d.Route = draft.Route!.Value;
        d.SectorProfessionalId = draft.SectorProfessionalId;
        d.ExternalAssessorId = draft.ExternalAssessorId;
        d.EvaluationDate = draft.EvaluationDate;
        d.SignedBySectorProfessional = draft.SignedBySectorProfessional;
        d.SignedByExternalAssessor = draft.SignedByExternalAssessor;
        d.CandidateObservations = Clean(draft.CandidateObservations);
        d.EmployerContactEmailOverride = Clean(draft.EmployerContactEmailOverride);

        // R5.3 data exists only for VAE (the draft carries none otherwise): switching route clears it.
        var a = draft.Admissibility;
        d.AdmissibilityRequestDate = a?.RequestDate;
        d.AdmissibilityAccepted = a?.Accepted;
        d.AdmissibilityReviewedBy = a?.Accepted is not null ? Clean(a.ReviewedBy) : null;
        d.AdmissibilityReviewedOn = a?.Accepted is not null ? a.ReviewedOn : null;
    }

    public static IEnumerable<ActivityPeriodEntity> ActivityRows(this DossierDraft draft, Guid dossierId) =>
        (draft.Admissibility?.Activities ?? []).Select(a => new ActivityPeriodEntity
        {
            Id = Guid.NewGuid(),
            DossierId = dossierId,
            Start = a.Start!.Value,
            End = a.End,
            Description = a.Description.Trim(),
        });

    public static IEnumerable<EarlierValidationEntity> ValidationRows(this DossierDraft draft, Guid dossierId) =>
        draft.EarlierValidations.Select(v => new EarlierValidationEntity
        {
            Id = Guid.NewGuid(),
            DossierId = dossierId,
            CompetenceCode = v.CompetenceCode!.Trim(),
            ValidatedOn = v.ValidatedOn!.Value,
        });

    /// <summary>The grid's lines, numbered from 1 in the order given.</summary>
    public static IEnumerable<GridElementEntity> ElementRows(this CompetenceEvaluationInput evaluation, Guid evaluationId) =>
        evaluation.Elements.Select((e, i) => new GridElementEntity
        {
            Id = Guid.NewGuid(),
            CompetenceEvaluationId = evaluationId,
            Position = i + 1,
            Label = e.Label.Trim(),
            IsEssential = e.IsEssential,
            Status = e.Status,
        });

    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
