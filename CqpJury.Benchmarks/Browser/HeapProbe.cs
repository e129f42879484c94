using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace CqpJury.Benchmarks.Browser;

/// <summary>
/// The runner's side of CqpJury.Benchmarks.HeapProbe, a startup hook loaded into the app process the room benchmark
/// starts (never into the app otherwise): on each request the app runs full, blocking, compacting GCs and answers
/// its heap size. No product endpoint: the hook is only there when the runner sets the environment below.
/// </summary>
public static class HeapProbe
{
    /// <summary>The variable naming the hook's socket (the hook reads the same name: StartupHook.SocketVariable).</summary>
    public const string SocketVariable = "CQPJURY_BENCH_HEAP_SOCKET";

    /// <summary>The hook's assembly, copied beside the runner's by the project reference.</summary>
    public static string? HookAssembly
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "CqpJury.Benchmarks.HeapProbe.dll");
            return File.Exists(path) ? path : null;
        }
    }

    /// <summary>The environment that loads the hook into the app, listening on <paramref name="socketPath"/> (empty when the hook is missing).</summary>
    public static Dictionary<string, string> Environment(string socketPath) => HookAssembly is { } hook
        ? new() { ["DOTNET_STARTUP_HOOKS"] = hook, [SocketVariable] = socketPath }
        : [];

    /// <summary>Asks the app for compacting full GCs; the heap after the last of them.</summary>
    public static async Task<HeapReading> CompactAndReadAsync(string socketPath)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), timeout.Token);
        var answer = new StringBuilder();
        var buffer = new byte[256];
        while (!answer.ToString().Contains('\n', StringComparison.Ordinal))
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            if (read == 0)
            {
                break;
            }

            answer.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        return Parse(answer.ToString());
    }

    /// <summary>"heapBytes fragmentedBytes totalMemoryBytes compacted" → the reading.</summary>
    public static HeapReading Parse(string answer)
    {
        var parts = (answer ?? "").Trim().Split(' ');
        return parts.Length == 4
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var heap)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var free)
            && parts[3] is "0" or "1"
            ? new HeapReading(heap, free, parts[3] == "1")
            : throw new InvalidOperationException($"Unexpected answer from the heap probe: '{answer}'.");
    }
}

/// <summary>The heap after the probe's GCs (bytes), the free space left in it, and whether the last GC compacted.</summary>
public sealed record HeapReading(double HeapBytes, double FragmentedBytes, bool Compacted);
