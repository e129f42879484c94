using System.Globalization;
using System.Net.Sockets;
using System.Runtime;
using System.Text;

#pragma warning disable CA1050 // The runtime looks the hook up by this exact name, in no namespace.

/// <summary>
/// Loaded by the benchmark runner into the app process it starts (DOTNET_STARTUP_HOOKS), and only there: when
/// CQPJURY_BENCH_HEAP_SOCKET names a Unix socket path, answers each connection with the managed heap after full,
/// blocking, compacting GCs (gen 2 and the large object heap, finalizers run in between). The runtime's own induced
/// GC (the one a heap dump asks for) compacts or not as it judges best, which left 0 to 9 MB of free space between
/// the objects at the same page count; a compacting GC leaves none, so that the heap measured is what the objects hold.
/// Answer: "heapBytes fragmentedBytes totalMemoryBytes compacted(1|0)\n", from the last of those GCs.
/// </summary>
internal static class StartupHook
{
    // The runner's HeapProbe.SocketVariable: this assembly references nothing, so the name is written in both.
    public const string SocketVariable = "CQPJURY_BENCH_HEAP_SOCKET";

    public static void Initialize()
    {
        var path = Environment.GetEnvironmentVariable(SocketVariable);
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        File.Delete(path);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(1);
        new Thread(() => Serve(listener)) { IsBackground = true, Name = "Benchmark heap probe" }.Start();
    }

    private static void Serve(Socket listener)
    {
        while (true)
        {
            using var client = listener.Accept();
            for (var i = 0; i < 2; i++)
            {
                GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                GC.WaitForPendingFinalizers();
            }

            var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
            var answer = string.Create(CultureInfo.InvariantCulture, $"{info.HeapSizeBytes} {info.FragmentedBytes} {GC.GetTotalMemory(forceFullCollection: false)} {(info.Compacted ? 1 : 0)}\n");
            client.Send(Encoding.ASCII.GetBytes(answer));
        }
    }
}
