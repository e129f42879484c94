using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CqpJury.Benchmarks.Browser;
using CqpJury.Benchmarks.Core;
using Microsoft.Playwright;

namespace CqpJury.Benchmarks.FirstLoad;

/// <summary>
/// Figure 10 (issue 25.4): what a member on a slow hotel Wi-Fi gets when the room first loads. The app is published
/// (<c>dotnet publish -c Release</c>, the way it runs in production, docs/operations.md) and started from its publish
/// folder; a session is prepared by its five members (president designated, the dossier on screen, a proposal under
/// vote); then one signed-in member opens the room in a fresh page with chromium's cache disabled and the network
/// throttled by CDP <c>Network.emulateNetworkConditions</c> (1.6 Mbit/s down, 750 kbit/s up, 150 ms RTT). Measured:
/// the bytes on the wire (sum of <c>Network.loadingFinished</c> encodedDataLength: compressed bodies and headers), the
/// first paint (Paint Timing, first-contentful-paint) and interactive (the circuit attached, <c>data-interactive</c>,
/// and the room's current dossier shown), both from the navigation's start (performance.now()).
/// </summary>
public static class FirstLoadBenchmark
{
    private const double DownBitsPerSecond = 1_600_000;
    private const double UpBitsPerSecond = 750_000;
    private const double RttMs = 150;

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchmarkOptions options, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        if (!File.Exists(options.ChromiumPath))
        {
            return [Figure.NotMeasured("10a", "First load of the room", "≤ 300 KB", $"No chromium at {options.ChromiumPath}.")];
        }

        var runs = options.Mode == BenchmarkMode.Full ? 7 : 3;
        var folder = Path.Combine(Path.GetTempPath(), "cqpjury-firstload-" + Guid.NewGuid().ToString("N")[..8]);
        var publish = Path.Combine(folder, "publish");
        var clock = Stopwatch.StartNew();
        await PublishedApp.PublishAsync(publish);
        log($"  published the app in {clock.Elapsed.TotalSeconds:0} s");
        var session = (await RoomSeeder.SeedAsync(Path.Combine(folder, "data"), 1))[0];
        var bytes = new List<double>();
        var paints = new List<double>();
        var interactives = new List<double>();
        var perType = new Dictionary<string, (double Encoded, double Decoded)>(StringComparer.Ordinal);
        try
        {
            await using var app = await AppProcess.StartAsync(Path.Combine(publish, "CqpJury.App.dll"), Path.Combine(folder, "data"), options.BasePort + 190);
            Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = options.ChromiumPath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
            });

            // The session as a member finds it during a jury, prepared without throttling.
            var screens = new SessionScreens(session, await Task.WhenAll(session.Members.Select(m => MemberPage.OpenAsync(browser, app.BaseUrl, m, session.Id))));
            await screens.PrepareVoteAsync();
            var member = screens.Pages[1];
            await member.Page.GotoAsync("about:blank"); // this member comes back to the room, from nothing in cache
            log($"  session prepared ({clock.Elapsed.TotalSeconds:0} s)");

            for (var run = 0; run < runs; run++)
            {
                var page = await member.Context.NewPageAsync();
                var cdp = await member.Context.NewCDPSessionAsync(page);
                var requests = new Dictionary<string, (string Type, string Url)>(StringComparer.Ordinal);
                var responses = new Dictionary<string, double>(StringComparer.Ordinal);
                var finished = new List<(string Id, double Encoded)>();
                cdp.Event("Network.responseReceived").OnEvent += (_, e) =>
                {
                    var v = e!.Value;
                    lock (finished)
                    {
                        requests[v.GetProperty("requestId").GetString()!] = (v.GetProperty("type").GetString() ?? "Other", v.GetProperty("response").GetProperty("url").GetString() ?? "");
                    }
                };
                cdp.Event("Network.dataReceived").OnEvent += (_, e) =>
                {
                    var v = e!.Value;
                    lock (finished)
                    {
                        var id = v.GetProperty("requestId").GetString()!;
                        responses[id] = responses.GetValueOrDefault(id) + v.GetProperty("dataLength").GetDouble();
                    }
                };
                cdp.Event("Network.loadingFinished").OnEvent += (_, e) =>
                {
                    var v = e!.Value;
                    lock (finished)
                    {
                        finished.Add((v.GetProperty("requestId").GetString()!, v.GetProperty("encodedDataLength").GetDouble()));
                    }
                };
                await cdp.SendAsync("Network.enable");
                await cdp.SendAsync("Network.setCacheDisabled", new() { ["cacheDisabled"] = true });
                await cdp.SendAsync("Network.emulateNetworkConditions", new()
                {
                    ["offline"] = false,
                    ["latency"] = RttMs,
                    ["downloadThroughput"] = DownBitsPerSecond / 8,
                    ["uploadThroughput"] = UpBitsPerSecond / 8,
                });

                await page.GotoAsync($"{member.BaseUrl}/sessions/{session.Id}", new() { WaitUntil = WaitUntilState.Commit, Timeout = 60_000 });
                var interactive = await page.WaitForFunctionAsync(
                    "ref => document.querySelector('[data-interactive=true]') && document.querySelector(`[data-testid=dossier][data-dossier='${ref}']`) ? performance.now() : false",
                    session.DossierReference, new() { Timeout = 60_000 });
                var interactiveMs = (await interactive.JsonValueAsync<JsonElement>()).GetDouble();
                var paintMs = await page.EvaluateAsync<double>("() => { const p = performance.getEntriesByType('paint'); const f = p.find(e => e.name === 'first-contentful-paint') || p.find(e => e.name === 'first-paint'); return f ? f.startTime : -1; }");
                await Task.Delay(1000); // late requests (fonts, icons) counted too
                lock (finished)
                {
                    bytes.Add(finished.Sum(f => f.Encoded) / 1024);
                    foreach (var (id, encoded) in finished)
                    {
                        var (type, url) = requests.GetValueOrDefault(id, ("Other", ""));
                        var key = $"{type} {Path.GetFileName(new Uri(url.Length > 0 ? url : app.BaseUrl).AbsolutePath)}";
                        var was = perType.GetValueOrDefault(key);
                        perType[key] = (was.Encoded + encoded, was.Decoded + responses.GetValueOrDefault(id));
                    }
                }

                if (paintMs < 0)
                {
                    throw new InvalidOperationException("chromium recorded no paint entry for the room page.");
                }

                paints.Add(paintMs);
                interactives.Add(interactiveMs);
                log(string.Create(CultureInfo.InvariantCulture, $"  run {run + 1}: {bytes[^1]:0} KB, first paint {paintMs:0} ms, interactive {interactiveMs:0} ms"));
                await page.GotoAsync("about:blank");
                await page.CloseAsync();
            }

            foreach (var p in screens.Pages)
            {
                await p.CloseAsync();
            }
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // left in the temp folder
            }
        }

        var c = CultureInfo.InvariantCulture;
        var breakdown = string.Join(", ", perType.OrderByDescending(kv => kv.Value.Encoded).Take(8)
            .Select(kv => string.Create(c, $"{kv.Key.Trim()} {kv.Value.Encoded / 1024 / runs:0.0} KB on the wire ({kv.Value.Decoded / 1024 / runs:0.0} KB decoded)")));
        var how = string.Create(c, $"Published app (`dotnet publish -c Release`, started from its publish folder, Production, SQLite), one signed-in member's fresh page on the room with chromium's cache disabled, CDP Network.emulateNetworkConditions {DownBitsPerSecond / 1e6:0.0} Mbit/s down, {UpBitsPerSecond / 1e3:0} kbit/s up, {RttMs:0} ms latency; the session prepared by its five members (president, dossier on screen, proposal under vote). {runs} loads. Server and browser share the machine's {Environment.ProcessorCount} cores.");
        return
        [
            Figure.FromRuns("10a", "First load of the room, throttled (1.6 Mbit/s, 150 ms): bytes transferred (compressed, headers included)", "KB", bytes, "≤ 300 KB", v => v <= 300,
                $"{how} Sum of Network.loadingFinished encodedDataLength over every request of the page (the circuit's WebSocket frames not included). Per resource, per load: {breakdown}."),
            Figure.FromRuns("10b", "First load of the room, throttled: first paint", "ms", paints, "≤ 1500 ms", v => v <= 1500,
                "Paint Timing first-contentful-paint, from the navigation's start. Same loads as 10a."),
            Figure.FromRuns("10c", "First load of the room, throttled: interactive (circuit started, the current dossier shown)", "ms", interactives, "≤ 2500 ms", v => v <= 2500,
                "performance.now() when the page has data-interactive=true (the circuit attached, RendererInfo.IsInteractive) and shows the room's current dossier ([data-testid=dossier][data-dossier=REF]). Same loads as 10a."),
        ];
    }
}
