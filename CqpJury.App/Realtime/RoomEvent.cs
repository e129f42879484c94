namespace CqpJury.App.Realtime;

/// <summary>What changed in a session's room. Events carry ids only: each circuit reloads what it may see.</summary>
public enum RoomEventKind
{
    PresenceChanged,
    PresidencyChanged,
    CurrentDossierChanged,
    ConflictsChanged,
    DeliberationChanged,
    SessionChanged,
    AccountDeactivated,

    /// <summary>
    /// The secretariat changed a convened member — their identity, organisation or known links (R10): every page
    /// reads the room again (a member newly linked to a candidate's company loses that dossier's content, R10.2).
    /// </summary>
    MemberChanged,

    /// <summary>
    /// Events may have been missed (the link between instances came back after an outage): reload
    /// everything from the database, the source of truth.
    /// </summary>
    Resynchronised,
}

/// <summary>
/// A room event: the session, what changed, and (when it concerns one) the dossier or member.
/// <paramref name="Origin"/>: the circuit whose action caused it, when that page reloads by itself
/// right after its action (a deliberation command), so that it need not reload a second time.
/// </summary>
public sealed record RoomEvent(Guid SessionId, RoomEventKind Kind, Guid? DossierId = null, Guid? MemberId = null, string? Origin = null)
{
    /// <summary>
    /// When this instance delivered the event to its pages (<see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>;
    /// 0 before delivery): the change was committed before, so a read started after it shows the change.
    /// Local to the instance, never sent between instances.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public long DeliveredAt { get; init; }

    /// <summary>The same event whenever and wherever it was delivered: the delivery stamp is not part of it.</summary>
    public bool Equals(RoomEvent? other) =>
        other is not null && SessionId == other.SessionId && Kind == other.Kind && DossierId == other.DossierId && MemberId == other.MemberId && Origin == other.Origin;

    public override int GetHashCode() => HashCode.Combine(SessionId, Kind, DossierId, MemberId, Origin);
}
