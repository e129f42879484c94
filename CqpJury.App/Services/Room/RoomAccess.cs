using CqpJury.App.Data;
using CqpJury.App.Realtime;
using CqpJury.App.Services.Audit;
using CqpJury.App.Services.Security;
using Microsoft.EntityFrameworkCore;

namespace CqpJury.App.Services.Room;

/// <summary>
/// Who acts in the room from this circuit (scoped: one per circuit): the acting member, checked
/// convened to the session on every command and query, and refusals logged and journaled.
/// </summary>
public sealed class RoomAccess(
    IDbContextFactory<CqpJuryDbContext> dbFactory,
    ActorResolver actors,
    AuditLog audit,
    Privacy.AccessHistory history,
    RoomCircuitHandler circuit,
    ILogger<RoomAccess> logger)
{
    private readonly Guid _scopeId = Guid.NewGuid();

    /// <summary>The session this circuit's member acted in once it was open, and that member (see <see cref="Remember"/>).</summary>
    private (Guid SessionId, Guid MemberId)? _convenedTo;

    /// <summary>The dossiers whose content (true) or refusal (false) this circuit has recorded in the access history.</summary>
    private readonly HashSet<(Guid DossierId, bool Read)> _shown = [];

    /// <summary>The session whose confidentiality commitment this circuit's member has accepted (R16).</summary>
    private (Guid SessionId, Guid MemberId)? _committedTo;

    /// <summary>This circuit (presence, and the origin of its deliberation commands' events).</summary>
    public string CircuitKey => circuit.CircuitId ?? $"scope-{_scopeId}";

    /// <summary>The member this circuit entered <paramref name="sessionId"/> as (see <see cref="Remember"/>).</summary>
    public Guid? MemberIn(Guid sessionId) => _convenedTo is { } convened && convened.SessionId == sessionId ? convened.MemberId : null;

    /// <summary>
    /// Once a session is open its composition can no longer change (SessionAdminService): this
    /// circuit's member stays convened to it, and the checks of its next actions and reloads need not ask again.
    /// </summary>
    internal void Remember(Guid sessionId, Guid memberId) => _convenedTo = (sessionId, memberId);

    /// <summary>The acting member, convened to this session (else refused, logged and journaled).</summary>
    public async Task<(Actor Actor, Guid MemberId)> RequireConvenedAsync(Guid sessionId, string action, CancellationToken cancellationToken)
    {
        var actor = await actors.RequireAsync(action, cancellationToken);
        if (actor.JuryMemberId is not { } memberId)
        {
            await RefuseAsync(actor, action, sessionId, null, "Seuls les membres du jury convoqués à cette session peuvent entrer dans la salle.");
            throw new InvalidOperationException(); // unreachable
        }

        if (_convenedTo == (sessionId, memberId))
        {
            return (actor, memberId); // acted in this open (or closed) session: its composition is frozen
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var convened = await db.SessionMembers.AnyAsync(m => m.SessionId == sessionId && m.JuryMemberId == memberId, cancellationToken);
        if (!convened)
        {
            await RefuseAsync(actor, action, sessionId, null, "Vous n'êtes pas convoqué(e) à cette session de jury.");
        }

        return (actor, memberId);
    }

    /// <summary>
    /// R16: records in the dossier's access history that this circuit's member was shown its content
    /// (or, with <paramref name="refusal"/>, kept from it: in conflict, stood aside) — once per page and
    /// dossier, not at every reload of the room.
    /// </summary>
    public async Task RecordDossierShownAsync(Actor actor, Guid sessionId, Guid dossierId, string? refusal)
    {
        lock (_shown)
        {
            if (!_shown.Add((dossierId, refusal is null)))
            {
                return;
            }
        }

        await history.RecordAsync(actor, Privacy.AccessPlaces.Room, dossierId, sessionId, refusal: refusal);
    }

    /// <summary>
    /// R16: refuses (journaled) anything of the session's dossiers to a member who has not accepted the
    /// session's confidentiality commitment; once accepted (never withdrawn), this circuit asks no more.
    /// </summary>
    public async Task RequireCommitmentAsync(Actor actor, Guid sessionId, Guid memberId, string action, CancellationToken cancellationToken)
    {
        if (_committedTo == (sessionId, memberId))
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ConfidentialityAcceptances.AnyAsync(c => c.SessionId == sessionId && c.JuryMemberId == memberId, cancellationToken))
        {
            await RefuseAsync(actor, action, sessionId, null, Privacy.ConfidentialityCommitment.Required);
        }

        _committedTo = (sessionId, memberId);
    }

    /// <summary>Logs, journals ("Refus : …", on its own: the refused action changed nothing) and throws an <see cref="AccessDeniedException"/> with the French reason.</summary>
    public async Task RefuseAsync(Actor? actor, string action, Guid sessionId, Guid? dossierId, string reason)
    {
        logger.LogWarning("Refused {Action} in session {SessionId} (dossier {DossierId}) to user {UserId}: {Reason}",
            action, sessionId, dossierId, actor?.UserId, reason);
        await audit.RecordRefusalAsync(actor, action, sessionId, dossierId, reason);
        if (dossierId is not null)
        {
            await history.RecordAsync(actor, Privacy.AccessPlaces.Room, dossierId, sessionId, refusal: reason);
        }

        throw new AccessDeniedException(reason);
    }
}
