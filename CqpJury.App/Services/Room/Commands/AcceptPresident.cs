using CqpJury.App.Data.Entities;
using CqpJury.App.Realtime;
using CqpJury.Domain.Common;
using CqpJury.Domain.Juries;

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
        try
        {
            state.Designation.EnsureMayAccept(context.MemberId, [.. state.Present]);
        }
        catch (BusinessRuleValidationException ex)
        {
            throw ex.Rule is OnlyPresentMembersDesignateRule ? context.Refusal(ex.Message) : new UserFacingException(ex.Message);
        }

        var candidate = state.Designation.ProposedPresidentId!.Value;
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
