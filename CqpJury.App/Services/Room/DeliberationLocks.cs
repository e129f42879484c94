namespace CqpJury.App.Services.Room;

/// <summary>
/// Commands on one deliberation, within this instance, run one after the other: two members voting
/// at the same instant queue for a few milliseconds instead of both reading the same version and one
/// of them failing its commit and retrying. Across instances the deliberation's version (a
/// concurrency token) still guards, with the retry in <see cref="Commands.RoomCommandPipeline"/>. Singleton.
/// </summary>
public sealed class DeliberationLocks
{
    private readonly Dictionary<(Guid SessionId, Guid DossierId), Entry> _entries = [];

    /// <summary>Deliberations with a command running or waiting now (0 when the room is idle: nothing is kept).</summary>
    public int ActiveCount
    {
        get
        {
            lock (_entries)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Waits for the deliberation's turn; dispose the result to let the next command in.</summary>
    public async Task<IDisposable> EnterAsync(Guid sessionId, Guid dossierId)
    {
        Entry entry;
        lock (_entries)
        {
            if (!_entries.TryGetValue((sessionId, dossierId), out entry!))
            {
                entry = _entries[(sessionId, dossierId)] = new Entry();
            }

            entry.Users++;
        }

        await entry.Gate.WaitAsync();
        return new Turn(this, (sessionId, dossierId), entry);
    }

    private void Leave((Guid, Guid) key, Entry entry)
    {
        entry.Gate.Release();
        lock (_entries)
        {
            if (--entry.Users == 0)
            {
                _entries.Remove(key);
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public int Users { get; set; }
    }

    private sealed class Turn(DeliberationLocks owner, (Guid, Guid) key, Entry entry) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Leave(key, entry);
            }
        }
    }
}
