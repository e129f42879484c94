namespace CqpJury.Benchmarks.Core;

public enum BenchmarkMode
{
    /// <summary>Seconds; no browser, no child process: for the smoke test.</summary>
    Smoke,

    /// <summary>A few minutes: every figure of the table, at a smaller scale.</summary>
    Quick,

    /// <summary>The full scale: on a 2-core machine figures 3–11 take about 21 minutes, and the browsers' figures 1 and 2 (100–200 pages in chromium) do not hold (README, « Benchmarks »).</summary>
    Full,
}

/// <summary>
/// Command line: <c>--quick</c> (default) | <c>--full</c> | <c>--smoke</c>, <c>--out FILE</c> (or <c>--output FILE</c>),
/// <c>--app-dll PATH</c>, <c>--chromium PATH</c>, <c>--port N</c>, <c>--no-browser</c> (figures 3–7 only); for profiling the memory per room page:
/// <c>--memory-only</c> (figure 2 alone), <c>--memory-path /mes-sessions</c> (the same members on another page,
/// for comparison), <c>--pages 0,20,50</c> (memory checkpoints), <c>--gcdump-dir DIR</c>
/// (keep the heap dump taken at each checkpoint, for <c>dotnet-gcdump report</c>); for profiling figure 1:
/// <c>--propagation-only</c> (figure 1 alone), <c>--sessions N</c> (sessions voting at once), <c>--pace MS</c> (a vote every MS per session); for figure 11 (the protocol-level load client): <c>--load-steps 50,100,200</c> (capacity steps in sessions), <c>--only 11g</c> (its floor alone), <c>--only 11h</c> (the room's own work per vote, in process: 11h–11k); <c>--only 4</c> (some of figures 3–7, no browser).
/// </summary>
public sealed record BenchmarkOptions
{
    public BenchmarkMode Mode { get; init; } = BenchmarkMode.Quick;

    /// <summary>The markdown file written (default: docs/benchmarks.md of the repository).</summary>
    /// <summary><c>--no-browser</c>: figures 3 to 7 only (no browser, no memory run), e.g. to check a storage change quickly.</summary>
    public bool NoBrowser { get; init; }

    public string OutputPath { get; init; } = "";

    /// <summary>The app's built CqpJury.App.dll (for the cold start); found next to this build when empty.</summary>
    public string? AppDll { get; init; }

    public string ChromiumPath { get; init; } = "/usr/bin/chromium";

    /// <summary>First port used by child processes (5600–5699 on this machine).</summary>
    public int BasePort { get; init; } = 5600;

    public string CommandLine { get; init; } = "";

    /// <summary>Only figure 2 (room pages opened, memory sampled; no votes, no other figure).</summary>
    public bool MemoryOnly { get; init; }

    /// <summary>Memory checkpoints (open room pages) instead of the mode's own; null = the mode's.</summary>
    public IReadOnlyList<int>? MemoryPages { get; init; }

    /// <summary>
    /// With <see cref="MemoryOnly"/>: the members open this page instead of their session room (e.g.
    /// /mes-sessions, to measure the floor of a signed-in circuit with the app's layout).
    /// </summary>
    public string? MemoryPath { get; init; }

    /// <summary><c>--propagation-only</c>: figure 1 alone (the N×5 votes, 1×5 votes and baseline; no memory sample, no other figure).</summary>
    public bool PropagationOnly { get; init; }

    /// <summary><c>--sessions N</c>: sessions voting at once for figure 1 (default: 20 in full mode, or with --propagation-only).</summary>
    public int? Sessions { get; init; }

    /// <summary><c>--only 2,5</c>: only these figures (null = all); <c>--only 2</c> runs the memory run alone, <c>--only 1</c> the room's browsers.</summary>
    public IReadOnlySet<string>? Only { get; init; }

    /// <summary><c>--pace MS</c>: figure 1's pace, a vote at most every MS in each session (null = the runner's own).</summary>
    public int? PaceMs { get; init; }

    /// <summary><c>--load-steps 50,100,200</c>: figure 11's capacity steps in sessions (null = the mode's own).</summary>
    public IReadOnlyList<int>? LoadSteps { get; init; }

    /// <summary>Where to keep the heap dump of each memory checkpoint (deleted when null).</summary>
    public string? GcdumpDirectory { get; init; }

    /// <summary>The machine's load when the run started (filled in by the runner).</summary>
    public string LoadAtStart { get; init; } = "";

    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new BenchmarkOptions { CommandLine = string.Join(' ', args) };
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            options = args[i] switch
            {
                "--quick" => options with { Mode = BenchmarkMode.Quick },
                "--full" => options with { Mode = BenchmarkMode.Full },
                "--smoke" => options with { Mode = BenchmarkMode.Smoke },
                "--out" or "--output" => options with { OutputPath = Required(value, args[i]) },
                "--memory-only" => options with { MemoryOnly = true },
                "--no-browser" => options with { NoBrowser = true },
                "--propagation-only" => options with { PropagationOnly = true },
                "--pace" => options with { PaceMs = int.Parse(Required(value, "--pace"), System.Globalization.CultureInfo.InvariantCulture) },
                "--only" => options with { NoBrowser = true, Only = Required(value, "--only").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet() },
                "--sessions" => options with { Sessions = int.Parse(Required(value, "--sessions"), System.Globalization.CultureInfo.InvariantCulture) },
                "--memory-path" => options with { MemoryOnly = true, MemoryPath = Required(value, "--memory-path") },
                "--pages" => options with { MemoryPages = Pages(Required(value, "--pages")) },
                "--load-steps" => options with { LoadSteps = [.. Required(value, "--load-steps").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => int.Parse(p, System.Globalization.CultureInfo.InvariantCulture))] },
                "--gcdump-dir" => options with { GcdumpDirectory = Path.GetFullPath(Required(value, "--gcdump-dir")) },
                "--app-dll" => options with { AppDll = Required(value, "--app-dll") },
                "--chromium" => options with { ChromiumPath = Required(value, "--chromium") },
                "--port" => options with { BasePort = int.Parse(Required(value, "--port"), System.Globalization.CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"Unknown option {args[i]} (use --quick, --full, --smoke, --out FILE, --app-dll PATH, --chromium PATH, --port N, --memory-only, --memory-path /mes-sessions, --pages 0,20,50, --gcdump-dir DIR, --propagation-only, --sessions N, --pace MS, --only 4,5, --load-steps 50,100,200)."),
            };
            if (args[i] is "--out" or "--output" or "--app-dll" or "--chromium" or "--port" or "--pages" or "--gcdump-dir" or "--memory-path" or "--sessions" or "--only" or "--pace" or "--load-steps")
            {
                i++;
            }
        }

        if (options.Only is { } only && (only.Contains("1") || only.Contains("2")))
        {
            // The browser figures among those chosen: `--only 2` is figure 2 alone (the memory run), `--only 1` runs the room's browsers for both.
            options = options with { NoBrowser = false, MemoryOnly = options.MemoryOnly || !only.Contains("1") };
        }

        return string.IsNullOrEmpty(options.OutputPath)
            ? options with { OutputPath = Path.Combine(RepositoryPaths.Root, "docs", "benchmarks.md") }
            : options;
    }

    private static int[] Pages(string list)
    {
        var pages = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => int.TryParse(p, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : -1)
            .ToArray();
        if (pages.Length < 2 || pages.Any(p => p < 0) || pages.Distinct().Count() != pages.Length)
        {
            throw new ArgumentException("--pages needs at least two distinct page counts, e.g. 0,20,50.");
        }

        return [.. pages.Order()];
    }

    private static string Required(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"{name} needs a value.") : value;
}
