using System.Collections.Concurrent;
using System.Diagnostics;
using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using CqpJury.App.Realtime;
using Microsoft.EntityFrameworkCore;

// In Performance/ with the other savings (README.md); in the room services' namespace, which uses it.
namespace CqpJury.App.Services.Room;

/// <summary>
/// One read of a session's room for all the pages that reload for the same event (work per
/// vote: Performance/README.md). When a member votes, the five pages of the session reload at the same moment; each used to
/// read the room's state, the dossier's content and the deliberation's facts itself, five times the
/// same rows. A page now asks for a reading that started after what it must see — the event it
/// reacts to (<see cref="RoomEvent.DeliveredAt"/>: the change was committed before it was published),
/// or its own command's commit, or now — and shares the one in progress or just finished when it
/// started late enough; otherwise a new one is read. Only the reads are shared: what each member may
/// see is still decided per member from them (R10.2), and the dossier's content is read only when a
/// participant asks for it (<see cref="RoomReading.DossierAsync"/>).
/// A page reloading after a deliberation's change (a vote, a proposal, a signature…: such commands write
/// the deliberation's rows and facts only) reads only what changed: the last finished reading's room is kept
/// with the session's deliberation rows read again, and the dossiers' contents are kept (their deliberations
/// are replayed anew). Any other change (presence, presidency, declarations, current dossier, closing…)
/// reads everything again: a reading says how fresh its room is (<see cref="RoomReading.StructureAt"/>) apart
/// from its deliberations (<see cref="RoomReading.StartedAt"/>).
/// The latest reading of each session is kept (<see cref="KeepFor"/> after its last use): between two votes no page
/// holds it any more, and a reading held weakly was collected by then — the next vote read the whole room again.
/// </summary>
public sealed class RoomReads(IDbContextFactory<CqpJuryDbContext> dbFactory, PresenceRegistry presence, TimeProvider clock)
{
    /// <summary>How long a session's latest reading is kept after a page last asked for one (a room in use asks at every event).</summary>
    public static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(5);

    private readonly Dictionary<Guid, Entry> _latest = []; // under _gate
    private readonly Lock _gate = new();
    private int _started;
    private int _refreshed;

    /// <summary>Readings started (for tests: how many times the room was read).</summary>
    public int ReadingsStarted => Volatile.Read(ref _started);

    /// <summary>Of <see cref="ReadingsStarted"/>, those that read the deliberations only (for tests).</summary>
    public int DeliberationRefreshes => Volatile.Read(ref _refreshed);

    /// <summary>
    /// A reading of <paramref name="sessionId"/>'s room started at or after <paramref name="notBefore"/>
    /// (a <see cref="Stopwatch.GetTimestamp"/> value): the one in progress or just finished if it
    /// started late enough, else a new one. <paramref name="deliberationsOnly"/>: only deliberations changed
    /// since <paramref name="notBefore"/> (a deliberation command's event, or the page's own deliberation command).
    /// </summary>
    public Task<RoomReading> ReadAsync(Guid sessionId, long notBefore, bool deliberationsOnly = false)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            var latest = _latest.TryGetValue(sessionId, out var entry) && entry.Reading is { IsFaulted: false, IsCanceled: false } task
                ? task
                : null;
            if (latest is not null && entry!.StartedAt >= notBefore && (deliberationsOnly || entry.StructureAt >= notBefore))
            {
                entry.LastUsed = now;
                return latest;
            }

            var startedAt = Stopwatch.GetTimestamp();
            Task<RoomReading> reading;
            long structureAt;
            if (deliberationsOnly && latest is not null)
            {
                // From the latest reading, finished or still in progress (the voter's own page reloads at the commit,
                // a moment before the other pages get the event): its room, with the deliberations read again.
                structureAt = entry!.StructureAt;
                reading = Task.Run(() => RefreshDeliberationsAsync(latest, sessionId, startedAt));
                Interlocked.Increment(ref _refreshed);
            }
            else
            {
                structureAt = startedAt;
                reading = Task.Run(() => LoadAsync(sessionId, startedAt));
            }

            Sweep(now);
            _latest[sessionId] = new Entry(startedAt, structureAt, reading) { LastUsed = now };
            Interlocked.Increment(ref _started);

            return reading;
        }
    }

    private async Task<RoomReading> LoadAsync(Guid sessionId, long startedAt)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var state = await RoomState.LoadAsync(db, sessionId, presence.PresentMembers(sessionId), CancellationToken.None);
        return new RoomReading(state, startedAt, startedAt, new Dictionary<Guid, DossierContentRead>());
    }

    private async Task<RoomReading> RefreshDeliberationsAsync(Task<RoomReading> reading, Guid sessionId, long startedAt)
    {
        RoomReading previous;
        try
        {
            previous = await reading;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The reading it would start from failed (its page got the error): this one reads the whole room.
            return await LoadAsync(sessionId, startedAt);
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        var state = await previous.State.WithFreshDeliberationsAsync(db, CancellationToken.None);
        return new RoomReading(state, startedAt, previous.StructureAt, previous.ContentsRead());
    }

    /// <summary>Drops the readings of the sessions nobody read for <see cref="KeepFor"/> (under <c>_gate</c>).</summary>
    private void Sweep(DateTimeOffset now)
    {
        foreach (var (id, entry) in _latest)
        {
            if (now - entry.LastUsed > KeepFor)
            {
                _latest.Remove(id); // allowed while enumerating a Dictionary since .NET Core 3.0
            }
        }
    }

    /// <summary>Sessions whose latest reading is kept (for tests).</summary>
    public int SessionsKept
    {
        get
        {
            lock (_gate)
            {
                return _latest.Count;
            }
        }
    }

    private sealed record Entry(long StartedAt, long StructureAt, Task<RoomReading> Reading)
    {
        public DateTimeOffset LastUsed { get; set; }
    }
}

/// <summary>A dossier's content as a reading read it: the entity, what a proposal is checked against (for the deliberation's replay and the chair's preview) and the participants' view.</summary>
internal sealed record DossierContentRead(DossierEntity Full, DossierContent Content, Domain.Deliberations.DeliberationSubject Subject);

/// <summary>
/// One reading of a session's room: its state, and per dossier what a participant's view is built
/// from (content and deliberation), each read at most once, when a participant first asks for it.
/// </summary>
public sealed class RoomReading
{
    private readonly ConcurrentDictionary<Guid, Lazy<Task<DossierReading>>> _dossiers = new();

    /// <summary>Contents read by the reading this one refreshes (deliberation commands never change a content).</summary>
    private readonly IReadOnlyDictionary<Guid, DossierContentRead> _knownContents;

    internal RoomReading(RoomState state, long startedAt, long structureAt, IReadOnlyDictionary<Guid, DossierContentRead> knownContents)
    {
        State = state;
        StartedAt = startedAt;
        StructureAt = structureAt;
        _knownContents = knownContents;
    }

    internal RoomState State { get; }

    /// <summary>When the reading started (<see cref="Stopwatch.GetTimestamp"/>): its deliberations show every change committed before.</summary>
    public long StartedAt { get; }

    /// <summary>When the rest of its room (members, presence, agenda, declarations…) was read: the same as <see cref="StartedAt"/>, or earlier for a reading that refreshed the deliberations only.</summary>
    public long StructureAt { get; }

    /// <summary>The dossiers whose content and deliberation this reading has read (for a participant).</summary>
    public IReadOnlyCollection<Guid> DossiersRead => [.. _dossiers.Keys];

    /// <summary>
    /// The dossier's reading, loaded by <paramref name="load"/> the first time (failures are not kept), given
    /// the dossier's content when an earlier reading already read it.
    /// </summary>
    internal async Task<DossierReading> DossierAsync(Guid dossierId, Func<Guid, DossierContentRead?, Task<DossierReading>> load)
    {
        var lazy = _dossiers.GetOrAdd(dossierId, id => new Lazy<Task<DossierReading>>(() => load(id, _knownContents.GetValueOrDefault(id))));
        try
        {
            return await lazy.Value;
        }
        catch
        {
            _dossiers.TryRemove(new KeyValuePair<Guid, Lazy<Task<DossierReading>>>(dossierId, lazy));
            throw;
        }
    }

    /// <summary>The contents this reading knows (read by it, or kept from the reading it refreshed), for the next refresh.</summary>
    internal Dictionary<Guid, DossierContentRead> ContentsRead()
    {
        var contents = new Dictionary<Guid, DossierContentRead>(_knownContents);
        foreach (var (id, lazy) in _dossiers)
        {
            if (lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully)
            {
                var read = lazy.Value.Result;
                contents[id] = new DossierContentRead(read.Full, read.Content, read.Subject);
            }
        }

        return contents;
    }
}
