using CqpJury.Domain.Common;

namespace CqpJury.Domain.Dossiers;

/// <summary>How a dossier's hearing in one session stands.</summary>
public enum HearingOutcome
{
    /// <summary>On the agenda, no signed decision and not postponed (yet).</summary>
    Pending,

    /// <summary>Ajourné: no decision in that session; the dossier may go on a later agenda (R12).</summary>
    Postponed,

    /// <summary>The decision was signed (R14): final (R12).</summary>
    DecisionSigned,
}

/// <summary>One session whose agenda holds (or held) a dossier, and how the dossier stands there.</summary>
public sealed record Hearing(Guid SessionId, string SessionTitle, DateOnly SessionDate, bool SessionClosed, HearingOutcome Outcome, DateTimeOffset? At = null);

/// <summary>
/// R12 (interpretation): a signed decision is final. The one place that says whether a dossier may
/// go on a session's agenda or be deliberated in a session, given its hearings:
/// <list type="bullet">
/// <item>a dossier with a signed decision in any session is never put on another agenda and never
/// deliberated again (a returning candidate after a partial validation is a new dossier, R4.2);</item>
/// <item>a postponed dossier (ajourné) may go on a later agenda, and keeps its history;</item>
/// <item>a dossier sits on one session's agenda at a time until that session is closed.</item>
/// </list>
/// Completeness (R6) is checked apart, by <see cref="CompletenessCheck"/>.
/// </summary>
public static class AgendaEligibility
{
    /// <summary>What keeps the dossier off <paramref name="sessionId"/>'s agenda; empty when it may be inscribed.</summary>
    public static IReadOnlyList<Finding> ForAgenda(IEnumerable<Hearing> hearings, Guid sessionId, string dossierReference = "")
    {
        ArgumentNullException.ThrowIfNull(hearings);
        var findings = new List<Finding>();
        foreach (var hearing in hearings.OrderBy(h => h.SessionDate))
        {
            if (hearing.Outcome == HearingOutcome.DecisionSigned)
            {
                findings.Add(SignedElsewhere(hearing, dossierReference));
            }
            else if (hearing.SessionId == sessionId)
            {
                findings.Add(new Finding("R6", $"{Subject(dossierReference)} est déjà inscrit à l'ordre du jour de cette session."));
            }
            else if (!hearing.SessionClosed)
            {
                findings.Add(new Finding("R6", $"{Subject(dossierReference)} est déjà inscrit à la session « {hearing.SessionTitle} » du {FrenchFormat.Date(hearing.SessionDate)}."));
            }
        }

        return findings;
    }

    /// <summary>What forbids deliberating on the dossier in <paramref name="sessionId"/>: a decision signed in another session.</summary>
    public static IReadOnlyList<Finding> ForDeliberation(IEnumerable<Hearing> hearings, Guid sessionId, string dossierReference = "")
    {
        ArgumentNullException.ThrowIfNull(hearings);
        return hearings
            .Where(h => h.SessionId != sessionId && h.Outcome == HearingOutcome.DecisionSigned)
            .Select(h => SignedElsewhere(h, dossierReference))
            .ToList();
    }

    /// <summary>Has the dossier a signed decision (in any session)?</summary>
    public static bool IsDecided(IEnumerable<Hearing> hearings)
    {
        ArgumentNullException.ThrowIfNull(hearings);
        return hearings.Any(h => h.Outcome == HearingOutcome.DecisionSigned);
    }

    /// <summary>The earlier postponements of the dossier, oldest first (its history on a later agenda).</summary>
    public static IReadOnlyList<Hearing> Postponements(IEnumerable<Hearing> hearings, Guid sessionId)
    {
        ArgumentNullException.ThrowIfNull(hearings);
        return hearings.Where(h => h.SessionId != sessionId && h.Outcome == HearingOutcome.Postponed).OrderBy(h => h.SessionDate).ToList();
    }

    private static string Subject(string dossierReference) =>
        string.IsNullOrWhiteSpace(dossierReference) ? "Le dossier" : $"Le dossier {dossierReference}";

    private static Finding SignedElsewhere(Hearing hearing, string dossierReference) => new("R12",
        $"{Subject(dossierReference)} a déjà fait l'objet d'une décision signée (session « {hearing.SessionTitle} » du {FrenchFormat.Date(hearing.SessionDate)}) : " +
        "cette décision est définitive, le dossier ne peut pas être délibéré à nouveau. Un candidat qui revient après une validation partielle fait l'objet d'un nouveau dossier.");
}
