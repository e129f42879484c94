using System.Reflection;
using CqpJury.Benchmarks.Browser;

namespace CqpJury.Tests.Benchmarks;

/// <summary>
/// Figure 2's heap probe: the startup hook (its real assembly, loaded here as the runtime would load it into the app)
/// and the runner's client, over a real Unix socket. The hook is initialised in the test process itself: it only
/// listens for requests, and each answer costs two full GCs. Alone (no other test allocating meanwhile), and judged on
/// differences: the test process's own pinned buffers leave some free space that no GC can compact away.
/// </summary>
[Collection(HeapProbeGroup.Name)]
public sealed class HeapProbeTests : IDisposable
{
    private readonly string _socket = Path.Combine(Path.GetTempPath(), "cqpjury-heap-" + Guid.NewGuid().ToString("N")[..8] + ".sock");

    [Fact]
    public async Task The_hook_answers_every_request_with_the_heap_after_compacting_GCs()
    {
        var hook = HeapProbe.HookAssembly;
        Assert.NotNull(hook); // copied beside the runner (and so beside the tests) by the project reference
        Assert.Equal(hook, HeapProbe.Environment(_socket)["DOTNET_STARTUP_HOOKS"]);

        var previous = Environment.GetEnvironmentVariable(HeapProbe.SocketVariable);
        Environment.SetEnvironmentVariable(HeapProbe.SocketVariable, _socket);
        try
        {
            var type = Assembly.LoadFrom(hook).GetType("StartupHook", throwOnError: true)!;
            type.GetMethod("Initialize", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, null);
        }
        finally
        {
            Environment.SetEnvironmentVariable(HeapProbe.SocketVariable, previous);
        }

        // 40,000 arrays in gen 2, then every other one dropped: 20 MB of holes between live objects, which a GC that
        // does not compact leaves as free space. After the probe's GCs the holes are gone and the heap is smaller. The
        // holes are large beside what the rest of the test process (its earlier tests' hosts winding down on their
        // threads) may allocate or free meanwhile: at the end of a full run its heap is some 800 MB.
        var arrays = Enumerable.Range(0, 40_000).Select(_ => new byte[1024]).ToArray();
        var withAll = await HeapProbe.CompactAndReadAsync(_socket);
        for (var i = 0; i < arrays.Length; i += 2)
        {
            arrays[i] = null!;
        }

        var withHoles = await HeapProbe.CompactAndReadAsync(_socket); // a second request: the hook keeps listening
        GC.KeepAlive(arrays);

        Assert.InRange(withAll.HeapBytes, 40 * 1024 * 1024, double.MaxValue);
        Assert.InRange(withHoles.HeapBytes, 1, withAll.HeapBytes - (16 * 1024 * 1024));
        Assert.InRange(withHoles.FragmentedBytes, 0, withAll.FragmentedBytes + (4 * 1024 * 1024)); // the 20 MB of holes compacted away
        Assert.True(withAll.Compacted && withHoles.Compacted, "a probe's GC did not compact");

        // Nothing of the test's left to free: a GC left to its own judgement would not compact; the probe's does, and
        // leaves nothing of its own behind. Only an upper bound: what the earlier tests' hosts free meanwhile makes
        // the heap smaller (CI once read 8 MB less, 792 MB against 800), which says nothing about the probe.
        var again = await HeapProbe.CompactAndReadAsync(_socket);
        Assert.True(again.Compacted, "the probe's last GC did not compact");
        Assert.InRange(again.HeapBytes, 1, withHoles.HeapBytes + (4 * 1024 * 1024));
    }

    [Fact]
    public void An_unexpected_answer_is_an_error_not_a_figure()
    {
        Assert.Equal(new HeapReading(1234, 56, true), HeapProbe.Parse("1234 56 1200 1\n"));
        Assert.False(HeapProbe.Parse("1234 56 1200 0").Compacted);
        Assert.Throws<InvalidOperationException>(() => HeapProbe.Parse("1234 56 1200"));
        Assert.Throws<InvalidOperationException>(() => HeapProbe.Parse("busy"));
        Assert.Throws<InvalidOperationException>(() => HeapProbe.Parse(""));
    }

    public void Dispose() => File.Delete(_socket);
}

/// <summary>The heap probe's test runs alone: the heap sizes it compares must not move with other tests' allocations.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeapProbeGroup
{
    public const string Name = "Heap probe (alone)";
}
