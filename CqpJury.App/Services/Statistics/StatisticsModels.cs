using CqpJury.Domain.Outcomes;
using Route = CqpJury.Domain.Dossiers.Route;

namespace CqpJury.App.Services.Statistics;

/// <summary>How the outcomes over time are grouped.</summary>
public enum StatisticsGrouping
{
    Month,
    Quarter,
}

/// <summary>
/// The selection: jury dates from <see cref="From"/> to <see cref="To"/> (inclusive, either open),
/// one CQP, one route, one session (each optional), and the grouping of the outcomes over time.
/// </summary>
public sealed record StatisticsFilter(
    DateOnly? From = null,
    DateOnly? To = null,
    string? CertificateCode = null,
    Route? Route = null,
    Guid? SessionId = null,
    StatisticsGrouping Grouping = StatisticsGrouping.Month);

/// <summary>What the filters offer: the CQPs of the referential and the sessions that have counted facts.</summary>
public sealed record StatisticsChoices(
    IReadOnlyList<CertificateChoice> Certificates,
    IReadOnlyList<SessionChoice> Sessions);

public sealed record CertificateChoice(string Code, string Title);

public sealed record SessionChoice(Guid Id, string Title, DateOnly Date);

/// <summary>
/// Outcome counts of one group of dossiers (the whole selection, a CQP, a route, a period). A
/// dossier counts once in a selection, with its latest counted fact there: its signed decision
/// (R14), or its postponement when no signed decision follows within the selection.
/// </summary>
public sealed record OutcomeCounts(int Awarded, int PartiallyValidated, int NotValidated, int Postponed)
{
    public static OutcomeCounts Zero { get; } = new(0, 0, 0, 0);

    /// <summary>Dossiers presented to a jury.</summary>
    public int Presented => Decided + Postponed;

    /// <summary>Signed decisions.</summary>
    public int Decided => Awarded + PartiallyValidated + NotValidated;

    public int Of(DecisionOutcome outcome) => outcome switch
    {
        DecisionOutcome.Awarded => Awarded,
        DecisionOutcome.PartiallyValidated => PartiallyValidated,
        _ => NotValidated,
    };

    /// <summary>The share of presented dossiers, 0–1 (null when none was presented).</summary>
    public double? ShareOfPresented(int count) => Presented == 0 ? null : (double)count / Presented;
}

/// <summary>A row of outcomes: a label (a CQP, a route, a period) and its counts.</summary>
public sealed record OutcomeRow(string Label, OutcomeCounts Counts);

/// <summary>The outcomes of one period (a month or a quarter, from <see cref="Start"/>).</summary>
public sealed record PeriodRow(DateOnly Start, string Label, OutcomeCounts Counts);

/// <summary>
/// One competence of one CQP over the signed decisions of the selection: how often it was presented
/// (still to decide, R4.2), validated, mastered per the evaluation (R3: evaluators' verdict and grid
/// agree), declined although mastered (R3), and found with an evaluator discrepancy (R2.2).
/// </summary>
public sealed record CompetenceRow(
    string CertificateCode,
    string CertificateTitle,
    string CompetenceCode,
    int Position,
    string CompetenceTitle,
    int Presented,
    int Validated,
    int Mastered,
    int DeclinedAlthoughMastered,
    int Discrepancies)
{
    public double? ValidationRate => Presented == 0 ? null : (double)Validated / Presented;

    public double? DeclinedShare => Mastered == 0 ? null : (double)DeclinedAlthoughMastered / Mastered;
}

/// <summary>The figures of a selection (counts only: no candidate's name, R16).</summary>
public sealed record StatisticsReport(
    StatisticsFilter Filter,
    DateTimeOffset ExtractedAt,
    OutcomeCounts Totals,
    IReadOnlyList<OutcomeRow> ByCertificate,
    IReadOnlyList<OutcomeRow> ByRoute,
    IReadOnlyList<PeriodRow> ByPeriod,
    IReadOnlyList<CompetenceRow> ByCompetence,
    int DiscrepancyCompetences,
    int DiscrepancyDossiers,
    int ReturningDecisions,
    int ReturningAwarded,
    double? MedianDaysToDecision,
    int DecisionsWithCheck)
{
    public bool IsEmpty => Totals.Presented == 0;
}
