using System.Diagnostics;
using System.Globalization;
using CqpJury.Benchmarks.Browser;
using CqpJury.Benchmarks.Core;

namespace CqpJury.Benchmarks.LoadClient;

/// <summary>
/// Figure 11 (issue 25, point 2): simulated members over the real Blazor Server circuit (<see cref="CircuitClient"/>),
/// no browser, on the real app process (Release build, own port and SQLite folder seeded by <see cref="RoomSeeder"/>).
/// 11a validates the client against figure 1 (same sessions, same pace, same sample). Then sessions are opened by
/// steps at human pace (a vote every 30 s per member on average, randomised): 11 is the step of 200 sessions × 5
/// members (1,000 circuits), 11b the server heap per member there (figure 2's method), 11c the server CPU per vote
/// there, 11d the capacity (the largest step whose p95 stays ≤ 100 ms).
/// </summary>
public static class LoadClientBenchmark
{
    /// <summary>Figure 1's pace (a vote every 2 s per session) and the human pace (a vote every 30 s per member: 6 s per session of 5).</summary>
    private const int ValidationPaceMs = 2000;

    private const double HumanPaceMs = 30_000 / 5.0;

    private static readonly TimeSpan OpenTimeout = TimeSpan.FromSeconds(120);

    /// <param name="MainSessions">The step whose figures are 11, 11b and 11c.</param>
    /// <param name="Steps">Capacity steps in sessions (ascending); the run stops at the first that misses once MainSessions is measured.</param>
    /// <param name="IdleDuration">How long 11f watches the validation's circuits with nobody voting.</param>
    private sealed record Plan(int ValidationSessions, int ValidationVotes, int MainSessions, int[] Steps, TimeSpan StepDuration, TimeSpan IdleDuration);

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchmarkOptions options, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var plan = options.Mode == BenchmarkMode.Full
            ? new Plan(20, 200, 200, [50, 100, 200, 300, 400, 500], TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(30))
            : new Plan(20, 100, 20, [20], TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(15)); // quick: every figure, smaller — one step of 20 sessions (100 circuits)
        if (options.LoadSteps is { Count: > 0 } steps)
        {
            plan = plan with { Steps = [.. steps.Order()], MainSessions = steps.Contains(200) ? 200 : steps.Max() };
        }

        var dll = options.AppDll ?? RepositoryPaths.FindAppDll();
        if (dll is null || !File.Exists(dll))
        {
            const string why = "CqpJury.App.dll (--app-dll) not found.";
            return [Figure.NotMeasured("11", "Vote propagation, protocol-level load client", "p95 ≤ 100 ms", why)];
        }

        var folder = Path.Combine(Path.GetTempPath(), "cqpjury-load-" + Guid.NewGuid().ToString("N")[..8]);
        var clock = Stopwatch.StartNew();
        var seeded = await RoomSeeder.SeedAsync(folder, Math.Max(plan.ValidationSessions, plan.Steps.Max()) + 1);
        var sessions = seeded.Take(seeded.Count - 1).ToList();
        var warmUp = seeded[^1];
        log($"  seeded {sessions.Count} sessions × 5 members and a warm-up session in {clock.Elapsed.TotalSeconds:0.0} s");
        var open = new List<LoadSession>();
        var results = new List<StepResult>();
        var validation = ValidationRun.None;
        var idleCpuMsPerSecond = double.NaN;
        MemorySample? empty = null;
        MemorySample? loaded = null;
        var retries = 0;
        try
        {
            var heapSocket = Path.Combine(folder, "heap.sock");
            var probeEnvironment = HeapProbe.Environment(heapSocket);
            await using var app = await AppProcess.StartAsync(dll, folder, options.BasePort + 150, probeEnvironment);
            var baseUri = new Uri(app.BaseUrl);
            var scratch = Path.Combine(folder, "probe");
            try
            {
                // As figure 2: the empty server has served a whole session (sign-in, presidency, declarations, one round)
                // that then left, so that one-off costs are in the 0-circuit sample, not in the slope per member.
                await using (var first = await LoadSession.OpenAsync(baseUri, warmUp, OpenTimeout))
                {
                    await first.PrepareVoteAsync();
                    await first.VoteAsync(5, double.MaxValue, LoadClock.NowMs, () => TimeSpan.Zero);
                }

                await Task.Delay(2000);
                empty = await ServerMemoryProbe.SampleAsync(app.Pid, 0, scratch, null, probeEnvironment.Count > 0 ? heapSocket : null);
                log(string.Create(CultureInfo.InvariantCulture, $"  warm-up session done; heap with 0 circuits {empty.CompactedHeapMb:0.0} MB compacted ({clock.Elapsed.TotalSeconds:0} s)"));

                async Task OpenUpToAsync(int count)
                {
                    while (open.Count < count)
                    {
                        // A few sessions signing in at a time (each sign-in is a password hash on the server's 2 cores).
                        var batch = sessions.Skip(open.Count).Take(Math.Min(4, count - open.Count)).ToList();
                        var opened = await Task.WhenAll(batch.Select(s => LoadSession.OpenAsync(baseUri, s, OpenTimeout)));
                        open.AddRange(opened);
                        await Task.WhenAll(opened.Select(s => s.PrepareVoteAsync()));
                        if (open.Count % 50 == 0 || open.Count == count)
                        {
                            log($"  {open.Count} sessions open and voting-ready ({open.Count * 5} circuits, {clock.Elapsed.TotalSeconds:0} s)");
                        }
                    }
                }

                // 11a: figure 1's run through the load client — 20 sessions, a vote every 2 s per session, spread as figure 1 spreads them.
                await OpenUpToAsync(plan.ValidationSessions);
                var active = open.Take(plan.ValidationSessions).ToList();
                var perSession = (plan.ValidationVotes + active.Count - 1) / active.Count;
                var pace = TimeSpan.FromMilliseconds(ValidationPaceMs);
                Task<List<LoadVote>[]> PacedVotesAsync()
                {
                    var start = LoadClock.NowMs + 1000;
                    return Task.WhenAll(active.Select((s, i) =>
                        s.VoteAsync(perSession, double.MaxValue, SpreadLikeFigureOne(start, i, active.Count, ValidationPaceMs), () => pace)));
                }

                // The same run once before, not measured: the server's code reaches its optimised (tier-1) JIT state, as in
                // figure 1 after 1b and 1c; measured cold, 11e counted the JIT's background compilations (a fifth of the CPU).
                // What the JIT still does during 11a is measured (its thread's CPU) and given with 11e.
                await using var jit = new ThreadCpuWatch(app.Pid, ThreadCpuWatch.JitThread);
                var warmUpVotes = (await PacedVotesAsync()).Sum(v => v.Count);
                log(string.Create(CultureInfo.InvariantCulture, $"  11a warm-up: {warmUpVotes} votes, not measured; JIT {jit.Seconds * 1000:0} ms of CPU ({clock.Elapsed.TotalSeconds:0} s)"));

                // 11f: the same circuits open, nobody voting — what the server spends on them anyway (each circuit's
                // sign-in check, SignalR's keep-alives, timers), the share of 11e that is not the votes' own work.
                await Task.Delay(2000);
                idleCpuMsPerSecond = await CpuSplit.IdleServerMsPerSecondAsync(app.Pid, plan.IdleDuration);
                log(string.Create(CultureInfo.InvariantCulture, $"  11f: {active.Count * 5} circuits open, no vote for {plan.IdleDuration.TotalSeconds:0} s: server CPU {idleCpuMsPerSecond:0.0} ms per second ({clock.Elapsed.TotalSeconds:0} s)"));
                var clients = active.SelectMany(s => s.Members).ToList();
                var wall = Stopwatch.StartNew();
                var validationCpuBefore = CpuSplit.Read(app.Pid);
                var validationJitBefore = jit.Seconds;
                var (batchesBefore, bytesBefore) = (clients.Sum(m => m.BatchesApplied), clients.Sum(m => m.BatchBytesApplied));
                var votes = await PacedVotesAsync();
                validation = ValidationRun.Of([.. votes.SelectMany(v => v)], wall.Elapsed.TotalSeconds, CpuSplit.Between(validationCpuBefore, CpuSplit.Read(app.Pid), wall.Elapsed.TotalSeconds).ServerSeconds,
                    jit.Seconds - validationJitBefore, clients.Sum(m => m.BatchesApplied) - batchesBefore, clients.Sum(m => m.BatchBytesApplied) - bytesBefore);
                log(string.Create(CultureInfo.InvariantCulture, $"  11a: {validation.Votes.Count} votes at {active.Count} × 5, a vote every 2 s per session: p50 {P(validation.Votes, 50):0} ms, p95 {P(validation.Votes, 95):0} ms, server CPU {validation.CpuMsPerVote:0.0} ms/vote, of which JIT {validation.JitMsPerVote:0.0}; {validation.BatchesPerVote:0.0} render batches ({validation.BatchKbPerVote:0.0} KB) per vote ({clock.Elapsed.TotalSeconds:0} s)"));

                // Steps at human pace.
                var random = new Random(25);
                foreach (var step in plan.Steps)
                {
                    await OpenUpToAsync(step);
                    if (step == plan.MainSessions)
                    {
                        await Task.Delay(2000);
                        loaded = await ServerMemoryProbe.SampleAsync(app.Pid, step * 5, scratch, null, probeEnvironment.Count > 0 ? heapSocket : null);
                        log(string.Create(CultureInfo.InvariantCulture, $"  heap with {step * 5} circuits {loaded.CompactedHeapMb:0.0} MB compacted, working set {loaded.WorkingSetMb:0} MB ({clock.Elapsed.TotalSeconds:0} s)"));
                    }

                    var result = await RunStepAsync(open.Take(step).ToList(), plan.StepDuration, random, app.Pid);
                    results.Add(result);
                    log(string.Create(CultureInfo.InvariantCulture, $"  step {step} sessions ({step * 5} circuits): {result.Votes.Count} votes in {result.Seconds:0} s, p50 {P(result.Votes, 50):0} ms, p95 {P(result.Votes, 95):0} ms, server CPU {result.ServerCpuMsPerVote:0.0} ms/vote ({clock.Elapsed.TotalSeconds:0} s)"));
                    if (step >= plan.MainSessions && P(result.Votes, 95) > 100)
                    {
                        break;
                    }
                }
            }
            finally
            {
                retries = open.Sum(s => s.SubmitRetries);
                foreach (var message in open.SelectMany(s => s.SubmitRetryMessages).GroupBy(m => m).OrderByDescending(g => g.Count()))
                {
                    log($"  first proposal submitted again {message.Count()} time(s); the president's page said: « {(message.Key.Length == 0 ? "(nothing)" : message.Key)} »");
                }

                foreach (var s in open)
                {
                    await s.DisposeAsync();
                }
            }
        }
        finally
        {
            TempFolder.DeleteQuietly(folder);
        }

        return Figures(plan, validation, idleCpuMsPerSecond, results, empty, loaded, retries);
    }

    /// <summary>11a's measured run: its votes, and per vote the app's CPU, the JIT's share of it, and the render batches the members' clients applied.</summary>
    private sealed record ValidationRun(List<LoadVote> Votes, double Seconds, double CpuMsPerVote, double JitMsPerVote, double BatchesPerVote, double BatchKbPerVote)
    {
        public static ValidationRun None { get; } = new([], 0, double.NaN, double.NaN, double.NaN, double.NaN);

        public static ValidationRun Of(List<LoadVote> votes, double seconds, double cpuSeconds, double jitSeconds, long batches, long batchBytes) =>
            votes.Count == 0
                ? None with { Seconds = seconds }
                : new(votes, seconds, cpuSeconds * 1000 / votes.Count, jitSeconds * 1000 / votes.Count, (double)batches / votes.Count, batchBytes / 1024.0 / votes.Count);
    }

    /// <summary>
    /// When session <paramref name="index"/> of <paramref name="count"/> casts its first vote at figure 1's pace: at
    /// index/count of an interval, plus (index mod 5) intervals — so that the sessions' votes are spread as figure 1's.
    /// </summary>
    public static double SpreadLikeFigureOne(double start, int index, int count, double paceMs) =>
        start + (paceMs * index / count) + (paceMs * (index % 5));

    private sealed record StepResult(int Sessions, List<LoadVote> Votes, double Seconds, double ServerCpuMsPerVote);

    /// <summary>
    /// Every session votes for <paramref name="duration"/> at human pace: the gap before each vote drawn from an
    /// exponential distribution of mean 6 s (each of 5 members votes every 30 s on average), bounded to 0.6–30 s;
    /// each session's first vote at a random moment of the first gap.
    /// </summary>
    private static async Task<StepResult> RunStepAsync(List<LoadSession> sessions, TimeSpan duration, Random random, int appPid)
    {
        TimeSpan Gap()
        {
            double u;
            lock (random)
            {
                u = random.NextDouble();
            }

            return TimeSpan.FromMilliseconds(Math.Clamp(-HumanPaceMs * Math.Log(1 - u), HumanPaceMs / 10, HumanPaceMs * 5));
        }

        var start = LoadClock.NowMs + 500;
        var until = start + duration.TotalMilliseconds;
        var cpuBefore = CpuSplit.Read(appPid);
        var wall = Stopwatch.StartNew();
        var votes = await Task.WhenAll(sessions.Select(s =>
        {
            double first;
            lock (random)
            {
                first = start + (random.NextDouble() * HumanPaceMs);
            }

            return s.VoteAsync(int.MaxValue, until, first, Gap);
        }));
        var cpu = CpuSplit.Between(cpuBefore, CpuSplit.Read(appPid), wall.Elapsed.TotalSeconds);
        var all = votes.SelectMany(v => v).ToList();
        return new StepResult(sessions.Count, all, wall.Elapsed.TotalSeconds, all.Count == 0 ? double.NaN : cpu.ServerSeconds * 1000 / all.Count);
    }

    private static double P(List<LoadVote> votes, double p) => Stats.Percentile(votes.Select(v => v.SlowestMs).Order().ToArray(), p);

    private static List<Figure> Figures(Plan plan, ValidationRun run, double idleCpuMsPerSecond, List<StepResult> steps, MemorySample? empty, MemorySample? loaded, int retries)
    {
        var c = CultureInfo.InvariantCulture;
        string Ps(List<LoadVote> v) => string.Create(c, $"p50 {P(v, 50):0} / p95 {P(v, 95):0} / p99 {P(v, 99):0} ms");
        const string How = "Simulated members over the real circuit, no browser (CqpJury.Benchmarks/LoadClient): each signs in through /connexion (antiforgery token, cookie), loads the room page, negotiates and opens the WebSocket at /_blazor with the blazorpack protocol, starts the circuit from the page's prerendered component markers (StartCircuit, then UpdateRootComponents), applies every render batch to its own copy of the render tree and acknowledges it (OnRenderCompleted), answers the page's JS interop calls, and clicks by dispatching the handler ids found in that tree (DispatchEventAsync, as blazor.web.js's event delegator). Rounds as figure 1's: one member objects (with a reason, R12), four approve, the president amends. Sample = the moment the slowest of the other four members' clients applied the batch in which the voter's tally line shows the new status, minus the moment the click was sent (one clock, one process). The load client and the server share the machine's cores; a batch is applied, not painted.";
        var (validation, validationSeconds, validationCpuMsPerVote) = (run.Votes, run.Seconds, run.CpuMsPerVote);
        var figures = new List<Figure>
        {
            P95("11a", $"Load client validation: vote propagation at {plan.ValidationSessions} sessions × 5 members, a vote every 2 s per session ({validation.Count} votes) — figure 1's run without browsers", validation, "within ±25 % of figure 1's p50/p95", false,
                string.Create(c, $"{Ps(validation)} over {validation.Count} votes in {validationSeconds:0.0} s ({retries} session(s) had to submit their first proposal twice); sessions spread as in figure 1 (session i starts at i/{plan.ValidationSessions} of an interval plus (i mod 5) intervals). Compare with figure 1 measured on the same machine. ") + How),
        };

        figures.Add(!double.IsFinite(validationCpuMsPerVote)
            ? Figure.NotMeasured("11e", "Server CPU per vote at figure 1's load (load client)", "≤ 5 ms per vote", "no vote in 11a.")
            : new Figure("11e", $"Server CPU per vote at figure 1's load: {plan.ValidationSessions} sessions × 5 members, a vote every 2 s per session (load client, 11a's run)", "ms/vote", validationCpuMsPerVote, validationCpuMsPerVote, validationCpuMsPerVote, "one run", 1, "≤ 5 ms per vote", validationCpuMsPerVote <= 5,
                string.Create(c, $"CPU seconds of the app process (/proc/PID/stat) over 11a's {validationSeconds:0.0} s divided by its {validation.Count} votes: the vote's command and the other four members' reloads and re-renders, the presidents' amendments (one per 5 votes), at {plan.ValidationSessions * 5} open circuits. The server's share of figure 1f, without browsers on the machine. Of it, the JIT's background compilations (its thread's CPU, after the warm-up): {run.JitMsPerVote:0.0} ms per vote. The members' clients applied {run.BatchesPerVote:0.0} render batches per vote ({run.BatchKbPerVote:0.0} KB of batches), each acknowledged.")));

        // 11f: 11e less what the open circuits cost without votes, over the same seconds — the votes' own work.
        if (!double.IsFinite(idleCpuMsPerSecond) || !double.IsFinite(validationCpuMsPerVote))
        {
            figures.Add(Figure.NotMeasured("11f", "Server CPU of the open circuits without votes (load client)", "–", "11a or its idle period was not measured."));
        }
        else
        {
            var upkeepPerVote = idleCpuMsPerSecond * validationSeconds / validation.Count;
            var ownPerVote = validationCpuMsPerVote - upkeepPerVote;
            figures.Add(new Figure("11f", $"Server CPU of 11a's {plan.ValidationSessions * 5} circuits while nobody votes (load client)", "ms/s", idleCpuMsPerSecond, idleCpuMsPerSecond, idleCpuMsPerSecond, "one run", 1, "– (splits 11e)", null,
                string.Create(c, $"CPU of the app process over {plan.IdleDuration.TotalSeconds:0} s with 11a's circuits open, after its warm-up, and no vote: each circuit's sign-in check (every 10 s), SignalR's keep-alives, timers. Over 11a's {validationSeconds:0.0} s and {validation.Count} votes that is {upkeepPerVote:0.0} ms per vote of 11e's {validationCpuMsPerVote:0.0}; the votes' own work (the command, the pages' readings and renders, the batches sent) is the rest: {ownPerVote:0.0} ms per vote.")));
        }

        var main = steps.FirstOrDefault(s => s.Sessions == plan.MainSessions);
        figures.Add(main is null
            ? Figure.NotMeasured("11", $"Vote propagation at {plan.MainSessions} sessions × 5 members, human pace (load client)", "p95 ≤ 100 ms", $"the step of {plan.MainSessions} sessions was not reached.")
            : P95("11", $"Vote propagation, load client at {plan.MainSessions} sessions × 5 members ({plan.MainSessions * 5} circuits), a vote every 30 s per member on average ({main.Votes.Count} votes)", main.Votes, "p95 ≤ 100 ms", true,
                string.Create(c, $"{Ps(main.Votes)} over {main.Votes.Count} votes in {main.Seconds:0} s ({main.Votes.Count / Math.Max(main.Seconds, 0.001):0.0} votes/s); each session's gap before a vote drawn from an exponential distribution of mean 6 s (bounded 0.6–30 s), so each member votes every 30 s on average, sessions independent. ") + How));

        if (empty is null || loaded is null || main is null)
        {
            figures.Add(Figure.NotMeasured("11b", "Server heap per member (load client)", "≤ 250 KB per member", "no memory sample at 0 and at the main step."));
        }
        else
        {
            var circuits = plan.MainSessions * 5;
            var perMember = (loaded.CompactedHeapMb - empty.CompactedHeapMb) * 1024 / circuits;
            var workingSet = (loaded.WorkingSetMb - empty.WorkingSetMb) * 1024 / circuits;
            figures.Add(new Figure("11b", $"Server heap per member at {circuits} circuits (load client; figure 2's method)", "KB/member", perMember, perMember, perMember, "one run", 1, "≤ 250 KB per member", double.IsFinite(perMember) ? perMember <= 250 : null,
                string.Create(c, $"Managed heap compacted by the heap probe's GCs (figure 2's method): {empty.CompactedHeapMb:0.0} MB with 0 circuits (after a warm-up session that left), {loaded.CompactedHeapMb:0.0} MB with {circuits} room circuits each holding a prepared room (president designated, dossier on screen, proposal under vote); working set {empty.WorkingSetMb:0} → {loaded.WorkingSetMb:0} MB ({workingSet:0} KB per member). Every circuit's WebSocket comes from this process, not from browsers.")));
        }

        figures.Add(main is null || !double.IsFinite(main.ServerCpuMsPerVote)
            ? Figure.NotMeasured("11c", "Server CPU per vote (load client)", "–", "no vote at the main step.")
            : new Figure("11c", $"Server CPU per vote at {plan.MainSessions} sessions × 5 members, human pace (load client)", "ms/vote", main.ServerCpuMsPerVote, main.ServerCpuMsPerVote, main.ServerCpuMsPerVote, "one run", 1, "– (compare with 1f)", null,
                string.Create(c, $"CPU seconds of the app process (/proc/PID/stat) over the step's {main.Seconds:0} s divided by its {main.Votes.Count} votes: each vote's command, the other members' re-renders, the presidents' amendments (one per 5 votes) and the idle circuits' upkeep at {plan.MainSessions * 5} circuits.")));

        var passed = steps.TakeWhile(s => P(s.Votes, 95) <= 100).ToList();
        var capacity = passed.Count == 0 ? 0 : passed[^1].Sessions;
        var stepsText = string.Join("; ", steps.Select(s => string.Create(c, $"{s.Sessions} sessions ({s.Sessions * 5} circuits): p95 {P(s.Votes, 95):0} ms over {s.Votes.Count} votes, {s.ServerCpuMsPerVote:0.0} ms CPU/vote")));
        var allPassed = passed.Count == steps.Count && steps.Count > 0;
        figures.Add(steps.Count == 0
            ? Figure.NotMeasured("11d", "Capacity (load client)", "–", "no step was run.")
            : new Figure("11d", "Capacity: the largest session count (× 5 members, human pace) keeping the vote propagation's p95 ≤ 100 ms (load client)", "sessions", capacity, capacity, capacity, "steps", steps.Count, $"≥ {plan.MainSessions} sessions", capacity >= plan.MainSessions,
                $"Steps of {plan.StepDuration.TotalSeconds:0} s of votes each, sessions added between steps (all stay open): {stepsText}." + (allPassed ? " Every step passed: the capacity is at least the last step." : " The run stopped at the first step that missed.") + " Anchor: Microsoft's sizing for Blazor Server is about 5,000 concurrent circuits on 1 vCPU / 3.5 GB for a minimal app."));
        return figures;
    }

    private static Figure P95(string id, string name, List<LoadVote> votes, string target, bool judged, string notes) =>
        RoomBrowserBenchmark.P95(id, name, [.. votes.Select(v => v.SlowestMs)], target, judged, notes);
}
