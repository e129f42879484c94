using System.Diagnostics;
using System.Globalization;
using CqpJury.Benchmarks.Browser;
using CqpJury.Benchmarks.Core;
using CqpJury.Benchmarks.LoadClient;

namespace CqpJury.Benchmarks.Floor;

/// <summary>
/// Figure 11g (issue 25, point 3): what a vote costs the server when the room does nothing — <see cref="FloorPage"/>
/// driven by the load client exactly as 11a drives the room (20 groups × 5 circuits, a click every 2 s per group,
/// spread as figure 1 spreads its sessions, one unmeasured run first). Its CPU per click and per render batch is
/// the framework's share (events, renders, batches over SignalR and their acknowledgements, the circuits' upkeep)
/// that no change of the room's code can remove from 11e.
/// </summary>
public static class FloorBenchmark
{
    private const int Groups = 20;
    private const int PaceMs = 2000;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchmarkOptions options, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var full = options.Mode == BenchmarkMode.Full;
        var clicks = full ? 200 : 100;
        var idleDuration = TimeSpan.FromSeconds(full ? 30 : 15);
        await using var server = await FloorServer.StartAsync(options.BasePort + 160);
        var groups = new List<FloorGroup>();
        try
        {
            var baseUri = new Uri(server.BaseUrl);
            for (var g = 0; g < Groups; g += 4)
            {
                groups.AddRange(await Task.WhenAll(Enumerable.Range(g, Math.Min(4, Groups - g)).Select(i => FloorGroup.OpenAsync(baseUri, i, Timeout))));
            }

            var perGroup = (clicks + Groups - 1) / Groups;
            Task<List<double>[]> PacedClicksAsync()
            {
                var start = LoadClock.NowMs + 1000;
                return Task.WhenAll(groups.Select((group, i) => group.VoteAsync(perGroup, LoadClientBenchmark.SpreadLikeFigureOne(start, i, Groups, PaceMs), TimeSpan.FromMilliseconds(PaceMs))));
            }

            await PacedClicksAsync(); // as 11a: the server's code reaches its optimised JIT state first
            await Task.Delay(2000);
            var idleMsPerSecond = await CpuSplit.IdleServerMsPerSecondAsync(server.Pid, idleDuration);

            var clients = groups.SelectMany(g => g.Members).ToList();
            var (batchesBefore, bytesBefore) = (clients.Sum(c => c.BatchesApplied), clients.Sum(c => c.BatchBytesApplied));
            var wall = Stopwatch.StartNew();
            var cpuBefore = CpuSplit.Read(server.Pid);
            var samples = (await PacedClicksAsync()).SelectMany(s => s).ToList();
            var seconds = wall.Elapsed.TotalSeconds;
            var cpu = CpuSplit.Between(cpuBefore, CpuSplit.Read(server.Pid), seconds);
            var batches = (double)(clients.Sum(c => c.BatchesApplied) - batchesBefore) / samples.Count;
            var kb = (clients.Sum(c => c.BatchBytesApplied) - bytesBefore) / 1024.0 / samples.Count;
            var msPerClick = cpu.ServerSeconds * 1000 / samples.Count;
            var upkeep = idleMsPerSecond * seconds / samples.Count;
            var c = CultureInfo.InvariantCulture;
            log(string.Create(c, $"  11g: {samples.Count} clicks at {Groups} × 5, a click every 2 s per group: p50 {P(samples, 50):0} / p95 {P(samples, 95):0} ms, server CPU {msPerClick:0.00} ms/click ({upkeep:0.00} of it the circuits' upkeep, {idleMsPerSecond:0.0} ms/s idle), {batches:0.0} render batches ({kb:0.0} KB) per click"));
            return
            [
                new Figure("11g", $"The framework's floor: server CPU per click on a page that only counts it, at 11a's load ({Groups} groups × 5 circuits, a click every 2 s per group; load client)", "ms/click", msPerClick, msPerClick, msPerClick, "one run", 1, "– (the part of 11e no room code can remove)", null,
                    string.Create(c, $"CPU seconds of the floor server's process over {seconds:0.0} s divided by its {samples.Count} clicks, after one unmeasured run: the click's event, the clicker's two renders (while its action runs, then done, as a room page's), the four other pages' renders, the batches sent and acknowledged, at {Groups * 5} open circuits — no database, no sign-in, no reading. {batches:0.0} render batches ({kb:0.0} KB) per click, i.e. {msPerClick / batches:0.00} ms per batch; of it the circuits' upkeep without clicks ({idleMsPerSecond:0.0} ms of CPU per second over {idleDuration.TotalSeconds:0} s): {upkeep:0.00} ms per click. Propagation to the four others p50 {P(samples, 50):0} / p95 {P(samples, 95):0} ms. Same SignalR and runtime settings as the app (CqpJury.Benchmarks/Floor).")),
            ];
        }
        finally
        {
            foreach (var group in groups)
            {
                await group.DisposeAsync();
            }
        }
    }

    private static double P(List<double> samples, double p) => Stats.Percentile([.. samples.Order()], p);
}

/// <summary>Five circuits on the floor page of one group, and their clicks.</summary>
public sealed class FloorGroup(IReadOnlyList<CircuitClient> members) : IAsyncDisposable
{
    private readonly int[] _counts = new int[members.Count];

    public IReadOnlyList<CircuitClient> Members { get; } = members;

    /// <summary>Opens the group's five pages and waits until each shows the five members' lines.</summary>
    public static async Task<FloorGroup> OpenAsync(Uri baseUri, int group, TimeSpan timeout)
    {
        var members = await Task.WhenAll(Enumerable.Range(0, 5).Select(i =>
            CircuitClient.OpenPageAsync(baseUri, $"m{i}", $"{FloorPage.Path}?groupe={group}&membre=m{i}", timeout,
                m => m.ByTestId("floor-vote") is { IsDisabled: false } b && b.Handlers.ContainsKey("click"), "offering its button")));
        var opened = new FloorGroup(members);
        await Task.WhenAll(members.Select(c => c.WaitUntilAsync(m => m.ByTestId("tally")?.Descendants().Count(e => e.Name == "li") == 5, timeout, "showing the group's five lines")));
        return opened;
    }

    /// <summary>
    /// <paramref name="votes"/> clicks, members in turn, one every <paramref name="interval"/> from
    /// <paramref name="firstAt"/> (LoadClock ms): each click's moment → the slowest of the four other pages applying the
    /// batch that shows the clicker's new count (figure 11a's sample).
    /// </summary>
    public async Task<List<double>> VoteAsync(int votes, double firstAt, TimeSpan interval)
    {
        var samples = new List<double>();
        var next = firstAt;
        for (var v = 0; v < votes; v++)
        {
            if (next - LoadClock.NowMs is > 0 and var wait)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(wait));
            }

            next = LoadClock.NowMs + interval.TotalMilliseconds;
            var index = v % Members.Count;
            var voter = Members[index];
            var expected = (++_counts[index]).ToString(CultureInfo.InvariantCulture);
            var sent = await LoadSession.ClickWhenEnabledAsync(voter, "floor-vote");
            var seen = await Task.WhenAll(Members.Where(c => c != voter).Select(c => c.SeenAsync(voter.Name, expected, sent, TimeSpan.FromSeconds(60))));
            samples.Add(seen.Max() - sent);
        }

        return samples;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var member in Members)
        {
            await member.DisposeAsync();
        }
    }
}
