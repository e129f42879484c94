using System.Globalization;
using System.Security.Cryptography;
using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using CqpJury.App.Services.Audit;
using CqpJury.App.Services.Dossiers;
using CqpJury.App.Services.Security;
using CqpJury.Domain.Dossiers;
using Microsoft.EntityFrameworkCore;

namespace CqpJury.App.Services.UploadedDocuments;

/// <summary>
/// PDF documents of a dossier (Outil 1, Outil 2, Dossier VAE, others): checked by content, stored
/// outside wwwroot under a server-generated name, listed and opened only by users allowed to see
/// the dossier (R16, R10.2); added and deleted by the secretariat.
/// </summary>
public sealed class DocumentService(
    IDbContextFactory<CqpJuryDbContext> dbFactory,
    ActorResolver actors,
    DossierAccessService access,
    AuditLog audit,
    Privacy.AccessHistory history,
    DataPaths paths,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<DocumentService> logger)
{
    /// <summary>Default upload limit: 20 Mo.</summary>
    public const long DefaultMaxUploadBytes = 20L * 1024 * 1024;

    private const int MaxDisplayNameLength = 200;
    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();

    /// <summary>The upload limit in bytes (setting <c>Documents:MaxUploadBytes</c>).</summary>
    public long MaxUploadBytes
    {
        get
        {
            var raw = configuration["Documents:MaxUploadBytes"];
            return long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
                ? value
                : DefaultMaxUploadBytes;
        }
    }

    /// <summary>
    /// Adds a PDF to a dossier (secretariat). The content is read up to the limit + 1 byte (the
    /// declared length is never trusted) and must start with "%PDF-". Refused once the dossier is decided and signed or its session closed (still accepted while the jury sits: it sees it at its next reload). Returns the document's id.
    /// </summary>
    public async Task<Guid> UploadAsync(
        Guid dossierId, DocumentKind? kind, string? originalFileName, Stream? content, CancellationToken cancellationToken = default)
    {
        var actor = await actors.RequireSecretariatAsync("Ajouter un document", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var dossier = await db.Dossiers.AsNoTracking()
            .Where(d => d.Id == dossierId)
            .Select(d => new { d.Id, d.Reference })
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new UserFacingException("Ce dossier est introuvable : il a peut-être été supprimé.");
        var standing = DossierStanding.Of(await DossierHearings.OfAsync(db, dossierId, cancellationToken));
        if (!standing.AcceptsDocuments)
        {
            throw new UserFacingException(standing.Message);
        }

        var errors = new List<FieldError>();
        if (kind is not { } chosenKind || !Enum.IsDefined(chosenKind))
        {
            errors.Add(new FieldError(DocumentTexts.KindField, DocumentTexts.NoKind));
        }

        if (content is null)
        {
            errors.Add(new FieldError(DocumentTexts.FileField, DocumentTexts.NoFile));
            throw new InputValidationException(errors);
        }

        // Issue 26: what one dossier may hold is bounded (the dossier validator's limit).
        if (DossierValidator.DocumentCount(await db.Documents.CountAsync(d => d.DossierId == dossierId, cancellationToken), DocumentTexts.FileField) is { } tooMany)
        {
            errors.Add(tooMany);
            throw new InputValidationException(errors);
        }

        var max = MaxUploadBytes;
        Directory.CreateDirectory(paths.Documents);
        var tempPath = Path.Combine(paths.Documents, $"{Guid.NewGuid():N}.upload.tmp");
        var storedName = $"{Guid.NewGuid():N}.pdf";
        var finalPath = Path.Combine(paths.Documents, storedName);
        try
        {
            var received = await CopyToTempFileAsync(content, tempPath, max, cancellationToken);
            if (received.TooLarge)
            {
                errors.Add(new FieldError(DocumentTexts.FileField, DocumentTexts.TooLarge(max)));
            }
            else if (received.Length == 0)
            {
                errors.Add(new FieldError(DocumentTexts.FileField, DocumentTexts.Empty));
            }
            else if (!received.StartsWithPdfMagic)
            {
                errors.Add(new FieldError(DocumentTexts.FileField, DocumentTexts.NotPdf));
            }

            if (errors.Count > 0)
            {
                throw new InputValidationException(errors);
            }

            File.Move(tempPath, finalPath);
            var displayName = SanitizeFileName(originalFileName);
            var document = new DossierDocument
            {
                Id = Guid.NewGuid(),
                DossierId = dossier.Id,
                Kind = kind!.Value,
                OriginalFileName = displayName,
                StoredFileName = storedName,
                SizeBytes = received.Length,
                Sha256 = received.Sha256,
                UploadedAt = clock.GetUtcNow(),
                UploadedBy = actor.DisplayName,
            };
            db.Documents.Add(document);
            audit.Add(db, actor, "Ajout d'un document", null, dossier.Id,
                $"{dossier.Reference} : {document.Kind.ToFrench()} « {displayName} » ({DocumentTexts.Size(received.Length)}, SHA-256 {received.Sha256})");
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch
            {
                TryDelete(finalPath);
                throw;
            }

            return document.Id;
        }
        finally
        {
            TryDelete(tempPath);
        }
    }

    /// <summary>The dossier's documents, for a user allowed to see the dossier.</summary>
    public async Task<DossierDocumentList> ListAsync(Guid dossierId, CancellationToken cancellationToken = default)
    {
        var actor = await access.RequireCanSeeAsync(dossierId, "Consulter les documents du dossier", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Documents.AsNoTracking()
            .Where(d => d.DossierId == dossierId)
            .Select(d => new DocumentSummary(d.Id, d.Kind, d.OriginalFileName, d.SizeBytes, d.UploadedAt, d.UploadedBy))
            .ToListAsync(cancellationToken);
        var ordered = rows
            .OrderBy(d => d.Kind)
            .ThenBy(d => d.UploadedAt)
            .ThenBy(d => d.OriginalFileName, StringComparer.Ordinal)
            .ToList();
        // Adding and deleting are offered only while they can succeed.
        var standing = DossierStanding.Of(await DossierHearings.OfAsync(db, dossierId, cancellationToken));
        return new DossierDocumentList(ordered, actor.IsSecretariat && standing.AcceptsDocuments, actor.IsSecretariat && !standing.IsLocked, MaxUploadBytes);
    }

    /// <summary>
    /// Deletes a document (secretariat): refused while its dossier is read-only (on an open session's
    /// agenda, or decided and signed: the jury relied on it). The row goes first, then the file.
    /// </summary>
    public async Task DeleteAsync(Guid documentId, CancellationToken cancellationToken = default)
    {
        var actor = await actors.RequireSecretariatAsync("Supprimer un document", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var document = await db.Documents.FirstOrDefaultAsync(d => d.Id == documentId, cancellationToken)
            ?? throw new DocumentNotFoundException();
        await DossierService.EnsureEditableAsync(db, document.DossierId, cancellationToken);

        var reference = await db.Dossiers.Where(d => d.Id == document.DossierId).Select(d => d.Reference).FirstAsync(cancellationToken);
        db.Documents.Remove(document);
        audit.Add(db, actor, "Suppression d'un document", null, document.DossierId,
            $"{reference} : {document.Kind.ToFrench()} « {document.OriginalFileName} » (SHA-256 {document.Sha256})");
        await db.SaveChangesAsync(cancellationToken);
        TryDelete(StoredPath(document.StoredFileName));
    }

    /// <summary>Opens a document's file for a user allowed to see its dossier; the caller disposes the stream.</summary>
    public async Task<OpenedDocument> OpenAsync(Guid documentId, CancellationToken cancellationToken = default)
    {
        DossierDocument? document;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            document = await db.Documents.AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId, cancellationToken);
        }

        if (document is null)
        {
            // Authenticate first: an expired account learns nothing about which ids exist.
            await actors.RequireAsync("Consulter un document", cancellationToken);
            throw new DocumentNotFoundException();
        }

        var actor = await access.RequireCanSeeAsync(document.DossierId, "Consulter un document", cancellationToken);
        var path = StoredPath(document.StoredFileName);
        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
            // R16: each document served is in the dossier's access history.
            await history.RecordAsync(actor, Privacy.AccessPlaces.UploadedDocument, document.DossierId, null, document.Id,
                $"{document.Kind.ToFrench()} « {document.OriginalFileName} »", cancellationToken: cancellationToken);
            return new OpenedDocument(stream, document.OriginalFileName, stream.Length);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            logger.LogError("Document {DocumentId} has a row but no file ({StoredFileName})", document.Id, document.StoredFileName);
            throw new DocumentNotFoundException("Le fichier de ce document est introuvable sur le serveur : prévenez le secrétariat.");
        }
    }

    /// <summary>The display name kept for a user's file: its name part only, no control characters, at most 200 characters.</summary>
    public static string SanitizeFileName(string? originalFileName)
    {
        var name = (originalFileName ?? string.Empty).Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        name = new string(name.Where(c => !char.IsControl(c) && c is not ('"' or '<' or '>' or '|' or ':' or '*' or '?')).ToArray()).Trim().Trim('.').Trim();
        if (name.Length == 0)
        {
            return "document.pdf";
        }

        if (name.Length > MaxDisplayNameLength)
        {
            var extension = Path.GetExtension(name);
            if (extension.Length is 0 or > 10)
            {
                extension = string.Empty;
            }

            name = name[..(MaxDisplayNameLength - extension.Length)].TrimEnd() + extension;
        }

        return name;
    }

    private string StoredPath(string storedFileName)
    {
        // Stored names are server-generated; still, never let one leave the documents folder.
        var fileName = Path.GetFileName(storedFileName);
        if (fileName.Length == 0 || fileName != storedFileName)
        {
            throw new DocumentNotFoundException();
        }

        return Path.Combine(paths.Documents, fileName);
    }

    private static async Task<ReceivedFile> CopyToTempFileAsync(Stream content, string tempPath, long max, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var header = new byte[PdfMagic.Length];
        var headerLength = 0;
        long total = 0;
        var buffer = new byte[81920];
        await using (var file = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
        {
            while (total <= max)
            {
                var wanted = (int)Math.Min(buffer.Length, max + 1 - total);
                var read = await content.ReadAsync(buffer.AsMemory(0, wanted), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                total += read;
                if (total > max)
                {
                    return new ReceivedFile(total, string.Empty, false, TooLarge: true);
                }

                if (headerLength < header.Length)
                {
                    var take = Math.Min(header.Length - headerLength, read);
                    buffer.AsSpan(0, take).CopyTo(header.AsSpan(headerLength));
                    headerLength += take;
                }

                hash.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }

        var isPdf = headerLength == PdfMagic.Length && header.AsSpan().SequenceEqual(PdfMagic);
        return new ReceivedFile(total, Convert.ToHexStringLower(hash.GetHashAndReset()), isPdf, TooLarge: false);
    }

    private void TryDelete(string path)
    {
        try
        {
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(ex, "Could not delete {Path}", path);
        }
    }

    private sealed record ReceivedFile(long Length, string Sha256, bool StartsWithPdfMagic, bool TooLarge);
}
