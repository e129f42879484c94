using CqpJury.App.Data.Entities;
using CqpJury.App.Realtime;

namespace CqpJury.App.Services.Room.Commands;

/// <summary>
/// R9: a present member accepts the current proposal; once every member present has, the president
/// is designated (<see cref="CompleteDesignation"/>, run right after on fresh state). Accepting again
/// (a double click) changes nothing: no second fact, journal entry or event.
/// </summary>
public sealed record AcceptPresident(Guid SessionId) : RoomCommand(SessionId)
{
    public override string Action => "Accepter le président proposé";

    internal override RoomCommand FollowUp => new CompleteDesignation(SessionId);

    internal override RoomChange? Execute(RoomCommandContext context)
    {
        var state = context.State;
        if (state.Designation.ProposedPresidentId is not { } candidate || state.Session.PresidentMemberId is not null)
        {
            throw new UserFacingException(state.Session.PresidentMemberId is not null
                ? "Le président de séance est déjà désigné."
                : "Aucune proposition de président n'est en cours.");
        }

        if (!state.Present.Contains(context.MemberId))
        {
            throw context.Refusal("Seul un membre présent peut accepter la proposition.");
        }

        if (state.Designation.Acceptances.Contains(context.MemberId))
        {
            return null; // already accepted (or proposed): counted once
        }

        // The acceptance is a fact of its own, serialized with the session's other changes (a double
        // click is run again on fresh state, and then changes nothing); the designation is completed
        // on fresh state right after, so two last acceptances at the same moment still designate the president.
        context.ChangeSession();
        context.Db.PresidencyEvents.Add(new PresidencyEvent { SessionId = SessionId, Kind = PresidencyEventKind.Accepted, ActorMemberId = context.MemberId, CandidateMemberId = candidate, At = context.Now });
        return new RoomChange("Acceptation du président proposé", RoomEventKind.PresidencyChanged) { Details = state.NameOf(candidate) };
    }
}
