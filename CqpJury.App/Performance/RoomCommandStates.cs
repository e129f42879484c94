using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using Microsoft.EntityFrameworkCore;

// In Performance/ with the other savings (README.md); in the room services' namespace, which uses it.
namespace CqpJury.App.Services.Room;

/// <summary>
/// The room state a deliberation command (a vote, a proposal, a signature…) starts from, kept per session on this
/// instance between commands (work per vote: Performance/README.md). A command read the whole room (seven queries), the
/// dossier's hearings (two) and its content (six) at each vote, though a vote changes neither. Now it reads the
/// session's row and its deliberation rows; the rest of the room — members and their links, agenda, declarations,
/// stand-asides, presidency — and what the dossiers' deliberations rest on, their subjects and hearings (<see
/// cref="RoomState.DeliberationBasisAsync"/>), are kept from the session's last full reading as long as the session's
/// concurrency stamp is the one just read. Every change of what is kept renews that stamp in the same transaction: the
/// room's commands that change who deliberates, the presidency, the current dossier or the session
/// (<c>RoomCommandContext.ChangeSession</c>), and the secretariat's changes of a convened member
/// (<c>JuryMemberService</c>); the agenda and its dossiers are read-only while the session is open. So another
/// instance's change is seen at the next command without waiting for its event. Presence is the registry's, now; the
/// deliberation's own rows and facts and the acting account are read fresh as before. A command run again after a
/// concurrent change (<c>RoomCommandPipeline</c>) reads everything.
/// </summary>
public sealed class RoomCommandStates(TimeProvider clock)
{
    /// <summary>How long a session's state is kept after its last command.</summary>
    public static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(5);

    private readonly Dictionary<Guid, Kept> _kept = []; // under _gate
    private readonly Lock _gate = new();
    private int _fullReads;

    /// <summary>Full readings of a room by deliberation commands (for tests).</summary>
    public int FullReads => Volatile.Read(ref _fullReads);

    /// <summary>
    /// The room state of <paramref name="sessionId"/> for a deliberation command in <paramref name="db"/>: the kept
    /// one with the session's row and deliberations read again when the session's stamp has not moved, else (or when
    /// <paramref name="fresh"/>) the whole room read again and kept.
    /// </summary>
    internal async Task<RoomState> LoadAsync(CqpJuryDbContext db, Guid sessionId, IReadOnlySet<Guid> presentNow, bool fresh, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        Kept? kept = null;
        if (!fresh)
        {
            lock (_gate)
            {
                if (_kept.TryGetValue(sessionId, out kept))
                {
                    kept.LastUsed = now;
                }
            }
        }

        if (kept is not null)
        {
            var session = await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken)
                ?? throw new UserFacingException("Cette session de jury n'existe pas.");
            if (session.ConcurrencyStamp == kept.Stamp)
            {
                return await kept.State.WithFreshSessionAsync(db, session, presentNow, cancellationToken);
            }
        }

        var state = await RoomState.LoadAsync(db, sessionId, presentNow, cancellationToken);
        Interlocked.Increment(ref _fullReads);
        lock (_gate)
        {
            Sweep(now);
            _kept[sessionId] = new Kept(state, state.Session.ConcurrencyStamp) { LastUsed = now };
        }

        return state;
    }

    /// <summary>Drops the states of the sessions with no command for <see cref="KeepFor"/> (under <c>_gate</c>).</summary>
    private void Sweep(DateTimeOffset now)
    {
        foreach (var (id, entry) in _kept)
        {
            if (now - entry.LastUsed > KeepFor)
            {
                _kept.Remove(id); // allowed while enumerating a Dictionary since .NET Core 3.0
            }
        }
    }

    /// <summary>A full reading and the session's stamp when it was read (a command may renew the stamp of the session it read: <c>ChangeSession</c>).</summary>
    private sealed record Kept(RoomState State, Guid Stamp)
    {
        public DateTimeOffset LastUsed { get; set; }
    }
}
