using CqpJury.App.Data.Entities;

namespace CqpJury.App.Services.Room.Commands;

/// <summary>
/// A member's page enters the room: at most <see cref="RoomService.MaxCircuitsPerMember"/> pages per
/// member, not before the secretariat opens the session; the first entry into an open session is
/// recorded (attendance) and journaled, a later one only updates the time. Presence itself is the
/// page's (<see cref="RoomService.EnterAsync"/>).
/// </summary>
/// <param name="CircuitKey">The entering page's circuit.</param>
public sealed record EnterRoom(Guid SessionId, string CircuitKey) : RoomCommand(SessionId)
{
    public override string Action => "Entrer dans la salle";

    internal override RoomCommandAccess Access => RoomCommandAccess.ConvenedMember;

    internal override RoomChange? Execute(RoomCommandContext context)
    {
        if (context.Presence.CircuitCount(SessionId, context.MemberId, CircuitKey) >= RoomService.MaxCircuitsPerMember)
        {
            throw new UserFacingException(
                $"Vous avez déjà {RoomService.MaxCircuitsPerMember} fenêtres ouvertes sur cette salle : fermez-en une, puis rechargez cette page.");
        }

        var session = context.State.Session;
        if (session.Status == SessionStatus.Draft)
        {
            throw context.Refusal("La session n'est pas encore ouverte par le secrétariat : la salle de délibération n'est pas accessible.");
        }

        if (session.Status != SessionStatus.Open)
        {
            return null; // a closed session is read-only: nothing to record
        }

        var now = context.Now;
        if (context.State.Attendances.FirstOrDefault(a => a.JuryMemberId == context.MemberId) is { } attendance)
        {
            context.Db.Attendances.Attach(attendance).Entity.LastJoinedAt = now;
            return new RoomChange(null, null); // back in the room: the time only, no journal entry
        }

        context.Db.Attendances.Add(new SessionAttendance { SessionId = SessionId, JuryMemberId = context.MemberId, FirstJoinedAt = now, LastJoinedAt = now });
        return new RoomChange("Entrée en salle", null);
    }
}
