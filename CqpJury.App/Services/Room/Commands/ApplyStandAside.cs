using CqpJury.App.Data.Entities;
using CqpJury.App.Realtime;
using CqpJury.Domain.Juries;

namespace CqpJury.App.Services.Room.Commands;

/// <summary>R10.1: the dossier's chair applies a parity-restoring proposal: the named member stands aside for this dossier.</summary>
public sealed record ApplyStandAside(Guid SessionId, Guid DossierId, Guid StandingAsideMemberId) : RoomCommand(SessionId)
{
    public override string Action => "Rétablir la parité (retrait d'un membre)";

    internal override RoomChange? Execute(RoomCommandContext context)
    {
        var state = context.State;
        var dossier = state.AgendaDossier(DossierId);
        if (state.DeliberationOf(DossierId) is not null)
        {
            throw new UserFacingException("La délibération sur ce dossier est déjà ouverte : le collège délibérant ne peut plus changer.");
        }

        var panel = state.PanelFor(dossier);
        context.EnsureMayChair(dossier, panel);
        if (ParityRestoration.Assess(panel).Proposals.All(p => p.Member.Id != StandingAsideMemberId))
        {
            throw new UserFacingException("Ce retrait ne rétablit pas la parité du collège délibérant : choisissez l'une des propositions affichées.");
        }

        context.Db.StandAsides.Add(new StandAside
        {
            Id = Guid.NewGuid(),
            SessionId = SessionId,
            DossierId = DossierId,
            JuryMemberId = StandingAsideMemberId,
            AppliedByMemberId = context.MemberId,
            At = context.Now,
        });
        context.ChangeSession(); // serialized with every other change of who deliberates
        return new RoomChange("Retrait d'un membre pour rétablir la parité", RoomEventKind.ConflictsChanged)
        {
            DossierId = DossierId,
            Details = state.NameOf(StandingAsideMemberId),
            MemberId = StandingAsideMemberId,
        };
    }
}
