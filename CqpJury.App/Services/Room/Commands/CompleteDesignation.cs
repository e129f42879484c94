using CqpJury.App.Data.Entities;
using CqpJury.App.Realtime;

namespace CqpJury.App.Services.Room.Commands;

/// <summary>
/// R9: the room completes a pending designation once every member present has accepted — after an
/// acceptance, or when a member who had not accepted leaves. Run on behalf of nobody (journaled as
/// « système »); changes nothing otherwise.
/// </summary>
public sealed record CompleteDesignation(Guid SessionId) : RoomCommand(SessionId)
{
    public override string Action => "Désigner le président";

    internal override RoomCommandAccess Access => RoomCommandAccess.System;

    internal override RoomChange? Execute(RoomCommandContext context)
    {
        var state = context.State;
        if (state.Session.Status != SessionStatus.Open || state.Session.PresidentMemberId is not null
            || state.Designation.ProposedPresidentId is not { } candidate || state.Present.Count == 0
            || !state.Present.Contains(candidate) || !state.Present.All(state.Designation.Acceptances.Contains))
        {
            return null;
        }

        Designate(context.ChangeSession(), candidate, context.Now);
        return new RoomChange("Président désigné", RoomEventKind.PresidencyChanged)
        {
            Details = $"{state.NameOf(candidate)}, accepté(e) par tous les membres présents",
        };
    }

    internal static void Designate(JurySession session, Guid presidentId, DateTimeOffset at)
    {
        session.PresidentMemberId = presidentId;
        session.PresidentDesignatedAt = at;
    }
}
