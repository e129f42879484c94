namespace CqpJury.App.Realtime;

/// <summary>A member connected to a session's room.</summary>
public readonly record struct PresencePair(Guid SessionId, Guid MemberId);

/// <summary>
/// Presence on the other instances of a cluster (members whose circuit is connected to another
/// instance). Absent in single-instance mode: <see cref="PresenceRegistry"/> then only knows its own circuits.
/// </summary>
public interface IClusterPresence
{
    /// <summary>Called once by the registry: the source of this instance's presence, shared with the others.</summary>
    void Attach(PresenceRegistry registry);

    /// <summary>Members connected to the session on other instances (fresh reports only).</summary>
    IReadOnlySet<Guid> RemoteMembers(Guid sessionId);

    bool IsRemotelyPresent(Guid sessionId, Guid memberId);

    /// <summary>
    /// This instance's presence changed: share it with the other instances now. Each of them announces
    /// <see cref="RoomEventKind.PresenceChanged"/> to its own pages when its cluster-wide view changes.
    /// Never throws.
    /// </summary>
    Task LocalPresenceChangedAsync();
}
