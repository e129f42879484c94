using System.Collections.Concurrent;

namespace CqpJury.App.Realtime;

/// <summary>
/// Which members have a live connection to which session's room. A member is present while at
/// least one of their circuits in that room is connected (several tabs or laptops count once),
/// on this instance or — with several instances — on another one (<see cref="IClusterPresence"/>).
/// Fed by <see cref="RoomCircuitHandler"/>; each change of the cluster-wide presence is published
/// through the notifier (to this instance's pages; the other instances learn it from the shared
/// presence and announce it themselves).
/// </summary>
public sealed class PresenceRegistry
{
    private readonly ConcurrentDictionary<string, Entry> _circuits = new();
    private readonly IDeliberationNotifier _notifier;
    private readonly IClusterPresence? _cluster;

    public PresenceRegistry(IDeliberationNotifier notifier, IClusterPresence? cluster = null)
    {
        _notifier = notifier;
        _cluster = cluster;
        cluster?.Attach(this);
    }

    /// <summary>The members present in a session's room now (on any instance).</summary>
    public IReadOnlySet<Guid> PresentMembers(Guid sessionId)
    {
        var members = LocalMembers(sessionId);
        if (_cluster is not null)
        {
            members.UnionWith(_cluster.RemoteMembers(sessionId));
        }

        return members;
    }

    /// <summary>
    /// How many connected circuits (tabs, laptops) this member has in this room, other than
    /// <paramref name="exceptCircuitId"/>. A reloaded page's old circuit is disconnected, so it does not count.
    /// Counted on this instance only: with a sticky load balancer a member's tabs land on one instance,
    /// and the limit is a guard against runaway tabs, not a security boundary.
    /// </summary>
    public int CircuitCount(Guid sessionId, Guid memberId, string? exceptCircuitId = null) =>
        _circuits.Count(kv => kv.Key != exceptCircuitId && kv.Value.Connected && kv.Value.SessionId == sessionId && kv.Value.MemberId == memberId);

    /// <summary>Whether the member is present in the session's room (on any instance).</summary>
    public bool IsPresent(Guid sessionId, Guid memberId) =>
        IsPresentHere(sessionId, memberId) || (_cluster?.IsRemotelyPresent(sessionId, memberId) ?? false);

    /// <summary>Whether the member has a connected circuit in the session's room on this instance.</summary>
    public bool IsPresentHere(Guid sessionId, Guid memberId) =>
        _circuits.Values.Any(e => e.SessionId == sessionId && e.MemberId == memberId && e.Connected);

    /// <summary>This instance's connected (session, member) pairs: what it shares with the other instances.</summary>
    public IReadOnlyCollection<PresencePair> LocalPresence() =>
        _circuits.Values.Where(e => e.Connected).Select(e => new PresencePair(e.SessionId, e.MemberId)).ToHashSet();

    /// <summary>A circuit entered a room (or came back to it).</summary>
    public Task EnterAsync(string circuitId, Guid sessionId, Guid memberId) =>
        ChangeAsync(circuitId, new Entry(sessionId, memberId, Connected: true));

    public Task SetConnectedAsync(string circuitId, bool connected) =>
        _circuits.TryGetValue(circuitId, out var entry) ? ChangeAsync(circuitId, entry with { Connected = connected }) : Task.CompletedTask;

    /// <summary>A circuit left the room (page closed, navigation away, circuit ended).</summary>
    public async Task LeaveAsync(string circuitId)
    {
        if (_circuits.TryRemove(circuitId, out var entry))
        {
            await ShareAsync();
            await PublishIfPresenceChangedAsync(entry.SessionId, entry.MemberId, wasPresent: entry.Connected || IsPresent(entry.SessionId, entry.MemberId));
        }
    }

    private HashSet<Guid> LocalMembers(Guid sessionId) =>
        _circuits.Values.Where(e => e.SessionId == sessionId && e.Connected).Select(e => e.MemberId).ToHashSet();

    private async Task ChangeAsync(string circuitId, Entry entry)
    {
        var wasPresent = IsPresent(entry.SessionId, entry.MemberId);
        var previous = _circuits.TryGetValue(circuitId, out var old) ? old : null;
        _circuits[circuitId] = entry;
        await ShareAsync();
        if (previous is not null && (previous.SessionId != entry.SessionId || previous.MemberId != entry.MemberId))
        {
            await PublishIfPresenceChangedAsync(previous.SessionId, previous.MemberId, wasPresent: true);
        }

        if (wasPresent != IsPresent(entry.SessionId, entry.MemberId))
        {
            await _notifier.PublishAsync(new RoomEvent(entry.SessionId, RoomEventKind.PresenceChanged, MemberId: entry.MemberId));
        }
    }

    /// <summary>Tells the other instances first, so that they see the change before any event that follows it.</summary>
    private Task ShareAsync() => _cluster?.LocalPresenceChangedAsync() ?? Task.CompletedTask;

    private async Task PublishIfPresenceChangedAsync(Guid sessionId, Guid memberId, bool wasPresent)
    {
        if (wasPresent != IsPresent(sessionId, memberId))
        {
            await _notifier.PublishAsync(new RoomEvent(sessionId, RoomEventKind.PresenceChanged, MemberId: memberId));
        }
    }

    private sealed record Entry(Guid SessionId, Guid MemberId, bool Connected);
}
