using CqpJury.App.Data.Entities;
using CqpJury.App.Realtime;

namespace CqpJury.App.Services.Room.Commands;

/// <summary>The president closes the session once every agenda dossier is signed or postponed; it is then read-only.</summary>
public sealed record CloseSession(Guid SessionId) : RoomCommand(SessionId)
{
    public override string Action => "Clôturer la session";

    /// <summary>The closing's journal entry: its hash is the journal's head at closing, printed on the minutes (R16).</summary>
    public const string JournalAction = "Clôture de la session";

    internal override RoomChange? Execute(RoomCommandContext context)
    {
        context.EnsurePresident();
        var blockers = context.State.CloseBlockers();
        if (blockers.Count > 0)
        {
            throw new UserFacingException("La session ne peut pas encore être clôturée : " + string.Join(" ", blockers));
        }

        var session = context.ChangeSession();
        session.Status = SessionStatus.Closed;
        session.ClosedAt = context.Now;
        session.ClosedBy = context.State.NameOf(context.MemberId);
        return new RoomChange(JournalAction, RoomEventKind.SessionChanged);
    }
}
