using System.Diagnostics;
using CqpJury.Benchmarks.OfficialDocuments;
using CqpJury.Benchmarks.Realtime;
using CqpJury.Benchmarks.Startup;
using CqpJury.Benchmarks.Storage;

namespace CqpJury.Benchmarks.Core;

/// <summary>Runs the figures of the chosen mode in one process and writes the markdown table.</summary>
public static class BenchmarkRunner
{
    private const string Figure4Note = "Figure 4 measures the SQLite write path of a vote (record load, version bump, event row, audit row, one SaveChanges, retry on conflict) through the app's own DbContext factory, not the whole RoomService.VoteAsync (which first reads the actor, the convocation, the room state, the dossier and replays the deliberation's events): the full command is slower; measuring it needs the demo room set up through RoomService (enter, presidency, conflict declarations, proposal) as the integration tests' RoomScenario does.";

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchmarkOptions options, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        log ??= Console.WriteLine;
        options = options with { LoadAtStart = MachineInfo.LoadAverage() };
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var figures = new List<Figure>();
        var notes = new List<string>();
        var failures = new List<string>();

        async Task Step(string name, Func<Task<IReadOnlyList<Figure>>> step)
        {
            log($"[{clock.Elapsed.TotalSeconds,5:0}s] {name}");
            try
            {
                figures.AddRange(await step());
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                log($"  FAILED: {ex}");
                var reason = $"{name} failed in this run: {ex.GetType().Name}: {FigureGuard.OneLine(ex.Message, "no message")}";
                notes.Add(reason);
                failures.Add(reason);
            }
        }

        if (options.Mode == BenchmarkMode.Smoke || options.NoBrowser)
        {
            var why = options.NoBrowser ? "`--no-browser` / `--only`" : "smoke mode (no browser, no child process)";
            figures.Add(Figure.NotRun("1", "Vote propagation, real browsers (vote click → tally on the other members' screens), p95 at 20 sessions × 5 members", "p95 ≤ 100 ms", why));
            figures.Add(Figure.NotRun("2", "Server memory per connected member (GC heap / working set with 0, 50, 100, 200 room pages)", "≤ 250 KB per member", why));
            if (options.NoBrowser)
            {
                notes.Add("`--no-browser`: figures 1 and 2 were not run.");
            }
        }
        else
        {
            await Step("Room with real browsers (1, 2)", () => Browser.RoomBrowserBenchmark.RunAsync(options, log));
        }

        if (options.Only is not null)
        {
            await RunOtherFiguresAsync(options, Step, notes, log);
        }
        else if (options.MemoryOnly)
        {
            notes.Add("Memory only (`--memory-only`): figure 2 alone, the other figures were not run.");
        }
        else if (options.PropagationOnly)
        {
            notes.Add("Propagation only (`--propagation-only`): figure 1 alone, the other figures were not run.");
        }
        else
        {
            await RunOtherFiguresAsync(options, Step, notes, log);
            notes.Add(Figure4Note);
        }

        clock.Stop();
        var load = options.LoadAtStart.Split(" / ")[0];
        if (double.TryParse(load, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var load1) && load1 > Environment.ProcessorCount)
        {
            notes.Add($"The machine was busy when this run started (load {load} on {Environment.ProcessorCount} cores, other processes building and testing): throughputs are low and latencies high compared with an idle machine; rerun on an idle machine before drawing conclusions.");
        }

        notes.Add($"Command: `dotnet run -c Release --project CqpJury.Benchmarks -- {options.CommandLine}`.".Replace("--  ", "-- ", StringComparison.Ordinal));
        var ordered = figures.OrderBy(f => f.Id, Figure.TableOrder).ToList();
        if (ordered.Where(f => f.Skipped).ToList() is { Count: > 0 } skipped)
        {
            notes.Add("Not run in this mode: " + string.Join("; ", skipped.GroupBy(f => f.Notes).Select(g => $"{string.Join(", ", g.Select(f => f.Id))} ({g.Key})")) + ".");
        }

        failures.AddRange(FigureGuard.Failures(ordered));
        var markdown = ReportWriter.Render(options, MachineInfo.Current(), ordered, notes, clock.Elapsed, started)
                       + ReportWriter.KeptSections(File.Exists(options.OutputPath) ? await File.ReadAllTextAsync(options.OutputPath) : null);
        if (failures.Count > 0)
        {
            // The figures it did measure go elsewhere: the report of record keeps its last complete run.
            var partial = Path.Combine(Path.GetTempPath(), $"cqpjury-benchmarks-failed-{started:yyyyMMdd-HHmmss}.md");
            await File.WriteAllTextAsync(partial, markdown);
            log($"The run failed ({failures.Count} figure(s) or step(s) not measured); what it measured is in {partial}, {options.OutputPath} is unchanged.");
            throw new BenchmarkFailedException(failures, partial);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.OutputPath))!);
        await File.WriteAllTextAsync(options.OutputPath, markdown);
        log($"Wrote {options.OutputPath} in {clock.Elapsed.TotalSeconds:0} s.");
        return ordered;
    }

    private static async Task RunOtherFiguresAsync(BenchmarkOptions options, Func<string, Func<Task<IReadOnlyList<Figure>>>, Task> step, List<string> notes, Action<string> log)
    {
        bool Chosen(string id) => options.Only is null || options.Only.Contains(id);
        if (options.Only is not null)
        {
            notes.Add($"`--only {string.Join(',', options.Only.Order(Figure.TableOrder))}`: the other figures were not run.");
        }

        if (Chosen("3"))
        {
            await step("Notifier fan-out (3)", () => NotifierFanOutBenchmark.RunAsync(options, log));
        }

        if (Chosen("7"))
        {
            await step("Cross-instance propagation over Redis (7, issue 7)", () => CrossInstanceBenchmark.RunAsync(options, log));
        }

        if (options.Mode != BenchmarkMode.Smoke)
        {
            if (Chosen("4"))
            {
                await step("SQLite vote commits (4)", () => SqliteVoteCommitBenchmark.RunAsync(options, log));
            }

            if (Chosen("5"))
            {
                await step("Cold start (5)", () => ColdStartBenchmark.RunAsync(options, log));
            }

            if (Chosen("10"))
            {
                await step("First load of the room, published app, throttled network (10, issue 25)", () => FirstLoad.FirstLoadBenchmark.RunAsync(options, log));
            }

            if (Chosen("11"))
            {
                await step("Protocol-level load client: validation, 1,000 circuits, capacity (11, issue 25)", () => LoadClient.LoadClientBenchmark.RunAsync(options, log));
            }

            if (Chosen("11") || Chosen("11g"))
            {
                await step("The framework's floor per vote: a page that only counts clicks, at 11a's load (11g, issue 25)", () => Floor.FloorBenchmark.RunAsync(options, log));
            }

            if (Chosen("11") || Chosen("11h"))
            {
                await step("The room's own work per vote, in process without circuits (11h–11k, issue 25)", () => RoomWork.RoomWorkBenchmark.RunAsync(options, log));
            }

            if (Chosen("8"))
            {
                await step("Statistics on 10,000 decisions, SQLite and PostgreSQL (8, issue 24)", () => Statistics.StatisticsBenchmark.RunAsync(options, log));
            }
        }
        else
        {
            notes.Add("Smoke mode: SQLite vote commits, cold start, the statistics on 10,000 decisions, the load client (11) and the chromium baseline are skipped.");
        }

        if (Chosen("6"))
        {
            await step("Decision sheets (6)", () => DecisionSheetBenchmark.RunAsync(options, log));
        }

        if (Chosen("9"))
        {
            await step("Mail sender to a local SMTP server (9, issue 20)", () => Mail.MailDeliveryBenchmark.RunAsync(options, log));
        }
    }
}
