using CqpJury.App.Data.Entities;
using CqpJury.App.Realtime;
using CqpJury.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CqpJury.App.Services.Room;

public sealed partial class RoomService
{
    /// <summary>R9: a present member proposes a present member as president (the proposer's proposal counts as their acceptance).</summary>
    public async Task ProposePresidentAsync(Guid sessionId, Guid candidateMemberId, CancellationToken cancellationToken = default)
    {
        const string action = "Proposer un président";
        var (actor, memberId) = await RequireConvenedAsync(sessionId, action, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var state = await RoomState.LoadAsync(db, sessionId, presence.PresentMembers(sessionId), cancellationToken);
        await EnsureOpenAsync(state, actor, action);
        var present = state.Present.ToList();
        try
        {
            var designation = new Domain.Juries.PresidentDesignation();
            designation.Propose(memberId, candidateMemberId, present);
            var session = await db.Sessions.FirstAsync(s => s.Id == sessionId, cancellationToken);
            if (session.PresidentMemberId is not null)
            {
                throw new BusinessRuleValidationException("R9", "Le président de séance est déjà désigné.");
            }

            var now = clock.GetUtcNow();
            db.PresidencyEvents.Add(new PresidencyEvent { SessionId = sessionId, Kind = PresidencyEventKind.Proposed, ActorMemberId = memberId, CandidateMemberId = candidateMemberId, At = now });
            if (designation.IsDesignated)
            {
                // Alone in the room: the proposal is the designation.
                Designate(session, candidateMemberId, now);
            }

            audit.Add(db, actor, "Proposition de président", sessionId, details: $"{state.NameOf(candidateMemberId)} proposé(e) par {state.NameOf(memberId)}");
            await SaveSessionAsync(db, session, cancellationToken);
        }
        catch (BusinessRuleValidationException ex)
        {
            await RefuseAsync(actor, action, sessionId, null, ex.Message);
        }

        await PublishAsync(sessionId, RoomEventKind.PresidencyChanged);
    }

    /// <summary>R9: a present member accepts the current proposal; the last acceptance designates the president.</summary>
    public async Task AcceptPresidentAsync(Guid sessionId, CancellationToken cancellationToken = default)
    {
        const string action = "Accepter le président proposé";
        var (actor, memberId) = await RequireConvenedAsync(sessionId, action, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var state = await RoomState.LoadAsync(db, sessionId, presence.PresentMembers(sessionId), cancellationToken);
        await EnsureOpenAsync(state, actor, action);
        if (state.Designation.ProposedPresidentId is not { } candidate || state.Session.PresidentMemberId is not null)
        {
            throw new UserFacingException(state.Session.PresidentMemberId is not null
                ? "Le président de séance est déjà désigné."
                : "Aucune proposition de président n'est en cours.");
        }

        if (!state.Present.Contains(memberId))
        {
            await RefuseAsync(actor, action, sessionId, null, "Seul un membre présent peut accepter la proposition.");
        }

        // The acceptance is a fact of its own; the designation itself is completed on fresh state
        // right after, so two last acceptances at the same moment still designate the president.
        db.PresidencyEvents.Add(new PresidencyEvent { SessionId = sessionId, Kind = PresidencyEventKind.Accepted, ActorMemberId = memberId, CandidateMemberId = candidate, At = clock.GetUtcNow() });
        audit.Add(db, actor, "Acceptation du président proposé", sessionId, details: state.NameOf(candidate));
        await db.SaveChangesAsync(cancellationToken);
        await PublishAsync(sessionId, RoomEventKind.PresidencyChanged);
        await CompleteDesignationIfPossibleAsync(sessionId, cancellationToken);
    }

    /// <summary>The president puts a dossier on every screen (meeting tracker).</summary>
    public async Task SetCurrentDossierAsync(Guid sessionId, Guid dossierId, CancellationToken cancellationToken = default)
    {
        const string action = "Passer au dossier";
        var (actor, memberId) = await RequireConvenedAsync(sessionId, action, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var state = await RoomState.LoadAsync(db, sessionId, presence.PresentMembers(sessionId), cancellationToken);
        await EnsureOpenAsync(state, actor, action);
        await EnsurePresidentAsync(state, actor, memberId, action);
        if (state.Agenda.All(a => a.DossierId != dossierId))
        {
            throw new UserFacingException("Ce dossier n'est pas inscrit à l'ordre du jour de la session.");
        }

        var session = await db.Sessions.FirstAsync(s => s.Id == sessionId, cancellationToken);
        session.CurrentDossierId = dossierId;
        audit.Add(db, actor, "Dossier mis en délibération à l'écran", sessionId, dossierId);
        await SaveSessionAsync(db, session, cancellationToken);
        await PublishAsync(sessionId, RoomEventKind.CurrentDossierChanged, dossierId);
    }

    /// <summary>A member who joins or leaves may complete a pending designation (everyone present has accepted).</summary>
    public async Task CompleteDesignationIfPossibleAsync(Guid sessionId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var state = await RoomState.LoadAsync(db, sessionId, presence.PresentMembers(sessionId), cancellationToken);
        if (state.Session.Status != SessionStatus.Open || state.Session.PresidentMemberId is not null
            || state.Designation.ProposedPresidentId is not { } candidate || state.Present.Count == 0
            || !state.Present.Contains(candidate) || !state.Present.All(state.Designation.Acceptances.Contains))
        {
            return;
        }

        var session = await db.Sessions.FirstAsync(s => s.Id == sessionId, cancellationToken);
        Designate(session, candidate, clock.GetUtcNow());
        audit.Add(db, null, "Président désigné", sessionId, details: $"{state.NameOf(candidate)}, accepté(e) par tous les membres présents");
        try
        {
            await SaveSessionAsync(db, session, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return; // someone else completed it at the same moment
        }

        await PublishAsync(sessionId, RoomEventKind.PresidencyChanged);
    }

    /// <summary>
    /// Runs a room action that changes who deliberates (declarations, stand-asides) under the
    /// session's concurrency stamp: two such actions at the same moment never both apply on stale
    /// state; the later one is re-run on fresh state (and may then be refused).
    /// </summary>
    private static async Task RetryOnConflictAsync(Func<Task> action)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await action();
                return;
            }
            catch (DbUpdateException) when (attempt < 6)
            {
                // stale state: run again
            }
        }
    }

    private static void Designate(JurySession session, Guid presidentId, DateTimeOffset at)
    {
        session.PresidentMemberId = presidentId;
        session.PresidentDesignatedAt = at;
    }

    private static async Task SaveSessionAsync(Data.CqpJuryDbContext db, JurySession session, CancellationToken cancellationToken)
    {
        db.Entry(session).Property(s => s.ConcurrencyStamp).OriginalValue = session.ConcurrencyStamp;
        session.ConcurrencyStamp = Guid.NewGuid();
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task EnsureOpenAsync(RoomState state, Services.Security.Actor actor, string action)
    {
        if (state.Session.Status != SessionStatus.Open)
        {
            await RefuseAsync(actor, action, state.Session.Id, null, state.Session.Status == SessionStatus.Closed
                ? "La session est clôturée : elle est en lecture seule."
                : "La session n'est pas ouverte.");
        }
    }

    private async Task EnsurePresidentAsync(RoomState state, Services.Security.Actor actor, Guid memberId, string action)
    {
        if (state.Session.PresidentMemberId != memberId)
        {
            await RefuseAsync(actor, action, state.Session.Id, null, state.Session.PresidentMemberId is null
                ? "Aucun président n'a encore été désigné : cette action lui est réservée."
                : "Cette action est réservée au président de séance.");
        }
    }
}
