using System.Diagnostics;
using System.Net;
using System.Text;

namespace CqpJury.Benchmarks.Browser;

/// <summary>The built app as a real process (<c>dotnet CqpJury.App.dll</c>, Production, own port and data folder).</summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AppProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public int Pid => _process.Id;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>How the benchmarks start the real app: its build output, Production, its own port and data folder, warnings only.</summary>
    public static ProcessStartInfo StartInfo(string dll, string folder, string url)
    {
        var info = WebProcess(dll, [], url);
        info.Environment["Storage__Root"] = folder;
        info.Environment["ConnectionStrings__CqpJury"] = $"Data Source={Path.Combine(folder, "db.sqlite")}";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        // Every simulated member signs in from 127.0.0.1: the per-address sign-in limit (30 per 5 minutes,
        // meant for one guesser) would refuse the 101st member. The per-account limit stays as configured.
        info.Environment["RateLimits__SignIn__PerAddress"] = "100000";
        return info;
    }

    /// <summary><c>dotnet <paramref name="dll"/> <paramref name="args"/></c> in its folder, listening on <paramref name="url"/> in Production, its output read by <see cref="AppProcess"/>.</summary>
    public static ProcessStartInfo WebProcess(string dll, IEnumerable<string> args, string url)
    {
        var info = new ProcessStartInfo("dotnet", [dll, .. args])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_URLS"] = url;
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        return info;
    }

    /// <summary>
    /// Starts the app and waits for its sign-in page. <paramref name="settings"/> (e.g. "Database:Provider")
    /// are passed as environment variables and override the defaults of <see cref="StartInfo"/>.
    /// </summary>
    public static async Task<AppProcess> StartAsync(string dll, string folder, int port, IReadOnlyDictionary<string, string>? settings = null)
    {
        var url = $"http://127.0.0.1:{port}";
        var info = StartInfo(dll, folder, url);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return await StartAsync(info, url, "/connexion");
    }

    /// <summary>Starts the process <paramref name="info"/> describes and waits until <paramref name="url"/> + <paramref name="readyPath"/> answers 200.</summary>
    public static async Task<AppProcess> StartAsync(ProcessStartInfo info, string url, string readyPath)
    {
        ArgumentNullException.ThrowIfNull(info);
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        var app = new AppProcess(process, url);
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {process.ExitCode}: {app.Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(url + readyPath));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return app;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(50);
        }

        await app.DisposeAsync();
        throw new TimeoutException($"No 200 on {url}{readyPath} within 60 s: {app.Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Length < 200_000)
            {
                _output.AppendLine(line);
            }
        }
    }

    /// <summary>Ends the process at once, as a crash would (SIGKILL: no shutdown, no flushing).</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        if (Environment.GetEnvironmentVariable("CQPJURY_BENCH_APP_LOG") is { Length: > 0 } file)
        {
            await File.AppendAllTextAsync(file, Output); // diagnosis: what the app under test wrote (warnings and errors)
        }

        _process.Dispose();
    }
}
