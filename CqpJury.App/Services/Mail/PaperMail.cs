using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using CqpJury.App.OfficialDocuments.Pdf;
using CqpJury.App.Services.OfficialDocuments;
using CqpJury.App.Services.Security;
using CqpJury.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CqpJury.App.Services.Mail;

/// <summary>An awarded candidate whose certificate goes on paper (R15), and whether the letter can be posted.</summary>
public sealed record PaperLetter(Guid DossierId, string DossierReference, string CandidateName, bool HasPostalAddress);

/// <summary>
/// The paper side of R15 (« un tirage papier qui est envoyé au candidat »): the session's print file, for each
/// awarded candidate a cover letter addressed for a DL window envelope followed by the certificate as issued
/// (<see cref="PaperMailing"/>). Secretariat only; the session's documents are issued first when they are not yet.
/// </summary>
public sealed class PaperMail(
    IDbContextFactory<CqpJuryDbContext> dbFactory,
    ActorResolver actors,
    OfficialDocumentService documents,
    ReferentialCatalog catalog,
    PublicAddress publicAddress,
    DataPaths paths,
    IOptions<MailOptions> options,
    TimeProvider clock)
{
    /// <summary>The awarded candidates of <paramref name="sessionId"/> in agenda order (no access check: the caller's).</summary>
    internal static async Task<IReadOnlyList<PaperLetter>> LettersAsync(CqpJuryDbContext db, ReferentialCatalog catalog, Guid sessionId, CancellationToken cancellationToken)
    {
        var awarded = (await SessionDocumentComposer.PlanAsync(db, catalog, sessionId, cancellationToken))
            .Where(p => p.Kind == IssuedDocumentKind.Certificate && p.DossierId is not null)
            .Select(p => p.DossierId!.Value).ToList();
        var rows = await (from a in db.AgendaItems.AsNoTracking()
                          where a.SessionId == sessionId && awarded.Contains(a.DossierId)
                          join d in db.Dossiers on a.DossierId equals d.Id
                          orderby a.Position
                          select new { d.Id, d.Reference, d.Candidate!.FirstName, d.Candidate.LastName, d.Candidate.PostalAddress })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new PaperLetter(r.Id, r.Reference, $"{r.FirstName} {r.LastName}".Trim(), r.PostalAddress is { Line1.Length: > 0 })).ToList();
    }

    /// <summary>The print file of a closed session: letter then certificate for each awarded candidate.</summary>
    public async Task<(byte[] Content, string FileName)> PrintFileAsync(Guid sessionId, CancellationToken cancellationToken = default)
    {
        await actors.RequireSecretariatAsync("imprimer les courriers des certificats", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var session = await db.Sessions.AsNoTracking().Where(s => s.Id == sessionId).Select(s => new { s.Status, s.Date }).FirstOrDefaultAsync(cancellationToken)
            ?? throw new UserFacingException("Cette session n'existe pas.");
        if (session.Status != SessionStatus.Closed)
        {
            throw new UserFacingException("Les courriers des certificats s'impriment une fois la session clôturée.");
        }

        var letters = await LettersAsync(db, catalog, sessionId, cancellationToken);
        if (letters.Count == 0)
        {
            throw new UserFacingException("Aucun CQP n'a été délivré lors de cette session : il n'y a pas de certificat à envoyer.");
        }

        await documents.IssueForDeliveryAsync(sessionId, publicAddress.Base, cancellationToken);
        var ids = letters.Select(l => l.DossierId).ToList();
        var certificates = await db.IssuedDocuments.AsNoTracking()
            .Where(d => d.SessionId == sessionId && d.Kind == IssuedDocumentKind.Certificate && d.DossierId != null && ids.Contains(d.DossierId.Value))
            .ToListAsync(cancellationToken);
        var addresses = await db.Dossiers.Where(d => ids.Contains(d.Id)).Addresses().ToDictionaryAsync(a => a.DossierId, cancellationToken);
        var today = FrenchTime.Today(clock);
        var models = new List<CoverLetterModel>();
        foreach (var letter in letters)
        {
            var certificate = certificates.FirstOrDefault(c => c.DossierId == letter.DossierId)
                ?? throw new UserFacingException($"Le certificat du dossier {letter.DossierReference} n'a pas pu être émis.");
            var bytes = await File.ReadAllBytesAsync(Path.Combine(paths.Root, "issued", certificate.StoredFileName), cancellationToken);
            models.Add(new CoverLetterModel(
                letter.CandidateName,
                addresses[letter.DossierId].CandidatePostalAddress?.Lines() ?? [],
                certificate.CertificateTitle ?? string.Empty,
                certificate.JuryDate,
                today,
                options.Value.FromName,
                VerificationStamp.For(certificate.VerificationCode, publicAddress.Base).Url,
                bytes));
        }

        var content = PaperMailing.PrintFile(models, $"Courriers des certificats – jury du {FrenchFormat.Date(session.Date)}");
        return (content, $"courriers-certificats-{session.Date:yyyy-MM-dd}.pdf");
    }
}
