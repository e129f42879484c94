using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace CqpJury.Benchmarks.Browser;

/// <summary>
/// Diagnosis of figure 1 (set CQPJURY_BENCH_DIAG=1): chromium's own per-page counters (CDP
/// Performance.getMetrics: task, script, layout and style time, layout count) summed over every open
/// page, so that a run shows where the browser side of the machine goes (idle pages vs. vote updates).
/// </summary>
public sealed class RendererMetrics
{
    private static readonly string[] Keys = ["TaskDuration", "ScriptDuration", "LayoutDuration", "RecalcStyleDuration", "LayoutCount", "RecalcStyleCount", "Nodes", "JSHeapUsedSize"];
    private readonly List<ICDPSession> _sessions = [];

    public static bool Enabled => Environment.GetEnvironmentVariable("CQPJURY_BENCH_DIAG") == "1";

    public static async Task<RendererMetrics> AttachAsync(IEnumerable<MemberPage> pages)
    {
        var metrics = new RendererMetrics();
        foreach (var page in pages)
        {
            var session = await page.Context.NewCDPSessionAsync(page.Page);
            await session.SendAsync("Performance.enable");
            metrics._sessions.Add(session);
        }

        return metrics;
    }

    public async Task<Dictionary<string, double>> SumAsync()
    {
        var sum = Keys.ToDictionary(k => k, _ => 0.0);
        foreach (var session in _sessions)
        {
            var result = await session.SendAsync("Performance.getMetrics");
            if (result is not { } json)
            {
                continue;
            }

            foreach (var metric in json.GetProperty("metrics").EnumerateArray())
            {
                var name = metric.GetProperty("name").GetString()!;
                if (sum.ContainsKey(name))
                {
                    sum[name] += metric.GetProperty("value").GetDouble();
                }
            }
        }

        return sum;
    }

    /// <summary>
    /// Diagnosis (CQPJURY_BENCH_PROFILE=FILE): chromium's sampling profiler on a watching member's page during
    /// <paramref name="act"/>; writes the .cpuprofile and returns the functions with the most self time.
    /// </summary>
    public static async Task<string> ProfileAsync(MemberPage watcher, string file, Func<Task> act)
    {
        var session = await watcher.Context.NewCDPSessionAsync(watcher.Page);
        await session.SendAsync("Profiler.enable");
        await session.SendAsync("Profiler.setSamplingInterval", new() { ["interval"] = 100 });
        await session.SendAsync("Profiler.start");
        await act();
        var result = await session.SendAsync("Profiler.stop");
        var profile = result!.Value.GetProperty("profile");
        File.WriteAllText(file, profile.GetRawText());
        var total = profile.GetProperty("endTime").GetDouble() - profile.GetProperty("startTime").GetDouble();
        var samples = profile.GetProperty("samples").GetArrayLength();
        var self = new Dictionary<string, int>();
        foreach (var node in profile.GetProperty("nodes").EnumerateArray())
        {
            var frame = node.GetProperty("callFrame");
            var url = frame.GetProperty("url").GetString() ?? "";
            var key = $"{frame.GetProperty("functionName").GetString()} ({url[(url.LastIndexOf('/') + 1)..]}:{frame.GetProperty("lineNumber").GetInt32()})";
            self[key] = self.GetValueOrDefault(key) + node.GetProperty("hitCount").GetInt32();
        }

        var perMs = samples / (total / 1000);
        return string.Create(CultureInfo.InvariantCulture, $"{samples} samples over {total / 1000:0} ms; self time: ")
            + string.Join("; ", self.OrderByDescending(x => x.Value).Take(25).Select(x => string.Create(CultureInfo.InvariantCulture, $"{x.Key} {x.Value / perMs:0.0} ms")));
    }

    /// <summary>Every DOM mutation record on a watching member's page during one vote (type, target, attribute), counted.</summary>
    public static async Task<string> MutationsForOneVoteAsync(SessionScreens session)
    {
        var voter = session.Pages[0];
        var watcher = session.Pages.First(p => p != voter && p != session.President);
        await voter.TypeObjectionReasonAsync();
        var records = await MutationsAsync(watcher, async () => await watcher.SeenAsync(voter.Member.FullName, "Objected", await voter.ClickInPageAsync("vote-object")));
        var amendment = await MutationsAsync(watcher, async () =>
        {
            await session.President.ClickInPageAsync("submit-proposal");
            await session.WaitForNewRoundAsync();
        });
        return records + " — and for the president's amendment that starts a new round: " + amendment;
    }

    private static async Task<string> MutationsAsync(MemberPage watcher, Func<Task> act)
    {
        await watcher.Page.EvaluateAsync("""
            () => {
              window.__mut = [];
              const d = n => n.nodeType === 1 ? (n.tagName.toLowerCase() + (n.id ? '#' + n.id : '') + (n.getAttribute('data-testid') ? '[' + n.getAttribute('data-testid') + ']' : '') + (n.className && typeof n.className === 'string' ? '.' + n.className.split(' ').slice(0, 2).join('.') : '')) : '#text';
              window.__mo = new MutationObserver(rs => { for (const r of rs) window.__mut.push(r.type + ' ' + d(r.target) + (r.attributeName ? ' @' + r.attributeName : '') + (r.addedNodes.length ? ' +' + r.addedNodes.length : '') + (r.removedNodes.length ? ' -' + r.removedNodes.length : '')); });
              window.__mo.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
            }
            """);
        await act();
        await Task.Delay(1000);
        var records = await watcher.Page.EvaluateAsync<string[]>("() => { window.__mo.disconnect(); return window.__mut; }");
        return $"{records.Length} records: " + string.Join("; ", records.GroupBy(r => r).OrderByDescending(g => g.Count()).Select(g => $"{g.Count()}× {g.Key}"));
    }

    /// <summary>
    /// CPU of all of chromium, and of the app, for one change in every active session at once (the
    /// sessions' presidents amend, or one member of each votes), per page updated.
    /// </summary>
    public static async Task<string> CpuPerChangeAsync(IReadOnlyList<SessionScreens> sessions, int appPid)
    {
        async Task<string> Measure(string what, Func<SessionScreens, Task> act)
        {
            await Task.Delay(2000);
            var before = CpuSplit.Read(appPid);
            var wall = System.Diagnostics.Stopwatch.StartNew();
            await Task.WhenAll(sessions.Select(act));
            await Task.Delay(1000);
            var after = CpuSplit.Read(appPid);
            var pages = sessions.Sum(s => s.Pages.Count);
            return string.Create(CultureInfo.InvariantCulture,
                $"{what}: chromium {(after.Browser - before.Browser) * 1000 / pages:0.0} ms and app {(after.Server - before.Server) * 1000 / pages:0.0} ms per page updated ({sessions.Count} at once, {wall.ElapsedMilliseconds} ms until every page showed it)");
        }

        var amend = await Measure("amendment (new round)", async s =>
        {
            await s.President.ClickInPageAsync("submit-proposal");
            await s.WaitForNewRoundAsync();
        });
        var vote = await Measure("vote", async s =>
        {
            var voter = s.Pages.First(p => p != s.President);
            var clicked = await voter.ClickInPageAsync("vote-approve");
            await Task.WhenAll(s.Pages.Where(p => p != voter).Select(p => p.SeenAsync(voter.Member.FullName, "Approved", clicked)));
        });
        var amendAgain = await Measure("amendment again", async s =>
        {
            await s.President.ClickInPageAsync("submit-proposal");
            await s.WaitForNewRoundAsync();
        });
        return amend + "; " + vote + "; " + amendAgain;
    }

    public static string Delta(Dictionary<string, double> before, Dictionary<string, double> after, double seconds) =>
        string.Join(", ", Keys.Select(k => k.EndsWith("Duration", StringComparison.Ordinal)
            ? string.Create(CultureInfo.InvariantCulture, $"{k} {(after[k] - before[k]) / seconds * 100:0.0}% of a core")
            : string.Create(CultureInfo.InvariantCulture, $"{k} {after[k] - before[k]:0}")));
}

/// <summary>CPU seconds used so far by the machine's processes, grouped by command name (from /proc), for the figure 1 diagnosis.</summary>
public static class ProcessCpu
{
    public static Dictionary<string, double> Snapshot()
    {
        var result = new Dictionary<string, double>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var name = NameOf(stat);
                if (name == "chromium")
                {
                    // Split chromium by process type (browser, renderer, gpu-process, utility…).
                    // (chromium rewrites its command line: the arguments may be separated by spaces, not NULs)
                    var type = System.Text.RegularExpressions.Regex.Match(File.ReadAllText(Path.Combine(dir, "cmdline")), "--type=([^\\s\0]+)");
                    name += ":" + (type.Success ? type.Groups[1].Value : "browser");
                }

                result[name] = result.GetValueOrDefault(name) + CpuSeconds(stat);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
            {
                // the process ended meanwhile
            }
        }

        return result;
    }

    /// <summary>The command (or thread) name of a /proc/PID/stat line: between its first « ( » and last « ) ».</summary>
    public static string NameOf(string stat) => stat[(stat.IndexOf('(') + 1)..stat.LastIndexOf(')')];

    /// <summary>utime + stime of a /proc/PID/stat line, in seconds (fields 14 and 15, counted after the command name's closing parenthesis; 100 ticks per second).</summary>
    public static double CpuSeconds(string stat)
    {
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / 100;
    }

    /// <summary>CPU seconds used so far by one process (0 when it is gone).</summary>
    public static double SecondsOf(int pid)
    {
        try
        {
            return CpuSeconds(File.ReadAllText($"/proc/{pid}/stat"));
        }
        catch (IOException)
        {
            return 0;
        }
    }

    public static string Delta(Dictionary<string, double> before, Dictionary<string, double> after, double seconds) =>
        string.Join(", ", after.Select(a => (a.Key, Cpu: a.Value - before.GetValueOrDefault(a.Key))).Where(x => x.Cpu / seconds > 0.01).OrderByDescending(x => x.Cpu)
            .Select(x => string.Create(CultureInfo.InvariantCulture, $"{x.Key} {x.Cpu / seconds * 100:0}%")));
}

/// <summary>Where the machine's CPU went during a run of votes: the app process, all of chromium, and the whole machine (from /proc).</summary>
public sealed record CpuSplit(double ServerSeconds, double BrowserSeconds, double MachineBusySeconds, double WallSeconds)
{
    public static (double Server, double Browser, double Busy) Read(int serverPid)
    {
        var all = ProcessCpu.Snapshot();
        var browser = all.Where(p => p.Key.StartsWith("chromium", StringComparison.Ordinal)).Sum(p => p.Value);
        return (ProcessCpu.SecondsOf(serverPid), browser, MachineBusy());
    }

    /// <summary>The server's CPU in ms per second of wall time while <paramref name="duration"/> passes with nothing asked of it (figures 11f, 11g).</summary>
    public static async Task<double> IdleServerMsPerSecondAsync(int serverPid, TimeSpan duration)
    {
        var wall = System.Diagnostics.Stopwatch.StartNew();
        var before = Read(serverPid);
        await Task.Delay(duration);
        var idle = Between(before, Read(serverPid), wall.Elapsed.TotalSeconds);
        return idle.ServerSeconds * 1000 / idle.WallSeconds;
    }

    /// <summary>Two measured periods together (e.g. several runs of figure 1).</summary>
    public CpuSplit Plus(CpuSplit other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(ServerSeconds + other.ServerSeconds, BrowserSeconds + other.BrowserSeconds, MachineBusySeconds + other.MachineBusySeconds, WallSeconds + other.WallSeconds);
    }

    public static CpuSplit Between((double Server, double Browser, double Busy) before, (double Server, double Browser, double Busy) after, double wall) =>
        new(after.Server - before.Server, after.Browser - before.Browser, after.Busy - before.Busy, wall);

    /// <summary>Busy CPU seconds of the whole machine so far (/proc/stat: all but idle and iowait).</summary>
    private static double MachineBusy()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        return (fields.Sum() - fields[3] - fields[4]) / 100;
    }
}
