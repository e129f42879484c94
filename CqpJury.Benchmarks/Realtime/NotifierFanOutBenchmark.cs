using System.Collections.Concurrent;
using System.Diagnostics;
using CqpJury.App.Realtime;
using CqpJury.Benchmarks.Core;
using Microsoft.Extensions.Logging.Abstractions;

namespace CqpJury.Benchmarks.Realtime;

/// <summary>
/// Figure 3: the app's InProcessDeliberationNotifier with 1,000 subscribers across 200
/// sessions (5 per room), no browser. Each subscriber hops off the publisher's thread
/// (<c>await Task.Yield()</c>, as a circuit's InvokeAsync would) and records the delay since
/// the publish started. Publishers publish concurrently to random sessions and await delivery.
/// </summary>
public static class NotifierFanOutBenchmark
{
    public const int Sessions = 200;
    public const int SubscribersPerSession = 5;

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchmarkOptions options, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var (publishesPerRun, runs) = options.Mode switch
        {
            BenchmarkMode.Smoke => (2_000, 2),
            BenchmarkMode.Quick => (20_000, 5),
            _ => (100_000, 7),
        };
        const int publishers = 8;

        var notifier = new InProcessDeliberationNotifier(NullLogger<InProcessDeliberationNotifier>.Instance);
        var sessions = Enumerable.Range(0, Sessions).Select(_ => Guid.NewGuid()).ToArray();
        var starts = new ConcurrentDictionary<Guid, long>();
        var samples = new double[publishesPerRun * SubscribersPerSession];
        var index = -1;
        var subscriptions = new List<IDisposable>();
        foreach (var session in sessions)
        {
            for (var s = 0; s < SubscribersPerSession; s++)
            {
                subscriptions.Add(notifier.Subscribe(session, async e =>
                {
                    await Task.Yield();
                    var start = starts[e.DossierId!.Value];
                    var i = Interlocked.Increment(ref index);
                    if (i < samples.Length)
                    {
                        samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                    }
                }));
            }
        }

        var rates = new List<double>();
        var p99s = new List<double>();
        var p50s = new List<double>();
        for (var run = -1; run < runs; run++)
        {
            // run -1 is the warm-up.
            index = -1;
            starts.Clear();
            var sw = Stopwatch.StartNew();
            var perPublisher = publishesPerRun / publishers;
            await Task.WhenAll(Enumerable.Range(0, publishers).Select(p => Task.Run(async () =>
            {
                var random = new Random(p + (run * 31));
                for (var n = 0; n < perPublisher; n++)
                {
                    var id = Guid.NewGuid();
                    starts[id] = Stopwatch.GetTimestamp();
                    await notifier.PublishAsync(new RoomEvent(sessions[random.Next(Sessions)], RoomEventKind.DeliberationChanged, id));
                }
            })));
            sw.Stop();
            var delivered = Math.Min(index + 1, samples.Length);
            var expected = perPublisher * publishers * SubscribersPerSession;
            if (delivered != expected)
            {
                throw new InvalidOperationException($"Delivered {delivered} of {expected} events.");
            }

            if (run < 0)
            {
                continue;
            }

            var sorted = samples.Take(delivered).Order().ToArray();
            rates.Add(delivered / sw.Elapsed.TotalSeconds);
            p99s.Add(Stats.Percentile(sorted, 99));
            p50s.Add(Stats.Percentile(sorted, 50));
            log($"  notifier run {run + 1}/{runs}: {delivered} deliveries in {sw.Elapsed.TotalMilliseconds:0} ms, p99 {p99s[^1]:0.000} ms");
        }

        foreach (var subscription in subscriptions)
        {
            subscription.Dispose();
        }

        var setup = $"{Sessions} sessions × {SubscribersPerSession} subscribers = {Sessions * SubscribersPerSession}; {publishers} concurrent publishers, {publishesPerRun:N0} publishes per run ({publishesPerRun * SubscribersPerSession:N0} deliveries)";
        return
        [
            Figure.FromRuns("3a", "Notifier fan-out: events delivered per second (1,000 subscribers, 200 sessions)", "events/s", rates, "– (no target)", null,
                setup + "; each subscriber awaits Task.Yield() then records its delay (no rendering, no database)."),
            Figure.FromRuns("3b", "Notifier fan-out: p99 delivery latency (publish → subscriber runs)", "ms", p99s, "– (no target)", null,
                "Per-run p99 of all deliveries; the table gives the median and min–max of the runs' p99."),
            Figure.FromRuns("3c", "Notifier fan-out: p50 delivery latency", "ms", p50s, "– (no target)", null),
        ];
    }
}
