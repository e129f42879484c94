using System.Collections.Concurrent;

namespace CqpJury.Benchmarks.Floor;

/// <summary>The groups' tallies and their pages, in memory: what the room's database and notifier are to a vote, at no cost.</summary>
public sealed class FloorGroups
{
    private readonly ConcurrentDictionary<int, Group> _groups = new();

    public IReadOnlyList<(string Member, int Count)> Tally(int group)
    {
        var g = _groups.GetOrAdd(group, _ => new Group());
        lock (g)
        {
            return [.. g.Counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => (c.Key, c.Value))];
        }
    }

    public IDisposable Subscribe(int group, string member, Func<Task> changed)
    {
        var g = _groups.GetOrAdd(group, _ => new Group());
        var page = new Page(member, changed);
        lock (g)
        {
            g.Counts.TryAdd(member, 0);
            g.Pages.Add(page);
        }

        Notify(g, member);
        return new Unsubscriber(g, page);
    }

    /// <summary>One more for <paramref name="member"/>; the group's other pages re-render.</summary>
    public void Vote(int group, string member)
    {
        var g = _groups.GetOrAdd(group, _ => new Group());
        lock (g)
        {
            g.Counts[member] = g.Counts.GetValueOrDefault(member) + 1;
        }

        Notify(g, member);
    }

    private static void Notify(Group g, string except)
    {
        Page[] pages;
        lock (g)
        {
            pages = [.. g.Pages.Where(p => p.Member != except)];
        }

        foreach (var page in pages)
        {
            _ = page.Changed();
        }
    }

    private sealed class Group
    {
        public Dictionary<string, int> Counts { get; } = new(StringComparer.Ordinal);

        public List<Page> Pages { get; } = [];
    }

    private sealed record Page(string Member, Func<Task> Changed);

    private sealed class Unsubscriber(Group group, Page page) : IDisposable
    {
        public void Dispose()
        {
            lock (group)
            {
                group.Pages.Remove(page);
            }
        }
    }
}
