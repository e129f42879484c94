using System.Diagnostics;
using System.Globalization;
using CqpJury.Benchmarks.Core;
using Microsoft.Playwright;

namespace CqpJury.Benchmarks.Browser;

/// <summary>
/// Figures 1 and 2, with real browsers on the real app process (Release build, own port and
/// data folder seeded by <see cref="RoomSeeder"/>). One chromium, one context, each member on a host name of their own (m1.localhost…). Every
/// session's five pages are brought to what a member's page holds during a jury as soon as they are
/// open: president designated, the dossier on screen with its full content (everyone declared no
/// link), a proposal under vote. In order: memory with 0 pages; session 1 (5 pages), the
/// trivial-click baseline and the 1×5 votes; more sessions' pages up to 50, 100 (and 200 in full
/// mode) with a memory sample at each step; the N×5 votes (N sessions voting at the same time) while
/// 100 pages are open.
/// </summary>
public static class RoomBrowserBenchmark
{
    /// <summary>Renderer processes for all the members' pages (see figure 1's note).</summary>
    private const int RendererProcesses = 4;

    /// <summary>
    /// Longest wait, before a memory sample, for the browsers' idle keep-alive connections to close
    /// (the app's Kestrel:Limits:KeepAliveTimeout is 15 s).
    /// </summary>
    private static readonly TimeSpan SteadyStateTimeout = TimeSpan.FromSeconds(25);

    private static readonly string[] ChromiumArgs =
    [
        $"--renderer-process-limit={RendererProcesses}",
        // The members' hosts (m1.localhost…) are distinct sites: without this, site isolation gives each its own process.
        "--disable-site-isolation-trials",
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
        "--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows",
        .. (Environment.GetEnvironmentVariable("CQPJURY_BENCH_CHROMIUM_ARGS") is { Length: > 0 } extra ? extra.Split(' ') : []),
    ];

    /// <param name="PaceMs">Figure 1: in each session, a vote starts at most every PaceMs (members at human speed).</param>
    /// <param name="PacedRuns">Figure 1: runs of ManyVotes paced votes, pooled (one run's p95 varies a lot on this shared machine).</param>
    private sealed record Plan(int ManySessions, int SmallVotes, int ManyVotes, int[] MemoryPages, int BaselineClicks, int PaceMs = 2000, int PacedRuns = 1);

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchmarkOptions options, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var plan = options.Mode == BenchmarkMode.Full
            ? new Plan(20, 200, 200, [0, 50, 100, 200], 100, PacedRuns: 3)
            : new Plan(4, 60, 60, [0, 20], 40); // quick: every figure, smaller — 4 sessions × 5 members (the 20 pages of the memory slope's second point), 60 votes each, and a two-point memory slope (each sample waits ~15 s for the browsers' idle connections to close; ≈1.3 s per signed-in page here)
        if (options.MemoryPages is { } pages)
        {
            plan = plan with { MemoryPages = [.. pages] };
        }

        if (options.MemoryOnly)
        {
            plan = plan with { ManySessions = 1, SmallVotes = 0, ManyVotes = 0, BaselineClicks = 0 };
        }
        else if (options.PropagationOnly)
        {
            plan = plan with { ManySessions = 20, ManyVotes = 200, SmallVotes = 100, BaselineClicks = 40, MemoryPages = [] };
        }

        if (options.PaceMs is { } pace)
        {
            plan = plan with { PaceMs = Math.Max(0, pace) };
        }

        if (options.Sessions is { } count)
        {
            plan = plan with { ManySessions = Math.Max(1, count), ManyVotes = Math.Max(plan.ManyVotes, 100) };
        }
        var dll = options.AppDll ?? RepositoryPaths.FindAppDll();
        if (dll is null || !File.Exists(dll) || !File.Exists(options.ChromiumPath))
        {
            const string why = "CqpJury.App.dll (--app-dll) or chromium (--chromium) not found.";
            return [Figure.NotMeasured("1", "Vote propagation, real browsers", "p95 ≤ 100 ms", why), Figure.NotMeasured("2", "Server memory per connected member", "≤ 250 KB per member", why)];
        }

        var folder = Path.Combine(Path.GetTempPath(), "cqpjury-room-" + Guid.NewGuid().ToString("N")[..8]);
        var clock = Stopwatch.StartNew();
        var sessionCount = Math.Max(plan.ManySessions, (plan.MemoryPages.DefaultIfEmpty(0).Max() + 4) / 5);
        // One session more than measured: the warm-up session, opened and left before the 0-page sample.
        var seeded = await RoomSeeder.SeedAsync(folder, sessionCount + 1);
        var sessions = seeded.Take(sessionCount).ToList();
        var warmUpSession = seeded[^1];
        log($"  seeded {sessions.Count} sessions × 5 members and a warm-up session in {clock.Elapsed.TotalSeconds:0.0} s");
        var memory = new List<MemorySample>();
        var screens = new List<SessionScreens>();
        var baseline = new List<double>();
        var small = new List<VoteSample>();
        var many = new List<VoteSample>();
        var closed = new List<VoteSample>();
        var manySeconds = 0.0;
        var closedSeconds = 0.0;
        CpuSplit? pacedCpu = null;
        var pacedRunP95s = new List<double>();
        var brisk = new List<VoteSample>();
        var briskSeconds = 0.0;
        var inStep = new List<VoteSample>();
        var inStepSeconds = 0.0;
        SocketRun? atSocket = null;
        try
        {
            var heapSocket = Path.Combine(folder, "heap.sock");
            var probeEnvironment = HeapProbe.Environment(heapSocket);
            await using var app = await AppProcess.StartAsync(dll, folder, options.BasePort + 120, probeEnvironment);
            Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = options.ChromiumPath,
                Headless = true,
                Args = ChromiumArgs,
            });
            var scratch = Path.Combine(folder, "probe");
            var memoryPages = new Queue<int>(plan.MemoryPages);
            var pageCount = 0;

            async Task OpenUpToAsync(int target)
            {
                // Stop at each memory checkpoint on the way.
                while (memoryPages.TryPeek(out var checkpoint) && checkpoint < target && checkpoint > pageCount)
                {
                    await OpenUpToAsync(checkpoint);
                }

                // Whole sessions, a few members signing in at a time (2 cores: the browser and the server share them).
                while (pageCount < target)
                {
                    var batch = sessions.Skip(screens.Count).Take(Math.Max(1, Math.Min(2, (target - pageCount + 4) / 5))).ToList();
                    var opened = await Task.WhenAll(batch.Select(async s => new SessionScreens(s, await Task.WhenAll(s.Members.Select(m => MemberPage.OpenAsync(browser, app.BaseUrl, m, s.Id, options.MemoryPath))))));
                    screens.AddRange(opened);

                    // What a member's page holds during a jury: president designated, the dossier on
                    // screen with its full content (everyone declared no link), a proposal under vote.
                    if (options.MemoryPath is null)
                    {
                        await Task.WhenAll(opened.Select(s => s.PrepareVoteAsync()));
                    }
                    pageCount += opened.Sum(s => s.Pages.Count);
                }

                while (memoryPages.TryPeek(out var next) && next <= pageCount)
                {
                    memoryPages.Dequeue();
                    await Task.Delay(1000); // let the last renders settle

                    // A connected member's steady state: the page's WebSocket only, once the browser's idle
                    // keep-alive connections (page load, files) have been closed by the server.
                    var port = new Uri(app.BaseUrl).Port;
                    var before = ServerConnections.Established(port);
                    var connections = await ServerConnections.WaitForSteadyStateAsync(port, pageCount, SteadyStateTimeout);
                    var sample = await ServerMemoryProbe.SampleAsync(app.Pid, pageCount, scratch, options.GcdumpDirectory, probeEnvironment.Count > 0 ? heapSocket : null);
                    memory.Add(sample);
                    log(string.Create(CultureInfo.InvariantCulture, $"  memory with {pageCount} room pages: managed heap {sample.CompactedHeapMb:0.0} MB compacted, {sample.HeapMb:0.0} MB after the runtime's own GC (live objects {sample.LiveMb:0.0} MB), working set {sample.WorkingSetMb:0.0} MB; connections {before} → {connections} ({clock.Elapsed.TotalSeconds:0} s)"));
                }
            }

            try
            {
                if (plan.MemoryPages.Contains(0))
                {
                    // The empty server has served a whole session before: its five members signed in, designated the
                    // president, declared no link and voted one round (with the amendment), then left (each page unloads
                    // and Blazor closes its circuit). The app's one-off costs — JIT and reflection-emitted code, EF query
                    // caches, component metadata, the high-water mark of Kestrel's buffer pool from pages loading at
                    // once — are then in the 0-page sample, not in the slope per connected member.
                    var warmUp = new SessionScreens(warmUpSession, await Task.WhenAll(warmUpSession.Members.Select(m => MemberPage.OpenAsync(browser, app.BaseUrl, m, warmUpSession.Id, options.MemoryPath))));
                    if (options.MemoryPath is null)
                    {
                        await warmUp.PrepareVoteAsync();
                        await warmUp.RoundAsync(0, warmUp.Pages.Count);
                    }

                    foreach (var visitor in warmUp.Pages)
                    {
                        await visitor.Page.GotoAsync("about:blank");
                        await visitor.CloseAsync();
                    }

                    log($"  a warm-up session (5 pages, one round of votes) opened and left before the 0-page sample ({clock.Elapsed.TotalSeconds:0} s)");
                }

                await OpenUpToAsync(0);
                await OpenUpToAsync(5);
            }
            catch (TimeoutException ex)
            {
                var output = app.Output;
                throw new TimeoutException($"{ex.Message} App output (end): {output[Math.Max(0, output.Length - 3000)..]}", ex);
            }

            // 1 session × 5 members.
            await OpenUpToAsync(5);
            var first = screens[0];
            if (!options.MemoryOnly)
            {
                await first.PrepareVoteAsync();
                log($"  session 1 ready to vote ({clock.Elapsed.TotalSeconds:0} s)");
                for (var i = 0; i < 4; i++)
                {
                    await first.TrivialClickAsync(); // warm-up
                }

                for (var i = 0; i < plan.BaselineClicks; i++)
                {
                    baseline.Add(await first.TrivialClickAsync());
                }

                if ((await first.President.FieldStateAsync()) == "true")
                {
                    await first.TrivialClickAsync();
                }

                await first.RoundAsync(0, 5); // warm-up round
                for (var round = 1; small.Count < plan.SmallVotes; round++)
                {
                    small.AddRange(await first.RoundAsync(round, plan.SmallVotes - small.Count));
                }

                if (Environment.GetEnvironmentVariable("CQPJURY_BENCH_PROFILE") is { Length: > 0 } profileFile)
                {
                    var watcher = first.Pages.First(p => p != first.President && p != first.Pages[0]);
                    log("  diag, profile of a watching page over 20 votes: " + await RendererMetrics.ProfileAsync(watcher, profileFile, async () =>
                    {
                        for (var round = 100; round < 104; round++)
                        {
                            await first.RoundAsync(round, 5);
                        }
                    }));
                }

                log($"  1×5: {small.Count} votes, p95 {P(small, 95):0} ms; baseline p95 {Stats.Percentile(baseline.Order().ToArray(), 95):0} ms ({clock.Elapsed.TotalSeconds:0} s)");

                // N sessions × 5 members, all voting at the same time (full mode).
                // Full mode votes with the memory run's 100 pages open; the quick mode with its own sessions' pages only.
                await OpenUpToAsync(plan.ManyVotes == 0 ? 0 : Math.Max(plan.ManySessions * 5, options.PropagationOnly || options.Mode != BenchmarkMode.Full ? 0 : 100));
                var active = screens.Take(plan.ManySessions).ToList();
                await Task.WhenAll(active.Skip(1).Select(s => s.PrepareVoteAsync()));
                log($"  {active.Count} sessions ready to vote ({clock.Elapsed.TotalSeconds:0} s)");

                // The preparation's confirmations (pop-up messages on the pages just prepared) are gone before the votes
                // start, as they are after the memory samples of a full run.
                await Task.Delay(TimeSpan.FromSeconds(8));
                async Task<(List<VoteSample> Votes, double Seconds)> VoteAtOnceAsync(TimeSpan? pace, int firstRound, Action<CpuSplit>? cpu = null, bool inStep = false)
                {
                    var perSession = (plan.ManyVotes + active.Count - 1) / active.Count;
                    var start = DateTime.UtcNow;
                    var wall = Stopwatch.StartNew();
                    var cpuBefore = CpuSplit.Read(app.Pid);
                    var results = plan.ManyVotes == 0 ? [] : await Task.WhenAll(active.Select(async (s, index) =>
                    {
                        // Paced: the sessions' first votes are spread over one round (a vote interval per member), as independent
                        // juries' rounds are; in step: over one vote interval, so that every session's round ends — and its
                        // president amends — within the same interval (figure 1g).
                        // Spread: every session its own moment in the vote interval (index / count of it) and its own place in
                        // the round (index mod 5 intervals), so that neither votes nor amendments of different sessions coincide.
                        var interval = pace ?? TimeSpan.Zero;
                        s.StartPacingAt(start + (interval * index / active.Count) + (inStep ? TimeSpan.Zero : interval * (index % s.Pages.Count)));
                        var mine = new List<VoteSample>();
                        for (var round = firstRound; mine.Count < perSession; round++)
                        {
                            mine.AddRange(await s.RoundAsync(round, perSession - mine.Count, pace));
                        }

                        return mine;
                    }));
                    cpu?.Invoke(CpuSplit.Between(cpuBefore, CpuSplit.Read(app.Pid), wall.Elapsed.TotalSeconds));
                    return ([.. results.SelectMany(r => r)], wall.Elapsed.TotalSeconds);
                }

                if (RendererMetrics.Enabled && plan.ManyVotes > 0)
                {
                    var metrics = await RendererMetrics.AttachAsync(screens.SelectMany(s => s.Pages));
                    var idle0 = await metrics.SumAsync();
                    var idleCpu0 = ProcessCpu.Snapshot();
                    await Task.Delay(10_000);
                    var idleCpu1 = ProcessCpu.Snapshot();
                    var idle1 = await metrics.SumAsync();
                    log("  diag, 10 s idle, all pages: " + RendererMetrics.Delta(idle0, idle1, 10));
                    log("  diag, CPU by process over those 10 s idle (100% = one core): " + ProcessCpu.Delta(idleCpu0, idleCpu1, 10));
                    log("  diag, DOM mutations on another member's page for one vote: " + await RendererMetrics.MutationsForOneVoteAsync(active[0]));
                    log("  diag, CPU per page updated: " + await RendererMetrics.CpuPerChangeAsync(active, app.Pid));
                    if (Environment.GetEnvironmentVariable("CQPJURY_BENCH_TRACE") is { Length: > 0 } traceFile)
                    {
                        await Task.Delay(2000);
                        var cdp = await browser.NewBrowserCDPSessionAsync();
                        var chunks = new List<string>();
                        var complete = new TaskCompletionSource();
                        cdp.Event("Tracing.dataCollected").OnEvent += (_, e) => { lock (chunks) { chunks.Add(e!.Value.GetProperty("value").GetRawText()); } };
                        cdp.Event("Tracing.tracingComplete").OnEvent += (_, _) => complete.TrySetResult();
                        await cdp.SendAsync("Tracing.start", new() { ["categories"] = "devtools.timeline,disabled-by-default-devtools.timeline,toplevel,blink,cc,viz,gpu,v8,benchmark,renderer,ipc,mojom", ["transferMode"] = "ReportEvents" });
                        await Task.WhenAll(active.Select(async s =>
                        {
                            await s.President.ClickInPageAsync("submit-proposal");
                            await s.WaitForNewRoundAsync();
                        }));
                        await Task.Delay(1500);
                        await cdp.SendAsync("Tracing.end");
                        await complete.Task.WaitAsync(TimeSpan.FromSeconds(60));
                        lock (chunks)
                        {
                            File.WriteAllText(traceFile, "[" + string.Join(",", chunks.Select(c => c.Trim()[1..^1]).Where(c => c.Length > 0)) + "]");
                        }

                        log("  diag, chromium trace of 20 amendments at once written to " + traceFile);
                    }

                    if (Environment.GetEnvironmentVariable("CQPJURY_BENCH_DIAG_ONLY") == "1")
                    {
                        return [];
                    }
                    var wall = Stopwatch.StartNew();
                    var cpu0 = ProcessCpu.Snapshot();
                    var (diagVotes, _) = await VoteAtOnceAsync(TimeSpan.FromMilliseconds(plan.PaceMs), 1000);
                    var cpu1 = ProcessCpu.Snapshot();
                    var voted = await metrics.SumAsync();
                    log("  diag, CPU by process during the votes (100% = one core): " + ProcessCpu.Delta(cpu0, cpu1, wall.Elapsed.TotalSeconds));
                    log(string.Create(CultureInfo.InvariantCulture, $"  diag, {diagVotes.Count} paced votes in {wall.Elapsed.TotalSeconds:0.0} s (p95 {P(diagVotes, 95):0} ms): ") + RendererMetrics.Delta(idle1, voted, wall.Elapsed.TotalSeconds));
                }

                if (RendererMetrics.Enabled && plan.ManyVotes > 0 && options.GcdumpDirectory is { } dumps)
                {
                    // Is anything kept per vote? Heap before and after votes, same pages open (dotnet-gcdump report both, diff per type).
                    var before = await ServerMemoryProbe.SampleAsync(app.Pid, 1000, scratch, dumps);
                    var (extra, _) = await VoteAtOnceAsync(null, 500);
                    var after = await ServerMemoryProbe.SampleAsync(app.Pid, 2000 + extra.Count, scratch, dumps);
                    log(string.Create(CultureInfo.InvariantCulture, $"  diag, heap before {before.HeapMb:0.0} MB, after {extra.Count} votes {after.HeapMb:0.0} MB"));
                }

                if (plan.ManyVotes > 0)
                {
                    for (var run = 0; run < plan.PacedRuns; run++)
                    {
                        var (votes, seconds) = await VoteAtOnceAsync(TimeSpan.FromMilliseconds(plan.PaceMs), 10 + (10 * run), split => pacedCpu = pacedCpu is null ? split : pacedCpu.Plus(split));
                        many.AddRange(votes);
                        if (Environment.GetEnvironmentVariable("CQPJURY_BENCH_SAMPLES") is { Length: > 0 } samplesFile)
                        {
                            File.AppendAllLines(samplesFile, votes.Select(v => string.Create(CultureInfo.InvariantCulture, $"S,{v.SessionId},{run},{v.ClickedAt:0.0},{v.SlowestMs:0.0},{string.Join(';', v.EachMs.Select(e => e.ToString("0", CultureInfo.InvariantCulture)))}")));
                        }
                        manySeconds += seconds;
                        pacedRunP95s.Add(P(votes, 95));
                        log($"  {active.Count}×5 paced (a vote every {plan.PaceMs} ms per session), run {run + 1}/{plan.PacedRuns}: {votes.Count} votes in {seconds:0.0} s, p95 {P(votes, 95):0} ms ({clock.Elapsed.TotalSeconds:0} s)");
                    }

                    // Figure 1h: one more paced run, every page's circuit frames watched (DevTools sessions cost the driver and
                    // the browser some CPU: figure 1 is measured without them).
                    atSocket = await SocketRun.VoteAsync(active, app.BaseUrl, () => VoteAtOnceAsync(TimeSpan.FromMilliseconds(plan.PaceMs), 60));
                    log($"  {active.Count}×5 paced, circuit frames watched: {atSocket.Votes.Count} votes in {atSocket.Seconds:0.0} s, at the browsers' WebSocket p95 {Stats.Percentile([.. atSocket.Browsers.OfType<double>().Order()], 95):0} ms, in their DOM p95 {P(atSocket.Votes, 95):0} ms, in the load client's spare tabs p95 {Stats.Percentile([.. atSocket.SpareTab.OfType<double>().Order()], 95):0} ms ({clock.Elapsed.TotalSeconds:0} s)");
                    (inStep, inStepSeconds) = await VoteAtOnceAsync(TimeSpan.FromMilliseconds(plan.PaceMs), 40, inStep: true);
                    log($"  {active.Count}×5 paced in step (a vote every {plan.PaceMs} ms per session, rounds ending together): {inStep.Count} votes in {inStepSeconds:0.0} s, p95 {P(inStep, 95):0} ms ({clock.Elapsed.TotalSeconds:0} s)");
                    (brisk, briskSeconds) = await VoteAtOnceAsync(TimeSpan.FromMilliseconds(plan.PaceMs / 2.0), 50);
                    log($"  {active.Count}×5 paced (a vote every {plan.PaceMs / 2} ms per session): {brisk.Count} votes in {briskSeconds:0.0} s, p95 {P(brisk, 95):0} ms ({clock.Elapsed.TotalSeconds:0} s)");
                    (closed, closedSeconds) = await VoteAtOnceAsync(null, 100);
                    log($"  {active.Count}×5 closed loop: {closed.Count} votes in {closedSeconds:0.0} s, p95 {P(closed, 95):0} ms ({clock.Elapsed.TotalSeconds:0} s)");
                }
            }

            await OpenUpToAsync(plan.MemoryPages.DefaultIfEmpty(0).Max());
            foreach (var s in screens)
            {
                foreach (var p in s.Pages)
                {
                    await p.CloseAsync();
                }
            }
        }
        finally
        {
            TempFolder.DeleteQuietly(folder);
        }

        var figures = Figures(plan, small, (many, manySeconds, pacedRunP95s), (brisk, briskSeconds), (inStep, inStepSeconds), (closed, closedSeconds), baseline, memory, sessions.Count, options.MemoryPath, options.MemoryOnly);
        if (pacedCpu is { } split && many.Count > 0)
        {
            figures.Add(CpuFigure(split, many.Count, plan));
        }

        if (atSocket is { Votes.Count: > 0 })
        {
            figures.Add(SocketFigure(atSocket, plan));
        }
        return options.MemoryOnly ? figures.Where(f => f.Id.StartsWith('2')).ToList() : figures;
    }

    /// <summary>Figure 1f: what one vote costs the server, and the rest of the shared machine, during figure 1's run.</summary>
    private static Figure CpuFigure(CpuSplit split, int votes, Plan plan)
    {
        var c = CultureInfo.InvariantCulture;
        var server = split.ServerSeconds * 1000 / votes;
        var browser = split.BrowserSeconds * 1000 / votes;
        var other = (split.MachineBusySeconds - split.ServerSeconds - split.BrowserSeconds) * 1000 / votes;
        var busy = split.MachineBusySeconds / (split.WallSeconds * Environment.ProcessorCount) * 100;
        return new Figure("1f", $"Server CPU per vote during figure 1 ({plan.ManySessions} sessions × 5 members, {votes} votes)", "ms/vote", server, server, server, plan.PacedRuns > 1 ? $"{plan.PacedRuns} runs together" : "one run", plan.PacedRuns, "– (explains figure 1)", null,
            string.Create(c, $"CPU seconds of the app process (/proc/PID/stat) over figure 1's paced runs divided by their votes: each vote includes its command (checks, replay, commit, audit), the other pages' reloads and re-renders, and the president's new rounds (one per 5 votes). Same run: all of chromium {browser:0} ms/vote, the rest of the machine (driver, kernel) {other:0} ms/vote; the machine was {busy:0}% busy over its {Environment.ProcessorCount} cores. On members' own laptops only the server's share stays on this machine: {Environment.ProcessorCount} cores ÷ {server:0} ms ≈ {Environment.ProcessorCount * 1000 / Math.Max(server, 0.001):0} votes/s at full load."));
    }

    /// <summary>Figure 1h: figure 1's votes at the WebSocket (<see cref="SocketRun"/>), beside the same votes in the DOM and in the spare tabs.</summary>
    private static Figure SocketFigure(SocketRun run, Plan plan)
    {
        var c = CultureInfo.InvariantCulture;
        var measured = run.Browsers.OfType<double>().ToList();
        var spare = run.SpareTab.OfType<double>().ToList();
        var pairs = run.SpareTab.Zip(run.SameMemberPage).Where(p => p.First is not null && p.Second is not null).Select(p => (Tab: p.First!.Value, Page: p.Second!.Value)).ToList();
        var browserPart = run.Votes.Zip(run.Browsers, (v, w) => w is { } ms ? v.SlowestMs - ms : (double?)null).OfType<double>().ToList();
        return P95("1h", $"Vote propagation at the browsers' WebSocket: figure 1's load ({plan.ManySessions} sessions × 5 members, a vote every {plan.PaceMs / 1000.0:0.#} s per session), the voter's click frame sent → the slowest other page's render batch received ({measured.Count} votes)", measured, "– (compare with 11a)", false,
            string.Create(c, $"{Ps(measured)} over {measured.Count} votes in {run.Seconds:0.0} s ({run.Votes.Count - measured.Count} vote(s) without their frames); the same votes in the DOM, as figure 1 measures them: {Ps([.. run.Votes.Select(v => v.SlowestMs)])}; the browsers' own part, the DOM time minus the WebSocket time of each vote: {Ps(browserPart)}; the same votes in a sixth circuit per session, the load client's (a spare tab of the session's proposer, CqpJury.Benchmarks/LoadClient, which applies each batch as it comes), from the same click frame to the batch applied: {Ps(spare)} ({run.SpareTab.Count - spare.Count} without); of the {pairs.Count} votes not cast by the proposer, the same member's two circuits: the spare tab {Ps([.. pairs.Select(p => p.Tab)])}, the browser page (its batch received) {Ps([.. pairs.Select(p => p.Page)])}. One more paced run after figure 1's, as figure 1 (same pages, same pace and spread), with every page's Network domain enabled in a DevTools session of its own (its events cost the driver and the browser some CPU: figure 1 is measured without them). Frames from chromium's DevTools (Network.webSocketFrameSent / webSocketFrameReceived), reported when the page's WebSocket channel sends a frame or hands it to the page, before blazor.web.js decodes and applies it: the click leaves as the frame carrying DispatchEventAsync, each other page receives the frame carrying JS.RenderBatch; the click's Date.now() placed on chromium's clock by one request's two times (wallTime, timestamp). What the load client measures without browsers (11a: click sent → batch applied)."));
    }

    /// <summary>« p50 … / p95 … / p99 … ms » of a figure's samples.</summary>
    private static string Ps(List<double> samples)
    {
        var sorted = samples.Order().ToArray();
        return string.Create(CultureInfo.InvariantCulture, $"p50 {Stats.Percentile(sorted, 50):0} / p95 {Stats.Percentile(sorted, 95):0} / p99 {Stats.Percentile(sorted, 99):0} ms");
    }

    private static double P(List<VoteSample> samples, double p) => Stats.Percentile(samples.Select(s => s.SlowestMs).Order().ToArray(), p);

    private static List<Figure> Figures(
        Plan plan, List<VoteSample> small, (List<VoteSample> Votes, double Seconds, List<double> RunP95s) paced, (List<VoteSample> Votes, double Seconds) twice, (List<VoteSample> Votes, double Seconds) together,
        (List<VoteSample> Votes, double Seconds) closedLoop, List<double> baseline, List<MemorySample> memory, int seeded, string? memoryPath, bool memoryOnly)
    {
        var (many, manySeconds, runP95s) = paced;
        var runs = runP95s.Count > 1
            ? string.Create(CultureInfo.InvariantCulture, $"{runP95s.Count} runs of {many.Count / runP95s.Count} votes pooled (one run's p95 varies a lot on this shared machine); p95 of each run: {string.Join(" / ", runP95s.Select(p => p.ToString("0", CultureInfo.InvariantCulture)))} ms. ")
            : "";
        var (closed, closedSeconds) = closedLoop;
        var c = CultureInfo.InvariantCulture;
        var n = plan.ManySessions;
        var smallMs = small.Select(s => s.SlowestMs).ToList();
        var manyMs = many.Select(s => s.SlowestMs).ToList();
        var how = string.Create(c, $"Real app process (Release build run with ASPNETCORE_ENVIRONMENT=Development so that the build output serves its static web assets, own port and SQLite data folder seeded with the app's own types: the demo session plus {seeded - 1} clones with 5 new members each and their own copy of the demo's full-award dossier), headless /usr/bin/chromium via Playwright, each member signed in through /connexion on a host name of their own (m1.localhost, m2.localhost…: cookies are per host, so one sign-in and one circuit per member) in the browser's one context; the pages share {RendererProcesses} renderer processes (--renderer-process-limit={RendererProcesses} with --disable-site-isolation-trials: 100 renderer processes on {Environment.ProcessorCount} cores cost more in scheduling and memory management than the page updates measured; a member's own browser runs on their own laptop. Chromium 156 no longer lets separate contexts share a process: with a context per member, as until 2026-12-03, it ran one renderer per page and figure 1 measured chromium's saturation). Each round: one member objects, the four others approve (never unanimous), then the president amends (new round). A click is a real click event on the button in the member's page (HTMLElement.click(), the event Blazor's handler receives), without the driver's own steps around it (scrolling into view, pointer moves, waiting for two stable animation frames), which loaded the shared machine more than the votes did (measured: 243 → 90 ms of renderer CPU per vote). Sample = Date.now() when the slowest of the other four panel members' pages showed the voter's tally line with the new status (MutationObserver on data-vote) minus Date.now() of the click (capture-phase listener on the voter's page); all pages in one chromium, same clock. DOM updated, not painted. Browser, driver and server share the machine's {Environment.ProcessorCount} cores.");
        var figures = new List<Figure>
        {
            many.Count == 0 && (plan.ManyVotes == 0 || memoryOnly)
                ? Figure.NotRun("1", "Vote propagation, real browsers (vote click → tally on the other members' screens), p95 at 20 sessions × 5 members", "p95 ≤ 100 ms",
                    "memory only (`--memory-only`, `--only 2`)")
                : P95("1", $"Vote propagation, real browsers (vote click → tally on the other 4 members' screens), p95 at {n} sessions × 5 members voting at the same time, a vote every {plan.PaceMs / 1000.0:0.#} s in each session ({many.Count} votes)", manyMs, "p95 ≤ 100 ms", true,
                runs + string.Create(c, $"{Ps(manyMs)} over {many.Count} votes in {manySeconds:0.0} s ({many.Count / Math.Max(manySeconds, 0.001):0.0} votes/s on the server); the {n} sessions vote at the same time, each its own rounds, a vote starting at most every {plan.PaceMs} ms in each session, so each member votes about every {plan.PaceMs * 5 / 1000} s (in a real jury a round of five votes follows minutes of discussion: this is {n} juries voting without a pause; each session has its own moment in the 2 s between votes and its own place in the round — session i starts at i/{n} of an interval plus (i mod 5) intervals — so that neither the votes nor the rounds' ends of different sessions coincide, as with independent juries; with the sessions in step, see 1g), while {n * 5} room pages are open. Twice this pace in 1e, closed loop (as fast as the screens allow) in 1d. ") + how),
            twice.Votes.Count == 0
                && (plan.ManyVotes == 0 || memoryOnly) ? Figure.NotRun("1e", "Vote propagation at twice the pace", "–", "memory only (`--memory-only`, `--only 2`)")
                : P95("1e", $"Vote propagation at twice figure 1's pace: {n} sessions × 5 members, a vote every {plan.PaceMs / 2000.0:0.#} s in each session ({twice.Votes.Count} votes)", twice.Votes.Select(s => s.SlowestMs).ToList(), "– (for comparison)", false,
                    string.Create(c, $"{Ps(twice.Votes.Select(s => s.SlowestMs).ToList())} over {twice.Votes.Count} votes in {twice.Seconds:0.0} s ({twice.Votes.Count / Math.Max(twice.Seconds, 0.001):0.0} votes/s). Same run and timing as figure 1, each session's votes twice as close together.")),
            together.Votes.Count == 0
                && (plan.ManyVotes == 0 || memoryOnly) ? Figure.NotRun("1g", "Vote propagation, sessions in step", "–", "memory only (`--memory-only`, `--only 2`)")
                : P95("1g", $"Vote propagation at figure 1's pace with the {n} sessions in step: every session's round ends, and its president amends, within the same 2 s ({together.Votes.Count} votes)", together.Votes.Select(s => s.SlowestMs).ToList(), "– (for comparison)", false,
                    string.Create(c, $"{Ps(together.Votes.Select(s => s.SlowestMs).ToList())} over {together.Votes.Count} votes in {together.Seconds:0.0} s ({together.Votes.Count / Math.Max(together.Seconds, 0.001):0.0} votes/s). Same as figure 1 except the sessions' first votes, spread over one vote interval only: the sessions then keep the same place in their rounds, and every ~10 s the {n} presidents' amendments (a new round: every page's tally and vote form change) come within the same 2 s as {n} votes — the way figure 1 was paced in runs before 2026-11-27 19:15, whose figure 1 measured this.")),
            closed.Count == 0
                && (plan.ManyVotes == 0 || memoryOnly) ? Figure.NotRun("1d", "Vote propagation, closed loop (capacity)", "–", "memory only (`--memory-only`, `--only 2`)")
                : P95("1d", $"Vote propagation, closed loop at {n} sessions × 5 members: each session's next vote as soon as the last one is on every screen ({closed.Count} votes)", closed.Select(s => s.SlowestMs).ToList(), "– (capacity, for comparison)", false,
                    string.Create(c, $"{Ps(closed.Select(s => s.SlowestMs).ToList())} over {closed.Count} votes in {closedSeconds:0.0} s: {closed.Count / Math.Max(closedSeconds, 0.001):0.0} votes/s, the most this machine gives with the {n * 5} pages in chromium, the driver and the server on the same {Environment.ProcessorCount} cores; latency here is mostly queueing. Same timing as figure 1.")),
            memoryOnly ? Figure.NotRun("1b", "Vote propagation at 1 session × 5 members", "–", "memory only (`--memory-only`, `--only 2`)") :
            P95("1b", $"Vote propagation, p95 at 1 session × 5 members ({small.Count} votes)", smallMs, "– (for comparison)", false,
                $"{Ps(smallMs)} over {small.Count} votes (after one warm-up round), 5 pages open."),
            memoryOnly ? Figure.NotRun("1c", "Baseline: trivial input → re-render on the same page", "baseline", "memory only (`--memory-only`, `--only 2`)") :
            P95("1c", $"Baseline: trivial input → re-render on the same page (the president's vote comment field filled in / emptied), p95 ({baseline.Count} changes)", baseline, "baseline", false,
                $"{Ps(baseline)}: a server round trip over the circuit and a re-render of one page, nothing stored, nobody notified; timed like the votes (Date.now() before the change event → MutationObserver on the data-filled attribute of the field's wrapper, set by the server's re-render), 5 pages open."),
        };

        if (memory.Count >= 2 && memory.All(m => !double.IsNaN(m.HeapMb)))
        {
            // Figure 2 is the heap after compacting full GCs (the heap probe) when every sample has it; otherwise the heap
            // after the runtime's own induced GCs, which also counts the free space those GCs chose not to compact.
            var compacted = memory.All(m => !double.IsNaN(m.CompactedHeapMb));
            double Heap(MemorySample m) => compacted ? m.CompactedHeapMb : m.HeapMb;
            var heapSlope = ServerMemoryProbe.Slope(memory.Select(m => ((double)m.Pages, Heap(m) * 1024)).ToList());
            var wsSlope = ServerMemoryProbe.Slope(memory.Select(m => ((double)m.Pages, m.WorkingSetMb * 1024)).ToList());
            var points = string.Join(", ", memory.Select(m => string.Create(c, $"{m.Pages} pages: heap {Heap(m):0.0} MB (after the runtime's own GC {m.HeapMb:0.0} MB, live objects {m.LiveMb:0.0} MB), working set {m.WorkingSetMb:0.0} MB")));
            var what = memoryPath is null
                ? "room pages"
                : $"pages {memoryPath} (not the room: comparison run)";
            var page = memoryPath is null
                ? "Each page is a signed-in member in their session's room on the current dossier: president designated, everyone declared no link, so every page shows the dossier's full content (grid, documents), the panel, the proposal under vote with its outcome table and live tally, and the vote form (the president's page also the proposal editor and the postponement panel). "
                : $"Each page is a signed-in member on {memoryPath}: the app's layout and a circuit, no room. ";
            var gc = compacted
                ? "then the heap probe (CqpJury.Benchmarks.HeapProbe, a startup hook the runner loads into the app process it starts; not in the app otherwise) runs two full, blocking, compacting GCs (gen 2 and the large object heap, finalizers run in between) and reads the heap size after them (GCMemoryInfo.HeapSizeBytes). Until 2026-11-27 21:30 figure 2 was the heap after the runtime's own induced GCs (now 2e), which compact only when the GC judges it worth it: they left 0.1 to 9 MB of free space between the objects at the same page count, run after run (±50 KB per page in the slope)"
                : "the heap probe was not available: the heap is read after the runtime's own induced GCs (see 2e)";
            figures.Add(new Figure("2", $"Server memory per connected member: managed heap after a full compacting GC, slope over {string.Join(", ", memory.Select(m => m.Pages))} {what}", "KB/page",
                heapSlope, heapSlope, heapSlope, "least squares", memory.Count, "≤ 250 KB per member", heapSlope <= 250,
                $"{page}{points}. Each sample is taken in a connected member's steady state: the app holds one connection per open page (its WebSocket; counted in /proc/net/tcp), once the browsers' idle keep-alive connections from loading the pages have been closed by the server (KeepAliveTimeout 15 s; waited for at most 25 s). Then `dotnet-gcdump collect` twice (the runtime runs a full blocking GC each time to walk the heap), `dotnet-counters collect --counters System.Runtime` for 2 s (dotnet.gc.last_collection.heap.size summed over gen0/gen1/gen2/LOH/POH: figure 2e; dotnet.process.memory.working_set: figure 2b); {gc}. Slope = least-squares regression over the {memory.Count} points. Pages are added whole sessions at a time, never closed in between (a closed page's circuit is retained for minutes); the 1×5 votes happened after the 5-page sample{(plan.ManyVotes > 0 ? $", the {n}×5 votes after the 100-page sample" : "")}. Before the 0-page sample a warm-up session (its own five members) was opened, prepared, voted one round and left (its circuits closed): the app's one-off costs (JIT and reflection-emitted code, EF query caches, component metadata, the high-water mark of Kestrel's buffer pool) are in the baseline, not in the slope (until 2026-11-27 21:30 the warm-up was one room page, without a vote: the first 50 pages then carried about 5 MB of those costs); figure 2c leaves the 0-page point out altogether."));
            figures.Add(new Figure("2b", "Server working set per connected member (slope, same samples)", "KB/page",
                wsSlope, wsSlope, wsSlope, "least squares", memory.Count, "– (heap is the target)", null,
                "Working set includes native memory (Kestrel buffers, SQLite page cache, JIT code) and is not compacted by a GC; read before the compacting GCs."));
            if (memory.All(m => !double.IsNaN(m.LiveMb)))
            {
                var liveSlope = ServerMemoryProbe.Slope(memory.Select(m => ((double)m.Pages, m.LiveMb * 1024)).ToList());
                figures.Add(new Figure("2d", "Server memory per connected member: live objects at the heap dump's full GC (slope, same samples)", "KB/page",
                    liveSlope, liveSlope, liveSlope, "least squares", memory.Count, "– (explains figure 2)", null,
                    "What the pages' circuits hold: the total of the objects the heap dump found alive at its full GC, the second of the two (`dotnet-gcdump report`, \"GC Heap bytes\"), without any free space — what a compacting GC leaves, give or take the objects that died in between."));
            }

            if (compacted)
            {
                var ownSlope = ServerMemoryProbe.Slope(memory.Select(m => ((double)m.Pages, m.HeapMb * 1024)).ToList());
                figures.Add(new Figure("2e", "Server memory per connected member: managed heap after the runtime's own induced full GCs (slope, same samples)", "KB/page",
                    ownSlope, ownSlope, ownSlope, "least squares", memory.Count, "– (figure 2 until 2026-11-27 21:30)", null,
                    string.Create(c, $"The heap size after the second heap dump's GC (dotnet.gc.last_collection.heap.size), read before the compacting GCs: the same objects plus the free space that GC chose not to compact ({string.Join(", ", memory.Select(m => $"{m.Pages} pages: {Math.Max(0, m.HeapMb - m.CompactedHeapMb):0.0} MB more than compacted"))}).")));
            }

            var warm = memory.Where(m => m.Pages > 0).ToList();
            if (warm.Count >= 2)
            {
                var warmSlope = ServerMemoryProbe.Slope(warm.Select(m => ((double)m.Pages, Heap(m) * 1024)).ToList());
                var warmWs = ServerMemoryProbe.Slope(warm.Select(m => ((double)m.Pages, m.WorkingSetMb * 1024)).ToList());
                figures.Add(new Figure("2c", $"Server memory per connected member, warm: managed heap slope over {string.Join(", ", warm.Select(m => m.Pages))} pages (without the 0-page point)", "KB/page",
                    warmSlope, warmSlope, warmSlope, "least squares", warm.Count, "– (for comparison)", null,
                    string.Create(c, $"Same heap as figure 2 without the empty server's point (for comparison with runs before 2026-11-27 17:30, whose 0-page sample was taken before any page had been served). Working set slope over the same points: {warmWs:0} KB/page.")));
            }
        }
        else if (plan.MemoryPages.Length == 0)
        {
            figures.Add(Figure.NotRun("2", "Server memory per connected member", "≤ 250 KB per member", "propagation only (`--propagation-only`)"));
        }
        else
        {
            figures.Add(Figure.NotMeasured("2", "Server memory per connected member", "≤ 250 KB per member",
                string.Create(c, $"{memory.Count} heap sample(s) of the {plan.MemoryPages.Length} checkpoints ({string.Join(", ", plan.MemoryPages)} pages): a slope needs two.")));
        }

        return figures;
    }

    /// <summary>A latency figure: p95 as its value, p50–p99 as its spread; judged against 100 ms when <paramref name="judged"/>.</summary>
    internal static Figure P95(string id, string name, List<double> samples, string target, bool judged, string notes)
    {
        if (samples.Count == 0)
        {
            return Figure.NotMeasured(id, name, target, "No sample.");
        }

        var sorted = samples.Order().ToArray();
        var p95 = Stats.Percentile(sorted, 95);
        return new Figure(id, name, "ms", p95, Stats.Percentile(sorted, 50), Stats.Percentile(sorted, 99), "p50–p99", samples.Count, target, judged ? p95 <= 100 : null, notes);
    }
}
