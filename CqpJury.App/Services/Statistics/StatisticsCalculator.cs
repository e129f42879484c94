using CqpJury.App.Services.Room;
using CqpJury.Domain.Common;
using CqpJury.Domain.Deliberations;
using CqpJury.Domain.Dossiers;
using CqpJury.Domain.Evaluations;
using CqpJury.Domain.Outcomes;
using CqpJury.Domain.Referential;
using Route = CqpJury.Domain.Dossiers.Route;

namespace CqpJury.App.Services.Statistics;

/// <summary>A dossier's signed decision or postponement at one session (drafts are never read).</summary>
internal sealed record PassageFact(
    Guid DossierId,
    DateOnly JuryDate,
    string CertificateCode,
    Route Route,
    DeliberationState State,
    DecisionOutcome? Outcome,
    string? DecidedValidations,
    DateTimeOffset? SignedAt,
    DateTimeOffset? CompletenessCheckedAt);

/// <summary>
/// The evaluators' verdict on one competence of a decided dossier, with its grid counted per (essential,
/// status): R2.1 depends on nothing else, so the elements' labels are never read.
/// </summary>
internal sealed record EvaluationFact(
    Guid DossierId,
    string CompetenceCode,
    bool EvaluatorsSayMastered,
    int EssentialAcquired,
    int EssentialNotAcquired,
    int EssentialNotImplemented,
    int OtherAcquired,
    int OtherNotAcquired,
    int OtherNotImplemented);

/// <summary>An earlier validation (R4.1) carried by a decided dossier.</summary>
internal sealed record EarlierValidationFact(Guid DossierId, string CompetenceCode, DateOnly ValidatedOn);

/// <summary>
/// Turns the facts of a selection into its figures. Pure: the rules come from the domain (R2.1,
/// R2.2 through <see cref="CompetenceEvaluation"/>, R3 through <see cref="OutcomeCalculator.MayValidate"/>,
/// R4.1/R4.2 through <see cref="OutcomeCalculator.HeldOn"/>); nothing here re-states them.
/// </summary>
internal static class StatisticsCalculator
{
    public static StatisticsReport Compute(
        StatisticsFilter filter,
        DateTimeOffset extractedAt,
        IReadOnlyList<CertificateDefinition> certificates,
        IEnumerable<PassageFact> passages,
        IEnumerable<EvaluationFact> evaluations,
        IEnumerable<EarlierValidationFact> earlierValidations)
    {
        // A dossier counts once: its signed decision (final, R12) or else its latest postponement.
        var counted = passages
            .GroupBy(p => p.DossierId)
            .Select(g => g.FirstOrDefault(p => p.State == DeliberationState.Decided) ?? g.MaxBy(p => p.JuryDate)!)
            .ToList();
        var decided = counted.Where(p => p.State == DeliberationState.Decided && p.Outcome is not null).ToList();

        var byCertificate = certificates
            .Where(c => filter.CertificateCode is null || c.Code == filter.CertificateCode)
            .Select(c => new OutcomeRow(c.Title, Count(counted.Where(p => p.CertificateCode == c.Code))))
            .ToList();
        var byRoute = Enum.GetValues<Route>()
            .Where(r => filter.Route is null || r == filter.Route)
            .Select(r => new OutcomeRow(r.ToFrench(), Count(counted.Where(p => p.Route == r))))
            .ToList();

        var competences = CompetenceRows(filter, certificates, decided, evaluations, out var discrepancyCompetences, out var discrepancyDossiers);

        var earlier = earlierValidations.ToLookup(v => v.DossierId);
        var returning = decided
            .Where(p => OutcomeCalculator.HeldOn(earlier[p.DossierId].Select(v => new CompetenceAcquisition(v.CompetenceCode, v.ValidatedOn)), p.JuryDate).Count > 0)
            .ToList();

        var delays = decided
            .Where(p => p.CompletenessCheckedAt is not null && p.SignedAt is not null)
            .Select(p => FrenchDay(p.SignedAt!.Value).DayNumber - FrenchDay(p.CompletenessCheckedAt!.Value).DayNumber)
            .ToList();

        return new StatisticsReport(
            filter,
            extractedAt,
            Count(counted),
            byCertificate,
            byRoute,
            Periods(filter, counted),
            competences,
            discrepancyCompetences,
            discrepancyDossiers,
            returning.Count,
            returning.Count(p => p.Outcome == DecisionOutcome.Awarded),
            Median(delays),
            delays.Count);
    }

    /// <summary>The median of whole numbers (the mean of the two middle ones for an even count), null when empty.</summary>
    public static double? Median(IReadOnlyCollection<int> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }

    /// <summary>The first day of the month or quarter holding <paramref name="date"/>.</summary>
    public static DateOnly PeriodStart(DateOnly date, StatisticsGrouping grouping) =>
        grouping == StatisticsGrouping.Quarter
            ? new DateOnly(date.Year, ((date.Month - 1) / 3 * 3) + 1, 1)
            : new DateOnly(date.Year, date.Month, 1);

    /// <summary>"janvier 2026" or "1er trimestre 2026".</summary>
    public static string PeriodLabel(DateOnly start, StatisticsGrouping grouping)
    {
        if (grouping == StatisticsGrouping.Month)
        {
            return start.ToString("MMMM yyyy", FrenchFormat.Culture);
        }

        var quarter = ((start.Month - 1) / 3) + 1;
        return $"{(quarter == 1 ? "1er" : $"{quarter}e")} trimestre {start.Year}";
    }

    private static OutcomeCounts Count(IEnumerable<PassageFact> facts)
    {
        int awarded = 0, partial = 0, notValidated = 0, postponed = 0;
        foreach (var fact in facts)
        {
            switch (fact.State, fact.Outcome)
            {
                case (DeliberationState.Postponed, _):
                    postponed++;
                    break;
                case (_, DecisionOutcome.Awarded):
                    awarded++;
                    break;
                case (_, DecisionOutcome.PartiallyValidated):
                    partial++;
                    break;
                case (_, DecisionOutcome.NotValidated):
                    notValidated++;
                    break;
            }
        }

        return new OutcomeCounts(awarded, partial, notValidated, postponed);
    }

    /// <summary>Every month or quarter from the first counted fact to the last (empty ones included, so the axis is regular).</summary>
    private static List<PeriodRow> Periods(StatisticsFilter filter, List<PassageFact> counted)
    {
        if (counted.Count == 0)
        {
            return [];
        }

        var grouping = filter.Grouping;
        var byStart = counted.ToLookup(p => PeriodStart(p.JuryDate, grouping));
        var first = PeriodStart(counted.Min(p => p.JuryDate), grouping);
        var last = PeriodStart(counted.Max(p => p.JuryDate), grouping);
        var rows = new List<PeriodRow>();
        for (var start = first; start <= last; start = start.AddMonths(grouping == StatisticsGrouping.Quarter ? 3 : 1))
        {
            rows.Add(new PeriodRow(start, PeriodLabel(start, grouping), Count(byStart[start])));
        }

        return rows;
    }

    private static List<CompetenceRow> CompetenceRows(
        StatisticsFilter filter,
        IReadOnlyList<CertificateDefinition> certificates,
        IReadOnlyList<PassageFact> decided,
        IEnumerable<EvaluationFact> evaluations,
        out int discrepancyCompetences,
        out int discrepancyDossiers)
    {
        var evaluationsByDossier = evaluations.ToLookup(e => e.DossierId);
        var tallies = new Dictionary<(string Certificate, string Competence), int[]>();
        discrepancyCompetences = 0;
        discrepancyDossiers = 0;
        foreach (var decision in decided)
        {
            var grid = evaluationsByDossier[decision.DossierId].ToDictionary(e => e.CompetenceCode, StringComparer.Ordinal);
            var dossierHasDiscrepancy = false;

            // R4.2: the competences presented are the ones the decision named (those still to decide).
            foreach (var (code, validated) in DeliberationReplay.DecodeValidations(decision.DecidedValidations))
            {
                var evaluation = grid.TryGetValue(code, out var fact) ? ToDomain(fact) : null;
                var mastered = OutcomeCalculator.MayValidate(evaluation);
                var discrepancy = evaluation?.HasDiscrepancy == true;
                if (!tallies.TryGetValue((decision.CertificateCode, code), out var tally))
                {
                    tallies[(decision.CertificateCode, code)] = tally = new int[5];
                }

                tally[0]++;
                tally[1] += validated ? 1 : 0;
                tally[2] += mastered ? 1 : 0;
                tally[3] += mastered && !validated ? 1 : 0;
                tally[4] += discrepancy ? 1 : 0;
                discrepancyCompetences += discrepancy ? 1 : 0;
                dossierHasDiscrepancy |= discrepancy;
            }

            discrepancyDossiers += dossierHasDiscrepancy ? 1 : 0;
        }

        return certificates
            .Where(c => filter.CertificateCode is null || c.Code == filter.CertificateCode)
            .SelectMany(c => c.Competences.Select((competence, index) =>
            {
                var t = tallies.GetValueOrDefault((c.Code, competence.Code)) ?? new int[5];
                return new CompetenceRow(c.Code, c.Title, competence.Code, index + 1, competence.Title, t[0], t[1], t[2], t[3], t[4]);
            }))
            .ToList();
    }

    /// <summary>The domain's evaluation of one competence, from its grid's counts (unlabelled elements).</summary>
    private static CompetenceEvaluation ToDomain(EvaluationFact fact)
    {
        var elements = new List<CompetenceElement>();
        Add(true, ElementStatus.Acquired, fact.EssentialAcquired);
        Add(true, ElementStatus.NotAcquired, fact.EssentialNotAcquired);
        Add(true, ElementStatus.NotImplemented, fact.EssentialNotImplemented);
        Add(false, ElementStatus.Acquired, fact.OtherAcquired);
        Add(false, ElementStatus.NotAcquired, fact.OtherNotAcquired);
        Add(false, ElementStatus.NotImplemented, fact.OtherNotImplemented);
        return new CompetenceEvaluation(fact.CompetenceCode, elements, fact.EvaluatorsSayMastered);

        void Add(bool essential, ElementStatus status, int count) =>
            elements.AddRange(Enumerable.Repeat(new CompetenceElement(string.Empty, essential, status), count));
    }

    private static DateOnly FrenchDay(DateTimeOffset instant) => DateOnly.FromDateTime(FrenchTime.ToFrench(instant).DateTime);
}
