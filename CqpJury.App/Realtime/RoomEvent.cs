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
public sealed record RoomEvent(Guid SessionId, RoomEventKind Kind, Guid? DossierId = null, Guid? MemberId = null, string? Origin = null);
