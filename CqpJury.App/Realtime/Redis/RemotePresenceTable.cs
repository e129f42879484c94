namespace CqpJury.App.Realtime.Redis;

/// <summary>
/// The presence reported by the other instances: the last snapshot of each origin and when it was
/// heard. An origin not heard from for the timeout (killed instance, broker unreachable) counts as
/// gone. Every change reports the (session, member) pairs whose remote presence flipped.
/// </summary>
internal sealed class RemotePresenceTable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Report> _reports = new(StringComparer.Ordinal);

    /// <summary>Records an origin's snapshot; an older one of the same run (overtaken on the wire) only proves the origin alive.</summary>
    public IReadOnlyList<PresencePair> Apply(string origin, Guid run, long sequence, IReadOnlyCollection<PresencePair> pairs, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (_reports.TryGetValue(origin, out var known) && known.Run == run && known.Sequence >= sequence)
            {
                _reports[origin] = known with { HeardAt = now };
                return [];
            }

            var before = UnionLocked();
            if (pairs.Count == 0)
            {
                _reports.Remove(origin); // an instance leaving says so with an empty snapshot
            }
            else
            {
                _reports[origin] = new Report(run, sequence, pairs.ToHashSet(), now);
            }

            return Flips(before, UnionLocked());
        }
    }

    /// <summary>Forgets the origins not heard from since <paramref name="now"/> − <paramref name="timeout"/>.</summary>
    public IReadOnlyList<PresencePair> Expire(DateTimeOffset now, TimeSpan timeout)
    {
        lock (_lock)
        {
            var stale = _reports.Where(kv => now - kv.Value.HeardAt >= timeout).Select(kv => kv.Key).ToList();
            if (stale.Count == 0)
            {
                return [];
            }

            var before = UnionLocked();
            foreach (var origin in stale)
            {
                _reports.Remove(origin);
            }

            return Flips(before, UnionLocked());
        }
    }

    public IReadOnlySet<Guid> Members(Guid sessionId)
    {
        lock (_lock)
        {
            return _reports.Values.SelectMany(r => r.Pairs).Where(p => p.SessionId == sessionId).Select(p => p.MemberId).ToHashSet();
        }
    }

    public bool Contains(Guid sessionId, Guid memberId)
    {
        var pair = new PresencePair(sessionId, memberId);
        lock (_lock)
        {
            return _reports.Values.Any(r => r.Pairs.Contains(pair));
        }
    }

    private HashSet<PresencePair> UnionLocked() => _reports.Values.SelectMany(r => r.Pairs).ToHashSet();

    private static List<PresencePair> Flips(HashSet<PresencePair> before, HashSet<PresencePair> after)
    {
        var flips = new List<PresencePair>(before.Except(after));
        flips.AddRange(after.Except(before));
        return flips;
    }

    private sealed record Report(Guid Run, long Sequence, HashSet<PresencePair> Pairs, DateTimeOffset HeardAt);
}
