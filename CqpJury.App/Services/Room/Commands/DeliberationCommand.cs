using CqpJury.App.Realtime;
using CqpJury.App.Services.Dossiers;
using CqpJury.Domain.Dossiers;
using CqpJury.Domain.Deliberations;
using Microsoft.EntityFrameworkCore;

namespace CqpJury.App.Services.Room.Commands;

/// <summary>
/// A command on one dossier's deliberation (R11): the member must take part in the dossier (never a
/// member in conflict or stood aside, R10.2) and have answered the conflict question; the chair only
/// when <see cref="ChairOnly"/>. The deliberation is replayed from its facts, the command applied
/// through the domain (<see cref="Apply"/>), and the new facts stored with the next versions (the
/// version is the concurrency token: two members voting at the same moment never both apply on
/// stale state).
/// </summary>
public abstract record DeliberationCommand(Guid SessionId, Guid DossierId) : RoomCommand(SessionId)
{
    /// <summary>Reserved to the dossier's chair (<see cref="RoomState.ChairOf"/>).</summary>
    internal abstract bool ChairOnly { get; }

    internal sealed override Guid? DeliberationDossierId => DossierId;

    /// <summary>
    /// Applies the command to <see cref="DeliberationContext.Deliberation"/> (or opens or postpones
    /// it) through the domain; returns the journal entry, or null when nothing changed (an identical
    /// vote repeated). A <see cref="DeliberationException"/> becomes the French message shown to the
    /// member. Override this, or <see cref="ApplyAsync"/> when the command must wait for something.
    /// </summary>
    internal virtual string? Apply(DeliberationContext deliberation) =>
        throw new NotSupportedException($"{GetType().Name} overrides neither Apply nor ApplyAsync.");

    /// <summary><see cref="Apply"/>, for a command that must wait for something (a password check).</summary>
    internal virtual Task<string?> ApplyAsync(DeliberationContext deliberation) => Task.FromResult(Apply(deliberation));

    internal sealed override async Task<RoomChange?> ExecuteAsync(RoomCommandContext context)
    {
        var state = context.State;
        var memberId = context.MemberId;
        var dossier = state.AgendaDossier(DossierId);
        if (state.IsExcluded(memberId, dossier))
        {
            throw context.Refusal(
                "Vous ne participez pas à la délibération sur ce dossier (conflit d'intérêts ou retrait) : cette action vous est refusée.", DossierId);
        }

        if (!state.HasDeclared(memberId, dossier))
        {
            throw new UserFacingException("Déclarez d'abord vos liens d'intérêts pour ce dossier.");
        }

        var panel = state.PanelFor(dossier);
        if (ChairOnly)
        {
            context.EnsureMayChair(dossier, panel);
        }

        var db = context.Db;

        // R12: a dossier whose decision was signed in another session is never deliberated again
        // (the database keeps it to one signed decision: a racing signature elsewhere fails to
        // commit, and this check, on fresh state — the command run again reads everything — then refuses it).
        var (subject, hearings) = await state.DeliberationBasisAsync(db, DossierId, context.Catalog);
        if (AgendaEligibility.ForDeliberation(hearings, SessionId, dossier.Reference) is [var signedElsewhere, ..])
        {
            throw context.Refusal(signedElsewhere.Message, DossierId);
        }

        var record = await db.Deliberations.Include(d => d.Events).FirstOrDefaultAsync(d => d.SessionId == SessionId && d.DossierId == DossierId, context.CancellationToken);
        var deliberation = record is null ? null : DeliberationReplay.Rebuild(record.Events, subject, state.PanelMembersOf(record), state.Session.PresidentMemberId);
        var working = new DeliberationContext(context, dossier, panel, subject, record, deliberation);
        var before = deliberation?.Events.Count ?? 0;

        string? journal;
        try
        {
            journal = await ApplyAsync(working);
        }
        catch (DeliberationException ex) when (ex.Error is DeliberationError.NotInPanel or DeliberationError.NotChair)
        {
            throw context.Refusal(ex.Message, DossierId);
        }
        catch (DeliberationException ex)
        {
            throw new UserFacingException(ex.Message);
        }

        if (journal is null)
        {
            return null; // nothing new (an identical vote repeated)
        }

        working.Persist(before);
        return new RoomChange(journal, RoomEventKind.DeliberationChanged) { DossierId = DossierId, MemberId = memberId };
    }
}
