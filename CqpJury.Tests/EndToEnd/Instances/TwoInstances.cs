using CqpJury.TestServers;
using System.Net;
using CqpJury.Benchmarks.Browser;
using CqpJury.Tests.EndToEnd.Infrastructure;
using CqpJury.Tests.TestSupport;

namespace CqpJury.Tests.EndToEnd.Instances;

/// <summary>
/// Two instances of the app sharing one PostgreSQL database, one Redis and one documents folder, as
/// behind a sticky load balancer. A runs in the test process (it seeds the demo); B is a real
/// <c>dotnet CqpJury.App.dll</c> process, so it can be killed (SIGKILL) and started again.
/// The Redis server is this test's own, so it can be stopped and started again.
/// </summary>
internal sealed class TwoInstances : IAsyncDisposable
{
    private static readonly PortRange Ports = new(5900, 5999);
    private static readonly PostgresTestDatabase Database = new();

    private readonly Dictionary<string, string> _settings;
    private AppProcess? _b;

    private TwoInstances(string folder, RedisServer redis, Dictionary<string, string> settings, LiveServer a, int portB)
    {
        Folder = folder;
        Redis = redis;
        _settings = settings;
        A = a;
        PortB = portB;
    }

    /// <summary>The documents folder both instances use (in production: a shared volume).</summary>
    public string Folder { get; }

    public RedisServer Redis { get; }

    public LiveServer A { get; }

    public int PortB { get; }

    public string UrlA => A.BaseUrl;

    public string UrlB => $"http://127.0.0.1:{PortB}";

    public static async Task<TwoInstances> StartAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "cqpjury-tests", "instances-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var redis = RedisServer.StartPrivate();
        LiveServer? a = null;
        try
        {
            var settings = new Dictionary<string, string>
            {
                ["Database:Provider"] = "Postgres",
                ["ConnectionStrings:CqpJury"] = Database.ConnectionString(folder),
                ["Realtime:Redis"] = redis.Endpoint,
                ["Storage:Root"] = folder,
            };
            a = LiveServer.Start(port: Ports.Next(), dataRoot: folder, deleteOnDispose: false, settings: settings, productionPasswordHashing: true); // B is a production process
            var instances = new TwoInstances(folder, redis, settings, a, Ports.Next());
            await instances.StartBAsync();
            return instances;
        }
        catch
        {
            if (a is not null)
            {
                await a.DisposeAsync();
            }

            redis.Dispose();
            throw;
        }
    }

    /// <summary>Starts instance B (again) on its port.</summary>
    public async Task StartBAsync()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "CqpJury.App.dll");
        _b = await AppProcess.StartAsync(dll, Folder, PortB, _settings);
    }

    /// <summary>kill -9 of instance B: no shutdown, its circuits and in-memory state are gone.</summary>
    public async Task KillBAsync()
    {
        if (_b is not null)
        {
            await _b.KillAsync();
            await _b.DisposeAsync();
            _b = null;
        }
    }

    /// <summary>The HTTP status of <c>/health/ready</c> on <paramref name="baseUrl"/>.</summary>
    public static async Task<HttpStatusCode> ReadinessAsync(string baseUrl)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var response = await http.GetAsync(new Uri(baseUrl + "/health/ready"));
        return response.StatusCode;
    }

    /// <summary>Waits until <c>/health/ready</c> on <paramref name="baseUrl"/> answers <paramref name="expected"/>.</summary>
    public static async Task WaitForReadinessAsync(string baseUrl, HttpStatusCode expected, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        HttpStatusCode last;
        do
        {
            last = await ReadinessAsync(baseUrl);
            if (last == expected)
            {
                return;
            }

            await Task.Delay(200);
        }
        while (DateTime.UtcNow < until);
        throw new TimeoutException($"{baseUrl}/health/ready answered {(int)last}, not {(int)expected}, for {timeout.TotalSeconds} s");
    }

    public string OutputOfB => _b?.Output ?? "(B is not running)";

    public async ValueTask DisposeAsync()
    {
        await KillBAsync();
        await A.DisposeAsync();
        Redis.Dispose();
        Database.Drop(Folder);
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // a file still open: the OS temp cleaner will take it
        }
    }
}

/// <summary>A real-browser test that also needs PostgreSQL and a redis-server of its own; skipped (reason printed) outside CI when one is missing.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class InstancesFactAttribute : FactAttribute
{
    private static int _reported;

    public InstancesFactAttribute()
    {
        if ((EndToEndEnvironment.SkipReason ?? PostgresServer.SkipReason ?? RedisServer.SkipReason(needsPrivateServer: true)) is { } reason)
        {
            Skip = reason;
            if (Interlocked.Exchange(ref _reported, 1) == 0)
            {
                Console.Error.WriteLine(reason);
            }
        }
    }
}
