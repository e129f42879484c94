using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CqpJury.App.Realtime.Redis;

/// <summary>
/// The notifier of a cluster: this instance's pages are served by an <see cref="InProcessDeliberationNotifier"/>,
/// and every event also travels on one Redis pub/sub channel to the other instances, which deliver it
/// to their own pages. An instance ignores its own messages, so its pages get each event exactly once.
/// The same channel carries each instance's presence snapshot (on every change and every few seconds),
/// so that a member connected to another instance counts as present here.
/// <para>
/// Redis is a convenience, not the source of truth: when it is unreachable this instance keeps serving
/// its own members (nothing throws, a warning is logged, the health check reports not ready), and when
/// the connection comes back every open page receives <see cref="RoomEventKind.Resynchronised"/> and
/// reloads from the database, which covers the events missed meanwhile.
/// </para>
/// </summary>
public sealed class RedisDeliberationNotifier : IDeliberationNotifier, IClusterPresence, IHostedService, IAsyncDisposable
{
    private readonly RedisRealtimeOptions _options;
    private readonly InProcessDeliberationNotifier _local;
    private readonly TimeProvider _time;
    private readonly ILogger<RedisDeliberationNotifier> _logger;
    private readonly RedisChannel _channel;
    private readonly Guid _run = Guid.NewGuid();
    private readonly RemotePresenceTable _remote = new();
    private readonly Lock _presenceLock = new();
    private readonly SemaphoreSlim _subscribeLock = new(1, 1);
    private ConnectionMultiplexer? _multiplexer;
    private ChannelMessageQueue? _queue;
    private ITimer? _heartbeat;
    private PresenceRegistry? _registry;
    private long _sequence;
    private int _outageReported;
    private volatile bool _stopping;

    public RedisDeliberationNotifier(
        IOptions<RedisRealtimeOptions> options,
        InProcessDeliberationNotifier local,
        TimeProvider time,
        ILogger<RedisDeliberationNotifier> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _local = local;
        _time = time;
        _logger = logger;
        InstanceId = _options.ResolveInstanceId();
        _channel = RedisChannel.Literal(_options.Channel);
    }

    /// <summary>This instance's name on the channel and in logs.</summary>
    public string InstanceId { get; }

    /// <summary>
    /// Connected to Redis and listening on the channel: events flow between instances. The subscription has a connection
    /// of its own, which can be down while the commands' connection is up (this instance would publish but hear nothing).
    /// </summary>
    public bool IsConnected => _multiplexer is { IsConnected: true } multiplexer && _queue is not null && multiplexer.GetSubscriber().IsConnected(_channel);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var configuration = ConfigurationOptions.Parse(_options.Redis);
        configuration.AbortOnConnectFail = false; // start (and keep serving) while Redis is down
        configuration.ConnectTimeout = Milliseconds(_options.ConnectTimeout);
        configuration.SyncTimeout = Milliseconds(_options.CommandTimeout);
        configuration.AsyncTimeout = Milliseconds(_options.CommandTimeout);
        configuration.ConnectRetry = 1;
        configuration.ReconnectRetryPolicy = new LinearRetry(Milliseconds(_options.ReconnectInterval));
        configuration.BacklogPolicy = BacklogPolicy.FailFast; // never queue events for later: the resync covers them
        configuration.ClientName ??= "cqpjury-" + new string(InstanceId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_').ToArray());

        _multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration);
        _multiplexer.ConnectionFailed += OnConnectionFailed;
        _multiplexer.ConnectionRestored += OnConnectionRestored;
        if (await TrySubscribeAsync())
        {
            if (_logger.IsEnabled(LogLevel.Information))
            {
                _logger.LogInformation("Real time: instance {InstanceId} connected to Redis", InstanceId);
            }

            await SharePresenceAsync();
        }
        else
        {
            ReportOutage("Redis unreachable at start");
        }

        _heartbeat = _time.CreateTimer(_ => _ = HeartbeatAsync(), null, _options.PresenceHeartbeat, _options.PresenceHeartbeat);
    }

    /// <summary>A graceful stop tells the other instances that this one's members are gone.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        _heartbeat?.Dispose();
        await SharePresenceAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _stopping = true;
        _heartbeat?.Dispose();
        if (_multiplexer is { } multiplexer)
        {
            multiplexer.ConnectionFailed -= OnConnectionFailed;
            multiplexer.ConnectionRestored -= OnConnectionRestored;
            try
            {
                await multiplexer.CloseAsync(allowCommandsToComplete: false);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                _logger.LogDebug(ex, "Real time: Redis connection closed with an error");
            }

            await multiplexer.DisposeAsync();
        }
    }

    public async Task PublishAsync(RoomEvent roomEvent)
    {
        ArgumentNullException.ThrowIfNull(roomEvent);

        // This instance's pages first (started before the broker round trip, awaited after it).
        var local = _local.PublishAsync(roomEvent);

        // Presence travels as snapshots (each instance announces its own changes of the cluster-wide
        // view); a resynchronisation is a local matter.
        if (roomEvent.Kind is not RoomEventKind.PresenceChanged and not RoomEventKind.Resynchronised)
        {
            await SendAsync(new RedisEnvelope(InstanceId, _run, RedisEnvelope.EventType, Event: roomEvent));
        }

        await local;
    }

    public IDisposable Subscribe(Guid sessionId, Func<RoomEvent, Task> handler) => _local.Subscribe(sessionId, handler);

    void IClusterPresence.Attach(PresenceRegistry registry) => _registry = registry;

    public IReadOnlySet<Guid> RemoteMembers(Guid sessionId) => _remote.Members(sessionId);

    public bool IsRemotelyPresent(Guid sessionId, Guid memberId) => _remote.Contains(sessionId, memberId);

    public Task LocalPresenceChangedAsync() => SharePresenceAsync();

    private Task SharePresenceAsync()
    {
        RedisEnvelope envelope;
        lock (_presenceLock)
        {
            // Numbered under the lock: a snapshot overtaken on the wire by a newer one is ignored.
            var pairs = _stopping || _registry is null ? [] : _registry.LocalPresence().ToList();
            envelope = new RedisEnvelope(InstanceId, _run, RedisEnvelope.PresenceType, Sequence: ++_sequence, Presence: pairs);
        }

        return SendAsync(envelope);
    }

    private async Task SendAsync(RedisEnvelope envelope)
    {
        var multiplexer = _multiplexer;
        if (multiplexer is null || !multiplexer.IsConnected)
        {
            ReportOutage("event not sent to the other instances");
            return;
        }

        try
        {
            await multiplexer.GetSubscriber().PublishAsync(_channel, envelope.ToJson());
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            _logger.LogWarning(ex, "Real time: message not sent to the other instances (Redis); this instance keeps serving its own members");
        }
    }

    private async Task<bool> TrySubscribeAsync()
    {
        await _subscribeLock.WaitAsync();
        try
        {
            if (_queue is not null)
            {
                return true;
            }

            if (_multiplexer is not { IsConnected: true } multiplexer)
            {
                return false;
            }

            var queue = await multiplexer.GetSubscriber().SubscribeAsync(_channel);
            queue.OnMessage(OnMessage);
            _queue = queue;
            return true;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            _logger.LogWarning(ex, "Real time: subscription to Redis channel {Channel} failed; retried when the connection comes back", _options.Channel);
            return false;
        }
        finally
        {
            _subscribeLock.Release();
        }
    }

    /// <summary>Messages are handled in order (a presence snapshot before the events that follow it); deliveries are not awaited.</summary>
    private void OnMessage(ChannelMessage message)
    {
        var envelope = RedisEnvelope.TryParse(message.Message);
        if (envelope is null)
        {
            _logger.LogDebug("Real time: unreadable message on the Redis channel ignored");
            return;
        }

        if (envelope.Run == _run)
        {
            return; // our own: already delivered locally
        }

        if (envelope.Type == RedisEnvelope.EventType)
        {
            _ = _local.PublishAsync(envelope.Event!);
        }
        else
        {
            Announce(_remote.Apply($"{envelope.Origin}/{envelope.Run:N}", envelope.Run, envelope.Sequence, envelope.Presence ?? [], _time.GetUtcNow()));
        }
    }

    /// <summary>A remote flip changes this instance's view unless the member is also connected here.</summary>
    private void Announce(IReadOnlyList<PresencePair> flips)
    {
        foreach (var pair in flips)
        {
            if (_registry?.IsPresentHere(pair.SessionId, pair.MemberId) != true)
            {
                _ = _local.PublishAsync(new RoomEvent(pair.SessionId, RoomEventKind.PresenceChanged, MemberId: pair.MemberId));
            }
        }
    }

    private async Task HeartbeatAsync()
    {
        try
        {
            Announce(_remote.Expire(_time.GetUtcNow(), _options.PresenceTimeout));
            if (_stopping || _multiplexer is not { IsConnected: true })
            {
                return;
            }

            if (_queue is null && await TrySubscribeAsync())
            {
                await ResynchroniseAsync();
            }

            await SharePresenceAsync();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _logger.LogWarning(ex, "Real time: presence heartbeat failed");
        }
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        if (!_stopping)
        {
            ReportOutage($"{e.ConnectionType} connection to {e.EndPoint} failed ({e.FailureType})");
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (_stopping)
        {
            return;
        }

        if (_logger.IsEnabled(LogLevel.Information))
        {
            _logger.LogInformation("Real time: {ConnectionType} connection to Redis {EndPoint} restored; open pages resynchronise", e.ConnectionType, e.EndPoint);
        }

        Interlocked.Exchange(ref _outageReported, 0);
        _ = RestoreAsync();
    }

    private async Task RestoreAsync()
    {
        try
        {
            if (await TrySubscribeAsync())
            {
                await ResynchroniseAsync();
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _logger.LogWarning(ex, "Real time: resynchronisation after the Redis outage failed");
        }
    }

    /// <summary>
    /// After an outage: make sure the (automatically restored) subscription is live, tell the others
    /// our presence, and make every open page of this instance reload from the database.
    /// </summary>
    private async Task ResynchroniseAsync()
    {
        try
        {
            await _multiplexer!.GetSubscriber().PingAsync();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            _logger.LogDebug(ex, "Real time: ping after reconnection failed");
        }

        await SharePresenceAsync();
        foreach (var sessionId in _local.SubscribedSessions)
        {
            _ = _local.PublishAsync(new RoomEvent(sessionId, RoomEventKind.Resynchronised));
        }
    }

    private void ReportOutage(string what)
    {
        if (Interlocked.Exchange(ref _outageReported, 1) == 0)
        {
            _logger.LogWarning("Real time: Redis unreachable ({What}); instance {InstanceId} keeps serving its own members and resynchronises when Redis is back", what, InstanceId);
        }
    }

    private static int Milliseconds(TimeSpan value) => (int)Math.Clamp(value.TotalMilliseconds, 1, int.MaxValue);
}
