namespace CqpJury.App.Data.Entities;

/// <summary>Where an outbox message stands (« en attente », « envoyé », « échec », « annulé »).</summary>
public enum OutboxStatus
{
    /// <summary>En attente: not yet delivered (first try to come, or a retry after a temporary failure).</summary>
    Pending,

    /// <summary>Envoyé: accepted by the SMTP server (or dropped in the pickup folder, <see cref="OutboxMessage.DroppedInPickup"/>).</summary>
    Sent,

    /// <summary>Échec: refused for good (a 5xx reply), or still failing after the retry period.</summary>
    Failed,

    /// <summary>Annulé by the secretariat before it was sent.</summary>
    Cancelled,
}

/// <summary>What a message carries.</summary>
public enum OutboxPurpose
{
    /// <summary>A decision (R14, R15, R17): the decision sheet, plus the certificate or attestation for the candidate.</summary>
    Decision,

    /// <summary>A convocation of a member to a session, with its iCalendar invitation (REQUEST, or CANCEL).</summary>
    Convocation,
}

/// <summary>Who a message is for.</summary>
public enum OutboxRecipientRole
{
    Candidate,
    Employer,
    Member,
}

/// <summary>
/// One e-mail to deliver, written in the same transaction as what causes it (the session's closing,
/// a convocation, a resend), then delivered by the background sender (Services/Mail/OutboxSender).
/// A sender claims the row with a lease (<see cref="LeaseToken"/>, <see cref="LeaseUntil"/>) by a
/// conditional UPDATE, so that several instances never send it at the same time; the content
/// (<see cref="Content"/>, MIME) is prepared once and sent as stored, with the same Message-Id at
/// every try.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }

    public OutboxPurpose Purpose { get; set; }

    public OutboxRecipientRole RecipientRole { get; set; }

    public Guid SessionId { get; set; }

    public Guid? DossierId { get; set; }

    public Guid? JuryMemberId { get; set; }

    public string RecipientName { get; set; } = string.Empty;

    public string RecipientAddress { get; set; } = string.Empty;

    /// <summary>The subject, known when the message is written (shown in the statuses).</summary>
    public string Subject { get; set; } = string.Empty;

    /// <summary>What it carries, in French, as the statuses show it (« fiche de décision et certificat »).</summary>
    public string Contents { get; set; } = string.Empty;

    /// <summary>The verification page's base address, as the documents print it.</summary>
    public string? VerifyBase { get; set; }

    /// <summary>What the content is made from, when it is fixed at writing time (a convocation's event, as JSON).</summary>
    public string? Payload { get; set; }

    /// <summary>The MIME message as it goes out; null until prepared (a decision waits for its documents).</summary>
    public byte[]? Content { get; set; }

    /// <summary>The Message-Id header, the same at every try (a receiver can spot a duplicate).</summary>
    public string MessageId { get; set; } = string.Empty;

    public OutboxStatus Status { get; set; }

    /// <summary>How many times a sender claimed it (tries, including one interrupted by a crash).</summary>
    public int Attempts { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = string.Empty;

    /// <summary>Not before this instant (back-off after a temporary failure).</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>The sender that claimed it, until <see cref="LeaseUntil"/>; null when free.</summary>
    public Guid? LeaseToken { get; set; }

    public DateTimeOffset? LeaseUntil { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }

    /// <summary>The last failure (the server's reply, or why it could not connect).</summary>
    public string? LastError { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>Written to the pickup folder (no SMTP server configured) rather than sent.</summary>
    public bool DroppedInPickup { get; set; }

    /// <summary>The message this one sends again, when it is a resend.</summary>
    public Guid? ResendOf { get; set; }

    public DateTimeOffset? CancelledAt { get; set; }

    public string? CancelledBy { get; set; }

    /// <summary>
    /// The same message to send again (a resend): a new row with its own Message-Id, to <paramref name="address"/>
    /// as it is now, content composed again from the same payload; this one keeps its history.
    /// </summary>
    public OutboxMessage Again(string address, string messageId, DateTimeOffset now, string by) => new()
    {
        Id = Guid.NewGuid(),
        Purpose = Purpose,
        RecipientRole = RecipientRole,
        SessionId = SessionId,
        DossierId = DossierId,
        JuryMemberId = JuryMemberId,
        RecipientName = RecipientName,
        RecipientAddress = address,
        Subject = Subject,
        Contents = Contents,
        VerifyBase = VerifyBase,
        Payload = Payload,
        MessageId = messageId,
        Status = OutboxStatus.Pending,
        CreatedAt = now,
        CreatedBy = by,
        NextAttemptAt = now,
        ResendOf = Id,
    };
}

/// <summary>
/// A session's convocation as last sent to its members: the iCalendar event's stable UID and its
/// SEQUENCE (raised by every update of date, time or place, and by the cancellation), and what the
/// members were told (to know whether a change must be sent).
/// </summary>
public sealed class SessionConvocation
{
    public Guid SessionId { get; set; }

    /// <summary>The iCalendar UID: the same for every update and the cancellation.</summary>
    public string Uid { get; set; } = string.Empty;

    public int Sequence { get; set; }

    public DateOnly Date { get; set; }

    public TimeOnly? StartTime { get; set; }

    public string? Place { get; set; }

    public string? VideoLink { get; set; }

    public bool Cancelled { get; set; }

    public DateTimeOffset SentAt { get; set; }

    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}
