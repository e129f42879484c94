using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using CqpJury.App.Realtime;
using CqpJury.App.Services.Audit;
using CqpJury.App.Services.Security;
using CqpJury.Domain.Common;
using CqpJury.Domain.Juries;
using Microsoft.EntityFrameworkCore;

namespace CqpJury.App.Services.Room;

/// <summary>
/// The live session room: one public method per member intent. Every action is authorized on
/// the server (convened, active member; president or dossier chair where required; never a
/// member in conflict), committed to the database with its audit entry, and only then published
/// to the other circuits (ids only; each reloads what it may see).
/// </summary>
public sealed partial class RoomService(
    IDbContextFactory<CqpJuryDbContext> dbFactory,
    ActorResolver actors,
    AuditLog audit,
    IDeliberationNotifier notifier,
    PresenceRegistry presence,
    RoomCircuitHandler circuit,
    ReferentialCatalog catalog,
    DeliberationLocks deliberationLocks,
    SharedDossierContents sharedContents,
    RoomReads reads,
    IServiceScopeFactory scopeFactory,
    TimeProvider clock,
    ILogger<RoomService> logger)
{
    /// <summary>Circuits a member may keep open in one room (laptop + a spare tab).</summary>
    public const int MaxCircuitsPerMember = 4;

    private string CircuitKey => circuit.CircuitId ?? $"scope-{_scopeId}";

    private readonly Guid _scopeId = Guid.NewGuid();

    /// <summary>The session this circuit's member entered once it was open, and that member (see <see cref="EnterAsync"/>).</summary>
    private (Guid SessionId, Guid MemberId)? _convenedTo;

    /// <summary>Enters the room: checks the member is convened, marks them present, records their attendance.</summary>
    public async Task<RoomView> EnterAsync(Guid sessionId, CancellationToken cancellationToken = default)
    {
        var (actor, memberId) = await RequireConvenedAsync(sessionId, "Entrer dans la salle", cancellationToken);
        if (presence.CircuitCount(sessionId, memberId, CircuitKey) >= MaxCircuitsPerMember)
        {
            throw new UserFacingException(
                $"Vous avez déjà {MaxCircuitsPerMember} fenêtres ouvertes sur cette salle : fermez-en une, puis rechargez cette page.");
        }

        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var session = await db.Sessions.AsNoTracking().FirstAsync(s => s.Id == sessionId, cancellationToken);
            if (session.Status == SessionStatus.Draft)
            {
                await RefuseAsync(actor, "Entrer dans la salle", sessionId, null,
                    "La session n'est pas encore ouverte par le secrétariat : la salle de délibération n'est pas accessible.");
            }

            // Once a session is open its composition can no longer change (SessionAdminService): this circuit's
            // member stays convened to it, and the checks of its next actions and reloads need not ask again.
            _convenedTo = (sessionId, memberId);

            if (session.Status == SessionStatus.Open)
            {
                var now = clock.GetUtcNow();
                var attendance = await db.Attendances.FirstOrDefaultAsync(a => a.SessionId == sessionId && a.JuryMemberId == memberId, cancellationToken);
                if (attendance is null)
                {
                    db.Attendances.Add(new SessionAttendance { SessionId = sessionId, JuryMemberId = memberId, FirstJoinedAt = now, LastJoinedAt = now });
                    audit.Add(db, actor, "Entrée en salle", sessionId);
                }
                else
                {
                    attendance.LastJoinedAt = now;
                }

                await db.SaveChangesAsync(cancellationToken);
            }
        }

        await presence.EnterAsync(CircuitKey, sessionId, memberId);
        return await GetRoomAsync(sessionId, cancellationToken);
    }

    /// <summary>Leaves the room (the page is closed or navigated away).</summary>
    public Task LeaveAsync() => presence.LeaveAsync(CircuitKey);

    /// <summary>The room as the acting member may see it.</summary>
    public async Task<RoomView> GetRoomAsync(Guid sessionId, CancellationToken cancellationToken = default)
    {
        var (_, memberId) = await RequireConvenedAsync(sessionId, "Consulter la salle", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var state = await RoomState.LoadAsync(db, sessionId, presence.PresentMembers(sessionId), cancellationToken);
        return BuildRoomView(state, memberId);
    }

    private RoomView BuildRoomView(RoomState state, Guid memberId)
    {
        var members = state.Members.Select(m => state.MemberView(m.Id)).OrderBy(m => m.Seat).ThenBy(m => m.Name, StringComparer.CurrentCulture).ToList();
        var presentMembers = state.Members.Where(m => state.Present.Contains(m.Id)).Select(m => m.ToDomain()).ToList();
        var agenda = state.Agenda.Select(item =>
        {
            var dossier = item.Dossier!;
            var excluded = state.IsExcluded(memberId, dossier);
            var certificate = catalog.Find(dossier.CertificateCode);
            return new AgendaItemView(
                dossier.Id,
                item.Position,
                dossier.Reference,
                excluded ? $"Dossier {dossier.Reference}" : $"{dossier.Candidate!.OfficialName} ({dossier.Reference})",
                certificate?.Title ?? dossier.CertificateCode,
                state.StatusOf(dossier.Id),
                excluded);
        }).ToList();

        return new RoomView(
            state.Session.Id,
            state.Session.Title,
            state.Session.Date,
            state.Session.StartTime,
            state.Session.Place,
            state.Session.VideoLink,
            state.Session.Status,
            members,
            JuryComposition.Check(presentMembers, "Le jury présent"),
            state.Session.PresidentMemberId,
            BuildProposalView(state),
            agenda,
            state.Session.CurrentDossierId,
            memberId,
            CloseBlockers(state));
    }

    private static PresidencyProposalView? BuildProposalView(RoomState state)
    {
        if (state.Session.PresidentMemberId is not null || state.Designation.ProposedPresidentId is not { } candidate)
        {
            return null;
        }

        var present = state.Present.ToList();
        return new PresidencyProposalView(
            candidate,
            state.NameOf(candidate),
            state.NameOf(state.Designation.ProposedBy ?? candidate),
            state.Designation.Acceptances.ToList(),
            state.Designation.AwaitedFrom(present));
    }

    private static List<string> CloseBlockers(RoomState state)
    {
        var blockers = new List<string>();
        if (state.Session.Status == SessionStatus.Closed)
        {
            return blockers;
        }

        if (state.Session.PresidentMemberId is null)
        {
            blockers.Add("Aucun président n'a été désigné.");
        }

        foreach (var item in state.Agenda)
        {
            var status = state.StatusOf(item.DossierId);
            if (status is not (AgendaItemStatus.DecisionSigned or AgendaItemStatus.Postponed))
            {
                blockers.Add($"Dossier {item.Dossier!.Reference} : {status.ToFrench().ToLower(FrenchFormat.Culture)}.");
            }
        }

        return blockers;
    }

    /// <summary>The acting member, convened to this session (else refused, logged and audited).</summary>
    private async Task<(Actor Actor, Guid MemberId)> RequireConvenedAsync(Guid sessionId, string action, CancellationToken cancellationToken)
    {
        var actor = await actors.RequireAsync(action, cancellationToken);
        if (actor.JuryMemberId is not { } memberId)
        {
            await RefuseAsync(actor, action, sessionId, null, "Seuls les membres du jury convoqués à cette session peuvent entrer dans la salle.");
            throw new InvalidOperationException(); // unreachable
        }

        if (_convenedTo == (sessionId, memberId))
        {
            return (actor, memberId); // entered this open (or closed) session: its composition is frozen
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var convened = await db.SessionMembers.AnyAsync(m => m.SessionId == sessionId && m.JuryMemberId == memberId, cancellationToken);
        if (!convened)
        {
            await RefuseAsync(actor, action, sessionId, null, "Vous n'êtes pas convoqué(e) à cette session de jury.");
        }

        return (actor, memberId);
    }

    /// <summary>Logs, audits and throws an <see cref="AccessDeniedException"/> with the French reason.</summary>
    private async Task RefuseAsync(Actor? actor, string action, Guid sessionId, Guid? dossierId, string reason)
    {
        logger.LogWarning("Refused {Action} in session {SessionId} (dossier {DossierId}) to user {UserId}: {Reason}",
            action, sessionId, dossierId, actor?.UserId, reason);
        await audit.RecordRefusalAsync(actor, action, sessionId, dossierId, reason);
        throw new AccessDeniedException(reason);
    }

    private Task PublishAsync(Guid sessionId, RoomEventKind kind, Guid? dossierId = null, Guid? memberId = null, string? origin = null) =>
        notifier.PublishAsync(new RoomEvent(sessionId, kind, dossierId, memberId, origin));

    /// <summary>Was this event caused by this circuit's own deliberation command (after which its page has already reloaded)?</summary>
    public bool IsOwnCommand(RoomEvent roomEvent) => roomEvent?.Origin is { } origin && origin == CircuitKey;
}
