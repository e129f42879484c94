using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using CqpJury.App.Realtime;
using CqpJury.App.Services.Security;
using CqpJury.Domain.Common;
using CqpJury.Domain.Juries;

namespace CqpJury.App.Services.Room.Commands;

/// <summary>
/// What one attempt of a command works with, given by <see cref="RoomCommandPipeline"/>: its own
/// database context (saved by the pipeline), the room's state read at the start of the attempt, who
/// acts, the clock, and the checks several commands share.
/// </summary>
internal sealed class RoomCommandContext(
    CqpJuryDbContext db,
    RoomState state,
    Actor? actor,
    Guid? memberId,
    RoomCommandServices services,
    CancellationToken cancellationToken)
{
    public CqpJuryDbContext Db { get; } = db;

    public RoomState State { get; } = state;

    /// <summary>Who acts (null for a <see cref="RoomCommandAccess.System"/> command).</summary>
    public Actor? Actor { get; } = actor;

    /// <summary>The acting member (never asked of a <see cref="RoomCommandAccess.System"/> command).</summary>
    public Guid MemberId => memberId ?? throw new InvalidOperationException("A system command acts for no member.");

    public DateTimeOffset Now => services.Clock.GetUtcNow();

    public ReferentialCatalog Catalog => services.Catalog;

    public PresenceRegistry Presence => services.Presence;

    /// <summary>For the rare command that needs a scoped service of its own (Identity's UserManager to check a password).</summary>
    public IServiceScopeFactory ScopeFactory => services.ScopeFactory;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>
    /// A refusal to throw (<c>throw context.Refusal(…)</c>): the pipeline journals it (« Refus : »
    /// and the command's <see cref="RoomCommand.Action"/>, with <paramref name="dossierId"/>), logs it and
    /// turns it into an <see cref="AccessDeniedException"/> with <paramref name="reason"/>. Nothing the command added is saved.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Read as one of the context's checks: throw context.Refusal(…).")]
    public Exception Refusal(string reason, Guid? dossierId = null) => new RoomRefusal(reason, dossierId);

    /// <summary>
    /// The session row, tracked, its concurrency stamp renewed: the command commits only if nothing
    /// else changed the session since its state was read (presidency, agenda, who deliberates),
    /// else it is run again on fresh state. Also the way to change the session's own columns.
    /// </summary>
    public JurySession ChangeSession()
    {
        var session = State.Session;
        if (Db.Entry(session).State == Microsoft.EntityFrameworkCore.EntityState.Detached)
        {
            Db.Sessions.Attach(session); // read with the state, as unchanged: its stamp then is the original value checked on save
            session.ConcurrencyStamp = Guid.NewGuid();
        }

        return session;
    }

    /// <summary>Refused (journaled) when <paramref name="rule"/>, a domain rule, is broken; its French message is the reason.</summary>
    public void Check(IBusinessRule rule, Guid? dossierId = null)
    {
        if (rule.IsBroken())
        {
            throw Refusal(rule.Message, dossierId);
        }
    }

    /// <summary>R9: refused unless the acting member is the session's president.</summary>
    public void EnsurePresident() => Check(new ActionReservedToThePresidentRule(State.Session.PresidentMemberId, MemberId));

    /// <summary>Refused unless the acting member may chair this dossier (<see cref="RoomState.ChairOf"/>), never a member excluded from it (R10.2).</summary>
    public void EnsureMayChair(DossierEntity dossier, Panel panel)
    {
        if (State.Session.PresidentMemberId is null)
        {
            Check(new ActionReservedToThePresidentRule(null, MemberId), dossier.Id); // R9: no president, no chair
        }

        if (State.IsExcluded(MemberId, dossier))
        {
            throw Refusal("Vous ne participez pas à la délibération sur ce dossier (conflit d'intérêts ou retrait) : cette action vous est refusée.", dossier.Id);
        }

        var chair = State.ChairOf(dossier, panel);
        if (chair is not null && chair != MemberId)
        {
            throw Refusal("Cette action est réservée au président de séance pour ce dossier.", dossier.Id);
        }

        if (chair is null && !State.HasDeclared(MemberId, dossier))
        {
            throw Refusal("Déclarez d'abord vos liens d'intérêts pour ce dossier.", dossier.Id);
        }
    }
}

/// <summary>The services every command may use, given by the pipeline.</summary>
internal sealed record RoomCommandServices(TimeProvider Clock, ReferentialCatalog Catalog, PresenceRegistry Presence, IServiceScopeFactory ScopeFactory);

/// <summary>A command refused by authorization (<see cref="RoomCommandContext.Refusal"/>); the pipeline journals it.</summary>
#pragma warning disable CA1032, CA1064 // internal signal between a command and its pipeline, never seen outside
internal sealed class RoomRefusal(string reason, Guid? dossierId) : Exception(reason)
#pragma warning restore CA1032, CA1064
{
    public Guid? DossierId { get; } = dossierId;
}
