using System.Collections.Concurrent;

namespace CqpJury.App.Components.Pages.Room;

/// <summary>
/// Texts that every member's page shows alike (a competence's result, a member's seat and presence), built once
/// and shared by all the pages' render trees instead of one string per page and per render (issue 6: memory per
/// connected member). Bounded: past <c>capacity</c> keys a text is built and not kept.
/// </summary>
public sealed class TextCache<TKey>(int capacity)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, string> _texts = new();

    public int Count => _texts.Count;

    public string Get(TKey key, Func<TKey, string> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        if (_texts.TryGetValue(key, out var text))
        {
            return text;
        }

        text = build(key);
        return _texts.Count < capacity ? _texts.GetOrAdd(key, text) : text;
    }
}
