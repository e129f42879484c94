using System.IO.Compression;
using System.Security.Cryptography;
using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using CqpJury.App.OfficialDocuments;
using CqpJury.App.OfficialDocuments.Pdf;
using CqpJury.App.OfficialDocuments.Signing;
using CqpJury.App.Services.Audit;
using CqpJury.App.Services.Security;
using Microsoft.EntityFrameworkCore;

namespace CqpJury.App.Services.OfficialDocuments;

/// <summary>
/// Issues a closed session's official documents (decision sheets R14, certificates R15, partial
/// attestations R4.1, minutes, attendance sheet), stores them once under <c>data/issued</c> and
/// serves them as issued (same bytes). Each is signed with the organisation's certificate when issued
/// (<see cref="SealCertificates"/>); without a usable certificate nothing is issued. Regenerating never changes a
/// document already issued (nor signs again one issued before signing existed): only the missing ones are produced.
/// Open to the session's president and the secretariat.
/// </summary>
public sealed class OfficialDocumentService(
    IDbContextFactory<CqpJuryDbContext> dbFactory,
    ActorResolver actors,
    AuditLog audit,
    ReferentialCatalog catalog,
    DataPaths paths,
    SealCertificates seals,
    VerificationAddress addresses,
    TimeProvider clock,
    ILogger<OfficialDocumentService> logger)
{
    private string IssuedFolder => Path.Combine(paths.Root, "issued");

    /// <summary>The documents issued for a session.</summary>
    public async Task<IReadOnlyList<IssuedDocumentView>> ListAsync(Guid sessionId, CancellationToken cancellationToken = default)
    {
        await RequireAllowedAsync(sessionId, "Consulter les documents officiels", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var documents = await db.IssuedDocuments.AsNoTracking().Where(d => d.SessionId == sessionId).ToListAsync(cancellationToken);
        return documents
            .OrderBy(d => d.Kind is IssuedDocumentKind.SessionMinutes or IssuedDocumentKind.AttendanceSheet ? 0 : 1)
            .ThenBy(d => d.CandidateName, StringComparer.CurrentCulture).ThenBy(d => d.Kind)
            .Select(d => new IssuedDocumentView(d.Id, d.Kind, d.Title, d.CandidateName, d.VerificationCode, d.IssuedAt, d.SizeBytes))
            .ToList();
    }

    /// <summary>
    /// The verification address documents issued from <paramref name="requestBase"/> would print, and what the room says
    /// of it before issuing (the request's address standing in for <c>App:PublicBaseUrl</c>, or the refusal).
    /// </summary>
    public PrintedAddress AddressFor(string requestBase) => addresses.For(requestBase);

    /// <summary>How many documents the session will have once issued, and how many exist.</summary>
    public async Task<(int Issued, int Total)> CountAsync(Guid sessionId, CancellationToken cancellationToken = default)
    {
        await RequireAllowedAsync(sessionId, "Consulter les documents officiels", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var plan = await SessionDocumentComposer.PlanAsync(db, catalog, sessionId, cancellationToken);
        var issued = await db.IssuedDocuments.CountAsync(d => d.SessionId == sessionId, cancellationToken);
        return (issued, plan.Count);
    }

    /// <summary>
    /// Issues every document of a closed session not yet issued, off the caller's thread, reporting
    /// progress. Each document is stored and committed on its own: an interruption loses nothing
    /// already issued, and running it again completes the set.
    /// </summary>
    public async Task<int> IssueAsync(Guid sessionId, string baseUri, IProgress<IssueProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var actor = await RequireAllowedAsync(sessionId, "Générer les documents officiels", cancellationToken);
        await using (var check = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var status = await check.Sessions.Where(s => s.Id == sessionId).Select(s => (SessionStatus?)s.Status).FirstOrDefaultAsync(cancellationToken)
                ?? throw new UserFacingException("Cette session n'existe pas.");
            if (status != SessionStatus.Closed)
            {
                throw new UserFacingException("Les documents officiels sont produits une fois la session clôturée par le président.");
            }
        }

        var address = addresses.For(baseUri);
        // One issuing at a time per session (this instance); the unique indexes guard the rest.
        var gate = IssuingGates.GetOrAdd(sessionId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await Task.Run(() => IssueMissingAsync(actor, sessionId, address, progress, cancellationToken), cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, SemaphoreSlim> IssuingGates = new();

    /// <summary>
    /// For the mail sender (issue 20), acting for nobody: issues what is still missing of a closed
    /// session's documents, so that a decision can be sent with the documents as issued. No-op when all are issued.
    /// <paramref name="verifyBase"/> stands in for <c>App:PublicBaseUrl</c> where the settings allow (refused in Production without it).
    /// </summary>
    internal async Task<int> IssueForDeliveryAsync(Guid sessionId, string verifyBase, CancellationToken cancellationToken)
    {
        var gate = IssuingGates.GetOrAdd(sessionId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await IssueMissingAsync(DeliveryActor, sessionId, addresses.For(verifyBase), null, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Who issues documents for the mail sender, as journaled.</summary>
    private static readonly Actor DeliveryActor = new(string.Empty, "système (envoi des décisions)", false, null);

    private async Task<int> IssueMissingAsync(Actor actor, Guid sessionId, PrintedAddress address, IProgress<IssueProgress>? progress, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var plan = await SessionDocumentComposer.PlanAsync(db, catalog, sessionId, cancellationToken);
        var existing = await db.IssuedDocuments.AsNoTracking().Where(d => d.SessionId == sessionId)
            .Select(d => new { d.Kind, d.DossierId }).ToListAsync(cancellationToken);
        var missing = plan.Where(p => !existing.Any(e => e.Kind == p.Kind && e.DossierId == p.DossierId)).ToList();
        if (missing.Count == 0)
        {
            return 0;
        }

        // The address and the certificate are checked before anything is rendered: refused (French, naming the
        // setting) → nothing issued.
        var verifyBase = address.Base ?? throw new UserFacingException(address.Refusal!);
        var seal = seals.SealFor(clock.GetUtcNow());
        Directory.CreateDirectory(IssuedFolder);
        // Codes first, then every PDF rendered in parallel on all cores, then stored one by one.
        var stamps = new List<VerificationStamp>();
        foreach (var _ in missing)
        {
            var code = VerificationCode.New();
            while (stamps.Any(s => s.Code == code) || await db.IssuedDocuments.AnyAsync(d => d.VerificationCode == code, cancellationToken))
            {
                code = VerificationCode.New();
            }

            stamps.Add(VerificationStamp.For(code, verifyBase));
        }

        var total = missing.Count;
        progress?.Report(new IssueProgress(0, total, null));
        var files = DocumentBatch.Render(
            missing.Select((planned, i) => (Func<byte[]>)(() => planned.Render(stamps[i], seal))).ToList(),
            cancellationToken);
        var issued = 0;
        for (var i = 0; i < missing.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await StoreAsync(db, actor, sessionId, missing[i], stamps[i], seal, files[i], cancellationToken))
            {
                issued++;
            }

            progress?.Report(new IssueProgress(i + 1, total, missing[i].Title));
        }

        return issued;
    }

    private async Task<bool> StoreAsync(CqpJuryDbContext db, Actor actor, Guid sessionId, PlannedDocument planned, VerificationStamp stamp, DocumentSeal seal, byte[] bytes, CancellationToken cancellationToken)
    {
        var code = stamp.Code;
        var stored = $"{Guid.NewGuid():N}.pdf";
        var path = Path.Combine(IssuedFolder, stored);
        await File.WriteAllBytesAsync(path, bytes, cancellationToken);
        var document = new IssuedDocument
        {
            Id = Guid.NewGuid(),
            Kind = planned.Kind,
            SessionId = sessionId,
            DossierId = planned.DossierId,
            VerificationCode = code,
            Title = planned.Title,
            CandidateName = planned.CandidateName,
            CertificateTitle = planned.CertificateTitle,
            Statement = planned.Statement,
            JuryDate = planned.JuryDate,
            ContentHash = planned.ContentHash,
            FileSha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            StoredFileName = stored,
            SizeBytes = bytes.Length,
            IssuedAt = seal.SignedAt,
            IssuedBy = actor.DisplayName,
            SealCertificateSha256 = seal.Certificate.Thumbprint,
            SealCertificateSubject = seal.Certificate.Subject,
        };
        db.IssuedDocuments.Add(document);
        audit.Add(db, actor, "Document officiel émis", sessionId, planned.DossierId, $"{planned.Kind.ToFrench()} – {code}");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Issued at the same moment by someone else (unique per session, kind and dossier): theirs stands.
            File.Delete(path);
            db.ChangeTracker.Clear();
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("A document of session {SessionId} was already issued concurrently", sessionId);
            }

            return false;
        }
    }

    /// <summary>An issued document's bytes, exactly as issued.</summary>
    public async Task<(byte[] Content, string FileName)> OpenAsync(Guid documentId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var document = await db.IssuedDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId, cancellationToken)
            ?? throw new UserFacingException("Ce document n'existe pas.");
        await RequireAllowedAsync(document.SessionId, "Télécharger un document officiel", cancellationToken);
        var bytes = await File.ReadAllBytesAsync(Path.Combine(IssuedFolder, document.StoredFileName), cancellationToken);
        return (bytes, FileName(document));
    }

    /// <summary>Every issued document of the session in one zip, as issued.</summary>
    public async Task<(byte[] Content, string FileName)> ZipAsync(Guid sessionId, CancellationToken cancellationToken = default)
    {
        await RequireAllowedAsync(sessionId, "Télécharger les documents de la session", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var session = await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken)
            ?? throw new UserFacingException("Cette session n'existe pas.");
        var documents = await db.IssuedDocuments.AsNoTracking().Where(d => d.SessionId == sessionId).ToListAsync(cancellationToken);
        if (documents.Count == 0)
        {
            throw new UserFacingException("Aucun document officiel n'a encore été émis pour cette session.");
        }

        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var document in documents.OrderBy(d => d.Kind).ThenBy(d => d.CandidateName, StringComparer.CurrentCulture))
            {
                var name = FileName(document);
                for (var i = 2; !names.Add(name); i++)
                {
                    name = Path.GetFileNameWithoutExtension(FileName(document)) + $"-{i}.pdf";
                }

                var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
                await using var target = await entry.OpenAsync(cancellationToken);
                await target.WriteAsync(await File.ReadAllBytesAsync(Path.Combine(IssuedFolder, document.StoredFileName), cancellationToken), cancellationToken);
            }
        }

        return (buffer.ToArray(), $"documents-jury-{session.Date:yyyy-MM-dd}.zip");
    }

    internal static string FileName(IssuedDocument document)
    {
        var who = document.CandidateName is null ? string.Empty : "-" + Slug(document.CandidateName);
        return $"{document.Kind.FileSlug()}{who}-{document.JuryDate:yyyy-MM-dd}.pdf";
    }

    private static string Slug(string text) =>
        new string(text.Normalize(System.Text.NormalizationForm.FormD)
            .Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : c == ' ' || c == '-' ? '-' : '\0')
            .Where(c => c != '\0').ToArray()).Trim('-');

    /// <summary>The secretariat, or the session's president (a jury member convened to it).</summary>
    private async Task<Actor> RequireAllowedAsync(Guid sessionId, string action, CancellationToken cancellationToken)
    {
        var actor = await actors.RequireAsync(action, cancellationToken);
        if (actor.IsSecretariat)
        {
            return actor;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var president = await db.Sessions.Where(s => s.Id == sessionId).Select(s => s.PresidentMemberId).FirstOrDefaultAsync(cancellationToken);
        if (actor.JuryMemberId is { } memberId && president == memberId)
        {
            return actor;
        }

        logger.LogWarning("Refused {Action} on session {SessionId} to user {UserId}", action, sessionId, actor.UserId);
        await audit.RecordRefusalAsync(actor, action, sessionId, null, "réservé au président de la session et au secrétariat");
        throw new AccessDeniedException("Les documents officiels de la session sont réservés à son président et au secrétariat.");
    }
}
