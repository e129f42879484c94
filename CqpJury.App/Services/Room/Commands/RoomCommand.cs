using CqpJury.App.Realtime;

namespace CqpJury.App.Services.Room.Commands;

/// <summary>
/// One thing a member does in the room, as a small named record: its data, and what it checks and
/// changes (<see cref="Execute"/>). Everything around it is written once, in
/// <see cref="RoomCommandPipeline"/>: the member authorised (convened, active; the session open),
/// the room's state loaded, the command applied, the journal entry, the save with retry on a
/// concurrent change, the event published after the commit. To add a room button: write one
/// command in this folder (a <see cref="DeliberationCommand"/> for an action on a deliberation) and
/// send it from the page (<see cref="RoomService.RunAsync"/>).
/// </summary>
/// <param name="SessionId">The session whose room the command acts in.</param>
public abstract record RoomCommand(Guid SessionId)
{
    /// <summary>What the member tried to do, in French: journaled with a refusal (« Refus : … ») and logged.</summary>
    public abstract string Action { get; }

    /// <summary>Who may run the command (by default a convened, active member, in an open session).</summary>
    internal virtual RoomCommandAccess Access => RoomCommandAccess.MemberInOpenSession;

    /// <summary>
    /// The dossier of the deliberation the command acts on, when it does: such commands run one after
    /// the other per deliberation on this instance (<see cref="DeliberationLocks"/>), their event names
    /// this circuit as its origin and their commit time is kept for the page's reload
    /// (<see cref="RoomCommandPipeline.TakeCommittedAt"/>).
    /// </summary>
    internal virtual Guid? DeliberationDossierId => null;

    /// <summary>A command run once this one is committed and published (a unit of its own); none by default.</summary>
    internal virtual RoomCommand? FollowUp => null;

    /// <summary>
    /// Checks and applies the command on <paramref name="context"/>'s fresh state, adding what it
    /// writes to <see cref="RoomCommandContext.Db"/> (saved by the pipeline). Returns what changed,
    /// or null when nothing did (a repeated or double-clicked command): then nothing is saved,
    /// journaled nor published. Refuses with <c>throw context.Refusal(…)</c> (journaled), or throws
    /// a <see cref="UserFacingException"/> for an ordinary mistake. May run several times (retry on
    /// a concurrent change, on fresh state each time): no side effect outside the context.
    /// Override this, or <see cref="ExecuteAsync"/> when the command must wait for something.
    /// </summary>
    internal virtual RoomChange? Execute(RoomCommandContext context) =>
        throw new NotSupportedException($"{GetType().Name} overrides neither Execute nor ExecuteAsync.");

    /// <summary><see cref="Execute"/>, for a command that must wait for something (a query, a password check).</summary>
    internal virtual Task<RoomChange?> ExecuteAsync(RoomCommandContext context) => Task.FromResult(Execute(context));
}

/// <summary>Who may run a room command.</summary>
internal enum RoomCommandAccess
{
    /// <summary>A convened, active member, while the session is open.</summary>
    MemberInOpenSession,

    /// <summary>A convened, active member, whatever the session's status (the command checks it).</summary>
    ConvenedMember,

    /// <summary>The room itself, on behalf of nobody (journaled as « système »); the command checks the session's status.</summary>
    System,
}

/// <summary>
/// What a command changed: its journal entry (<paramref name="Journal"/>; null for bookkeeping that
/// is no decision, e.g. the time a member came back) and the event told to the room after the commit
/// (<paramref name="Publish"/>; ids only).
/// </summary>
internal sealed record RoomChange(string? Journal, RoomEventKind? Publish)
{
    /// <summary>The dossier concerned (journal entry and event).</summary>
    public Guid? DossierId { get; init; }

    /// <summary>The journal entry's details.</summary>
    public string? Details { get; init; }

    /// <summary>The member the event is about.</summary>
    public Guid? MemberId { get; init; }
}
