using System.Collections.Concurrent;
using System.Diagnostics;
using CqpJury.App.Data;
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
/// Readings are held weakly: they live while pages use them, nothing stays per session.
/// </summary>
public sealed class RoomReads(IDbContextFactory<CqpJuryDbContext> dbFactory, PresenceRegistry presence)
{
    private const int SweepEvery = 256;
    private readonly Dictionary<Guid, Entry> _latest = []; // under _gate
    private readonly Lock _gate = new();
    private int _started;

    /// <summary>Readings started (for tests: how many times the room was read).</summary>
    public int ReadingsStarted => Volatile.Read(ref _started);

    /// <summary>
    /// A reading of <paramref name="sessionId"/>'s room started at or after <paramref name="notBefore"/>
    /// (a <see cref="Stopwatch.GetTimestamp"/> value): the one in progress or just finished if it
    /// started late enough, else a new one.
    /// </summary>
    public Task<RoomReading> ReadAsync(Guid sessionId, long notBefore)
    {
        lock (_gate)
        {
            if (_latest.TryGetValue(sessionId, out var latest) && latest.StartedAt >= notBefore
                && latest.Reading.TryGetTarget(out var shared) && !shared.IsFaulted && !shared.IsCanceled)
            {
                return shared;
            }

            var startedAt = Stopwatch.GetTimestamp();
            var reading = Task.Run(() => LoadAsync(sessionId, startedAt));
            _latest[sessionId] = new Entry(startedAt, new WeakReference<Task<RoomReading>>(reading));
            if (Interlocked.Increment(ref _started) % SweepEvery == 0)
            {
                Sweep();
            }

            return reading;
        }
    }

    private async Task<RoomReading> LoadAsync(Guid sessionId, long startedAt)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var state = await RoomState.LoadAsync(db, sessionId, presence.PresentMembers(sessionId), CancellationToken.None);
        return new RoomReading(state, startedAt);
    }

    private void Sweep()
    {
        foreach (var id in _latest.Where(e => !e.Value.Reading.TryGetTarget(out _)).Select(e => e.Key).ToList())
        {
            _latest.Remove(id);
        }
    }

    private sealed record Entry(long StartedAt, WeakReference<Task<RoomReading>> Reading);
}

/// <summary>
/// One reading of a session's room: its state, and per dossier what a participant's view is built
/// from (content and deliberation), each read at most once, when a participant first asks for it.
/// </summary>
public sealed class RoomReading
{
    private readonly ConcurrentDictionary<Guid, Lazy<Task<DossierReading>>> _dossiers = new();

    internal RoomReading(RoomState state, long startedAt)
    {
        State = state;
        StartedAt = startedAt;
    }

    internal RoomState State { get; }

    /// <summary>When the reading started (<see cref="Stopwatch.GetTimestamp"/>): it shows every change committed before.</summary>
    public long StartedAt { get; }

    /// <summary>The dossiers whose content and deliberation this reading has read (for a participant).</summary>
    public IReadOnlyCollection<Guid> DossiersRead => [.. _dossiers.Keys];

    /// <summary>The dossier's reading, loaded by <paramref name="load"/> the first time (failures are not kept).</summary>
    internal async Task<DossierReading> DossierAsync(Guid dossierId, Func<Guid, Task<DossierReading>> load)
    {
        var lazy = _dossiers.GetOrAdd(dossierId, id => new Lazy<Task<DossierReading>>(() => load(id)));
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
}
