using System.Security.Cryptography;
using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using CqpJury.App.OfficialDocuments.Pdf;
using CqpJury.App.Services.OfficialDocuments;
using CqpJury.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CqpJury.App.Services.Mail;

/// <summary>One decision message to send (R14, R15, R17): to the candidate (sheet, plus certificate or attestation) or to the employer (sheet only).</summary>
public sealed record PlannedDecisionMail(
    Guid DossierId,
    string DossierReference,
    string CandidateName,
    OutboxRecipientRole Role,
    string RecipientName,
    string RecipientAddress,
    string Subject,
    string Contents);

/// <summary>
/// A decision to post or hand over: the candidate without an e-mail (« à remettre par courrier ou en main propre »),
/// or the employer without a contact e-mail (the decision sheet). <paramref name="Recipient"/> says who, in French.
/// </summary>
public sealed record HandDelivery(Guid DossierId, string DossierReference, string CandidateName, string Recipient, string Contents, IReadOnlyList<string> PostalLines,
    OutboxRecipientRole Role);

/// <summary>What closing the session (or sending the decisions again) sends, and to whom.</summary>
public sealed record DecisionMailPlan(IReadOnlyList<PlannedDecisionMail> Messages, IReadOnlyList<HandDelivery> ByHand);

/// <summary>
/// The decision messages: who receives what once a session closes (R14: the decision sheet to the candidate
/// and to the employer where there is one; R15: the certificate to the awarded candidate; R4.1: the attestation
/// of partial validation), written to the outbox in the caller's transaction; and, when the sender first
/// sends one, its content — French text and HTML, the issued PDFs attached as issued, their verification addresses.
/// </summary>
public sealed class DecisionMail(
    IDbContextFactory<CqpJuryDbContext> dbFactory,
    OfficialDocumentService documents,
    MailBodies bodies,
    PublicAddress publicAddress,
    DataPaths paths,
    IOptions<MailOptions> options)
{
    /// <summary>Who receives which documents of <paramref name="sessionId"/>'s signed decisions (postponed dossiers: nothing).</summary>
    public static async Task<DecisionMailPlan> PlanAsync(CqpJuryDbContext db, ReferentialCatalog catalog, Guid sessionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var planned = await SessionDocumentComposer.PlanAsync(db, catalog, sessionId, cancellationToken);
        var byDossier = planned.Where(p => p.DossierId is not null).GroupBy(p => p.DossierId!.Value).ToDictionary(g => g.Key, g => g.ToList());
        var ids = byDossier.Keys.ToList();
        var dossiers = await db.Dossiers.AsNoTracking().Where(d => ids.Contains(d.Id))
            .Select(d => new
            {
                d.Id,
                d.Reference,
                d.CertificateCode,
                Candidate = d.Candidate!,
                EmployerName = d.Employer == null ? null : d.Employer.Name,
                EmployerEmail = d.EmployerId == null ? null : d.EmployerContactEmailOverride ?? d.Employer!.ContactEmail,
            })
            .ToListAsync(cancellationToken);
        var agendaOrder = await db.AgendaItems.AsNoTracking().Where(a => a.SessionId == sessionId).OrderBy(a => a.Position).Select(a => a.DossierId).ToListAsync(cancellationToken);
        var messages = new List<PlannedDecisionMail>();
        var byHand = new List<HandDelivery>();
        foreach (var dossier in dossiers.OrderBy(d => agendaOrder.IndexOf(d.Id)))
        {
            var kinds = byDossier[dossier.Id].Select(p => p.Kind).ToList();
            var certificate = catalog.Get(dossier.CertificateCode).Title;
            var candidateName = dossier.Candidate.FullName;
            var candidateContents = ContentsOf(kinds);
            if (string.IsNullOrWhiteSpace(dossier.Candidate.Email))
            {
                byHand.Add(new HandDelivery(dossier.Id, dossier.Reference, candidateName, "le candidat", candidateContents,
                    dossier.Candidate.PostalAddress?.Lines() ?? [], OutboxRecipientRole.Candidate));
            }
            else
            {
                messages.Add(new PlannedDecisionMail(dossier.Id, dossier.Reference, candidateName, OutboxRecipientRole.Candidate,
                    candidateName, dossier.Candidate.Email.Trim(), $"Décision du jury paritaire – {certificate}", candidateContents));
            }

            // R14: the employer, where there is one, receives the decision sheet only.
            if (dossier.EmployerName is { } employer)
            {
                if (string.IsNullOrWhiteSpace(dossier.EmployerEmail))
                {
                    byHand.Add(new HandDelivery(dossier.Id, dossier.Reference, candidateName, $"l'employeur ({employer})", EmployerContents, [], OutboxRecipientRole.Employer));
                }
                else
                {
                    messages.Add(new PlannedDecisionMail(dossier.Id, dossier.Reference, candidateName, OutboxRecipientRole.Employer,
                        employer, dossier.EmployerEmail.Trim(), $"Décision du jury paritaire – {certificate} – {candidateName}", EmployerContents));
                }
            }
        }

        return new DecisionMailPlan(messages, byHand);
    }

    /// <summary>What an employer receives (R14).</summary>
    public const string EmployerContents = "fiche de décision";

    /// <summary>« fiche de décision et certificat »: what a candidate receives, in French.</summary>
    private static string ContentsOf(IReadOnlyCollection<IssuedDocumentKind> kinds) =>
        kinds.Contains(IssuedDocumentKind.Certificate) ? "fiche de décision et certificat"
        : kinds.Contains(IssuedDocumentKind.PartialAttestation) ? "fiche de décision et attestation de validation partielle"
        : "fiche de décision";

    /// <summary>Adds the planned messages to <paramref name="db"/> (saved with the caller's change: same transaction).</summary>
    public static IReadOnlyList<OutboxMessage> Enqueue(CqpJuryDbContext db, Guid sessionId, IEnumerable<PlannedDecisionMail> messages, DateTimeOffset now, string createdBy, Guid? resendOf = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = messages.Select(m => new OutboxMessage
        {
            Id = Guid.NewGuid(),
            Purpose = OutboxPurpose.Decision,
            RecipientRole = m.Role,
            SessionId = sessionId,
            DossierId = m.DossierId,
            RecipientName = m.RecipientName,
            RecipientAddress = m.RecipientAddress,
            Subject = m.Subject,
            Contents = m.Contents,
            MessageId = NewMessageId(),
            Status = OutboxStatus.Pending,
            CreatedAt = now,
            CreatedBy = createdBy,
            NextAttemptAt = now,
            ResendOf = resendOf,
        }).ToList();
        db.OutboxMessages.AddRange(rows);
        return rows;
    }

    /// <summary>A Message-Id of our own, fixed when the message is written: every try sends the same one.</summary>
    public static string NewMessageId() => $"{Guid.NewGuid():N}@cqpjury.local";

    /// <summary>The message as sent: issues the session's documents first when needed (they are then the same bytes for everyone).</summary>
    internal async Task<MimeMessage> ComposeAsync(OutboxMessage row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        var dossierId = row.DossierId ?? throw new UserFacingException("Ce message de décision ne désigne aucun dossier.");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var issued = await db.IssuedDocuments.AsNoTracking().Where(d => d.DossierId == dossierId).ToListAsync(cancellationToken);
        if (!issued.Any(d => d.Kind == IssuedDocumentKind.DecisionSheet))
        {
            await documents.IssueForDeliveryAsync(row.SessionId, row.VerifyBase ?? publicAddress.Base, cancellationToken);
            issued = await db.IssuedDocuments.AsNoTracking().Where(d => d.DossierId == dossierId).ToListAsync(cancellationToken);
        }

        var sheet = issued.FirstOrDefault(d => d.Kind == IssuedDocumentKind.DecisionSheet)
            ?? throw new UserFacingException("La fiche de décision de ce dossier n'a pas pu être émise.");
        var attached = row.RecipientRole == OutboxRecipientRole.Candidate
            ? issued.Where(d => d.Kind is IssuedDocumentKind.DecisionSheet or IssuedDocumentKind.Certificate or IssuedDocumentKind.PartialAttestation).OrderBy(d => d.Kind).ToList()
            : [sheet];
        var dossier = await db.Dossiers.AsNoTracking().Where(d => d.Id == dossierId)
            .Select(d => new { d.Reference, d.Candidate!.FirstName, d.Candidate.LastName, Employer = d.Employer == null ? null : d.Employer.Name })
            .FirstAsync(cancellationToken);
        var session = await db.Sessions.AsNoTracking().Where(s => s.Id == row.SessionId).Select(s => new { s.Date }).FirstAsync(cancellationToken);

        var parts = new List<MimePart>();
        foreach (var document in attached)
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(paths.Root, "issued", document.StoredFileName), cancellationToken);
            if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(bytes)), document.FileSha256, StringComparison.Ordinal))
            {
                throw new UserFacingException($"Le fichier de « {document.Title} » ne correspond plus au document émis : envoi suspendu, prévenez l'administrateur.");
            }

            parts.Add(new MimePart("application", "pdf")
            {
                Content = new MimeContent(new MemoryStream(bytes)),
                ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
                ContentTransferEncoding = ContentEncoding.Base64,
                FileName = OfficialDocumentService.FileName(document),
            });
        }

        var candidateName = $"{dossier.FirstName} {dossier.LastName}".Trim();
        var text = row.RecipientRole == OutboxRecipientRole.Candidate
            ? CandidateText(candidateName, sheet, attached, session.Date, dossier.Reference)
            : EmployerText(candidateName, dossier.Employer, sheet, session.Date, dossier.Reference);
        var message = new MimeMessage
        {
            Subject = row.Subject,
            Body = await bodies.BodyAsync(text, parts),
        };
        message.From.Add(new MailboxAddress(options.Value.FromName, options.Value.FromAddress));
        message.To.Add(new MailboxAddress(row.RecipientName, row.RecipientAddress));
        return message;
    }

    private MailText CandidateText(string candidateName, IssuedDocument sheet, IReadOnlyList<IssuedDocument> attached, DateOnly juryDate, string reference)
    {
        var certificate = attached.FirstOrDefault(d => d.Kind == IssuedDocumentKind.Certificate);
        var attestation = attached.FirstOrDefault(d => d.Kind == IssuedDocumentKind.PartialAttestation);
        var paragraphs = new List<string>
        {
            $"Le jury paritaire réuni le {FrenchFormat.Date(juryDate)} a examiné votre dossier ({reference}) pour le {sheet.CertificateTitle}.",
            $"Décision du jury : {sheet.Statement}.",
            certificate is not null
                ? "Vous trouverez en pièces jointes votre fiche individuelle de décision et votre certificat de qualification professionnelle. Un exemplaire papier du certificat vous est également adressé par courrier."
                : attestation is not null
                    ? "Vous trouverez en pièces jointes votre fiche individuelle de décision et votre attestation de validation partielle. Les compétences validées vous restent acquises pendant cinq ans à compter de la date du jury."
                    : "Vous trouverez en pièce jointe votre fiche individuelle de décision.",
        };
        return new MailText(
            "Décision du jury paritaire",
            $"Bonjour {candidateName},",
            paragraphs,
            [],
            "Chaque document porte un code de vérification ; son authenticité peut être vérifiée à l'adresse :",
            attached.Select(d => new MailLink(d.Kind.ToFrench(), VerificationUrl(d))).ToList(),
            ["Pour toute question, répondez à ce message ou contactez le secrétariat de la CPEF."],
            "Cordialement,",
            options.Value.FromName);
    }

    private MailText EmployerText(string candidateName, string? employer, IssuedDocument sheet, DateOnly juryDate, string reference) =>
        new(
            "Décision du jury paritaire",
            "Madame, Monsieur,",
            [
                $"Le jury paritaire réuni le {FrenchFormat.Date(juryDate)} a statué sur le dossier de {candidateName} ({reference}){(employer is null ? "" : $", salarié(e) de {employer},")} pour le {sheet.CertificateTitle}.",
                $"Décision du jury : {sheet.Statement}.",
                "Vous trouverez en pièce jointe la fiche individuelle de décision.",
            ],
            [],
            "Ce document porte un code de vérification ; son authenticité peut être vérifiée à l'adresse :",
            [new MailLink(sheet.Kind.ToFrench(), VerificationUrl(sheet))],
            [],
            "Veuillez agréer, Madame, Monsieur, nos salutations distinguées.",
            options.Value.FromName);

    private string VerificationUrl(IssuedDocument document) =>
        VerificationStamp.For(document.VerificationCode, publicAddress.Base).Url;
}
