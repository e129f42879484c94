using CqpJury.App.Data.Entities;
using CqpJury.App.Services;

namespace CqpJury.App.Services.Mail;

/// <summary>One outbox message as the session and dossier pages list it.</summary>
public sealed record OutboxMessageView(
    Guid Id,
    OutboxPurpose Purpose,
    OutboxRecipientRole Role,
    Guid? DossierId,
    string? DossierReference,
    string RecipientName,
    string RecipientAddress,
    string Subject,
    string Contents,
    OutboxStatus Status,
    bool DroppedInPickup,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastAttemptAt,
    DateTimeOffset? SentAt,
    DateTimeOffset NextAttemptAt,
    string? LastError,
    DateTimeOffset? CancelledAt)
{
    /// <summary>« en attente », « envoyé », « échec », « annulé », or the pickup folder's wording.</summary>
    public string StatusText => Status switch
    {
        OutboxStatus.Pending => "en attente",
        OutboxStatus.Sent when DroppedInPickup => MailTexts.DroppedInPickup,
        OutboxStatus.Sent => "envoyé",
        OutboxStatus.Failed => "échec",
        OutboxStatus.Cancelled => "annulé",
        _ => Status.ToString(),
    };

    /// <summary>When and why, in French (Paris time).</summary>
    public string Detail => Status switch
    {
        OutboxStatus.Sent => "le " + FrenchTime.Format(SentAt ?? CreatedAt, "dd/MM/yyyy 'à' HH:mm"),
        OutboxStatus.Cancelled => "le " + FrenchTime.Format(CancelledAt ?? CreatedAt, "dd/MM/yyyy 'à' HH:mm"),
        OutboxStatus.Failed => (LastAttemptAt is { } at ? "le " + FrenchTime.Format(at, "dd/MM/yyyy 'à' HH:mm") + " : " : "") + (LastError ?? "raison inconnue"),
        _ when LastError is { } error => $"{Attempts} essai(s), prochain essai le {FrenchTime.Format(NextAttemptAt, "dd/MM/yyyy 'à' HH:mm")} — {error}",
        _ => "depuis le " + FrenchTime.Format(CreatedAt, "dd/MM/yyyy 'à' HH:mm"),
    };

    public string RoleText => Role switch
    {
        OutboxRecipientRole.Candidate => "candidat",
        OutboxRecipientRole.Employer => "employeur",
        _ => "membre du jury",
    };

    public bool CanCancel => Status == OutboxStatus.Pending;

    /// <summary>The dossier's candidate was anonymised (R16): their messages are kept as a record, never sent again.</summary>
    public bool CandidateAnonymised { get; init; }

    public bool CanResend => Status != OutboxStatus.Pending && !CandidateAnonymised;
}

/// <summary>A session's mail: decisions and convocations with their statuses, and the decisions to hand over or post.</summary>
public sealed record SessionMailView(
    IReadOnlyList<OutboxMessageView> Decisions,
    IReadOnlyList<OutboxMessageView> Convocations,
    IReadOnlyList<HandDelivery> ByHand,
    IReadOnlyList<PaperLetter> PaperLetters,
    ConvocationState? Convocation,
    bool SessionClosed,
    bool UsesSmtp);

/// <summary>The convocation as last sent (version = iCalendar SEQUENCE).</summary>
public sealed record ConvocationState(int Sequence, bool Cancelled, DateTimeOffset SentAt);

/// <summary>
/// What closing the session will send, and to whom, as the president's closing confirmation lists it
/// (issue 20): per decided dossier, in agenda order, each recipient with what they receive and how.
/// </summary>
public sealed record ClosingMailPreview(IReadOnlyList<ClosingMailDossier> Dossiers)
{
    /// <summary>What a withheld dossier (the reader is in conflict or stood aside, R10.2) says instead of its recipients.</summary>
    public const string WithheldText = "la décision sera transmise par le secrétariat au candidat et, le cas échéant, à son employeur (détail non affiché : vous ne participez pas à ce dossier)";

    /// <summary>The e-mails listed (closing queues them).</summary>
    public int MessageCount => Dossiers.Sum(d => d.Recipients.Count(r => r.Email is not null));

    /// <summary>The decisions listed to post or hand over (no e-mail address).</summary>
    public int ByHandCount => Dossiers.Sum(d => d.Recipients.Count(r => r.Email is null));

    /// <summary>« Dès la clôture, 7 messages partiront par courrier électronique ; 3 envois sont à remettre par courrier ou en main propre. »</summary>
    public string Summary
    {
        get
        {
            var messages = MessageCount switch
            {
                0 => "Aucun message ne partira par courrier électronique",
                1 => "Dès la clôture, 1 message partira par courrier électronique",
                var n => $"Dès la clôture, {n} messages partiront par courrier électronique",
            };
            return ByHandCount switch
            {
                0 => messages + ".",
                1 => $"{messages} ; 1 envoi est {MailTexts.HandDelivery} (aucune adresse électronique).",
                var n => $"{messages} ; {n} envois sont {MailTexts.HandDelivery} (aucune adresse électronique).",
            };
        }
    }

    /// <summary>
    /// Groups <paramref name="plan"/> by dossier, in the order of <paramref name="agenda"/>, which names each dossier as
    /// the room does (« Élodie Fontaine (D-2026-0001) ») and says whether it is withheld from the reader (in conflict or
    /// stood aside, R10.2): then no recipient, address nor content is shown. Dossiers with nothing to send are left out.
    /// </summary>
    public static ClosingMailPreview Of(DecisionMailPlan plan, IEnumerable<(Guid DossierId, string Label, bool Withheld)> agenda)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(agenda);
        var recipients = plan.Messages.Select(m => (m.DossierId, m.Role, Recipient: new ClosingMailRecipient(To(m.Role, m.RecipientName), m.Contents, m.RecipientAddress)))
            .Concat(plan.ByHand.Select(h => (h.DossierId, h.Role, Recipient: new ClosingMailRecipient(To(h.Role, h.Recipient), h.Contents, null))))
            .ToLookup(r => r.DossierId);
        return new ClosingMailPreview(agenda.Where(a => recipients.Contains(a.DossierId))
            .Select(a => a.Withheld
                ? new ClosingMailDossier(a.DossierId, a.Label, [], Withheld: true)
                : new ClosingMailDossier(a.DossierId, a.Label, recipients[a.DossierId].OrderBy(r => r.Role).Select(r => r.Recipient).ToList(), Withheld: false))
            .ToList());
    }

    private static string To(OutboxRecipientRole role, string name) => role switch
    {
        OutboxRecipientRole.Candidate => "au candidat",
        _ when name.StartsWith("l'employeur", StringComparison.Ordinal) => "à " + name,
        _ => $"à l'employeur ({name})",
    };
}

/// <summary>One decided dossier in the closing confirmation: its recipients, or none when withheld from the reader (R10.2).</summary>
public sealed record ClosingMailDossier(Guid DossierId, string Label, IReadOnlyList<ClosingMailRecipient> Recipients, bool Withheld);

/// <summary>
/// One recipient of a decision: « au candidat » or « à l'employeur (name) », what they receive, and the e-mail address
/// it goes to — null when there is none (« à remettre par courrier ou en main propre »).
/// </summary>
public sealed record ClosingMailRecipient(string To, string Contents, string? Email)
{
    /// <summary>« au candidat : fiche de décision et certificat, par courriel à x@y », or « … — à remettre par courrier ou en main propre ».</summary>
    public string Text => Email is { } address
        ? $"{To} : {Contents}, par courriel à {address}"
        : $"{To} : {Contents} — {MailTexts.HandDelivery}";
}

/// <summary>Texts shared by the pages and the tests.</summary>
public static class MailTexts
{
    public const string DroppedInPickup = "déposé dans le dossier d'envoi (aucun serveur SMTP configuré)";

    public const string HandDelivery = Dossiers.DossierListItem.HandDeliveryText;

    /// <summary>The refusal to send again a message of an anonymised candidate's dossier.</summary>
    public const string AnonymisedCandidate = "Le candidat de ce dossier a été anonymisé : les messages de son dossier ne sont plus envoyés.";
}
