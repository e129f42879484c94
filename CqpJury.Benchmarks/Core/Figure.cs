namespace CqpJury.Benchmarks.Core;

/// <summary>One line of the table: a figure's median and spread over repeated runs, its target and verdict.</summary>
public sealed record Figure(
    string Id,
    string Name,
    string Unit,
    double Median,
    double Low,
    double High,
    string Spread,
    int Runs,
    string Target,
    bool? Met,
    string Notes = "")
{
    /// <summary>A figure from repeated runs: median with min–max.</summary>
    public static Figure FromRuns(string id, string name, string unit, IReadOnlyList<double> runs, string target, Func<double, bool>? meets, string notes = "")
    {
        ArgumentNullException.ThrowIfNull(runs);
        var median = Stats.Median(runs);
        return new Figure(id, name, unit, median, runs.Min(), runs.Max(), "min–max", runs.Count, target, meets?.Invoke(median), notes);
    }

    /// <summary>A figure from a distribution of samples (latencies): median with p5–p95.</summary>
    public static Figure FromSamples(string id, string name, string unit, IReadOnlyList<double> samples, int runs, string target, Func<double, bool>? meets, string notes = "")
    {
        ArgumentNullException.ThrowIfNull(samples);
        var sorted = samples.Order().ToArray();
        var median = Stats.Percentile(sorted, 50);
        return new Figure(id, name, unit, median, Stats.Percentile(sorted, 5), Stats.Percentile(sorted, 95), "p5–p95", runs, target, meets?.Invoke(median), notes);
    }

    /// <summary>A figure not measured (yet): kept in the table so the gap is visible.</summary>
    public static Figure NotMeasured(string id, string name, string target, string why) =>
        new(id, name, "", double.NaN, double.NaN, double.NaN, "", 0, target, null, why);

    public bool IsMeasured => !double.IsNaN(Median);
}

public static class Stats
{
    public static double Median(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Percentile(values.Order().ToArray(), 50);
    }

    /// <summary>Percentile by linear interpolation between closest ranks; <paramref name="sorted"/> must be sorted.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double percentile)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var rank = percentile / 100.0 * (sorted.Count - 1);
        var lower = (int)Math.Floor(rank);
        var upper = (int)Math.Ceiling(rank);
        return sorted[lower] + ((sorted[upper] - sorted[lower]) * (rank - lower));
    }
}
