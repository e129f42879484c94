using System.Diagnostics;

namespace CqpJury.Benchmarks.Core;

/// <summary>
/// The .NET diagnostics tools figure 2 needs (dotnet-gcdump, dotnet-counters), taken from the repository's local
/// tool manifest (dotnet-tools.json at the root): restored once per run with <c>dotnet tool restore</c>, then run as
/// <c>dotnet tool run NAME ARGS</c> from the repository root. Nothing installed globally by hand is needed; when the
/// restore fails (no network, no feed) the figure fails with that reason instead of being printed without a value.
/// </summary>
public static class DiagnosticsTools
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool _restored;

    /// <summary>The tools of the manifest figure 2 runs.</summary>
    public static readonly IReadOnlyList<string> Required = ["dotnet-gcdump", "dotnet-counters"];

    /// <summary><c>dotnet tool restore</c> in the repository root, once per process; throws with the tool's own message when it fails.</summary>
    public static async Task EnsureRestoredAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_restored)
            {
                return;
            }

            var manifest = Path.Combine(RepositoryPaths.Root, "dotnet-tools.json");
            var text = File.Exists(manifest) ? await File.ReadAllTextAsync(manifest) : "";
            var missing = Required.Where(t => !text.Contains($"\"{t}\"", StringComparison.Ordinal)).ToList();
            if (missing.Count > 0)
            {
                throw new InvalidOperationException($"{string.Join(", ", missing)} missing from the tool manifest {manifest}.");
            }

            await RunAsync("dotnet", ["tool", "restore"], TimeSpan.FromMinutes(5));
            _restored = true;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Runs a tool of the manifest (restored first); its standard output, or an exception naming its exit code and output.</summary>
    public static async Task<string> RunToolAsync(string tool, IReadOnlyList<string> args, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        await EnsureRestoredAsync();
        return await RunAsync("dotnet", ["tool", "run", tool, .. args], timeout ?? TimeSpan.FromSeconds(60));
    }

    /// <summary>Runs a program from the repository root; its standard output, or an exception naming its exit code and output (one line).</summary>
    public static async Task<string> RunAsync(string file, IReadOnlyList<string> args, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(args);
        var info = new ProcessStartInfo(file, args)
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} took more than {timeout.TotalSeconds:0} s.");
        }

        if (process.ExitCode != 0)
        {
            var output = $"{await stdout} {await stderr}".ReplaceLineEndings(" ").Trim();
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {process.ExitCode}: {output[Math.Max(0, output.Length - 600)..]}");
        }

        return await stdout;
    }
}
