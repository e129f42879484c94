using System.Diagnostics;
using System.Net;
using CqpJury.Benchmarks.Core;

namespace CqpJury.Benchmarks.Startup;

/// <summary>
/// Figure 5: the published app (what production runs: <c>dotnet publish</c>, ReadyToRun) started as a real process (<c>dotnet CqpJury.App.dll</c>, Kestrel,
/// Production environment, its own port and data folder), timed from Process.Start to the first
/// 200 on GET / (redirects followed). Each run: a fresh data folder (database created and migrated
/// at start), then a restart on the same folder (database already there).
/// </summary>
public static class ColdStartBenchmark
{
    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchmarkOptions options, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        // What production starts (docs/operations.md): the publish output, unless --app-dll names another build.
        var published = Path.Combine(Path.GetTempPath(), "cqpjury-coldstart-publish-" + Guid.NewGuid().ToString("N")[..8]);
        string dll;
        if (options.AppDll is { } given)
        {
            dll = given;
        }
        else
        {
            var clock = Stopwatch.StartNew();
            dll = await PublishedApp.PublishAsync(published);
            log($"  published the app in {clock.Elapsed.TotalSeconds:0} s");
        }

        if (!File.Exists(dll))
        {
            return
            [
                Figure.NotMeasured("5a", "Cold start: process start → 200 on / (new database)", "≤ 2 s", $"{dll} not found."),
            ];
        }

        try
        {
            return await MeasureAsync(options, log, dll);
        }
        finally
        {
            TempFolder.DeleteQuietly(published);
        }
    }

    private static async Task<IReadOnlyList<Figure>> MeasureAsync(BenchmarkOptions options, Action<string> log, string dll)
    {

        var runs = options.Mode == BenchmarkMode.Full ? 7 : 3;
        var fresh = new List<double>();
        var restart = new List<double>();
        var port = options.BasePort + 10;
        for (var run = 0; run < runs; run++)
        {
            var folder = Path.Combine(Path.GetTempPath(), "cqpjury-coldstart-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(folder);
            try
            {
                fresh.Add(await TimeToFirstPageAsync(dll, folder, port));
                restart.Add(await TimeToFirstPageAsync(dll, folder, port));
                log($"  cold start run {run + 1}/{runs}: new database {fresh[^1]:0} ms, restart {restart[^1]:0} ms");
            }
            finally
            {
                TempFolder.DeleteQuietly(folder);
            }
        }

        var how = options.AppDll is null
            ? "The published app as production runs it (`dotnet publish CqpJury.App -c Release`, ReadyToRun; docs/operations.md), started with `dotnet CqpJury.App.dll` (ASPNETCORE_ENVIRONMENT=Production, own port and data folder), Process.Start → first 200 on GET / polled every 10 ms, redirects followed."
            : $"`dotnet {Path.GetFileName(dll)}` from --app-dll {dll} (ASPNETCORE_ENVIRONMENT=Production, own port and data folder), Process.Start → first 200 on GET / polled every 10 ms, redirects followed.";
        return
        [
            Figure.FromRuns("5a", "Cold start: process start → 200 on / (new database: create + migrate)", "s", fresh.Select(ms => ms / 1000).ToList(), "≤ 2 s", s => s <= 2, how),
            Figure.FromRuns("5b", "Restart: process start → 200 on / (existing database)", "s", restart.Select(ms => ms / 1000).ToList(), "≤ 2 s", s => s <= 2),
        ];
    }

    private static async Task<double> TimeToFirstPageAsync(string dll, string folder, int port)
    {
        var url = $"http://127.0.0.1:{port}";
        var info = Browser.AppProcess.StartInfo(dll, folder, url);

        using var handler = new HttpClientHandler { AllowAutoRedirect = true };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) };
        var output = new System.Text.StringBuilder();
        var sw = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            while (sw.Elapsed < TimeSpan.FromSeconds(60))
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"The app exited with code {process.ExitCode}: {output}");
                }

                try
                {
                    using var response = await http.GetAsync(new Uri(url + "/"));
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        return sw.Elapsed.TotalMilliseconds;
                    }
                }
                catch (HttpRequestException)
                {
                    // not listening yet
                }

                await Task.Delay(10);
            }

            throw new TimeoutException($"No 200 on {url}/ within 60 s: {output}");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
    }
}
