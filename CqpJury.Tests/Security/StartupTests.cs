using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Data.Sqlite;

namespace CqpJury.Tests.Security;

/// <summary>
/// Issue 23 point 5 and issue 19 (start-up): the real app process (<c>dotnet CqpJury.App.dll</c>) started
/// with a setting a person can get wrong prints one French paragraph naming the setting, the value and
/// what is expected, exits with a code other than 0, and shows no stack trace.
/// </summary>
public sealed class StartupTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cqpjury-startup", Guid.NewGuid().ToString("N"));

    public StartupTests() => Directory.CreateDirectory(_folder);

    public static TheoryData<string, string, string, string> WrongSettings() => new()
    {
        // name, setting (environment variable), value, what the message must name
        { "garbled connection string", "ConnectionStrings__CqpJury", "=;;n'importe quoi==", "ConnectionStrings:CqpJury" },
        { "keep-alive not a duration", "Kestrel__Limits__KeepAliveTimeout", "banana", "Kestrel:Limits:KeepAliveTimeout" },
        { "unknown provider", "Database__Provider", "Oracle", "Database:Provider" },
        { "upload limit not a number", "Documents__MaxUploadBytes", "abc", "Documents:MaxUploadBytes" },
        { "invitation validity not a number", "Invitations__ValidityHours", "abc", "Invitations:ValidityHours" },
        { "invitation validity out of range", "Invitations__ValidityHours", "0", "Invitations:ValidityHours" },
        { "rate limit not a number", "RateLimits__SignIn__PerAddress", "beaucoup", "RateLimits:SignIn:PerAddress" },
        { "public address not an address", "App__PublicBaseUrl", "jury.exemple.fr", "App:PublicBaseUrl" },
        { "missing referential", "Referential__Path", "/nulle/part/referentiel.json", "Referential:Path" },
    };

    [Theory]
    [MemberData(nameof(WrongSettings))]
    public async Task A_wrong_setting_stops_the_start_with_one_French_paragraph_naming_it(string name, string variable, string value, string key)
    {
        var run = await RunAsync([], new Dictionary<string, string> { [variable] = value });

        AssertFrenchFailure(run, name);
        Assert.Contains(key, run.Output, StringComparison.Ordinal);
        Assert.Contains(value.Length > 20 ? value[..10] : value, run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ceci n'est pas du JSON")]
    public async Task An_empty_or_non_JSON_settings_file_is_named(string content)
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "appsettings.json"), content);

        var run = await RunAsync([], []);

        AssertFrenchFailure(run, "settings file");
        Assert.Contains("appsettings.json", run.Output, StringComparison.Ordinal);
        Assert.Contains("JSON", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_referential_with_errors_shows_its_errors_in_French()
    {
        var file = Path.Combine(_folder, "referentiel.json");
        await File.WriteAllTextAsync(file, "{ \"certificates\": [ { \"code\": \"\" } ] }");

        var run = await RunAsync([], new Dictionary<string, string> { ["Referential__Path"] = file });

        AssertFrenchFailure(run, "referential");
        Assert.Contains("référentiel", run.Output, StringComparison.Ordinal);
        Assert.Contains("Referential:Path", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_busy_port_says_what_to_do_in_French()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var run = await RunAsync(["--demo", "--urls", $"http://127.0.0.1:{port}"], []);

        AssertFrenchFailure(run, "busy port");
        Assert.Contains($"http://127.0.0.1:{port}", run.Output, StringComparison.Ordinal);
        Assert.Contains("--urls", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Demo_works_before_or_after_another_argument_and_reset_wipes_and_reseeds_the_embedded_database(bool demoFirst)
    {
        var port = FreePort();
        string[] args = demoFirst ? ["--demo", "--urls", $"http://127.0.0.1:{port}"] : ["--urls", $"http://127.0.0.1:{port}", "--demo"];
        var first = await RunAsync(args, [], untilListening: port);
        Assert.True(first.Listened, first.Output);
        Assert.Contains("secretariat@exemple.test", first.Output, StringComparison.Ordinal);

        // The demo session is closed (as after a demonstration), then --demo --reset brings a fresh one.
        var database = Path.Combine(_folder, "data", "cqpjury.db");
        await ExecuteAsync(database, "UPDATE JurySessions SET Status = 2 WHERE Status = 1");
        // The demo history (closed sessions feeding the statistics page) is left out of the counts.
        const string NotHistory = " AND Title NOT LIKE '%(historique de démonstration)'";
        Assert.Equal(1L, await ScalarAsync(database, "SELECT COUNT(*) FROM JurySessions WHERE Status = 2" + NotHistory));

        var second = await RunAsync(["--reset", "--urls", $"http://127.0.0.1:{port}", "--demo"], [], untilListening: port);
        Assert.True(second.Listened, second.Output);
        Assert.Contains("Base de démonstration effacée", second.Output, StringComparison.Ordinal);
        Assert.Equal(0L, await ScalarAsync(database, "SELECT COUNT(*) FROM JurySessions WHERE Status = 2" + NotHistory));
        Assert.Equal(1L, await ScalarAsync(database, "SELECT COUNT(*) FROM JurySessions WHERE Status = 1" + NotHistory));
    }

    [Fact]
    public async Task Reset_refuses_a_PostgreSQL_database_and_touches_nothing()
    {
        var run = await RunAsync(["--demo", "--reset"], new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__CqpJury"] = "Host=127.0.0.1;Port=1;Database=aucune;Username=personne",
        });

        AssertFrenchFailure(run, "reset on PostgreSQL");
        Assert.Contains("PostgreSQL", run.Output.Replace("Postgres ", "PostgreSQL ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("Rien n'a été effacé", run.Output, StringComparison.Ordinal);
    }

    private static void AssertFrenchFailure(AppRun run, string name)
    {
        Assert.False(run.Listened, $"{name}: the app started: {run.Output}");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("CqpJury n'a pas démarré.", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", run.Output, StringComparison.Ordinal);
    }

    private sealed record AppRun(int? ExitCode, bool Listened, string Output);

    /// <summary>Runs the app; returns when it exits, or (with <paramref name="untilListening"/>) once it answers there, then stops it.</summary>
    private async Task<AppRun> RunAsync(string[] args, Dictionary<string, string> environment, int? untilListening = null)
    {
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "CqpJury.App.dll"), .. args])
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true, // no terminal: --reset asks nothing
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var output = new StringBuilder();
        using var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        var listened = false;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(240));
        if (untilListening is { } port)
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            while (!process.HasExited && !timeout.IsCancellationRequested && !listened)
            {
                try
                {
                    using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/health/live"));
                    listened = response.IsSuccessStatusCode;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    await Task.Delay(200);
                }
            }

            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        await process.WaitForExitAsync(timeout.Token);
        process.WaitForExit(); // the output readers are done
        lock (output)
        {
            return new AppRun(listened ? null : process.ExitCode, listened, output.ToString());
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(string database, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
