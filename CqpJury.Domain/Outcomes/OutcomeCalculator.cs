using CqpJury.Domain.Common;
using CqpJury.Domain.Evaluations;
using CqpJury.Domain.Referential;

namespace CqpJury.Domain.Outcomes;

/// <summary>
/// R3, R4, R4.1, R4.2: which competences a jury decides on, which it may validate, and what a
/// set of validations amounts to on the decision date.
/// </summary>
public static class OutcomeCalculator
{
    /// <summary>
    /// R4.2: the competences still to decide: those not held on <paramref name="asOf"/> from an
    /// earlier validation. A competence whose five years have run out is to decide again.
    /// </summary>
    public static IReadOnlyList<Competence> CompetencesToDecide(
        CertificateDefinition certificate, IEnumerable<CompetenceAcquisition> earlier, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var held = HeldOn(earlier, asOf);
        return certificate.Competences.Where(c => !held.ContainsKey(c.Code)).ToList();
    }

    /// <summary>
    /// R3: the jury may validate a competence only if the evaluators indicated it mastered.
    /// Product decision (kept here only): the grid must also show mastery under R2.1; when the
    /// two disagree (R2.2) the finding is shown and the competence cannot be validated.
    /// </summary>
    public static bool MayValidate(CompetenceEvaluation? evaluation) =>
        evaluation is not null && evaluation.EvaluatorsSayMastered && evaluation.Mastery.IsMastered;

    /// <summary>R3 applied to every competence still to decide (R4.2).</summary>
    public static IReadOnlySet<string> ValidatableCompetences(
        CertificateDefinition certificate, EvaluationGrid grid, IEnumerable<CompetenceAcquisition> earlier, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(grid);
        return CompetencesToDecide(certificate, earlier, asOf)
            .Where(c => MayValidate(grid.For(c.Code)))
            .Select(c => c.Code)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// R4: the outcome of validating <paramref name="validatedNow"/> on <paramref name="decisionDate"/>,
    /// counting the competences still held from earlier validations as of that date (R4.1, R4.2).
    /// Throws <see cref="BusinessRuleValidationException"/> when a code is unknown or already held.
    /// (R3 is checked by the deliberation, which knows the evaluation.)
    /// </summary>
    public static OutcomeResult Compute(
        CertificateDefinition certificate,
        IEnumerable<string> validatedNow,
        IEnumerable<CompetenceAcquisition> earlier,
        DateOnly decisionDate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(validatedNow);
        var now = validatedNow.ToHashSet(StringComparer.Ordinal);
        var held = HeldOn(earlier, decisionDate);

        foreach (var code in now)
        {
            if (certificate.FindCompetence(code) is null)
            {
                throw new BusinessRuleValidationException("R1", $"La compétence « {code} » n'appartient pas au {certificate.Title}.");
            }

            if (held.ContainsKey(code))
            {
                throw new BusinessRuleValidationException("R4.2",
                    $"La compétence {certificate.PositionOf(code)} est déjà validée (jusqu'au {FrenchFormat.Date(held[code].ValidUntil)}) : elle n'est pas à nouveau soumise au jury.");
            }
        }

        var results = certificate.Competences.Select(c =>
            now.Contains(c.Code)
                ? new CompetenceResult(c.Code, CompetenceStanding.ValidatedNow, new CompetenceAcquisition(c.Code, decisionDate).ValidUntil)
                : held.TryGetValue(c.Code, out var acquisition)
                    ? new CompetenceResult(c.Code, CompetenceStanding.StillHeld, acquisition.ValidUntil)
                    : new CompetenceResult(c.Code, CompetenceStanding.NotValidated, null))
            .ToList();

        var validatedCount = results.Count(r => r.IsValidated);
        var outcome = validatedCount == results.Count
            ? DecisionOutcome.Awarded
            : validatedCount > 0 ? DecisionOutcome.PartiallyValidated : DecisionOutcome.NotValidated;
        return new OutcomeResult(outcome, results);
    }

    /// <summary>R4.1/R4.2: the earlier acquisitions held on a date, the latest per competence.</summary>
    public static IReadOnlyDictionary<string, CompetenceAcquisition> HeldOn(IEnumerable<CompetenceAcquisition> earlier, DateOnly asOf) =>
        (earlier ?? []).Where(a => a.IsHeldOn(asOf))
            .GroupBy(a => a.CompetenceCode, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(a => a.ValidatedOn)!, StringComparer.Ordinal);
}
