using System.Collections.Concurrent;
using CqpJury.App.Realtime;
using CqpJury.App.Realtime.Redis;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CqpJury.Tests.Integration.Realtime;

/// <summary>
/// Instances of the Redis notifier on one server, as two app instances would have them, each with its
/// own clock (presence heartbeats and expiry move only when a test advances it) and presence registry.
/// Each test uses a channel of its own, so tests sharing a server do not see each other.
/// </summary>
internal sealed class RedisInstances(string endpoint) : IAsyncDisposable
{
    private readonly string _channel = "cqpjury-test:" + Guid.NewGuid().ToString("N");
    private readonly List<Instance> _instances = [];

    public async Task<Instance> StartAsync(string name)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
        var options = Options.Create(new RedisRealtimeOptions
        {
            Redis = endpoint,
            InstanceId = name,
            Channel = _channel,
            ConnectTimeout = TimeSpan.FromSeconds(1),
            CommandTimeout = TimeSpan.FromSeconds(1),
            ReconnectInterval = TimeSpan.FromMilliseconds(200),
        });
        var notifier = new RedisDeliberationNotifier(
            options,
            new InProcessDeliberationNotifier(NullLogger<InProcessDeliberationNotifier>.Instance),
            clock,
            NullLogger<RedisDeliberationNotifier>.Instance);
        var instance = new Instance(notifier, new PresenceRegistry(notifier, notifier), clock);
        _instances.Add(instance);
        await notifier.StartAsync(CancellationToken.None);
        return instance;
    }

    /// <summary>
    /// <see cref="StartAsync"/>, then waits until the instance is connected and listens on the channel. Under load
    /// Redis may answer later than the 1 s connect timeout: the instance then starts « unreachable » and subscribes only
    /// when the connection comes up, and a message published before that is lost to it (its pages get a
    /// resynchronisation instead, which is what the app relies on, not what a test of events crossing instances checks).
    /// </summary>
    public async Task<Instance> StartConnectedAsync(string name)
    {
        var instance = await StartAsync(name);
        await WaitUntilAsync(() => instance.Notifier.IsConnected, $"{name} connected to Redis and listening");
        return instance;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }
    }

    internal sealed class Instance(RedisDeliberationNotifier notifier, PresenceRegistry presence, FakeTimeProvider clock) : IAsyncDisposable
    {
        private bool _disposed;

        public RedisDeliberationNotifier Notifier { get; } = notifier;

        public PresenceRegistry Presence { get; } = presence;

        public FakeTimeProvider Clock { get; } = clock;

        public Recorder Record(Guid sessionId)
        {
            var recorder = new Recorder();
            Notifier.Subscribe(sessionId, recorder.OnEventAsync);
            return recorder;
        }

        /// <summary>Like a killed process: the connection drops, nothing is said to the others.</summary>
        public async ValueTask DisposeAsync()
        {
            if (!_disposed)
            {
                _disposed = true;
                await Notifier.DisposeAsync();
            }
        }
    }

    /// <summary>What one subscriber (one open page) received.</summary>
    internal sealed class Recorder
    {
        private readonly ConcurrentQueue<RoomEvent> _events = new();

        public IReadOnlyList<RoomEvent> Events => [.. _events];

        public Task OnEventAsync(RoomEvent roomEvent)
        {
            _events.Enqueue(roomEvent);
            return Task.CompletedTask;
        }

        public async Task<RoomEvent> WaitForAsync(Func<RoomEvent, bool> match, string what, int timeoutMs = 5000)
        {
            var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
            while (DateTime.UtcNow < deadline)
            {
                if (_events.FirstOrDefault(match) is { } found)
                {
                    return found;
                }

                await Task.Delay(20);
            }

            throw new TimeoutException($"Not received within {timeoutMs} ms: {what}. Received: {string.Join(", ", _events.Select(e => e.Kind))}");
        }
    }

    /// <summary>
    /// Publishes <paramref name="probe"/> from <paramref name="from"/> every 200 ms until <paramref name="to"/> has it. After an
    /// outage each of an instance's Redis connections (commands, subscriptions) comes back on its own: a message published
    /// before the receiver's subscription is back is lost to it — the resynchronisation its pages get when that
    /// subscription comes back covers it — so "connected" does not yet mean that events flow.
    /// </summary>
    public static async Task ProbeUntilReceivedAsync(Instance from, Recorder to, Guid sessionId, RoomEventKind probe, string what, int timeoutMs = 15000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!to.Events.Any(e => e.Kind == probe))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not received within {timeoutMs} ms: {what}. Received: {string.Join(", ", to.Events.Select(e => e.Kind))}");
            }

            await from.Notifier.PublishAsync(new RoomEvent(sessionId, probe));
            await Task.Delay(200);
        }
    }

    public static async Task WaitUntilAsync(Func<bool> condition, string what, int timeoutMs = 10000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not true within {timeoutMs} ms: {what}");
            }

            await Task.Delay(25);
        }
    }
}
