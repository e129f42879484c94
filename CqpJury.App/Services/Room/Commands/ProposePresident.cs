using CqpJury.App.Data.Entities;
using CqpJury.App.Realtime;
using CqpJury.Domain.Common;
using CqpJury.Domain.Juries;

namespace CqpJury.App.Services.Room.Commands;

/// <summary>R9: a present member proposes a present member as president (the proposer's proposal counts as their acceptance).</summary>
public sealed record ProposePresident(Guid SessionId, Guid CandidateMemberId) : RoomCommand(SessionId)
{
    public override string Action => "Proposer un président";

    internal override RoomChange? Execute(RoomCommandContext context)
    {
        var state = context.State;
        var designation = new PresidentDesignation(state.Session.PresidentMemberId);
        try
        {
            designation.Propose(context.MemberId, CandidateMemberId, state.Present.ToList());
        }
        catch (BusinessRuleValidationException ex)
        {
            throw context.Refusal(ex.Message);
        }

        var now = context.Now;
        var session = context.ChangeSession();
        context.Db.PresidencyEvents.Add(new PresidencyEvent { SessionId = SessionId, Kind = PresidencyEventKind.Proposed, ActorMemberId = context.MemberId, CandidateMemberId = CandidateMemberId, At = now });
        if (designation.IsDesignated)
        {
            // Alone in the room: the proposal is the designation.
            CompleteDesignation.Designate(session, CandidateMemberId, now);
        }

        return new RoomChange("Proposition de président", RoomEventKind.PresidencyChanged)
        {
            Details = $"{state.NameOf(CandidateMemberId)} proposé(e) par {state.NameOf(context.MemberId)}",
        };
    }
}
