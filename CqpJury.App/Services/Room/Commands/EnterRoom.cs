using CqpJury.App.Data.Entities;
using CqpJury.App.Services.Privacy;
using Microsoft.EntityFrameworkCore;

namespace CqpJury.App.Services.Room.Commands;

/// <summary>
/// A member's page enters the room: at most <see cref="RoomService.MaxCircuitsPerMember"/> pages per
/// member, not before the secretariat opens the session; the first entry into an open session is
/// recorded (attendance) and journaled, a later one only updates the time. Not before the member
/// accepted the session's confidentiality commitment (R16, <see cref="AcceptConfidentiality"/>). Presence itself is the
/// page's (<see cref="RoomService.EnterAsync"/>).
/// </summary>
/// <param name="CircuitKey">The entering page's circuit.</param>
public sealed record EnterRoom(Guid SessionId, string CircuitKey) : RoomCommand(SessionId)
{
    public override string Action => "Entrer dans la salle";

    internal override RoomCommandAccess Access => RoomCommandAccess.ConvenedMember;

    internal override async Task<RoomChange?> ExecuteAsync(RoomCommandContext context)
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

        // R16: nobody enters (and no attendance is recorded) before accepting the session's confidentiality commitment.
        if (!await context.Db.ConfidentialityAcceptances.AnyAsync(c => c.SessionId == SessionId && c.JuryMemberId == context.MemberId, context.CancellationToken))
        {
            throw new ConfidentialityRequiredException();
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
