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

    public bool CanResend => Status != OutboxStatus.Pending;
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

/// <summary>What closing the session will send, as the closing confirmation shows it.</summary>
public sealed record ClosingMailSummary(IReadOnlyList<ClosingMailLine> Lines, IReadOnlyList<HandDelivery> ByHand)
{
    public int MessageCount => Lines.Count;
}

/// <summary>
/// One message closing will send: to whom (the candidate or the employer, named; the address only to
/// the secretariat, never in the room) and what.
/// </summary>
public sealed record ClosingMailLine(string DossierReference, string CandidateName, string RecipientText, string Contents);

/// <summary>Texts shared by the pages and the tests.</summary>
public static class MailTexts
{
    public const string DroppedInPickup = "déposé dans le dossier d'envoi (aucun serveur SMTP configuré)";

    public const string HandDelivery = Dossiers.DossierListItem.HandDeliveryText;
}
