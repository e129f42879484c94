using System.IO.Compression;
using System.Security.Cryptography;
using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using CqpJury.App.Services.Audit;
using CqpJury.App.Services.Dossiers;
using CqpJury.App.Services.OfficialDocuments;
using CqpJury.App.Services.Security;
using CqpJury.Domain.Common;
using CqpJury.Domain.Dossiers;
using CqpJury.Domain.Privacy;
using Microsoft.EntityFrameworkCore;

namespace CqpJury.App.Services.Privacy;

/// <summary>Where a candidate stands for the rights of the person, as the secretariat's dossier page shows it.</summary>
/// <param name="Retentions">Why an erasure would be refused today (French, one per retention); empty: it may go ahead.</param>
public sealed record CandidateRightsView(Guid CandidateId, string Name, IReadOnlyList<string> References, DateTimeOffset? AnonymisedAt, IReadOnlyList<string> Retentions)
{
    public bool IsAnonymised => AnonymisedAt is not null;
}

/// <summary>An export to hand over: a zip in a temporary file, deleted when the stream is closed.</summary>
public sealed record CandidateExportFile(Stream Content, string FileName, long Length);

/// <summary>
/// R16, RGPD — the rights of the person, answered by the secretariat for one candidate:
/// <see cref="ExportAsync"/> (right of access: one zip of everything CqpJury holds about them, explained in French,
/// with their uploaded and official documents) and <see cref="EraseAsync"/> (right to erasure: anonymisation through
/// <see cref="CandidateErasure"/>, refused with the reason while a retention applies, <see cref="ErasureRetention"/>).
/// Both are journaled; the export is in each dossier's access history. Secretariat only, checked here.
/// </summary>
public sealed class CandidateRightsService(
    IDbContextFactory<CqpJuryDbContext> dbFactory,
    ActorResolver actors,
    AuditLog audit,
    AccessHistory history,
    DataPaths paths,
    ReferentialCatalog catalog,
    TimeProvider clock,
    ILogger<CandidateRightsService> logger)
{
    public const string UnknownCandidate = "Ce candidat n'existe pas (ou plus) : rien n'a été fait.";

    public const string ExportAction = "Export des données d'un candidat (droit d'accès)";

    public const string ErasureAction = "Effacer (anonymiser) un candidat";

    /// <summary>The candidate's standing: name, dossiers, whether anonymised, and what would refuse an erasure today.</summary>
    public async Task<CandidateRightsView> GetAsync(Guid candidateId, CancellationToken cancellationToken = default)
    {
        await actors.RequireSecretariatAsync("Consulter les droits d'un candidat", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var candidate = await db.Candidates.AsNoTracking().Include(c => c.Dossiers).FirstOrDefaultAsync(c => c.Id == candidateId, cancellationToken)
            ?? throw new UserFacingException(UnknownCandidate);
        var retentions = candidate.AnonymisedAt is null ? await RetentionsAsync(db, candidate, cancellationToken) : [];
        return new CandidateRightsView(candidate.Id, candidate.OfficialName, References(candidate), candidate.AnonymisedAt, retentions.Select(r => r.Message).ToList());
    }

    /// <summary>
    /// Right of access: a zip with <c>donnees-candidat.json</c> (every piece of data held about the candidate, keys and
    /// values in French) and their documents as stored. Journaled and recorded in each dossier's access history, in one
    /// transaction, before the file is handed over. Refused for an unknown or anonymised candidate (nothing written).
    /// </summary>
    public async Task<CandidateExportFile> ExportAsync(Guid candidateId, CancellationToken cancellationToken = default)
    {
        var actor = await actors.RequireSecretariatAsync(ExportAction, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var candidate = await RequireIdentifiedAsync(db, candidateId, cancellationToken);
        var data = await CandidateDataExport.LoadAsync(db, candidate, cancellationToken);
        var now = clock.GetUtcNow();

        Directory.CreateDirectory(ExportsFolder);
        var path = Path.Combine(ExportsFolder, $"{Guid.NewGuid():N}.zip.tmp");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        try
        {
            var served = new List<(Guid DossierId, Guid? SessionId, Guid DocumentId, string Label)>();
            using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
            {
                var files = new Dictionary<Guid, ExportedFile>();
                foreach (var (dossier, document, entryName) in data.UploadedFiles())
                {
                    files[document.Id] = await AddFileAsync(zip, entryName, Path.Combine(paths.Documents, Path.GetFileName(document.StoredFileName)), document.Sha256, cancellationToken);
                    if (files[document.Id].EntryName is not null)
                    {
                        served.Add((dossier.Id, null, document.Id, $"{document.Kind.ToFrench()} « {document.OriginalFileName} »"));
                    }
                }

                foreach (var (document, entryName) in data.IssuedFiles())
                {
                    files[document.Id] = await AddFileAsync(zip, entryName, Path.Combine(paths.Root, "issued", Path.GetFileName(document.StoredFileName)), document.FileSha256, cancellationToken);
                    if (files[document.Id].EntryName is not null && document.DossierId is { } dossierId)
                    {
                        served.Add((dossierId, document.SessionId, document.Id, document.Title));
                    }
                }

                var json = CandidateDataExport.ToJson(data, files, catalog, now, actor.DisplayName);
                var entry = zip.CreateEntry(CandidateDataExport.JsonEntryName, CompressionLevel.Optimal);
                entry.LastWriteTime = FrenchTime.ToFrench(now);
                await using var target = await entry.OpenAsync(cancellationToken);
                await target.WriteAsync(json, cancellationToken);
            }

            await file.FlushAsync(cancellationToken);
            file.Position = 0;
            var zipHash = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
            file.Position = 0;

            // Journal and access history, together, before anything is handed over.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var dossier in candidate.Dossiers)
            {
                history.Add(db, actor, AccessPlaces.Export, dossier.Id, null);
            }

            foreach (var (dossierId, sessionId, documentId, label) in served)
            {
                history.Add(db, actor, AccessPlaces.Export, dossierId, sessionId, documentId, label);
            }

            audit.Add(db, actor, ExportAction, null, null,
                $"{candidate.Dossiers.Count} dossier(s) ({string.Join(", ", References(candidate))}) : {data.Documents.Count} document(s) déposé(s) "
                + $"et {data.Issued.Count} document(s) officiel(s) ; archive de {file.Length} octets, SHA-256 {zipHash}.");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new CandidateExportFile(file, $"donnees-personnelles-{OfficialDocumentService.Slug(candidate.OfficialName)}-{FrenchTime.Format(now, "yyyy-MM-dd")}.zip", file.Length);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Right to erasure: anonymises the candidate (<see cref="CandidateErasure.AnonymiseAsync"/>: identity, observations,
    /// documents, the journal's details about them) in one transaction, journaled. Refused, with every reason in French and
    /// the refusal journaled, while a retention applies (<see cref="ErasureRetention"/>, checked inside the erasure's transaction);
    /// refused with nothing written for an unknown or already anonymised candidate.
    /// </summary>
    public async Task EraseAsync(Guid candidateId, CancellationToken cancellationToken = default)
    {
        var actor = await actors.RequireSecretariatAsync(ErasureAction, cancellationToken);
        IReadOnlyList<string> files;
        IReadOnlyList<string> references;
        await using (var check = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            references = References(await RequireIdentifiedAsync(check, candidateId, cancellationToken));
        }

        try
        {

            // Checked inside the erasure's transaction: a session opened meanwhile keeps the candidate.
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            files = await CandidateErasure.AnonymiseAsync(db, audit, paths, actor, candidateId, clock.GetUtcNow(),
                "demande d'effacement de la personne (droit à l'effacement), traitée par le secrétariat.",
                candidate => ThrowIfRetainedAsync(db, candidate, cancellationToken), cancellationToken);
        }
        catch (ErasureRetainedException ex)
        {
            // Journaled once the erasure's transaction is over (SQLite: one writer at a time).
            await audit.RecordRefusalAsync(actor, ErasureAction, null, null, $"Dossier(s) {string.Join(", ", references)} : {ex.Message}");
            throw;
        }

        foreach (var path in files)
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException ex)
            {
                logger.LogError(ex, "Erasure: could not delete {File}", path);
            }
        }
    }

    private string ExportsFolder => Path.Combine(paths.Root, "exports");

    private async Task ThrowIfRetainedAsync(CqpJuryDbContext db, Candidate candidate, CancellationToken cancellationToken)
    {
        var retentions = await RetentionsAsync(db, candidate, cancellationToken);
        if (retentions.Count > 0)
        {
            throw new ErasureRetainedException(ErasureRetention.RefusalMessage(retentions));
        }
    }

    /// <summary>R16, R4.1: what keeps the candidate's identity today (<see cref="ErasureRetention"/>), from their dossiers' hearings and earlier validations.</summary>
    private async Task<IReadOnlyList<Finding>> RetentionsAsync(CqpJuryDbContext db, Candidate candidate, CancellationToken cancellationToken)
    {
        var dossierIds = candidate.Dossiers.Select(d => d.Id).ToList();
        var references = candidate.Dossiers.ToDictionary(d => d.Id, d => d.Reference);
        var hearings = await DossierHearings.LoadAsync(db, dossierIds, cancellationToken);
        var earlier = await db.Set<EarlierValidationEntity>().AsNoTracking().Where(v => dossierIds.Contains(v.DossierId)).ToListAsync(cancellationToken);
        var pending = new List<PendingHearing>();
        var decisions = new List<RecordedDecision>();
        foreach (var dossierId in dossierIds)
        {
            foreach (var hearing in hearings[dossierId])
            {
                if (hearing.Status != SessionStatus.Closed)
                {
                    pending.Add(new PendingHearing(references[dossierId], hearing.Title, hearing.Date));
                }
                else if (hearing is { Outcome: HearingOutcome.DecisionSigned, Decision: { } outcome })
                {
                    decisions.Add(new RecordedDecision(references[dossierId], hearing.Date, outcome));
                }
            }
        }

        return ErasureRetention.Retentions(pending, decisions,
            earlier.Select(v => new RecordedEarlierValidation(references[v.DossierId], v.CompetenceCode, v.ValidatedOn)), FrenchTime.Today(clock));
    }

    private static async Task<Candidate> RequireIdentifiedAsync(CqpJuryDbContext db, Guid candidateId, CancellationToken cancellationToken)
    {
        var candidate = await db.Candidates.AsNoTracking().Include(c => c.Dossiers).FirstOrDefaultAsync(c => c.Id == candidateId, cancellationToken)
            ?? throw new UserFacingException(UnknownCandidate);
        if (candidate.AnonymisedAt is { } at)
        {
            throw new UserFacingException($"Ce candidat a déjà été anonymisé le {FrenchTime.Format(at, "dd/MM/yyyy 'à' HH:mm")} : CqpJury ne détient plus son identité ; rien n'a été fait.");
        }

        return candidate;
    }

    private static List<string> References(Candidate candidate) => candidate.Dossiers.Select(d => d.Reference).Order(StringComparer.Ordinal).ToList();

    /// <summary>Adds a stored file to the zip, checking it against the fingerprint recorded when it was stored.</summary>
    private async Task<ExportedFile> AddFileAsync(ZipArchive zip, string entryName, string path, string expectedSha256, CancellationToken cancellationToken)
    {
        FileStream source;
        try
        {
            source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            logger.LogError("Export: a stored file is missing ({Path})", path);
            return new ExportedFile(null, "fichier introuvable sur le serveur : il n'a pas pu être joint");
        }

        await using (source)
        {
            var entry = zip.CreateEntry(entryName, CompressionLevel.Fastest);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using var target = await entry.OpenAsync(cancellationToken);
            var buffer = new byte[81920];
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            var actual = Convert.ToHexStringLower(hash.GetHashAndReset());
            if (!string.Equals(actual, expectedSha256, StringComparison.OrdinalIgnoreCase))
            {
                logger.LogError("Export: {Path} no longer matches its recorded SHA-256", path);
                return new ExportedFile(entryName, $"le fichier joint ne correspond plus à celui qui a été enregistré (empreinte SHA-256 actuelle {actual})");
            }

            return new ExportedFile(entryName, null);
        }
    }
}

/// <summary>An erasure refused because a retention applies (the message names each one).</summary>
public sealed class ErasureRetainedException : UserFacingException
{
    public ErasureRetainedException()
    {
    }

    public ErasureRetainedException(string message)
        : base(message)
    {
    }

    public ErasureRetainedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>A file put in an export: its entry in the zip (null when it could not be joined) and, when something is wrong, why (French).</summary>
internal sealed record ExportedFile(string? EntryName, string? Remark);
