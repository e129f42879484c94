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
}

/// <summary>A room event: the session, what changed, and (when it concerns one) the dossier or member.</summary>
public sealed record RoomEvent(Guid SessionId, RoomEventKind Kind, Guid? DossierId = null, Guid? MemberId = null);
