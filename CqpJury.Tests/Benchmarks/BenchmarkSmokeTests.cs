using System.Globalization;
using CqpJury.Benchmarks.Core;

namespace CqpJury.Tests.Benchmarks;

/// <summary>
/// The benchmark runner is not part of <c>dotnet test</c>; this only checks that its
/// cheapest mode runs in-process (no browser, no child process) and writes its table.
/// </summary>
public sealed class BenchmarkSmokeTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cqpjury-bench-smoke-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task Smoke_mode_writes_the_table_with_measured_positive_figures()
    {
        var output = Path.Combine(_folder, "benchmarks.md");

        var figures = await BenchmarkRunner.RunAsync(BenchmarkOptions.Parse(["--smoke", "--out", output]), _ => { });

        Assert.True(File.Exists(output));
        var markdown = await File.ReadAllTextAsync(output);
        Assert.Contains(ReportWriter.TableHeader, markdown, StringComparison.Ordinal);
        Assert.Contains("- Machine: ", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("failed in this run", markdown, StringComparison.Ordinal);
        var rows = markdown.Split('\n')
            .Where(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.StartsWith("| # ", StringComparison.Ordinal))
            .Select(l => l.Split('|', StringSplitOptions.TrimEntries))
            .ToDictionary(cells => cells[1], cells => cells, StringComparer.Ordinal);
        foreach (var id in new[] { "3a", "3b", "6a" })
        {
            Assert.True(rows.ContainsKey(id), $"row {id} missing");
            var median = double.Parse(rows[id][3].Split(' ')[0], CultureInfo.InvariantCulture);
            Assert.True(median > 0, $"row {id}: median {median}");
        }

        Assert.Contains("not measured", rows["6b"][3], StringComparison.Ordinal); // no browser in smoke mode
        Assert.True(figures.Single(f => f.Id == "6a").Median > 0);
    }

    [Fact]
    public void Sections_measured_outside_the_runner_are_kept_when_it_rewrites_the_file()
    {
        var previous = "# CqpJury benchmarks\n\n| 3a | old |\n\n" + ReportWriter.KeptHeading + "\n\n### Largest dossier\n\n- page 900 ms\n";

        var kept = ReportWriter.KeptSections(previous);

        Assert.StartsWith(Environment.NewLine + ReportWriter.KeptHeading, kept, StringComparison.Ordinal);
        Assert.EndsWith("- page 900 ms\n", kept, StringComparison.Ordinal);
        Assert.DoesNotContain("| 3a | old |", kept, StringComparison.Ordinal);
        Assert.Equal(string.Empty, ReportWriter.KeptSections("# CqpJury benchmarks\n| 3a | old |\n"));
        Assert.Equal(string.Empty, ReportWriter.KeptSections(null));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
