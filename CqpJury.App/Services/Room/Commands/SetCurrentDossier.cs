using CqpJury.App.Realtime;

namespace CqpJury.App.Services.Room.Commands;

/// <summary>The president puts a dossier of the agenda on every screen (meeting tracker).</summary>
public sealed record SetCurrentDossier(Guid SessionId, Guid DossierId) : RoomCommand(SessionId)
{
    public override string Action => "Passer au dossier";

    internal override RoomChange? Execute(RoomCommandContext context)
    {
        context.EnsurePresident();
        context.State.AgendaDossier(DossierId);
        context.ChangeSession().CurrentDossierId = DossierId;
        return new RoomChange("Dossier mis en délibération à l'écran", RoomEventKind.CurrentDossierChanged) { DossierId = DossierId };
    }
}
