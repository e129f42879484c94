using CqpJury.Benchmarks.Core;

namespace CqpJury.Tests.Benchmarks;

/// <summary>
/// Issue 25.1: a figure the runner could not measure fails the run with a one-line reason; nothing is ever written
/// or printed as NaN or « not measured ». Figures a mode does not run (smoke, --only) are named in a note instead.
/// </summary>
public sealed class FigureGuardTests
{
    private static readonly Figure Measured = Figure.FromRuns("4a", "Vote commits", "commits/s", [3000, 3100, 3200], "≥ 500/s", r => r >= 500);

    [Fact]
    public void A_figure_without_a_finite_value_is_a_failure_with_its_reason_on_one_line()
    {
        var figures = new[]
        {
            Measured,
            Figure.NotMeasured("2", "Server memory per connected member", "≤ 250 KB", "dotnet tool restore exited with 1: no feed\nstack trace line"),
            new Figure("2b", "Working set slope", "KB/page", double.NaN, 1, 2, "least squares", 4, "–", null),
            new Figure("3b", "Notifier p99", "ms", 0.02, 0.01, double.PositiveInfinity, "min–max", 7, "–", null),
            Figure.NotRun("6b", "Chromium baseline", "baseline", "smoke mode (no browser)"),
        };

        var failures = FigureGuard.Failures(figures);

        Assert.Equal(3, failures.Count);
        Assert.All(failures, f => Assert.DoesNotContain('\n', f));
        Assert.Equal("Figure 2 (Server memory per connected member) could not be measured: dotnet tool restore exited with 1: no feed", failures[0]);
        Assert.StartsWith("Figure 2b (Working set slope) could not be measured: no finite value", failures[1], StringComparison.Ordinal);
        Assert.StartsWith("Figure 3b ", failures[2], StringComparison.Ordinal);
        Assert.Empty(FigureGuard.Failures([Measured, Figure.NotRun("1", "Vote propagation", "p95 ≤ 100 ms", "smoke mode")]));
    }

    [Fact]
    public void The_table_never_shows_NaN_or_not_measured()
    {
        var options = BenchmarkOptions.Parse(["--smoke", "--out", Path.Combine(Path.GetTempPath(), "unused.md")]);
        var figures = new[]
        {
            Measured,
            Figure.NotMeasured("2", "Server memory", "≤ 250 KB", "no heap sample"),
            new Figure("2b", "Working set slope", "KB/page", double.NaN, double.NaN, double.NaN, "least squares", 4, "–", null, "notes of a failed figure"),
            Figure.NotRun("6b", "Chromium baseline", "baseline", "smoke mode (no browser)"),
        };

        var markdown = ReportWriter.Render(options, MachineInfo.Current(), figures, [], TimeSpan.FromSeconds(1), DateTimeOffset.UtcNow);

        Assert.Contains("| 4a | Vote commits | 3100 commits/s |", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("not measured", markdown, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("| 2 |", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("| 6b |", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("notes of a failed figure", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_2_runs_the_memory_figure_with_the_browser_and_nothing_else()
    {
        var only2 = BenchmarkOptions.Parse(["--quick", "--only", "2"]);
        Assert.False(only2.NoBrowser);
        Assert.True(only2.MemoryOnly);

        var only45 = BenchmarkOptions.Parse(["--only", "4,5"]);
        Assert.True(only45.NoBrowser);
        Assert.False(only45.MemoryOnly);
    }

    [Fact]
    public async Task Figure_2s_tools_come_from_the_repository_tool_manifest()
    {
        // dotnet tool restore, then dotnet tool run: no global tool needed (the manifest pins the versions).
        var version = await DiagnosticsTools.RunToolAsync("dotnet-gcdump", ["--version"]);
        Assert.StartsWith("10.0.", version.Trim(), StringComparison.Ordinal);
        var counters = await DiagnosticsTools.RunToolAsync("dotnet-counters", ["--version"]);
        Assert.StartsWith("10.0.", counters.Trim(), StringComparison.Ordinal);
    }
}
