namespace CqpJury.Benchmarks.Core;

public enum BenchmarkMode
{
    /// <summary>Seconds; no browser, no child process: for the smoke test.</summary>
    Smoke,

    /// <summary>Under 2 minutes.</summary>
    Quick,

    /// <summary>Under 15 minutes.</summary>
    Full,
}

/// <summary>Command line: <c>--quick</c> (default) | <c>--full</c> | <c>--smoke</c>, <c>--out FILE</c>, <c>--app-dll PATH</c>, <c>--chromium PATH</c>.</summary>
public sealed record BenchmarkOptions
{
    public BenchmarkMode Mode { get; init; } = BenchmarkMode.Quick;

    /// <summary>The markdown file written (default: docs/benchmarks.md of the repository).</summary>
    public string OutputPath { get; init; } = "";

    /// <summary>The app's built CqpJury.App.dll (for the cold start); found next to this build when empty.</summary>
    public string? AppDll { get; init; }

    public string ChromiumPath { get; init; } = "/usr/bin/chromium";

    /// <summary>First port used by child processes (5600–5699 on this machine).</summary>
    public int BasePort { get; init; } = 5600;

    public string CommandLine { get; init; } = "";

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
                "--out" => options with { OutputPath = Required(value, "--out") },
                "--app-dll" => options with { AppDll = Required(value, "--app-dll") },
                "--chromium" => options with { ChromiumPath = Required(value, "--chromium") },
                "--port" => options with { BasePort = int.Parse(Required(value, "--port"), System.Globalization.CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"Unknown option {args[i]} (use --quick, --full, --smoke, --out FILE, --app-dll PATH, --chromium PATH, --port N)."),
            };
            if (args[i] is "--out" or "--app-dll" or "--chromium" or "--port")
            {
                i++;
            }
        }

        return string.IsNullOrEmpty(options.OutputPath)
            ? options with { OutputPath = Path.Combine(RepositoryPaths.Root, "docs", "benchmarks.md") }
            : options;
    }

    private static string Required(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"{name} needs a value.") : value;
}
