using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CqpJury.App.Services.Dossiers;

/// <summary>
/// The stored rows a dossier refers to, for <see cref="DossierValidator"/>: evaluators and
/// organisations by id, candidates by id and by e-mail. The form loads only what its draft names
/// (<see cref="LoadAsync"/>); an import loads them once for the whole file (<see cref="Of"/>).
/// </summary>
public sealed class DossierLookups
{
    private readonly Dictionary<Guid, EvaluatorEntity> _evaluators;
    private readonly Dictionary<Guid, Organisation> _organisations;
    private readonly Dictionary<Guid, Candidate> _candidates;
    private readonly Dictionary<string, Candidate> _candidatesByEmail;

    private DossierLookups(IEnumerable<EvaluatorEntity> evaluators, IEnumerable<Organisation> organisations, IEnumerable<Candidate> candidates)
    {
        _evaluators = evaluators.ToDictionary(e => e.Id);
        _organisations = organisations.ToDictionary(o => o.Id);
        _candidates = candidates.ToDictionary(c => c.Id);
        _candidatesByEmail = new Dictionary<string, Candidate>(StringComparer.OrdinalIgnoreCase);
        foreach (var candidate in _candidates.Values.Where(c => c.Email is not null))
        {
            _candidatesByEmail.TryAdd(candidate.Email!, candidate);
        }
    }

    public static DossierLookups Of(IEnumerable<EvaluatorEntity> evaluators, IEnumerable<Organisation> organisations, IEnumerable<Candidate> candidates) =>
        new(evaluators, organisations, candidates);

    /// <summary>The rows <paramref name="draft"/> refers to (read without tracking).</summary>
    public static async Task<DossierLookups> LoadAsync(CqpJuryDbContext db, DossierDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(draft);
        var evaluatorIds = new[] { draft.SectorProfessionalId, draft.ExternalAssessorId }.OfType<Guid>().ToList();
        var organisationIds = new[] { draft.Employer?.Id, draft.TrainingOrganisation?.Id }.OfType<Guid>().ToList();
        var email = draft.Candidate?.Email?.Trim().ToLowerInvariant();
        var existing = draft.ExistingCandidateId;
        var evaluators = await db.Evaluators.AsNoTracking().Where(e => evaluatorIds.Contains(e.Id)).ToListAsync(cancellationToken);
        var organisations = await db.Organisations.AsNoTracking().Where(o => organisationIds.Contains(o.Id)).ToListAsync(cancellationToken);
#pragma warning disable CA1304, CA1311, CA1862 // translated to SQL lower(), which has no culture
        var candidates = existing is null && string.IsNullOrEmpty(email)
            ? []
            : await db.Candidates.AsNoTracking()
                .Where(c => c.Id == existing || (email != null && c.Email != null && c.Email.ToLower() == email))
                .ToListAsync(cancellationToken);
#pragma warning restore CA1304, CA1311, CA1862
        return new DossierLookups(evaluators, organisations, candidates);
    }

    public EvaluatorEntity? Evaluator(Guid id) => _evaluators.GetValueOrDefault(id);

    public Organisation? Organisation(Guid id) => _organisations.GetValueOrDefault(id);

    public Candidate? Candidate(Guid id) => _candidates.GetValueOrDefault(id);

    public Candidate? CandidateByEmail(string email) => _candidatesByEmail.GetValueOrDefault(email);
}
