using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using CqpJury.App.Services.Audit;
using CqpJury.App.Services.Security;
using CqpJury.Domain.Deliberations;
using CqpJury.Domain.Dossiers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CqpJury.App.Services.Privacy;

/// <summary>One dossier whose working documents are due for deletion.</summary>
public sealed record DueDocuments(Guid DossierId, string Reference, string CandidateName, DateTimeOffset DecisionSignedAt, int Count);

/// <summary>One candidate whose identity is due for anonymisation.</summary>
public sealed record DueCandidate(Guid CandidateId, string CandidateName, IReadOnlyList<string> References, DateTimeOffset LastDecisionSignedAt);

/// <summary>What a retention run does at <see cref="At"/> (the dry run shows it; the run does it).</summary>
public sealed record RetentionPlan(DateTimeOffset At, IReadOnlyList<DueDocuments> Documents, IReadOnlyList<DueCandidate> Candidates,
    int AccessLines, DateTimeOffset AccessHistoryBefore);

/// <summary>
/// R16: applies the retention durations (<see cref="RetentionSettings"/>, docs/privacy.md). Working documents
/// are deleted some months after the dossier's decision is signed; a candidate is anonymised some years after
/// their last signed decision (never while a partial validation can count, R4.1); access history lines are
/// deleted after their time. Each dossier or candidate in one transaction, journaled; files removed after the commit.
/// </summary>
public sealed class RetentionService(
    IDbContextFactory<CqpJuryDbContext> dbFactory,
    ActorResolver actors,
    AuditLog audit,
    DataPaths paths,
    IOptions<RetentionSettings> settings,
    TimeProvider clock,
    ILogger<RetentionService> logger)
{
    private RetentionSettings Settings => settings.Value;

    /// <summary>The dry run, for the secretariat: what the next run would remove if it ran now.</summary>
    public async Task<RetentionPlan> PreviewAsync(CancellationToken cancellationToken = default)
    {
        await actors.RequireSecretariatAsync("Consulter la conservation des données", cancellationToken);
        return await PlanAsync(clock.GetUtcNow(), cancellationToken);
    }

    /// <summary>What is due at <paramref name="now"/>.</summary>
    public async Task<RetentionPlan> PlanAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var signed = await SignedDecisionsAsync(db, cancellationToken);
        var documentsBefore = now.AddMonths(-Settings.WorkingDocumentsMonths);
        var identityBefore = now.AddYears(-Settings.IdentityYears);
        var accessBefore = now.AddMonths(-Settings.AccessHistoryMonths);

        var dossiers = await db.Dossiers.AsNoTracking().Include(d => d.Candidate).ToListAsync(cancellationToken);
        var documentCounts = await db.Documents.AsNoTracking().GroupBy(d => d.DossierId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var documents = dossiers
            .Where(d => signed.TryGetValue(d.Id, out var at) && at <= documentsBefore && documentCounts.ContainsKey(d.Id))
            .Select(d => new DueDocuments(d.Id, d.Reference, d.Candidate!.OfficialName, signed[d.Id], documentCounts[d.Id]))
            .OrderBy(d => d.DecisionSignedAt).ToList();

        // A candidate goes once every dossier of theirs is decided and the last decision is older than the duration.
        var candidates = dossiers.Where(d => d.Candidate!.AnonymisedAt is null).GroupBy(d => d.CandidateId)
            .Where(g => g.All(d => signed.ContainsKey(d.Id)) && g.Max(d => signed[d.Id]) <= identityBefore)
            .Select(g => new DueCandidate(g.Key, g.First().Candidate!.OfficialName, g.Select(d => d.Reference).Order(StringComparer.Ordinal).ToList(), g.Max(d => signed[d.Id])))
            .OrderBy(c => c.LastDecisionSignedAt).ToList();

        var accessLines = await db.DossierAccesses.CountAsync(a => a.At < accessBefore, cancellationToken);
        return new RetentionPlan(now, documents, candidates, accessLines, accessBefore);
    }

    /// <summary>Runs the retention now (the daily job): each dossier or candidate in a transaction of its own, journaled.</summary>
    public async Task<RetentionPlan> RunAsync(CancellationToken cancellationToken = default)
    {
        var plan = await PlanAsync(clock.GetUtcNow(), cancellationToken);
        foreach (var due in plan.Documents)
        {
            await DeleteWorkingDocumentsAsync(due, cancellationToken);
        }

        foreach (var due in plan.Candidates)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var files = await CandidateErasure.AnonymiseAsync(db, audit, paths, null, due.CandidateId, clock.GetUtcNow(),
                $"Durée de conservation écoulée ({Settings.IdentityYears} ans après la dernière décision signée).", null, cancellationToken);
            DeleteFiles(files);
        }

        if (plan.AccessLines > 0)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var deleted = await db.DossierAccesses.Where(a => a.At < plan.AccessHistoryBefore).ExecuteDeleteAsync(cancellationToken);
            audit.Add(db, null, "Conservation : historique des accès élagué", details: $"{deleted} ligne(s) antérieure(s) au {FrenchTime.DateTime(plan.AccessHistoryBefore)} supprimée(s).");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Retention run: {Documents} dossier(s) of working documents, {Candidates} candidate(s) anonymised, {Access} access line(s)",
                plan.Documents.Count, plan.Candidates.Count, plan.AccessLines);
        }
        return plan;
    }

    private async Task DeleteWorkingDocumentsAsync(DueDocuments due, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var documents = await db.Documents.Where(d => d.DossierId == due.DossierId).ToListAsync(cancellationToken);
        if (documents.Count == 0)
        {
            return;
        }

        db.Documents.RemoveRange(documents);
        audit.Add(db, null, "Conservation : documents de travail supprimés", null, due.DossierId,
            $"{due.Reference} : {documents.Count} document(s) ({string.Join(", ", documents.Select(d => d.Kind.ToFrench()).Distinct())}), "
            + $"décision signée le {FrenchTime.DateTime(due.DecisionSignedAt)}, durée de conservation {Settings.WorkingDocumentsMonths} mois.");
        await db.SaveChangesAsync(cancellationToken);
        DeleteFiles(documents.Select(d => Path.Combine(paths.Documents, Path.GetFileName(d.StoredFileName))));
    }

    private void DeleteFiles(IEnumerable<string> files)
    {
        foreach (var file in files)
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException ex)
            {
                logger.LogError(ex, "Retention: could not delete {File}", file);
            }
        }
    }

    /// <summary>Each dossier's last signed decision.</summary>
    internal static async Task<Dictionary<Guid, DateTimeOffset>> SignedDecisionsAsync(CqpJuryDbContext db, CancellationToken cancellationToken) =>
        (await db.Deliberations.AsNoTracking().Where(d => d.State == DeliberationState.Decided && d.SignedAt != null)
            .Select(d => new { d.DossierId, d.SignedAt }).ToListAsync(cancellationToken))
        .GroupBy(d => d.DossierId).ToDictionary(g => g.Key, g => g.Max(d => d.SignedAt!.Value));
}
