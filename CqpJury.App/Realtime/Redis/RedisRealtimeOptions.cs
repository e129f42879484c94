namespace CqpJury.App.Realtime.Redis;

/// <summary>
/// Settings of the Redis-backed real time (section <c>Realtime</c>): <c>Realtime:Redis</c> is the
/// StackExchange.Redis configuration string (e.g. <c>127.0.0.1:6390</c>); empty = single instance.
/// </summary>
public sealed class RedisRealtimeOptions
{
    /// <summary>StackExchange.Redis configuration string (host:port[,password=…]).</summary>
    public string Redis { get; set; } = string.Empty;

    /// <summary>This instance's name in logs and messages; default: machine name, process id and a short random part.</summary>
    public string? InstanceId { get; set; }

    /// <summary>The pub/sub channel shared by every instance of one deployment.</summary>
    public string Channel { get; set; } = "cqpjury:room-events";

    /// <summary>How often each instance re-sends its presence (and checks the others').</summary>
    public TimeSpan PresenceHeartbeat { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>An instance not heard from for this long no longer counts its members as present.</summary>
    public TimeSpan PresenceTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Connect, command and reconnect timings (short: a missing broker must not slow the app).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan ReconnectInterval { get; set; } = TimeSpan.FromSeconds(1);

    public string ResolveInstanceId() =>
        string.IsNullOrWhiteSpace(InstanceId)
            ? $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}"
            : InstanceId.Trim();
}
