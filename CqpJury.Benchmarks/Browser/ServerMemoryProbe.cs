using System.Globalization;
using CqpJury.Benchmarks.Core;

namespace CqpJury.Benchmarks.Browser;

/// <summary>The app process's memory: managed heap after a full GC, working set.</summary>
/// <param name="HeapMb">The heap after the runtime's own induced full GCs (those of the heap dumps), free space it left included.</param>
/// <param name="LiveMb">The objects alive at the heap dump's full GC (the dump's own total), without the heap's free space.</param>
/// <param name="CompactedHeapMb">The heap after full compacting GCs (the app's heap probe, <see cref="HeapProbe"/>); NaN without it.</param>
public sealed record MemorySample(int Pages, double HeapMb, double WorkingSetMb, bool AfterFullGc, double LiveMb = double.NaN, double CompactedHeapMb = double.NaN);

/// <summary>
/// Reads another process's memory without any product endpoint: <c>dotnet-gcdump collect</c>, twice, makes
/// the runtime run two full blocking GCs (to walk the heap), then <c>dotnet-counters collect</c>
/// (System.Runtime, CSV) reads <c>dotnet.gc.last_collection.heap.size</c> summed over the
/// generations (gen0, gen1, gen2, LOH, POH) — the heap after that GC, free space it left included — and
/// the working set; last, when the app was started with the runner's heap probe (<see cref="HeapProbe"/>),
/// the heap after full compacting GCs, which figure 2 judges;
/// the tools come from the repository's tool manifest (<see cref="DiagnosticsTools"/>); a sample that cannot be
/// taken throws (the figure then fails the run) rather than giving NaN.
/// </summary>
public static class ServerMemoryProbe
{
    /// <summary>A tool found on the PATH or among the global tools: only the optional dotnet-dump (<c>--gcdump-dir</c>), never figure 2's own.</summary>
    public static string? Tool(string name)
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var candidates = new[] { Path.Combine(home, ".dotnet", "tools", name) }
            .Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Select(p => Path.Combine(p, name)));
        return candidates.FirstOrDefault(File.Exists);
    }

    /// <param name="keepDumpIn">
    /// When set, the heap dump is kept there (heap-N.gcdump, for <c>dotnet-gcdump report</c>) and, when
    /// dotnet-dump is installed, a process heap dump core-N.dmp for <c>dotnet-dump analyze</c>.
    /// </param>
    /// <param name="heapSocket">The app's heap probe socket (<see cref="HeapProbe"/>), when the app was started with it.</param>
    /// <exception cref="InvalidOperationException">A tool failed or gave no figure: the sample cannot be taken (never a NaN sample).</exception>
    public static async Task<MemorySample> SampleAsync(int pid, int pages, string scratch, string? keepDumpIn = null, string? heapSocket = null)
    {
        Directory.CreateDirectory(scratch);
        if (keepDumpIn is not null)
        {
            Directory.CreateDirectory(keepDumpIn);
        }

        var dump = Path.Combine(keepDumpIn ?? scratch, $"heap-{pages}.gcdump");
        // Two full GCs in a row: the first frees what died; whether it also compacts depends on the free space it
        // finds, so one GC left 0 to 5 MB of free space between objects at 70 pages (±100 KB per page in the slope).
        // The second finds the free space the first left and, past the app's ConserveMemory threshold (10 % of
        // gen 2), compacts it: the heap is then sampled compacted, run after run.
        var first = Path.Combine(scratch, $"first-{pages}.gcdump");
        await DiagnosticsTools.RunToolAsync("dotnet-gcdump", ["collect", "-p", pid.ToString(CultureInfo.InvariantCulture), "-o", first]);
        File.Delete(first);

        await DiagnosticsTools.RunToolAsync("dotnet-gcdump", ["collect", "-p", pid.ToString(CultureInfo.InvariantCulture), "-o", dump]);
        var live = LiveBytes(await DiagnosticsTools.RunToolAsync("dotnet-gcdump", ["report", dump]));
        if (keepDumpIn is null)
        {
            File.Delete(dump);
        }
        else if (Tool("dotnet-dump") is { } dotnetDump)
        {
            // Right after the gcdump's full GC: exact sizes per type and roots
            // (dotnet-dump analyze core-N.dmp -c "dumpheap -stat -live" -c exit).
            await DiagnosticsTools.RunAsync(dotnetDump, ["collect", "-p", pid.ToString(CultureInfo.InvariantCulture), "--type", "Heap", "-o", Path.Combine(keepDumpIn, $"core-{pages}.dmp")], TimeSpan.FromSeconds(60));
        }

        var csv = Path.Combine(scratch, $"counters-{pages}.csv");
        await DiagnosticsTools.RunToolAsync("dotnet-counters", ["collect", "-p", pid.ToString(CultureInfo.InvariantCulture), "--counters", "System.Runtime", "--format", "csv", "-o", csv, "--duration", "00:00:00:02"]);
        var (heap, workingSet) = Parse(File.ReadAllLines(csv));
        if (double.IsNaN(heap) || double.IsNaN(live))
        {
            throw new InvalidOperationException($"No heap size at {pages} pages: dotnet-counters gave no dotnet.gc.last_collection.heap.size or dotnet-gcdump report no \"GC Heap bytes\" line.");
        }

        if (Environment.GetEnvironmentVariable("CQPJURY_BENCH_DIAG") == "1")
        {
            File.Copy(csv, Path.Combine(keepDumpIn ?? scratch, $"counters-{pages}.csv"), overwrite: true);
        }

        File.Delete(csv);

        // Last, so that the figures above are read as before: the heap once every free space is compacted away.
        var reading = heapSocket is null ? null : await HeapProbe.CompactAndReadAsync(heapSocket);
        var compacted = reading is null ? double.NaN
            : reading.Compacted ? reading.HeapBytes
            : throw new InvalidOperationException($"The heap probe's GCs did not compact at {pages} pages: no compacted heap to read.");
        return new MemorySample(pages, heap / 1024 / 1024, workingSet > 0 ? workingSet / 1024 / 1024 : VmRssMb(pid), true, live / 1024 / 1024, compacted / 1024 / 1024);
    }

    /// <summary>The "N GC Heap bytes" line of <c>dotnet-gcdump report</c> (NaN when absent).</summary>
    public static double LiveBytes(string report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var line = report.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.EndsWith("GC Heap bytes", StringComparison.Ordinal));
        return line is not null && double.TryParse(line[..^"GC Heap bytes".Length].Replace(",", "", StringComparison.Ordinal).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var bytes)
            ? bytes
            : double.NaN;
    }

    /// <summary>The first timestamp's heap (sum of the generations' last_collection.heap.size) and working set.</summary>
    private static (double Heap, double WorkingSet) Parse(string[] lines)
    {
        var rows = lines.Skip(1).Select(l => l.Split(',')).Where(c => c.Length >= 5).ToList();
        if (rows.Count == 0)
        {
            return (double.NaN, 0);
        }

        var first = rows[0][0];
        var heap = rows.Where(c => c[0] == first && c[2].StartsWith("dotnet.gc.last_collection.heap.size", StringComparison.Ordinal))
            .Sum(c => double.Parse(c[4], CultureInfo.InvariantCulture));
        var ws = rows.Where(c => c[2].StartsWith("dotnet.process.memory.working_set", StringComparison.Ordinal))
            .Select(c => double.Parse(c[4], CultureInfo.InvariantCulture)).DefaultIfEmpty(0).First();
        return (heap > 0 ? heap : double.NaN, ws);
    }

    public static double VmRssMb(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line["VmRSS:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture) / 1024;
    }

    /// <summary>Least-squares slope of y over x.</summary>
    public static double Slope(IReadOnlyList<(double X, double Y)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var mx = points.Average(p => p.X);
        var my = points.Average(p => p.Y);
        var num = points.Sum(p => (p.X - mx) * (p.Y - my));
        var den = points.Sum(p => (p.X - mx) * (p.X - mx));
        return den == 0 ? double.NaN : num / den;
    }
}
