using System.Diagnostics;
using CqpJury.App.Realtime;
using CqpJury.App.Realtime.Redis;
using CqpJury.Benchmarks.Core;
using CqpJury.TestServers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CqpJury.Benchmarks.Realtime;

/// <summary>
/// Issue 7: the latency Redis adds to real-time propagation between instances. Two instances of the
/// app's RedisDeliberationNotifier (as two app instances have them) on one real redis-server; a room
/// of 5 members, 2 of whose pages are on instance A and 3 on B. Each vote event is published on A;
/// A→A is the delay until A's own pages are told, A→B until B's pages are. The difference of the
/// p95s is what crossing instances costs; the circuit's re-render after the event is the same on
/// both sides (figure 1), so it is not part of this figure.
/// </summary>
public static class CrossInstanceBenchmark
{
    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchmarkOptions options, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        if (RedisServer.SkipReason(needsPrivateServer: false) is { } why && !RedisServer.IsCi)
        {
            return [Figure.NotMeasured("7", "Cross-instance propagation over Redis (A→B minus A→A, p95)", "≤ 20 ms added", why)];
        }

        var (events, runs) = options.Mode switch
        {
            BenchmarkMode.Smoke => (50, 2),
            BenchmarkMode.Quick => (300, 5),
            _ => (1_000, 7),
        };

        using var redis = RedisServer.Shared();
        var channel = "cqpjury-bench:" + Guid.NewGuid().ToString("N");
        await using var a = await StartAsync(redis.Endpoint, channel, "bench-a");
        await using var b = await StartAsync(redis.Endpoint, channel, "bench-b");
        var session = Guid.NewGuid();
        var pending = new Dictionary<Guid, (long Start, TaskCompletionSource<double> OnA, TaskCompletionSource<double> OnB)>();
        var subscriptions = new List<IDisposable>();
        void Observe(RedisDeliberationNotifier instance, bool isB) => subscriptions.Add(instance.Subscribe(session, async e =>
        {
            await Task.Yield(); // as a circuit's InvokeAsync would
            (long Start, TaskCompletionSource<double> OnA, TaskCompletionSource<double> OnB) p;
            lock (pending)
            {
                if (e.DossierId is not { } id || !pending.TryGetValue(id, out p))
                {
                    return;
                }
            }

            (isB ? p.OnB : p.OnA).TrySetResult(Stopwatch.GetElapsedTime(p.Start).TotalMilliseconds);
        }));
        for (var i = 0; i < 2; i++)
        {
            Observe(a, isB: false);
        }

        for (var i = 0; i < 3; i++)
        {
            Observe(b, isB: true);
        }

        // Both instances subscribed: wait until an event from A reaches B.
        await WarmUpAsync(a, session, pending);
        var local = new List<double>();
        var remote = new List<double>();
        var added = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var runLocal = new List<double>();
            var runRemote = new List<double>();
            for (var i = 0; i < events; i++)
            {
                var id = Guid.NewGuid();
                var onA = new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously);
                var onB = new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously);
                lock (pending)
                {
                    pending[id] = (Stopwatch.GetTimestamp(), onA, onB);
                }

                await a.PublishAsync(new RoomEvent(session, RoomEventKind.DeliberationChanged, id));
                runLocal.Add(await onA.Task.WaitAsync(TimeSpan.FromSeconds(10)));
                runRemote.Add(await onB.Task.WaitAsync(TimeSpan.FromSeconds(10)));
                lock (pending)
                {
                    pending.Remove(id);
                }

                await Task.Delay(2); // votes are not back to back
            }

            var p95Local = Stats.Percentile(runLocal.Order().ToArray(), 95);
            var p95Remote = Stats.Percentile(runRemote.Order().ToArray(), 95);
            added.Add(p95Remote - p95Local);
            local.AddRange(runLocal);
            remote.AddRange(runRemote);
            log($"  cross-instance run {run + 1}/{runs}: A→A p95 {p95Local:0.00} ms, A→B p95 {p95Remote:0.00} ms");
        }

        foreach (var s in subscriptions)
        {
            s.Dispose();
        }

        var how = $"{events} vote events per run published on instance A of two RedisDeliberationNotifier instances on one redis-server ({(redis.IsPrivate ? "private, started here" : "the one named by CQPJURY_TEST_REDIS")}), 2 pages subscribed on A and 3 on B, each hopping off the delivering thread as a circuit does.";
        return
        [
            Figure.FromRuns("7a", "Cross-instance propagation: p95 added by Redis (A→B minus A→A)", "ms", added, "≤ 20 ms added", v => v <= 20, how),
            Figure.FromSamples("7b", "Event delivery to pages on the same instance (A→A)", "ms", local, runs, "–", null),
            Figure.FromSamples("7c", "Event delivery to pages on the other instance (A→B, over Redis)", "ms", remote, runs, "–", null),
        ];
    }

    private static async Task<RedisDeliberationNotifier> StartAsync(string endpoint, string channel, string name)
    {
        var notifier = new RedisDeliberationNotifier(
            Options.Create(new RedisRealtimeOptions { Redis = endpoint, InstanceId = name, Channel = channel }),
            new InProcessDeliberationNotifier(NullLogger<InProcessDeliberationNotifier>.Instance),
            TimeProvider.System,
            NullLogger<RedisDeliberationNotifier>.Instance);
        await notifier.StartAsync(CancellationToken.None);
        return notifier;
    }

    private static async Task WarmUpAsync(
        RedisDeliberationNotifier a, Guid session, Dictionary<Guid, (long Start, TaskCompletionSource<double> OnA, TaskCompletionSource<double> OnB)> pending)
    {
        var until = Stopwatch.StartNew();
        while (until.Elapsed < TimeSpan.FromSeconds(20))
        {
            var id = Guid.NewGuid();
            var onB = new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (pending)
            {
                pending[id] = (Stopwatch.GetTimestamp(), new TaskCompletionSource<double>(), onB);
            }

            await a.PublishAsync(new RoomEvent(session, RoomEventKind.DeliberationChanged, id));
            var arrived = await Task.WhenAny(onB.Task, Task.Delay(500)) == onB.Task;
            lock (pending)
            {
                pending.Remove(id);
            }

            if (arrived && until.Elapsed > TimeSpan.FromSeconds(1))
            {
                return;
            }
        }

        throw new TimeoutException("Events published on instance A never reached instance B through Redis.");
    }
}
