using CqpJury.Domain.Common;

namespace CqpJury.Domain.Dossiers;

/// <summary>A period of activity related to the targeted CQP, declared in a VAE admissibility file.</summary>
public sealed record ActivityPeriod(DateOnly Start, DateOnly? End, string Description);

/// <summary>The secretariat's examination of an admissibility file (R5.3): who, when, accepted or not.</summary>
public sealed record AdmissibilityReview(bool Accepted, string ReviewedBy, DateOnly ReviewedOn);

/// <summary>The VAE admissibility file (dossier de recevabilité, R5.3).</summary>
public sealed record AdmissibilityFile(DateOnly RequestDate, IReadOnlyList<ActivityPeriod> Activities, AdmissibilityReview? Review);

/// <summary>
/// R5.3: at least three years of activities related to the targeted CQP at the date of the request,
/// examined and accepted by the secretariat before any evaluation.
/// Overlapping periods are counted once; a period without an end runs to the request date; days
/// after the request date do not count. Three years = 3 × 365 days of activity.
/// </summary>
public static class AdmissibilityRule
{
    public const int MinimumYears = 3;
    public const int MinimumDays = MinimumYears * 365;

    /// <summary>Days of activity up to the request date, overlaps counted once (both ends inclusive).</summary>
    public static int ActivityDays(AdmissibilityFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var intervals = file.Activities
            .Select(a => (Start: a.Start, End: Min(a.End ?? file.RequestDate, file.RequestDate)))
            .Where(i => i.Start <= i.End)
            .OrderBy(i => i.Start)
            .ToList();

        var days = 0;
        DateOnly? currentStart = null;
        DateOnly currentEnd = default;
        foreach (var (start, end) in intervals)
        {
            if (currentStart is null)
            {
                (currentStart, currentEnd) = (start, end);
            }
            else if (start <= currentEnd.AddDays(1))
            {
                currentEnd = Max(currentEnd, end);
            }
            else
            {
                days += currentEnd.DayNumber - currentStart.Value.DayNumber + 1;
                (currentStart, currentEnd) = (start, end);
            }
        }

        if (currentStart is not null)
        {
            days += currentEnd.DayNumber - currentStart.Value.DayNumber + 1;
        }

        return days;
    }

    /// <summary>R5.3 findings; none means the candidate is admissible and may be evaluated.</summary>
    public static IReadOnlyList<Finding> Check(AdmissibilityFile? file, DateOnly? evaluationDate = null)
    {
        if (file is null)
        {
            return [new Finding("R5.3", "Le dossier de recevabilité VAE n'a pas été reçu.")];
        }

        var findings = new List<Finding>();
        var days = ActivityDays(file);
        if (days < MinimumDays)
        {
            findings.Add(new Finding("R5.3",
                $"Durée d'activité insuffisante : {FormatDuration(days)} à la date de la demande ({FrenchFormat.Date(file.RequestDate)}), il faut au moins {MinimumYears} ans."));
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

    private static string FormatDuration(int days)
    {
        var years = days / 365;
        var months = Math.Min(days % 365 / 30, 11);
        return (years, months) switch
        {
            (0, 0) => $"{days} jour{(days > 1 ? "s" : string.Empty)}",
            (0, _) => $"{months} mois",
            (_, 0) => $"{years} an{(years > 1 ? "s" : string.Empty)}",
            _ => $"{years} an{(years > 1 ? "s" : string.Empty)} et {months} mois",
        };
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
