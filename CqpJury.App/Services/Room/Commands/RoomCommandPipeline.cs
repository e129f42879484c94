using System.Diagnostics;
using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using CqpJury.App.Realtime;
using CqpJury.App.Services.Audit;
using CqpJury.App.Services.Security;
using Microsoft.EntityFrameworkCore;

namespace CqpJury.App.Services.Room.Commands;

/// <summary>
/// Runs every room command the same way (scoped: one per circuit):
/// <list type="number">
/// <item>authorise: the acting member is convened to the session and active (else refused and journaled);</item>
/// <item>load: the room's state, read fresh in one database context for this attempt (the session must be open) — for a
/// deliberation command, what did not change since the session's stamp was last read is kept (<see cref="RoomCommandStates"/>);</item>
/// <item>apply: the command checks and changes, through the domain (<see cref="RoomCommand.ExecuteAsync"/>) —
/// a refusal is journaled on its own, an unchanged result ends here with nothing written nor told;</item>
/// <item>journal: the audit entry, in the same transaction as the change;</item>
/// <item>save: one commit; on a concurrent change (a concurrency token or a unique key) the attempt is
/// dropped and the command run again on fresh state, after a short random pause;</item>
/// <item>publish: the event (ids only) once committed, never before; nothing is published when the commit fails.</item>
/// </list>
/// Commands on one deliberation also queue per deliberation on this instance (<see cref="DeliberationLocks"/>).
/// </summary>
public sealed class RoomCommandPipeline(
    IDbContextFactory<CqpJuryDbContext> dbFactory,
    RoomAccess access,
    AuditLog audit,
    IDeliberationNotifier notifier,
    PresenceRegistry presence,
    DeliberationLocks deliberationLocks,
    RoomCommandStates commandStates,
    ReferentialCatalog catalog,
    IServiceScopeFactory scopeFactory,
    TimeProvider clock)
{
    /// <summary>How many times a command is run on fresh state when others act at the same moment.</summary>
    public const int MaxCommandAttempts = 10;

    private readonly RoomCommandServices _services = new(clock, catalog, presence, scopeFactory);

    private long? _committedAt;

    /// <summary>The short random pause before running a command again after a conflict (members racing on one round do not collide in lockstep).</summary>
    public static TimeSpan ConflictPause(int attempt) => TimeSpan.FromMilliseconds(Random.Shared.Next(1, 4 * attempt));

    /// <summary>
    /// After a deliberation command: when it was committed (<see cref="Stopwatch.GetTimestamp"/>), once —
    /// the page's reload right after it may share a reading of the room started since
    /// (<see cref="RoomQueries.GetRoomAndDossierAsync"/>); null after any other action, or when already taken.
    /// </summary>
    public long? TakeCommittedAt()
    {
        var committedAt = _committedAt;
        _committedAt = null;
        return committedAt;
    }

    /// <summary>Runs <paramref name="command"/> (see the class); returns once it is committed and published, or throws.</summary>
    public async Task RunAsync(RoomCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        Actor? actor = null;
        Guid? memberId = null;
        if (command.Access != RoomCommandAccess.System)
        {
            (actor, memberId) = await access.RequireConvenedAsync(command.SessionId, command.Action, cancellationToken);
        }

        RoomChange? change;
        if (command.DeliberationDossierId is { } dossierId)
        {
            using (await deliberationLocks.EnterAsync(command.SessionId, dossierId))
            {
                change = await CommitAsync(command, actor, memberId, cancellationToken);
                _committedAt = Stopwatch.GetTimestamp();
            }
        }
        else
        {
            change = await CommitAsync(command, actor, memberId, cancellationToken);
        }

        if (change is null)
        {
            return; // nothing changed: nothing journaled, nothing to tell
        }

        // Told to the others only after the commit, and outside the deliberation's turn: the pages'
        // reloads do not hold up the next member's vote.
        if (change.Publish is { } kind)
        {
            var origin = command.DeliberationDossierId is null ? null : access.CircuitKey;
            await notifier.PublishAsync(new RoomEvent(command.SessionId, kind, change.DossierId, change.MemberId, origin));
        }

        if (command.FollowUp is { } next)
        {
            await RunAsync(next, cancellationToken);
        }
    }

    /// <summary>Load – apply – journal – save, again on fresh state after a concurrent change; the change committed, or null.</summary>
    private async Task<RoomChange?> CommitAsync(RoomCommand command, Actor? actor, Guid? memberId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var present = presence.PresentMembers(command.SessionId);
            var state = command.DeliberationDossierId is null
                ? await RoomState.LoadAsync(db, command.SessionId, present, cancellationToken)
                : await commandStates.LoadAsync(db, command.SessionId, present, fresh: attempt > 1, cancellationToken);
            if (memberId is { } member && state.Session.Status != SessionStatus.Draft)
            {
                access.Remember(command.SessionId, member);
            }

            RoomChange? change;
            try
            {
                if (command.Access == RoomCommandAccess.MemberInOpenSession && state.Session.Status != SessionStatus.Open)
                {
                    throw new RoomRefusal(state.Session.Status == SessionStatus.Closed
                        ? "La session est clôturée : elle est en lecture seule."
                        : "La session n'est pas ouverte.", null);
                }

                change = await command.ExecuteAsync(new RoomCommandContext(db, state, actor, memberId, _services, cancellationToken));
            }
            catch (RoomRefusal refusal)
            {
                await access.RefuseAsync(actor, command.Action, command.SessionId, refusal.DossierId, refusal.Message);
                throw; // unreachable: RefuseAsync throws the AccessDeniedException
            }

            if (change is null)
            {
                return null;
            }

            if (change.Journal is { } journal)
            {
                audit.Add(db, actor, journal, command.SessionId, change.DossierId, change.Details);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return change;
            }
            catch (DbUpdateException) when (attempt < MaxCommandAttempts)
            {
                // Someone acted at the same moment (on another instance, or on this one outside the
                // deliberation's queue): start again on fresh state, after a short random pause so that
                // members racing on the same rows do not collide again in lockstep.
                await Task.Delay(ConflictPause(attempt), cancellationToken);
            }
        }
    }
}
