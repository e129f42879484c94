using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace CqpJury.TestServers;

/// <summary>
/// The PostgreSQL server the tests use: the one named by <c>CQPJURY_TEST_POSTGRES</c> (CI starts one,
/// see .ci/run), else a private server started from the machine's PostgreSQL binaries
/// (/usr/lib/postgresql/N/bin) in a temp folder on a free loopback port, stopped when the tests end.
/// Without either, PostgreSQL tests are skipped with <see cref="SkipReason"/> — except in CI, where they run and fail.
/// </summary>
public static class PostgresServer
{
    public const string Variable = "CQPJURY_TEST_POSTGRES";

    private static readonly Lazy<(string? ConnectionString, string? Problem)> Server = new(Find, LazyThreadSafetyMode.ExecutionAndPublication);

    public static bool IsCi { get; } = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why PostgreSQL tests are skipped here, or null when they run.</summary>
    public static string? SkipReason =>
        Server.Value.ConnectionString is not null || IsCi
            ? null
            : $"PostgreSQL tests skipped: {Server.Value.Problem} (set {Variable}=\"Host=…;Port=…;Username=…\" or install PostgreSQL).";

    /// <summary>An administrator connection string (database "postgres").</summary>
    public static string AdminConnectionString =>
        Server.Value.ConnectionString
        ?? throw new InvalidOperationException($"No PostgreSQL server for the tests: {Server.Value.Problem}. Set {Variable} or install PostgreSQL (apt-get install -y postgresql).");

    private static (string?, string?) Find()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
        {
            var csb = new NpgsqlConnectionStringBuilder(given) { Database = "postgres", Pooling = false };
            return (csb.ConnectionString, null);
        }

        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault()
            : null;
        if (bin is null)
        {
            return (null, "no server named and no PostgreSQL binaries under /usr/lib/postgresql");
        }

        try
        {
            return (StartPrivate(bin), null);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
        {
            return (null, $"could not start a private server from {bin}: {ex.Message}");
        }
    }

    /// <summary>initdb + pg_ctl start as the postgres user (initdb refuses root), trust auth on 127.0.0.1 only.</summary>
    private static string StartPrivate(string bin)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"cqpjury-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(folder);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            Run("chown", ["postgres:postgres", folder], asRoot: false);
        }

        var port = FreePort();
        Run(Path.Combine(bin, "initdb"), ["-D", Path.Combine(folder, "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"], asRoot);
        Run(Path.Combine(bin, "pg_ctl"), ["-D", Path.Combine(folder, "data"), "-l", Path.Combine(folder, "log"),
            "-o", $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300", "-w", "start"], asRoot);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            Run(Path.Combine(bin, "pg_ctl"), ["-D", Path.Combine(folder, "data"), "-m", "immediate", "-w", "stop"], asRoot, throwOnError: false);
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // left for the temp cleaner
            }
        };
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false";
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static void Run(string file, IReadOnlyList<string> arguments, bool asRoot, bool throwOnError = true)
    {
        var info = asRoot
            ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", file, .. arguments])
            : new ProcessStartInfo(file, arguments);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0 && throwOnError)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} failed ({process.ExitCode}): {error} {output.Result}".Trim());
        }
    }
}
