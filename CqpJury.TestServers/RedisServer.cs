using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CqpJury.TestServers;

/// <summary>
/// A real Redis for tests: the one CI started (<c>CQPJURY_TEST_REDIS</c>=host:port), or a private
/// <c>redis-server</c> started here on a free loopback port (no persistence), which a test may stop and
/// start again on the same port to simulate an outage. Disposing kills a private server.
/// </summary>
public sealed class RedisServer : IDisposable
{
    public const string EndpointVariable = "CQPJURY_TEST_REDIS";

    private readonly string? _external;
    private readonly string? _directory;
    private Process? _process;

    private RedisServer(string? external, string? directory, int port)
    {
        _external = external;
        _directory = directory;
        Port = port;
    }

    /// <summary>host:port, usable as a StackExchange.Redis configuration string.</summary>
    public string Endpoint => _external ?? $"127.0.0.1:{Port}";

    public int Port { get; }

    public bool IsPrivate => _directory is not null;

    public static string? ExternalEndpoint =>
        Environment.GetEnvironmentVariable(EndpointVariable) is { Length: > 0 } endpoint ? endpoint : null;

    /// <summary>redis-server on PATH (or /usr/bin), or null.</summary>
    public static string? Executable { get; } = FindExecutable();

    public static bool IsCi { get; } =
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why a Redis test cannot run here (null: it runs; in CI it always runs, and fails clearly if Redis is missing).</summary>
    public static string? SkipReason(bool needsPrivateServer) =>
        IsCi || Executable is not null || (!needsPrivateServer && ExternalEndpoint is not null)
            ? null
            : $"Redis tests skipped: no redis-server on PATH (apt-get install -y redis-server) and {EndpointVariable} not set.";

    /// <summary>The CI server when there is one, else a private one.</summary>
    public static RedisServer Shared() =>
        ExternalEndpoint is { } endpoint ? new RedisServer(endpoint, directory: null, port: 0) : StartPrivate();

    /// <summary>A server of this test's own (never the CI one, which must not be stopped).</summary>
    public static RedisServer StartPrivate()
    {
        if (Executable is null)
        {
            throw new InvalidOperationException(
                $"No redis-server found on PATH or in /usr/bin: install it (apt-get install -y redis-server) to run the Redis tests.");
        }

        var directory = Path.Combine(Path.GetTempPath(), "cqpjury-redis", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var server = new RedisServer(external: null, directory, FreePort());
        server.Start();
        return server;
    }

    /// <summary>Starts (again) the private server on its port and waits until it accepts connections.</summary>
    public void Start()
    {
        if (!IsPrivate)
        {
            throw new InvalidOperationException("The CI Redis server is not started or stopped by tests.");
        }

        if (_process is { HasExited: false })
        {
            return;
        }

        var start = new ProcessStartInfo(Executable!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _directory,
        };
        foreach (var argument in new[]
                 {
                     "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                     "--save", string.Empty, "--appendonly", "no", "--daemonize", "no", "--dir", _directory!,
                 })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WaitUntilListening();
    }

    /// <summary>Kills the private server (an outage: clients see their connections drop).</summary>
    public void Stop()
    {
        if (!IsPrivate)
        {
            throw new InvalidOperationException("The CI Redis server is not started or stopped by tests.");
        }

        if (_process is { HasExited: false } process)
        {
            process.Kill();
            process.WaitForExit(5000);
        }

        _process?.Dispose();
        _process = null;
    }

    public void Dispose()
    {
        if (!IsPrivate)
        {
            return;
        }

        Stop();
        try
        {
            Directory.Delete(_directory!, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }

    private void WaitUntilListening()
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited at start (code {_process.ExitCode}) on port {Port}.");
            }

            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(25);
            }
        }

        throw new InvalidOperationException($"redis-server did not listen on port {Port} within 10 s.");
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private static string? FindExecutable()
    {
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin");
        return directories.Select(d => Path.Combine(d, "redis-server")).FirstOrDefault(File.Exists);
    }
}
