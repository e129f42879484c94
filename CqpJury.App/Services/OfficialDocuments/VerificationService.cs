using System.Security.Cryptography;
using CqpJury.App.Data;
using CqpJury.App.OfficialDocuments.Signing;
using Microsoft.EntityFrameworkCore;

namespace CqpJury.App.Services.OfficialDocuments;

/// <summary>
/// The public verification of an official document from its code (printed and in the QR code):
/// is the code known, does the recorded decision still state what the document states (content
/// hash), is an uploaded file byte for byte the document issued (file hash), and does its own electronic
/// signature hold (<see cref="PdfSignatureInspector"/>; signed by a certificate the organisation signed with, the
/// one in use or an earlier one). Anonymous by design: whoever holds the document (the candidate, an employer) can check it.
/// </summary>
public sealed class VerificationService(
    IDbContextFactory<CqpJuryDbContext> dbFactory,
    ReferentialCatalog catalog,
    Security.AttemptLimiter limiter,
    Security.ClientAddress client)
{
    public const long MaxFileBytes = 10 * 1024 * 1024;

    public async Task<VerificationResult> VerifyAsync(string? typedCode, CancellationToken cancellationToken = default)
    {
        var code = VerificationCode.Normalize(typedCode);
        if (code is null)
        {
            return new VerificationResult(VerificationStatus.Malformed,
                "Ce code de vérification n'est pas valide : il comporte 12 caractères, au format XXXX-XXXX-XXXX.");
        }

        // Codes cannot be guessed in bulk: a limit per client address (issue 23).
        try
        {
            limiter.Acquire(Security.LimitedAction.Verification, client.Value, null);
        }
        catch (Security.RateLimitedException ex)
        {
            return new VerificationResult(VerificationStatus.TooManyAttempts, ex.Message, code);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var document = await db.IssuedDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.VerificationCode == code, cancellationToken);
        if (document is null)
        {
            return new VerificationResult(VerificationStatus.Unknown,
                $"Aucun document n'a été émis avec le code {code}. Ce document n'est pas authentique, ou le code a été mal saisi.", code);
        }

        var plan = await SessionDocumentComposer.PlanAsync(db, catalog, document.SessionId, cancellationToken);
        var current = plan.FirstOrDefault(p => p.Kind == document.Kind && p.DossierId == document.DossierId);
        var unchanged = current is not null && current.ContentHash == document.ContentHash;
        return new VerificationResult(
            unchanged ? VerificationStatus.Valid : VerificationStatus.ContentChanged,
            unchanged
                ? "Ce code correspond à un document officiel émis par le jury, et la décision enregistrée est identique à celle du document."
                : "Ce code correspond à un document émis, mais la décision enregistrée ne correspond plus à son contenu : contactez le secrétariat de la CPEF.",
            code,
            document.Kind.ToFrench(),
            document.CandidateName,
            document.CertificateTitle,
            document.Statement,
            document.JuryDate,
            document.IssuedAt,
            document.SealCertificateSubject is { } subject ? SealedByText(subject) : null);
    }

    /// <summary>The signer's name; a test certificate's name already says it has no value, another one is told so.</summary>
    private static string SealedByText(string subject)
    {
        var name = SealCertificate.DisplayNameOf(subject);
        return SealCertificate.IsTestSubject(subject) && !SealCertificate.IsTestSubject(name) ? name + " (" + SealCertificate.TestMarker + ")" : name;
    }

    /// <summary>Compares an uploaded file with the document issued under <paramref name="typedCode"/>, byte for byte (SHA-256).</summary>
    public async Task<FileVerificationResult> VerifyFileAsync(string? typedCode, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var code = VerificationCode.Normalize(typedCode);
        if (code is null)
        {
            return new FileVerificationResult(false, "Ce code de vérification n'est pas valide.");
        }

        try
        {
            limiter.Acquire(Security.LimitedAction.VerificationUpload, client.Value, null);
        }
        catch (Security.RateLimitedException ex)
        {
            return new FileVerificationResult(false, ex.Message);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var document = await db.IssuedDocuments.AsNoTracking().Where(d => d.VerificationCode == code)
            .Select(d => new { d.FileSha256, d.SealCertificateSha256 }).FirstOrDefaultAsync(cancellationToken);
        if (document is null)
        {
            return new FileVerificationResult(false, $"Aucun document n'a été émis avec le code {code}.");
        }

        using var limited = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (limited.Length + read > MaxFileBytes)
            {
                return new FileVerificationResult(false, "Ce fichier est trop volumineux pour être un document du jury (10 Mo au plus).");
            }

            limited.Write(buffer, 0, read);
        }

        var bytes = limited.ToArray();
        var (signature, signatureMessage) = await CheckSignatureAsync(db, bytes, document.SealCertificateSha256, cancellationToken);
        var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
        return actual == document.FileSha256
            ? new FileVerificationResult(true, "Le fichier est identique, octet pour octet, au document émis : il n'a pas été modifié.", signature, signatureMessage)
            : new FileVerificationResult(false, "Le fichier ne correspond pas au document émis sous ce code : il a été modifié, ou ce n'est pas le bon fichier.", signature, signatureMessage);
    }

    /// <summary>
    /// The file's own signature, as any PDF reader would check it, and whose it is: a certificate the organisation
    /// signed documents with (recorded at each issuing: the one in use, or an earlier one after a renewal).
    /// </summary>
    private static async Task<(FileSignatureStatus, string)> CheckSignatureAsync(CqpJuryDbContext db, byte[] file, string? issuedWith, CancellationToken cancellationToken)
    {
        var report = PdfSignatureInspector.Inspect(file);
        switch (report.State)
        {
            case PdfSignatureState.NotSigned:
                return (FileSignatureStatus.NotSigned, issuedWith is null
                    ? "Ce document a été émis avant la signature électronique des documents officiels : il n'en porte pas, la comparaison octet pour octet fait foi."
                    : "Ce fichier ne porte pas de signature électronique, alors que le document émis sous ce code est signé : ce n'est pas le document original.");
            case PdfSignatureState.Altered:
                return (FileSignatureStatus.Altered, "La signature électronique du fichier n'est plus valide : le fichier a été modifié après sa signature.");
        }

        var signer = report.SignerThumbprint;
        var known = signer is not null && await db.IssuedDocuments.AnyAsync(d => d.SealCertificateSha256 == signer, cancellationToken);
        if (!known)
        {
            return (FileSignatureStatus.UnknownSigner,
                "Le fichier porte une signature électronique valide, mais elle n'a pas été faite avec un certificat de l'organisme : ce n'est pas un document émis par le jury.");
        }

        var inUse = await db.IssuedDocuments.AsNoTracking().OrderByDescending(d => d.IssuedAt)
            .Where(d => d.SealCertificateSha256 != null).Select(d => d.SealCertificateSha256).FirstAsync(cancellationToken);
        var name = SealedByText(report.SignerSubject ?? signer!);
        return (FileSignatureStatus.Valid, inUse == signer
            ? $"La signature électronique du fichier est valide : il a été signé avec le certificat de l'organisme « {name} » et n'a pas été modifié depuis."
            : $"La signature électronique du fichier est valide : il a été signé avec un certificat antérieur de l'organisme, « {name} », remplacé depuis, et n'a pas été modifié depuis.");
    }
}
