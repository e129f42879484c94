namespace CqpJury.App.Data.Entities;

/// <summary>
/// R16: a member's acceptance of the confidentiality commitment for one session, before any
/// dossier of that session is shown to them. Never withdrawn; one per member and session.
/// </summary>
public sealed class ConfidentialityAcceptance
{
    public Guid SessionId { get; set; }

    public Guid JuryMemberId { get; set; }

    public DateTimeOffset AcceptedAt { get; set; }

    /// <summary>The version of the commitment text accepted (<see cref="Services.Privacy.ConfidentialityCommitment.Version"/>).</summary>
    public int TextVersion { get; set; }
}

/// <summary>What a dossier access was.</summary>
public enum DossierAccessOutcome
{
    /// <summary>The personal content was shown or served.</summary>
    Read,

    /// <summary>Refused (conflict of interest, closed session, not convened…).</summary>
    Refused,
}

/// <summary>
/// R16: one read of a dossier's personal content (who, when, where, which document), or one refusal.
/// The secretariat sees them as the dossier's access history. Kept for a set time (Retention:AccessHistoryMonths).
/// </summary>
public sealed class DossierAccessEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public string? UserId { get; set; }

    public string UserName { get; set; } = string.Empty;

    /// <summary>The dossier read (null for a session-wide document: minutes, attendance sheet, the session's zip).</summary>
    public Guid? DossierId { get; set; }

    public Guid? SessionId { get; set; }

    public DossierAccessOutcome Outcome { get; set; }

    /// <summary>Where, in French (« Salle de délibération », « Fiche du dossier (secrétariat) », « Document déposé »…).</summary>
    public string Place { get; set; } = string.Empty;

    /// <summary>The document served, if any (uploaded or official).</summary>
    public Guid? DocumentId { get; set; }

    /// <summary>The document as the history shows it (kind and name); reduced to its kind when the candidate is anonymised.</summary>
    public string? DocumentLabel { get; set; }

    /// <summary>The reason of a refusal.</summary>
    public string? Reason { get; set; }
}

/// <summary>The head of the journal's hash chain: one row, updated with each append (a deleted last entry no longer matches it).</summary>
public sealed class JournalHead
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public long Sequence { get; set; }

    public string Hash { get; set; } = string.Empty;
}

/// <summary>
/// Where the journal starts once its oldest entries were pruned (retention): the last pruned
/// entry's sequence and hash, which the first kept entry chains on. Recorded in the journal itself
/// (an entry « Élagage du journal » that names it), so it is sealed by the entries after it.
/// </summary>
public sealed class JournalCheckpoint
{
    public long Id { get; set; }

    public long Sequence { get; set; }

    public string Hash { get; set; } = string.Empty;

    public long EntriesPruned { get; set; }

    public DateTimeOffset PrunedAt { get; set; }
}
