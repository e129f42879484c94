using System.Globalization;
using System.Runtime;
using CqpJury.Benchmarks.Browser;
using CqpJury.Benchmarks.Core;
using CqpJury.Benchmarks.Storage;

namespace CqpJury.Benchmarks.RoomWork;

/// <summary>
/// Figures 11h–11k (issue 25, point 3): the room's own work per vote, in process and without circuits — the vote's
/// command (authorise, the room's state, apply, journal, commit) and the five pages' reloads it causes, plus a fifth
/// of the chair's amendment and its reloads (one per round of five votes), run one after another through the app's
/// services as the pages call them (<see cref="RoomWorkSession"/>). Sessions in rounds as figure 1's, four rounds
/// each (a session of 11a votes two to four rounds), a fresh set of sessions per run so that no deliberation grows
/// longer than a jury's. Measured: the process's CPU and the bytes it allocated around each step, once the JIT's tiering has settled (see
/// <see cref="MaxWarmUpRuns"/>). What 11e adds to it is the circuits' part: renders, render batches over SignalR,
/// their acknowledgements, the circuits' upkeep (11g measures that part for a page that does nothing else).
/// </summary>
public static class RoomWorkBenchmark
{
    private const int RoundsPerSession = 4;

    /// <summary>
    /// Unmeasured runs, at most, before the measured ones. The app's code runs first unoptimised and is recompiled by
    /// the JIT's tiering once called often enough: over the first ~1,000 votes of this benchmark the process compiled
    /// ~10,000 more methods, and the CPU per vote fell from 9–12 ms to about 3 (2026-12-05). Warm-up runs go on until
    /// one compiles fewer than <see cref="SettledMethods"/> methods.
    /// </summary>
    private const int MaxWarmUpRuns = 12;

    private const int SettledMethods = 50;

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchmarkOptions options, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var (runs, sessionsPerRun, maxWarmUps) = options.Mode switch
        {
            BenchmarkMode.Smoke => (1, 1, 1),
            BenchmarkMode.Quick => (5, 8, MaxWarmUpRuns),
            _ => (9, 8, MaxWarmUpRuns),
        };

        var folder = Path.Combine(Path.GetTempPath(), "cqpjury-bench-roomwork-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            // Session 1 is the demo's (seven dossiers on its agenda): the clones after it are alike, one dossier each.
            var seeded = new Queue<SeededSession>((await RoomSeeder.SeedAsync(folder, 1 + ((maxWarmUps + runs) * sessionsPerRun))).Skip(1));
            await using var host = await AppHost.StartAsync(new Dictionary<string, string?>
            {
                ["ConnectionStrings:CqpJury"] = $"Data Source={Path.Combine(folder, "db.sqlite")}",
                ["Storage:Root"] = folder,
            });

            async Task<RunCost> RunOnceAsync()
            {
                var votes = new List<StepCost>();
                var amendments = new List<StepCost>();
                for (var s = 0; s < sessionsPerRun; s++)
                {
                    await using var work = await RoomWorkSession.PrepareAsync(host, seeded.Dequeue());
                    for (var round = 0; round < RoundsPerSession; round++)
                    {
                        votes.AddRange(await work.VoteRoundAsync());
                        amendments.Add(await work.AmendAsync());
                    }
                }

                return new RunCost(votes, amendments);
            }

            var warmUps = 0;
            long compiled;
            do
            {
                var before = JitInfo.GetCompiledMethodCount();
                await RunOnceAsync();
                compiled = JitInfo.GetCompiledMethodCount() - before;
                warmUps++;
                log(string.Create(CultureInfo.InvariantCulture, $"  room work warm-up run {warmUps}: {compiled} methods compiled by the JIT"));
            }
            while (compiled >= SettledMethods && warmUps < maxWarmUps);

            var runCosts = new List<RunCost>();
            var jitBefore = JitInfo.GetCompilationTime();
            for (var run = 0; run < runs; run++)
            {
                var cost = await RunOnceAsync();
                runCosts.Add(cost);
                log(string.Create(CultureInfo.InvariantCulture, $"  room work run {run + 1}/{runs}: {cost.TotalMs:0.00} ms/vote (command {cost.CommandMs:0.00}, five reloads {cost.ReloadsMs:0.00}, amendment {cost.AmendmentMs:0.00}); {cost.TotalKb:0} KB allocated per vote (command {cost.CommandKb:0}, five reloads {cost.ReloadsKb:0}, amendment {cost.AmendmentKb:0})"));
            }

            // One value per run, for each figure and median below.
            List<double> Each(Func<RunCost, double> value) => [.. runCosts.Select(value)];
            var votesPerRun = runCosts[^1].Votes.Count;
            var jitMsPerVote = (JitInfo.GetCompilationTime() - jitBefore).TotalMilliseconds / (runs * votesPerRun);
            var notes = string.Create(CultureInfo.InvariantCulture,
                $"{runs} runs of {sessionsPerRun} sessions × {RoundsPerSession} rounds of 5 votes ({votesPerRun} votes each, a fresh set of sessions per run), after {warmUps} unmeasured run(s) — until one compiled fewer than {SettledMethods} methods ({compiled} in the last). The app's services in this process (SQLite, the app's settings, no Kestrel), each member in a scope signed in as a circuit is, steps one after another: the process's CPU around a step is that step's, with the runtime's background work (the GC; the JIT, {jitMsPerVote:0.00} ms per vote in the measured runs). Medians: the vote's command {Stats.Median(Each(c => c.CommandMs)):0.00} ms, the five pages' reloads {Stats.Median(Each(c => c.ReloadsMs)):0.00} ms, a fifth of the chair's amendment with its reloads {Stats.Median(Each(c => c.AmendmentMs)):0.00} ms.");
            var allocationNotes = string.Create(CultureInfo.InvariantCulture,
                $"Bytes the process allocated (GC.GetTotalAllocatedBytes, exact) around the same steps as 11h, in the same {runs} runs: the garbage a vote leaves for the GC to collect, which 11h's CPU counts only when a collection happens during a step (11e counts all of it, at 100 circuits' heap). Unlike the CPU, it hardly varies between runs or machines: a change of the room's work per vote shows in it first. Medians: the vote's command {Stats.Median(Each(c => c.CommandKb)):0} KB, the five pages' reloads {Stats.Median(Each(c => c.ReloadsKb)):0} KB, a fifth of the chair's amendment with its reloads {Stats.Median(Each(c => c.AmendmentKb)):0} KB. No render, no render batch: those are 11e's part.");
            return
            [
                Figure.FromRuns("11h", "The room's own work per vote, in process without circuits: the vote's command, the five pages' reloads and a fifth of the chair's amendment (figure 1's rounds)", "ms/vote", Each(c => c.TotalMs),
                    "– (splits 11e: the rest is the circuits' part)", null, notes),
                Figure.FromRuns("11i", "Of 11h, the vote's command (authorise, the room's state, apply, journal, commit)", "ms/vote", Each(c => c.CommandMs), "–", null, notes),
                Figure.FromRuns("11j", "Of 11h, the five pages' reloads after a vote (account check, shared reading, each member's view)", "ms/vote", Each(c => c.ReloadsMs), "–", null, notes),
                Figure.FromRuns("11k", "The room's own work per vote (11h's steps): bytes allocated", "KB/vote", Each(c => c.TotalKb), "– (the GC's share of 11e comes from it)", null, allocationNotes),
            ];
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            TempFolder.DeleteQuietly(folder);
        }
    }

    /// <summary>One run's steps: its votes, and the chair's amendments (one per round).</summary>
    private sealed record RunCost(IReadOnlyList<StepCost> Votes, IReadOnlyList<StepCost> Amendments)
    {
        public double CommandMs => Votes.Sum(c => c.Command.TotalMilliseconds) / Votes.Count;

        public double ReloadsMs => Votes.Sum(c => c.Reloads.TotalMilliseconds) / Votes.Count;

        public double AmendmentMs => Amendments.Sum(a => (a.Command + a.Reloads).TotalMilliseconds) / Votes.Count;

        public double TotalMs => CommandMs + ReloadsMs + AmendmentMs;

        public double CommandKb => Votes.Sum(c => c.CommandBytes) / 1024.0 / Votes.Count;

        public double ReloadsKb => Votes.Sum(c => c.ReloadsBytes) / 1024.0 / Votes.Count;

        public double AmendmentKb => Amendments.Sum(a => a.CommandBytes + a.ReloadsBytes) / 1024.0 / Votes.Count;

        public double TotalKb => CommandKb + ReloadsKb + AmendmentKb;
    }
}
