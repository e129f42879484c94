using System.Collections.Concurrent;

namespace CqpJury.App.Realtime;

/// <summary>
/// Which members have a live connection to which session's room. A member is present while at
/// least one of their circuits in that room is connected (several tabs or laptops count once).
/// Fed by <see cref="RoomCircuitHandler"/>; each change is published through the notifier.
/// </summary>
public sealed class PresenceRegistry(IDeliberationNotifier notifier)
{
    private readonly ConcurrentDictionary<string, Entry> _circuits = new();

    /// <summary>The members present in a session's room now.</summary>
    public IReadOnlySet<Guid> PresentMembers(Guid sessionId) =>
        _circuits.Values.Where(e => e.SessionId == sessionId && e.Connected).Select(e => e.MemberId).ToHashSet();

    /// <summary>
    /// How many connected circuits (tabs, laptops) this member has in this room, other than
    /// <paramref name="exceptCircuitId"/>. A reloaded page's old circuit is disconnected, so it does not count.
    /// </summary>
    public int CircuitCount(Guid sessionId, Guid memberId, string? exceptCircuitId = null) =>
        _circuits.Count(kv => kv.Key != exceptCircuitId && kv.Value.Connected && kv.Value.SessionId == sessionId && kv.Value.MemberId == memberId);

    public bool IsPresent(Guid sessionId, Guid memberId) =>
        _circuits.Values.Any(e => e.SessionId == sessionId && e.MemberId == memberId && e.Connected);

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
            await PublishIfPresenceChangedAsync(entry.SessionId, entry.MemberId, wasPresent: entry.Connected || IsPresent(entry.SessionId, entry.MemberId));
        }
    }

    private async Task ChangeAsync(string circuitId, Entry entry)
    {
        var wasPresent = IsPresent(entry.SessionId, entry.MemberId);
        var previous = _circuits.TryGetValue(circuitId, out var old) ? old : null;
        _circuits[circuitId] = entry;
        if (previous is not null && (previous.SessionId != entry.SessionId || previous.MemberId != entry.MemberId))
        {
            await PublishIfPresenceChangedAsync(previous.SessionId, previous.MemberId, wasPresent: true);
        }

        if (wasPresent != IsPresent(entry.SessionId, entry.MemberId))
        {
            await notifier.PublishAsync(new RoomEvent(entry.SessionId, RoomEventKind.PresenceChanged, MemberId: entry.MemberId));
        }
    }

    private async Task PublishIfPresenceChangedAsync(Guid sessionId, Guid memberId, bool wasPresent)
    {
        if (wasPresent != IsPresent(sessionId, memberId))
        {
            await notifier.PublishAsync(new RoomEvent(sessionId, RoomEventKind.PresenceChanged, MemberId: memberId));
        }
    }

    private sealed record Entry(Guid SessionId, Guid MemberId, bool Connected);
}
