using System.IO.Compression;
using System.Security.Cryptography;
using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using CqpJury.App.OfficialDocuments;
using CqpJury.App.OfficialDocuments.Pdf;
using CqpJury.App.OfficialDocuments.Signing;
using CqpJury.App.Services.Audit;
using CqpJury.App.Services.Security;
using CqpJury.Domain.Common;
using CqpJury.Domain.Juries;
using Microsoft.EntityFrameworkCore;

namespace CqpJury.App.Services.OfficialDocuments;

/// <summary>
/// Issues a closed session's official documents (decision sheets R14, certificates R15, partial
/// attestations R4.1, minutes, attendance sheet), stores them once under <c>data/issued</c> and
/// serves them as issued (same bytes). Each is signed with the organisation's certificate when issued
/// (<see cref="SealCertificates"/>); without a usable certificate nothing is issued. Regenerating never changes a
/// document already issued (nor signs again one issued before signing existed): only the missing ones are produced.
/// Open to the secretariat, and to a member for what they may see (<see cref="RequireAccessAsync"/>): never a
/// dossier they did not deliberate (R10.2, R16).
/// </summary>
public sealed class OfficialDocumentService(
    IDbContextFactory<CqpJuryDbContext> dbFactory,
    ActorResolver actors,
    AuditLog audit,
    Privacy.AccessHistory history,
    ReferentialCatalog catalog,
    DataPaths paths,
    SealCertificates seals,
    VerificationAddress addresses,
    TimeProvider clock,
    ILogger<OfficialDocumentService> logger)
{
    private string IssuedFolder => Path.Combine(paths.Root, "issued");

    /// <summary>The documents issued for a session.</summary>
    /// <summary>The documents issued for a session that the acting user may see (a member: only the dossiers they chaired, R10.2, R17).</summary>
    public async Task<IReadOnlyList<IssuedDocumentView>> ListAsync(Guid sessionId, CancellationToken cancellationToken = default)
    {
        var (_, access) = await RequireAccessAsync(sessionId, "Consulter les documents officiels", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var documents = await db.IssuedDocuments.AsNoTracking().Where(d => d.SessionId == sessionId).ToListAsync(cancellationToken);
        return documents
            .Where(d => access.Allows(d.DossierId))
            .OrderBy(d => d.Kind is IssuedDocumentKind.SessionMinutes or IssuedDocumentKind.AttendanceSheet ? 0 : 1)
            .ThenBy(d => d.CandidateName, FrenchOrder).ThenBy(d => d.Kind)
            .Select(d => new IssuedDocumentView(d.Id, d.Kind, d.Title, d.CandidateName, d.VerificationCode, d.IssuedAt, d.SizeBytes,
                d.DossierId is { } dossierId ? access.ChairName(dossierId) : null))
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
        var (_, access) = await RequireAccessAsync(sessionId, "Consulter les documents officiels", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var plan = await SessionDocumentComposer.PlanAsync(db, catalog, sessionId, cancellationToken);
        var issued = await db.IssuedDocuments.Where(d => d.SessionId == sessionId).Select(d => d.DossierId).ToListAsync(cancellationToken);
        return (issued.Count(access.Allows), plan.Count(p => access.Allows(p.DossierId)));
    }

    /// <summary>
    /// Issues every document of a closed session not yet issued, off the caller's thread, reporting
    /// progress. Each document is stored and committed on its own: an interruption loses nothing
    /// already issued, and running it again completes the set.
    /// </summary>
    public async Task<int> IssueAsync(Guid sessionId, string baseUri, IProgress<IssueProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var (actor, access) = await RequireAccessAsync(sessionId, "Générer les documents officiels", cancellationToken);
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
            return await Task.Run(() => IssueMissingAsync(actor, access, sessionId, address, progress, cancellationToken), cancellationToken);
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
            return await IssueMissingAsync(DeliveryActor, DocumentAccess.Everything, sessionId, addresses.For(verifyBase), null, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Who issues documents for the mail sender, as journaled.</summary>
    private static readonly Actor DeliveryActor = new(string.Empty, "système (envoi des décisions)", false, null);

    /// <summary>
    /// Issues every missing document of the session (whoever issues, the set is the same); the
    /// progress names only the documents the issuer may see (R10.2).
    /// </summary>
    private async Task<int> IssueMissingAsync(Actor actor, DocumentAccess access, Guid sessionId, PrintedAddress address, IProgress<IssueProgress>? progress, CancellationToken cancellationToken)
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

            progress?.Report(new IssueProgress(i + 1, total, access.Allows(missing[i].DossierId) ? missing[i].Title : null));
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
        var document = await db.IssuedDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId, cancellationToken);
        if (document is null)
        {
            // Authenticate first: an expired account learns nothing about which ids exist.
            await actors.RequireAsync("Télécharger un document officiel", cancellationToken);
            throw new UserFacingException("Ce document n'existe pas.");
        }

        const string action = "Télécharger un document officiel";
        var (actor, access) = await RequireAccessAsync(document.SessionId, action, cancellationToken);
        if (!access.Allows(document.DossierId))
        {
            await RefuseAsync(actor, action, document.SessionId, document.DossierId, NotYourDossier);
        }

        var bytes = await ReadIssuedAsync(document, cancellationToken);
        await history.RecordAsync(actor, Privacy.AccessPlaces.OfficialDocument, document.DossierId, document.SessionId, document.Id, document.Title,
            cancellationToken: cancellationToken); // R16
        return (bytes, FileName(document));
    }

    /// <summary>
    /// Every issued document of the session the acting user may see, in one zip, as issued. The zip
    /// is the same bytes at every download: entries in a fixed order, each dated by its issuance
    /// (Paris time), never by the download.
    /// </summary>
    public async Task<(byte[] Content, string FileName)> ZipAsync(Guid sessionId, CancellationToken cancellationToken = default)
    {
        var (actor, access) = await RequireAccessAsync(sessionId, "Télécharger les documents de la session", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var session = await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken)
            ?? throw new UserFacingException("Cette session n'existe pas.");
        var documents = (await db.IssuedDocuments.AsNoTracking().Where(d => d.SessionId == sessionId).ToListAsync(cancellationToken))
            .Where(d => access.Allows(d.DossierId))
            .OrderBy(d => d.Kind).ThenBy(d => d.CandidateName, FrenchOrder).ThenBy(d => d.VerificationCode, StringComparer.Ordinal)
            .ToList();
        if (documents.Count == 0)
        {
            throw new UserFacingException("Aucun document officiel n'a encore été émis pour cette session.");
        }

        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var document in documents)
            {
                var name = FileName(document);
                for (var i = 2; !names.Add(name); i++)
                {
                    name = Path.GetFileNameWithoutExtension(FileName(document)) + $"-{i}.pdf";
                }

                var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
                entry.LastWriteTime = FrenchTime.ToFrench(document.IssuedAt);
                var bytes = await ReadIssuedAsync(document, cancellationToken);
                await using var target = await entry.OpenAsync(cancellationToken);
                await target.WriteAsync(bytes, cancellationToken);
            }
        }

        // R16: each dossier's documents served in the zip are in its access history.
        await history.RecordAllAsync(actor, Privacy.AccessPlaces.OfficialDocument + " (archive de la session)",
            documents.Select(d => (d.DossierId, (Guid?)d.SessionId, (Guid?)d.Id, (string?)d.Title)), cancellationToken);
        return (buffer.ToArray(), $"documents-jury-{session.Date:yyyy-MM-dd}.zip");
    }

    /// <summary>An issued file's bytes, checked against the fingerprint recorded at issuance.</summary>
    private async Task<byte[]> ReadIssuedAsync(IssuedDocument document, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(Path.Combine(IssuedFolder, document.StoredFileName), cancellationToken);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            logger.LogError("Issued document {DocumentId} has a row but no file ({StoredFileName})", document.Id, document.StoredFileName);
            throw new UserFacingException("Le fichier de ce document officiel est introuvable sur le serveur : prévenez le secrétariat.");
        }

        if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(bytes)), document.FileSha256, StringComparison.Ordinal))
        {
            logger.LogError("Issued document {DocumentId} ({StoredFileName}) no longer matches its recorded SHA-256", document.Id, document.StoredFileName);
            throw new UserFacingException("Le fichier de ce document officiel ne correspond plus à celui qui a été émis : prévenez le secrétariat.");
        }

        return bytes;
    }

    internal static string FileName(IssuedDocument document)
    {
        var who = document.CandidateName is null ? string.Empty : "-" + Slug(document.CandidateName);
        return $"{document.Kind.FileSlug()}{who}-{document.JuryDate:yyyy-MM-dd}.pdf";
    }

    internal static string Slug(string text) =>
        new string(text.Normalize(System.Text.NormalizationForm.FormD)
            .Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : c == ' ' || c == '-' ? '-' : '\0')
            .Where(c => c != '\0').ToArray()).Trim('-');

    private const string NotYourDossier =
        "Ce document officiel concerne un dossier dont vous n'avez pas présidé la délibération : il ne vous est pas accessible.";

    /// <summary>Candidate names in French alphabetical order, the same on every machine.</summary>
    private static readonly StringComparer FrenchOrder = StringComparer.Create(FrenchFormat.Culture, ignoreCase: false);

    /// <summary>
    /// Who may see which of a session's official documents (R16, R10.2, R17): the secretariat, all;
    /// a convened member, the session-wide documents when they presided the session, and the
    /// documents of each dossier whose deliberation they chaired (DossierChair: the president, or
    /// the panel's expert when the president was excluded) — the member who communicates that
    /// decision to the candidate. Never a dossier they did not deliberate.
    /// </summary>
    private async Task<(Actor Actor, DocumentAccess Access)> RequireAccessAsync(Guid sessionId, string action, CancellationToken cancellationToken)
    {
        var actor = await actors.RequireAsync(action, cancellationToken);
        if (await AccessOfAsync(actor, sessionId, cancellationToken) is { } access)
        {
            return (actor, access);
        }

        await RefuseAsync(actor, action, sessionId, null,
            "Les documents officiels de la session sont réservés au secrétariat, à son président et, pour chaque dossier, au membre qui a présidé sa délibération.");
        throw new InvalidOperationException(); // unreachable
    }

    /// <summary>
    /// Does the acting user receive any of the session's official documents (the room shows its
    /// documents panel only then)? Asking is no attempt: nothing is journaled.
    /// </summary>
    public async Task<bool> MayAccessAsync(Guid sessionId, CancellationToken cancellationToken = default)
    {
        var actor = await actors.RequireAsync("Consulter les documents officiels", cancellationToken);
        return await AccessOfAsync(actor, sessionId, cancellationToken) is not null;
    }

    /// <summary>What <paramref name="actor"/> may see of the session's documents; null when nothing.</summary>
    private async Task<DocumentAccess?> AccessOfAsync(Actor actor, Guid sessionId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var session = await db.Sessions.AsNoTracking().Where(s => s.Id == sessionId)
            .Select(s => new { s.PresidentMemberId }).FirstOrDefaultAsync(cancellationToken)
            ?? throw new UserFacingException("Cette session n'existe pas.");
        var members = await (from sm in db.SessionMembers
                             join m in db.JuryMembers on sm.JuryMemberId equals m.Id
                             where sm.SessionId == sessionId
                             select m).AsNoTracking().ToListAsync(cancellationToken);
        var decided = await db.Deliberations.AsNoTracking()
            .Where(d => d.SessionId == sessionId && d.SignedAt != null)
            .Select(d => new { d.DossierId, d.PanelMemberIds }).ToListAsync(cancellationToken);
        var chairs = new Dictionary<Guid, JuryMemberEntity>();
        foreach (var record in decided)
        {
            var panelIds = new DeliberationRecord { PanelMemberIds = record.PanelMemberIds }.Panel;
            var panel = new Panel(members.Where(m => panelIds.Contains(m.Id)).Select(m => m.ToDomain()).ToList(), [], []);
            if (DossierChair.For(panel, session.PresidentMemberId) is { } chair)
            {
                chairs[record.DossierId] = members.First(m => m.Id == chair.Id);
            }
        }

        if (actor.IsSecretariat)
        {
            return new DocumentAccess(All: true, SessionWide: true, chairs.Keys.ToHashSet(), chairs);
        }

        if (actor.JuryMemberId is { } memberId && members.Any(m => m.Id == memberId))
        {
            var chaired = chairs.Where(c => c.Value.Id == memberId).Select(c => c.Key).ToHashSet();
            var presided = session.PresidentMemberId == memberId;
            if (presided || chaired.Count > 0)
            {
                return new DocumentAccess(All: false, presided, chaired, chairs);
            }
        }

        return null;
    }

    private async Task RefuseAsync(Actor actor, string action, Guid sessionId, Guid? dossierId, string reason)
    {
        logger.LogWarning("Refused {Action} on session {SessionId} (dossier {DossierId}) to user {UserId}", action, sessionId, dossierId, actor.UserId);
        await audit.RecordRefusalAsync(actor, action, sessionId, dossierId, reason);
        throw new AccessDeniedException(reason);
    }

    /// <summary>What one user may see of a session's official documents, and who communicates each dossier's decision (R17).</summary>
    private sealed record DocumentAccess(bool All, bool SessionWide, IReadOnlySet<Guid> Dossiers, IReadOnlyDictionary<Guid, JuryMemberEntity> Chairs)
    {
        /// <summary>A document of <paramref name="dossierId"/> (null: a session-wide document).</summary>
        public bool Allows(Guid? dossierId) => All || (dossierId is { } id ? Dossiers.Contains(id) : SessionWide);

        public string? ChairName(Guid dossierId) => Chairs.TryGetValue(dossierId, out var chair) ? chair.FullName : null;

        /// <summary>The mail sender's access (acting for nobody, it issues the whole session).</summary>
        public static DocumentAccess Everything { get; } = new(All: true, SessionWide: true, new HashSet<Guid>(), new Dictionary<Guid, JuryMemberEntity>());
    }
}
