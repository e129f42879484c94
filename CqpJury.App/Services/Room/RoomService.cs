using CqpJury.App.Realtime;
using CqpJury.App.Services.Room.Commands;
using CqpJury.Domain.Deliberations;
using CqpJury.Domain.Outcomes;

namespace CqpJury.App.Services.Room;

/// <summary>
/// The live session room, as a room page uses it (scoped: one per circuit): one method per member
/// intent. What members see comes from <see cref="RoomQueries"/>; what they do is a command
/// (Commands/, one small record each) run by <see cref="RoomCommandPipeline"/>: authorised on the
/// server (convened, active member; president or dossier chair where required; never a member in
/// conflict), committed with its journal entry, and only then published to the other circuits
/// (ids only; each reloads what it may see). A new button: write its command and send it with
/// <see cref="RunAsync"/> (or add a one-line method here).
/// </summary>
public sealed class RoomService(RoomCommandPipeline commands, RoomQueries queries, RoomAccess access, PresenceRegistry presence, Mail.OutboxSignal outbox)
{
    /// <summary>Circuits a member may keep open in one room (laptop + a spare tab).</summary>
    public const int MaxCircuitsPerMember = 4;

    /// <summary>Runs a room command (see <see cref="RoomCommandPipeline"/>).</summary>
    public Task RunAsync(RoomCommand command, CancellationToken cancellationToken = default) => commands.RunAsync(command, cancellationToken);

    /// <summary>Enters the room: checks the member is convened, records their attendance, marks them present.</summary>
    public async Task<RoomView> EnterAsync(Guid sessionId, CancellationToken cancellationToken = default)
    {
        await commands.RunAsync(new EnterRoom(sessionId, access.CircuitKey), cancellationToken);
        var memberId = access.MemberIn(sessionId) ?? throw new InvalidOperationException("Entered a room as no member.");
        await presence.EnterAsync(access.CircuitKey, sessionId, memberId);
        return await queries.GetRoomAsync(sessionId, cancellationToken);
    }

    /// <summary>R16: accepts the session's confidentiality commitment (then <see cref="EnterAsync"/> lets the member in).</summary>
    public Task AcceptConfidentialityAsync(Guid sessionId, CancellationToken cancellationToken = default) =>
        commands.RunAsync(new AcceptConfidentiality(sessionId), cancellationToken);

    /// <summary>R16: refuses the commitment (journaled); the member stays outside the room.</summary>
    public Task DeclineConfidentialityAsync(Guid sessionId, CancellationToken cancellationToken = default) =>
        commands.RunAsync(new DeclineConfidentiality(sessionId), cancellationToken);

    /// <summary>Leaves the room (the page is closed or navigated away).</summary>
    public Task LeaveAsync() => presence.LeaveAsync(access.CircuitKey);

    /// <inheritdoc cref="RoomQueries.GetRoomAsync"/>
    public Task<RoomView> GetRoomAsync(Guid sessionId, CancellationToken cancellationToken = default) =>
        queries.GetRoomAsync(sessionId, cancellationToken);

    /// <inheritdoc cref="RoomQueries.GetDossierAsync"/>
    public Task<DossierView> GetDossierAsync(Guid sessionId, Guid dossierId, CancellationToken cancellationToken = default) =>
        queries.GetDossierAsync(sessionId, dossierId, cancellationToken);

    /// <inheritdoc cref="RoomQueries.GetRoomAndDossierAsync"/>
    public Task<(RoomView Room, DossierView? Dossier)> GetRoomAndDossierAsync(Guid sessionId, Guid? viewedDossierId, long? notBefore = null, bool deliberationsOnly = false, CancellationToken cancellationToken = default) =>
        queries.GetRoomAndDossierAsync(sessionId, viewedDossierId, notBefore, deliberationsOnly, cancellationToken);

    /// <inheritdoc cref="RoomQueries.PreviewAsync"/>
    public Task<OutcomeResult> PreviewAsync(Guid sessionId, Guid dossierId, IReadOnlyDictionary<string, bool> validations, CancellationToken cancellationToken = default) =>
        queries.PreviewAsync(sessionId, dossierId, validations, cancellationToken);

    /// <inheritdoc cref="ProposePresident"/>
    public Task ProposePresidentAsync(Guid sessionId, Guid candidateMemberId, CancellationToken cancellationToken = default) =>
        RunAsync(new ProposePresident(sessionId, candidateMemberId), cancellationToken);

    /// <inheritdoc cref="AcceptPresident"/>
    public Task AcceptPresidentAsync(Guid sessionId, CancellationToken cancellationToken = default) =>
        RunAsync(new AcceptPresident(sessionId), cancellationToken);

    /// <inheritdoc cref="CompleteDesignation"/>
    public Task CompleteDesignationIfPossibleAsync(Guid sessionId, CancellationToken cancellationToken = default) =>
        RunAsync(new CompleteDesignation(sessionId), cancellationToken);

    /// <inheritdoc cref="SetCurrentDossier"/>
    public Task SetCurrentDossierAsync(Guid sessionId, Guid dossierId, CancellationToken cancellationToken = default) =>
        RunAsync(new SetCurrentDossier(sessionId, dossierId), cancellationToken);

    /// <inheritdoc cref="RoomQueries.PreviewClosingAsync"/>
    public Task<ClosingPreview> PreviewClosingAsync(Guid sessionId, CancellationToken cancellationToken = default) =>
        queries.PreviewClosingAsync(sessionId, cancellationToken);

    /// <inheritdoc cref="CloseSession"/>
    public async Task CloseSessionAsync(Guid sessionId, CancellationToken cancellationToken = default)
    {
        await RunAsync(new CloseSession(sessionId), cancellationToken);
        outbox.Notify(); // the decision messages are committed: the sender need not wait for its next poll
    }

    /// <inheritdoc cref="DeclareConflict"/>
    public Task DeclareConflictAsync(Guid sessionId, Guid dossierId, bool hasConflict, string? reason, CancellationToken cancellationToken = default) =>
        RunAsync(new DeclareConflict(sessionId, dossierId, hasConflict, reason), cancellationToken);

    /// <inheritdoc cref="ApplyStandAside"/>
    public Task ApplyStandAsideAsync(Guid sessionId, Guid dossierId, Guid standingAsideMemberId, CancellationToken cancellationToken = default) =>
        RunAsync(new ApplyStandAside(sessionId, dossierId, standingAsideMemberId), cancellationToken);

    /// <inheritdoc cref="ProposeDecision"/>
    public Task ProposeAsync(Guid sessionId, Guid dossierId, IReadOnlyDictionary<string, bool> validations, CancellationToken cancellationToken = default) =>
        RunAsync(new ProposeDecision(sessionId, dossierId, validations), cancellationToken);

    /// <inheritdoc cref="CastVote"/>
    public Task VoteAsync(Guid sessionId, Guid dossierId, VoteChoice choice, string? comment = null, CancellationToken cancellationToken = default) =>
        RunAsync(new CastVote(sessionId, dossierId, choice, comment), cancellationToken);

    /// <inheritdoc cref="Postpone"/>
    public Task PostponeAsync(Guid sessionId, Guid dossierId, string reason, CancellationToken cancellationToken = default) =>
        RunAsync(new Postpone(sessionId, dossierId, reason), cancellationToken);

    /// <inheritdoc cref="WriteDecisionText"/>
    public Task WriteDecisionTextAsync(Guid sessionId, Guid dossierId, string? comments, string? observationsAnswer, CancellationToken cancellationToken = default) =>
        RunAsync(new WriteDecisionText(sessionId, dossierId, comments, observationsAnswer), cancellationToken);

    /// <inheritdoc cref="SignDecision"/>
    public Task SignAsync(Guid sessionId, Guid dossierId, string password, CancellationToken cancellationToken = default) =>
        RunAsync(new SignDecision(sessionId, dossierId, password), cancellationToken);

    /// <inheritdoc cref="RoomCommandPipeline.TakeCommittedAt"/>
    public long? TakeCommittedAt() => commands.TakeCommittedAt();

    /// <summary>Was this event caused by this circuit's own deliberation command (after which its page has already reloaded)?</summary>
    public bool IsOwnCommand(RoomEvent roomEvent) => roomEvent?.Origin is { } origin && origin == access.CircuitKey;
}
