using CqpJury.App.Data.Entities;
using CqpJury.App.Realtime;
using CqpJury.App.Services.Security;
using CqpJury.Domain.Deliberations;

namespace CqpJury.App.Services.Room.Commands;

/// <summary>
/// R10: the member answers the conflict question for a dossier. A declared conflict can never be
/// withdrawn; saying the same thing again changes nothing.
/// </summary>
public sealed record DeclareConflict(Guid SessionId, Guid DossierId, bool HasConflict, string? Reason) : RoomCommand(SessionId)
{
    public override string Action => "Déclarer un lien d'intérêts";

    internal override RoomChange? Execute(RoomCommandContext context)
    {
        var state = context.State;
        var memberId = context.MemberId;
        var dossier = state.AgendaDossier(DossierId);
        if (KnownConflicts.Exists(state.Member(memberId), dossier))
        {
            throw new UserFacingException("Un conflit d'intérêts connu du secrétariat est enregistré pour vous sur ce dossier : il ne peut pas être levé.");
        }

        var record = state.DeliberationOf(DossierId);
        if (HasConflict && record is not null && record.Panel.Contains(memberId) && record.State is DeliberationState.Decided)
        {
            throw new UserFacingException("La décision sur ce dossier est déjà prise.");
        }

        var existing = state.DeclarationOf(memberId, DossierId);
        if (existing is { HasConflict: true })
        {
            if (!HasConflict)
            {
                throw new UserFacingException("Vous avez déclaré un lien avec ce dossier : cette déclaration ne peut pas être retirée.");
            }

            return null;
        }

        var trimmed = string.IsNullOrWhiteSpace(Reason) ? null : Reason.Trim();
        if (trimmed is { Length: > 1000 })
        {
            throw new InputValidationException("reason", "La précision ne peut pas dépasser 1000 caractères.");
        }

        if (existing is null)
        {
            context.Db.ConflictDeclarations.Add(new ConflictDeclaration
            {
                Id = Guid.NewGuid(),
                SessionId = SessionId,
                DossierId = DossierId,
                JuryMemberId = memberId,
                HasConflict = HasConflict,
                Reason = trimmed,
                DeclaredAt = context.Now,
            });
        }
        else if (HasConflict)
        {
            context.Db.ConflictDeclarations.Attach(existing);
            existing.HasConflict = true;
            existing.Reason = trimmed;
            existing.DeclaredAt = context.Now;
        }
        else
        {
            return null; // "no link" said twice: nothing new
        }

        // The session stamp serializes changes of who deliberates (a double click re-runs on fresh state).
        context.ChangeSession();
        return new RoomChange(HasConflict ? "Déclaration d'un conflit d'intérêts" : "Déclaration d'absence de lien", RoomEventKind.ConflictsChanged)
        {
            DossierId = DossierId,
            Details = trimmed,
            MemberId = memberId,
        };
    }
}
