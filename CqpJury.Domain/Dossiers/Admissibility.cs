using CqpJury.Domain.Common;

namespace CqpJury.Domain.Dossiers;

/// <summary>A period of activity related to the targeted CQP, declared in a VAE admissibility file.</summary>
public sealed record ActivityPeriod(DateOnly Start, DateOnly? End, string Description);

/// <summary>The secretariat's examination of an admissibility file (R5.3): who, when, accepted or not.</summary>
public sealed record AdmissibilityReview(bool Accepted, string ReviewedBy, DateOnly ReviewedOn);

/// <summary>The VAE admissibility file (dossier de recevabilité, R5.3).</summary>
public sealed record AdmissibilityFile(DateOnly RequestDate, IReadOnlyList<ActivityPeriod> Activities, AdmissibilityReview? Review);

/// <summary>
/// A duration of activity in calendar units (R5.3): whole months and the days left over.
/// </summary>
public readonly record struct ActivityDuration(int Months, int Days) : IComparable<ActivityDuration>
{
    public int Years => Months / 12;

    public int CompareTo(ActivityDuration other) => (Months, Days).CompareTo((other.Months, other.Days));

    public static bool operator <(ActivityDuration left, ActivityDuration right) => left.CompareTo(right) < 0;

    public static bool operator >(ActivityDuration left, ActivityDuration right) => left.CompareTo(right) > 0;

    public static bool operator <=(ActivityDuration left, ActivityDuration right) => left.CompareTo(right) <= 0;

    public static bool operator >=(ActivityDuration left, ActivityDuration right) => left.CompareTo(right) >= 0;

    /// <summary>"2 ans et 11 mois", "8 mois", "1 an", "17 jours", "0 jour" (the days are named only under a month).</summary>
    public string ToFrench()
    {
        var months = Months % 12;
        return (Years, months) switch
        {
            (0, 0) => $"{Days} jour{(Days > 1 ? "s" : string.Empty)}",
            (0, _) => $"{months} mois",
            (_, 0) => $"{Years} an{(Years > 1 ? "s" : string.Empty)}",
            _ => $"{Years} an{(Years > 1 ? "s" : string.Empty)} et {months} mois",
        };
    }
}

/// <summary>
/// R5.3: at least three years of activities related to the targeted CQP at the date of the request,
/// examined and accepted by the secretariat before any evaluation.
/// Overlapping or adjacent periods are merged into stretches; a period without an end runs to the
/// request date; days after the request date do not count.
/// Interpretation (docs/rules.md, R5.3): years are calendar years, not 365-day blocks. Each stretch
/// counts its whole calendar months from its first day (01/07/2022 – 30/06/2025 is 36 months, so
/// three years; 02/07/2022 – 30/06/2025 is 35 months and 29 days, so one day short) and the days
/// left over. When there are several stretches, their months are added and their leftover days are
/// added, each 30 leftover days making one more month (the usual convention for adding durations);
/// a single stretch is measured exactly.
/// </summary>
public static class AdmissibilityRule
{
    public const int MinimumYears = 3;

    /// <summary>R5.3: three calendar years.</summary>
    public static ActivityDuration Minimum { get; } = new(MinimumYears * 12, 0);

    private const int DaysPerMonthWhenAdding = 30;

    /// <summary>The activity up to the request date, in calendar months and days (see the class summary).</summary>
    public static ActivityDuration Duration(AdmissibilityFile file)
    {
        var stretches = Stretches(file);
        var months = 0;
        var days = 0;
        foreach (var (start, end) in stretches)
        {
            var afterEnd = end.AddDays(1);
            var whole = (afterEnd.Year - start.Year) * 12 + afterEnd.Month - start.Month;
            if (start.AddMonths(whole) > afterEnd)
            {
                whole--;
            }

            months += whole;
            days += afterEnd.DayNumber - start.AddMonths(whole).DayNumber;
        }

        return stretches.Count > 1
            ? new ActivityDuration(months + days / DaysPerMonthWhenAdding, days % DaysPerMonthWhenAdding)
            : new ActivityDuration(months, days);
    }

    /// <summary>R5.3: is the activity long enough (three calendar years)?</summary>
    public static bool IsLongEnough(AdmissibilityFile file) => Duration(file) >= Minimum;

    /// <summary>The periods up to the request date, overlapping or adjacent ones merged, in order (both ends inclusive).</summary>
    private static List<(DateOnly Start, DateOnly End)> Stretches(AdmissibilityFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var intervals = file.Activities
            .Select(a => (Start: a.Start, End: Min(a.End ?? file.RequestDate, file.RequestDate)))
            .Where(i => i.Start <= i.End)
            .OrderBy(i => i.Start)
            .ToList();

        var stretches = new List<(DateOnly Start, DateOnly End)>();
        foreach (var (start, end) in intervals)
        {
            if (stretches.Count > 0 && start <= stretches[^1].End.AddDays(1))
            {
                stretches[^1] = (stretches[^1].Start, Max(stretches[^1].End, end));
            }
            else
            {
                stretches.Add((start, end));
            }
        }

        return stretches;
    }

    /// <summary>R5.3 findings; none means the candidate is admissible and may be evaluated.</summary>
    public static IReadOnlyList<Finding> Check(AdmissibilityFile? file, DateOnly? evaluationDate = null)
    {
        if (file is null)
        {
            return [new Finding("R5.3", "Le dossier de recevabilité VAE n'a pas été reçu.")];
        }

        var findings = new List<Finding>();
        var duration = Duration(file);
        if (duration < Minimum)
        {
            findings.Add(new Finding("R5.3",
                $"Durée d'activité insuffisante : {duration.ToFrench()} à la date de la demande ({FrenchFormat.Date(file.RequestDate)}), il faut au moins {MinimumYears} ans."));
        }

        if (file.Review is null)
        {
            findings.Add(new Finding("R5.3", "La recevabilité n'a pas encore été examinée par le secrétariat de la CPEF."));
        }
        else if (!file.Review.Accepted)
        {
            findings.Add(new Finding("R5.3",
                $"La demande a été déclarée non recevable par le secrétariat ({file.Review.ReviewedBy}, le {FrenchFormat.Date(file.Review.ReviewedOn)})."));
        }
        else if (evaluationDate is { } evaluated && evaluated < file.Review.ReviewedOn)
        {
            findings.Add(new Finding("R5.3",
                $"L'évaluation ({FrenchFormat.Date(evaluated)}) a eu lieu avant l'acceptation de la recevabilité ({FrenchFormat.Date(file.Review.ReviewedOn)})."));
        }

        return findings;
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
