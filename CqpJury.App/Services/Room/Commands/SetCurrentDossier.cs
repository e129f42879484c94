using CqpJury.App.Realtime;

namespace CqpJury.App.Services.Room.Commands;

/// <summary>The president puts a dossier still to decide on every screen (meeting tracker); never a signed or postponed one (R12).</summary>
public sealed record SetCurrentDossier(Guid SessionId, Guid DossierId) : RoomCommand(SessionId)
{
    public override string Action => "Passer au dossier";

    internal override RoomChange? Execute(RoomCommandContext context)
    {
        context.EnsurePresident();
        context.State.AgendaDossier(DossierId);
        if (context.State.StatusOf(DossierId) is AgendaItemStatus.DecisionSigned or AgendaItemStatus.Postponed)
        {
            // R12: a signed or postponed dossier stays done; each member may still open it for reading.
            throw context.Refusal(
                "Ce dossier est déjà traité (décision signée ou dossier ajourné) : il ne peut pas être remis en délibération. Chacun peut le consulter depuis l'ordre du jour.",
                DossierId);
        }

        if (context.State.Session.CurrentDossierId == DossierId)
        {
            return null; // already on every screen (a double click): nothing changed
        }

        context.ChangeSession().CurrentDossierId = DossierId;
        return new RoomChange("Dossier mis en délibération à l'écran", RoomEventKind.CurrentDossierChanged) { DossierId = DossierId };
    }
}
