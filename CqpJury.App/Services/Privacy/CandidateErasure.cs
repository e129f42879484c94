using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using CqpJury.App.Services.Audit;
using CqpJury.App.Services.OfficialDocuments;
using CqpJury.App.Services.Security;
using Microsoft.EntityFrameworkCore;

namespace CqpJury.App.Services.Privacy;

/// <summary>
/// R16: anonymises a candidate in one transaction — their identity (name, birth date, e-mail, address),
/// their observations, uploaded documents and the issued PDFs naming them; the journal entries about
/// their dossiers keep their place in the chain but lose their details (<see cref="JournalChain.Expurgate"/>).
/// The e-mails about their dossiers lose their content (the attached documents name them), and those sent to the
/// candidate their recipient; one still waiting to be sent is cancelled.
/// What stays: the dossiers' references, certificates, evaluations and decisions, without a name (statistics).
/// Used by the retention run and by an erasure request (<see cref="CandidateRightsService"/>).
/// </summary>
public static class CandidateErasure
{
    public const string AnonymousLastName = "Candidat anonymisé";

    /// <summary>
    /// Anonymises and commits; returns the files to delete once committed. <paramref name="guard"/>, when given, runs
    /// in the transaction once the candidate is loaded (still identified) and throws to refuse: nothing is changed then.
    /// </summary>
    internal static async Task<IReadOnlyList<string>> AnonymiseAsync(CqpJuryDbContext db, AuditLog audit, DataPaths paths, Actor? actor, Guid candidateId, DateTimeOffset now,
        string reason, Func<Candidate, Task>? guard, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var candidate = await db.Candidates.Include(c => c.Dossiers).FirstOrDefaultAsync(c => c.Id == candidateId, cancellationToken);
        if (candidate is null || candidate.AnonymisedAt is not null)
        {
            return []; // gone or already anonymised meanwhile (another instance's run): nothing to do
        }

        if (guard is not null)
        {
            await guard(candidate);
        }

        var dossierIds = candidate.Dossiers.Select(d => d.Id).ToList();
        candidate.FirstName = string.Empty;
        candidate.LastName = AnonymousLastName;
        candidate.BirthDate = null;
        candidate.Email = null;
        candidate.PostalAddress = null;
        candidate.AnonymisedAt = now;
        foreach (var dossier in candidate.Dossiers)
        {
            dossier.CandidateObservations = null;
        }

        var files = new List<string>();
        var documents = await db.Documents.Where(d => dossierIds.Contains(d.DossierId)).ToListAsync(cancellationToken);
        files.AddRange(documents.Select(d => Path.Combine(paths.Documents, Path.GetFileName(d.StoredFileName))));
        db.Documents.RemoveRange(documents);

        var issued = await db.IssuedDocuments.Where(d => d.DossierId != null && dossierIds.Contains(d.DossierId.Value)).ToListAsync(cancellationToken);
        foreach (var document in issued)
        {
            files.Add(Path.Combine(paths.Root, "issued", Path.GetFileName(document.StoredFileName)));
            document.CandidateName = null;
            document.Title = document.Kind.ToFrench() + " (candidat anonymisé)";
        }

        foreach (var entry in await db.AuditEntries.Where(a => a.DossierId != null && dossierIds.Contains(a.DossierId.Value)).ToListAsync(cancellationToken))
        {
            JournalChain.Expurgate(entry);
        }

        // The e-mails: their MIME content carries the documents naming the candidate; the candidate's own lose their address.
        await db.OutboxMessages.Where(m => m.DossierId != null && dossierIds.Contains(m.DossierId.Value))
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.Content, (byte[]?)null).SetProperty(m => m.Payload, (string?)null), cancellationToken);
        await db.OutboxMessages.Where(m => m.DossierId != null && dossierIds.Contains(m.DossierId.Value) && m.RecipientRole == OutboxRecipientRole.Candidate)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.RecipientName, AnonymousLastName).SetProperty(m => m.RecipientAddress, string.Empty), cancellationToken);
        await db.OutboxMessages.Where(m => m.DossierId != null && dossierIds.Contains(m.DossierId.Value) && m.Status == OutboxStatus.Pending)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, OutboxStatus.Cancelled).SetProperty(m => m.CancelledAt, now)
                .SetProperty(m => m.CancelledBy, "anonymisation du candidat"), cancellationToken);

        await db.DossierAccesses.Where(a => a.DossierId != null && dossierIds.Contains(a.DossierId.Value) && a.DocumentLabel != null)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.DocumentLabel, "document (candidat anonymisé)"), cancellationToken);

        audit.Add(db, actor, "Anonymisation d'un candidat", null, null,
            $"{candidate.Dossiers.Count} dossier(s) ({string.Join(", ", candidate.Dossiers.Select(d => d.Reference).Order(StringComparer.Ordinal))}). Motif : {reason}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return files;
    }
}
