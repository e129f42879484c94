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
    string Notes = "",
    bool Skipped = false)
{
    /// <summary>The table's order: by figure number, then by letter (2, 2b, … 9c, 10a, 11, 11a); an ordinal sort put 10 and 11 before 3.</summary>
    public static IComparer<string> TableOrder { get; } = Comparer<string>.Create((a, b) =>
    {
        var byNumber = Number(a).CompareTo(Number(b));
        return byNumber != 0 ? byNumber : string.CompareOrdinal(a, b);
    });

    private static int Number(string id)
    {
        var digits = id.TakeWhile(char.IsAsciiDigit).Count();
        return digits > 0 ? int.Parse(id.AsSpan(0, digits), System.Globalization.CultureInfo.InvariantCulture) : int.MaxValue;
    }

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

    /// <summary>
    /// A figure that could not be measured (a tool, a server or a sample missing): it fails the run with
    /// <paramref name="why"/> (<see cref="FigureGuard"/>), it is never printed without a value.
    /// </summary>
    public static Figure NotMeasured(string id, string name, string target, string why) =>
        new(id, name, "", double.NaN, double.NaN, double.NaN, "", 0, target, null, why);

    /// <summary>
    /// A figure the chosen mode does not run (smoke mode, <c>--only</c>, full mode only): left out of the table, named
    /// in a note with <paramref name="why"/>; it does not fail the run.
    /// </summary>
    public static Figure NotRun(string id, string name, string target, string why) =>
        new(id, name, "", double.NaN, double.NaN, double.NaN, "", 0, target, null, why, Skipped: true);

    /// <summary>Median and spread are all finite numbers (no NaN, no infinity).</summary>
    public bool IsMeasured => double.IsFinite(Median) && double.IsFinite(Low) && double.IsFinite(High);
}

/// <summary>
/// The runner's last check: a figure that was to be measured and has no finite value fails the run, with one line
/// saying which and why; nothing is written as « not measured » or NaN.
/// </summary>
public static class FigureGuard
{
    /// <summary>One line per figure that was to be measured and has no finite median or spread (empty when all were measured).</summary>
    public static IReadOnlyList<string> Failures(IEnumerable<Figure> figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        return figures.Where(f => !f.Skipped && !f.IsMeasured)
            .Select(f => $"Figure {f.Id} ({f.Name}) could not be measured: {OneLine(f.Notes, "no finite value (NaN or infinity)")}")
            .ToList();
    }

    /// <summary>The first line of <paramref name="text"/>, or <paramref name="fallback"/> when it is empty.</summary>
    public static string OneLine(string? text, string fallback) =>
        string.IsNullOrWhiteSpace(text) ? fallback : text.ReplaceLineEndings("\n").Split('\n')[0].Trim();
}

/// <summary>The run measured less than it was asked to: <see cref="Reasons"/> says what, one line each.</summary>
public sealed class BenchmarkFailedException(IReadOnlyList<string> reasons, string partialReport)
    : Exception(string.Join(Environment.NewLine, reasons))
{
    public IReadOnlyList<string> Reasons { get; } = reasons;

    /// <summary>Where the measured figures of the failed run were written (not over docs/benchmarks.md).</summary>
    public string PartialReport { get; } = partialReport;
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
