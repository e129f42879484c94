using System.Globalization;
using System.Text;

namespace CqpJury.Benchmarks.Core;

/// <summary>Writes docs/benchmarks.md: date, machine, the table, and the notes of this run.</summary>
public static class ReportWriter
{
    public const string TableHeader = "| # | Figure | Median | Spread | Runs | Target | Met |";

    /// <summary>
    /// Sections measured by other means (a test's timings, with their command) start at this
    /// heading at the end of the file; the runner keeps them when it rewrites its own part.
    /// </summary>
    public const string KeptHeading = "## Measured outside the runner";

    /// <summary>What <paramref name="previous"/> (the file as it was) holds from <see cref="KeptHeading"/> on, after a blank line; empty when nothing.</summary>
    public static string KeptSections(string? previous)
    {
        var at = previous?.IndexOf("\n" + KeptHeading, StringComparison.Ordinal) ?? -1;
        return at < 0 ? string.Empty : Environment.NewLine + previous![(at + 1)..];
    }

    public static string Render(BenchmarkOptions options, MachineInfo machine, IReadOnlyList<Figure> figures, IReadOnlyList<string> notes, TimeSpan duration, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(notes);
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine("# CqpJury benchmarks");
        sb.AppendLine();
        sb.AppendLine("Written by the benchmark runner (`CqpJury.Benchmarks`); do not edit by hand.");
        sb.AppendLine("Regenerate with `dotnet run -c Release --project CqpJury.Benchmarks -- --quick` (a few minutes: every figure, smaller) or `-- --full` (the full scale, much longer: « Mode » below gives the time this run took).");
        sb.AppendLine();
        sb.AppendLine(c, $"- Date: {at.ToUniversalTime():yyyy-MM-dd HH:mm} UTC");
        sb.AppendLine(c, $"- Mode: {options.Mode.ToString().ToLowerInvariant()} (run took {duration.TotalSeconds:0} s)");
        sb.AppendLine(c, $"- Machine: {machine.Cores} cores ({machine.Cpu}), memory {machine.Memory}");
        sb.AppendLine(c, $"- OS: {machine.Os}; runtime {machine.Runtime}");
        sb.AppendLine(c, $"- Load average (1/5/15 min) at the start: {options.LoadAtStart}; at the end: {MachineInfo.LoadAverage()}");
        sb.AppendLine();
        sb.AppendLine("Median over repeated runs; spread is min–max of the runs' figures, or p5–p95 of the samples for latencies.");
        sb.AppendLine();
        sb.AppendLine(TableHeader);
        sb.AppendLine("|---|---|---:|---:|---:|---|---|");
        // Only figures with a value: one not run by the mode is named in the notes, one that could not be measured fails the run.
        var measured = figures.Where(f => f.IsMeasured).ToList();
        foreach (var f in measured)
        {
            var median = f.Spread == "total" ? $"{f.Median:0} {f.Unit}" : $"{Format(f.Median)} {f.Unit}";
            var spread = f.Spread == "total" ? "total over the runs" : $"{Format(f.Low)}–{Format(f.High)} ({f.Spread})";
            var runs = f.Runs.ToString(c);
            var met = f.Met switch { true => "yes", false => "**no**", null => "–" };
            sb.AppendLine(c, $"| {f.Id} | {f.Name} | {median} | {spread} | {runs} | {f.Target} | {met} |");
        }

        sb.AppendLine();
        sb.AppendLine("## Notes");
        sb.AppendLine();
        foreach (var f in measured.Where(f => f.Notes.Length > 0))
        {
            sb.AppendLine(c, $"- **{f.Id}** {f.Notes}");
        }

        foreach (var note in notes)
        {
            sb.AppendLine(c, $"- {note}");
        }

        return sb.ToString();
    }

    /// <summary>Three significant figures at most, without exponent.</summary>
    public static string Format(double value)
    {
        var abs = Math.Abs(value);
        var format = abs >= 100 ? "0" : abs >= 10 ? "0.0" : abs >= 1 ? "0.00" : "0.000";
        return value.ToString(format, CultureInfo.InvariantCulture);
    }
}
