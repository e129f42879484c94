using CqpJury.Domain.Common;
using CqpJury.Domain.Outcomes;

namespace CqpJury.Domain.Privacy;

/// <summary>A dossier of the candidate on the agenda of a session not yet closed (draft or open).</summary>
public sealed record PendingHearing(string DossierReference, string SessionTitle, DateOnly SessionDate);

/// <summary>A signed decision of a jury on one of the candidate's dossiers, dated by the jury's session.</summary>
public sealed record RecordedDecision(string DossierReference, DateOnly JuryDate, DecisionOutcome Outcome);

/// <summary>A competence an earlier jury validated (R4.2), recorded on one of the candidate's dossiers.</summary>
public sealed record RecordedEarlierValidation(string DossierReference, string CompetenceCode, DateOnly ValidatedOn);

/// <summary>
/// R16, R4.1: when a candidate's erasure (anonymisation, on their request) must be refused — each retention that
/// still applies, with its French reason. A dossier on the agenda of a session not yet closed: the jury has yet
/// to decide on it (R16). A decision of the jury: kept five years from the jury's date, as long as a partial
/// validation counts (R4.1; R16 keeps identity and decisions at least that long, whatever the outcome). A
/// competence validated by an earlier jury: counts for five years from that decision (R4.1, R4.2).
/// </summary>
public static class ErasureRetention
{
    public const string RuleId = "R16";

    /// <summary>The retentions that apply on <paramref name="today"/>, oldest first within each kind; none: the erasure may go ahead.</summary>
    public static IReadOnlyList<Finding> Retentions(
        IEnumerable<PendingHearing> pending, IEnumerable<RecordedDecision> decisions, IEnumerable<RecordedEarlierValidation> earlierValidations, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(pending);
        ArgumentNullException.ThrowIfNull(decisions);
        ArgumentNullException.ThrowIfNull(earlierValidations);
        var findings = new List<Finding>();
        foreach (var hearing in pending.OrderBy(h => h.SessionDate).ThenBy(h => h.DossierReference, StringComparer.Ordinal))
        {
            findings.Add(new Finding(RuleId,
                $"le dossier {hearing.DossierReference} est à l'ordre du jour de la session « {hearing.SessionTitle} » du {FrenchFormat.Date(hearing.SessionDate)}, qui n'est pas clôturée"));
        }

        foreach (var decision in decisions.OrderBy(d => d.JuryDate).ThenBy(d => d.DossierReference, StringComparer.Ordinal))
        {
            var until = CompetenceAcquisition.LastDayHeld(decision.JuryDate);
            if (today > until)
            {
                continue;
            }

            findings.Add(new Finding("R4.1", decision.Outcome == DecisionOutcome.PartiallyValidated
                ? $"la validation partielle décidée par le jury du {FrenchFormat.Date(decision.JuryDate)} (dossier {decision.DossierReference}) compte pour le CQP pendant cinq ans, jusqu'au {FrenchFormat.Date(until)} inclus"
                : $"la décision du jury du {FrenchFormat.Date(decision.JuryDate)} (dossier {decision.DossierReference}, {LowerFirst(decision.Outcome.ToFrench())}) est conservée cinq ans, "
                  + $"durée pendant laquelle une validation partielle compte, jusqu'au {FrenchFormat.Date(until)} inclus"));
        }

        foreach (var validation in earlierValidations.OrderBy(v => v.ValidatedOn).ThenBy(v => v.CompetenceCode, StringComparer.Ordinal))
        {
            var held = new CompetenceAcquisition(validation.CompetenceCode, validation.ValidatedOn);
            if (held.IsHeldOn(today) || today < validation.ValidatedOn)
            {
                findings.Add(new Finding("R4.1",
                    $"la compétence {validation.CompetenceCode} validée le {FrenchFormat.Date(validation.ValidatedOn)} par un jury antérieur (dossier {validation.DossierReference}) compte encore jusqu'au {FrenchFormat.Date(held.ValidUntil)} inclus"));
            }
        }

        return findings;
    }

    private static string LowerFirst(string text) => string.Concat(text[..1].ToLower(FrenchFormat.Culture), text[1..]);

    /// <summary>The refusal as the secretariat reads it, naming every retention that applies.</summary>
    public static string RefusalMessage(IReadOnlyList<Finding> retentions)
    {
        ArgumentNullException.ThrowIfNull(retentions);
        return "Effacement refusé : une durée de conservation s'applique encore — "
            + string.Join(" ; ", retentions.Select(r => r.Message))
            + ". Le candidat pourra être anonymisé quand plus aucune ne s'appliquera.";
    }
}
