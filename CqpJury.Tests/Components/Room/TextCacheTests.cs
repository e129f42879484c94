using CqpJury.App.Components.Pages.Room;

namespace CqpJury.Tests.Components.Room;

public sealed class TextCacheTests
{
    [Fact]
    public void A_text_is_built_once_per_key_and_the_same_instance_is_shared()
    {
        var cache = new TextCache<(string Seat, bool Present)>(capacity: 10);
        var builds = 0;
        string Build((string Seat, bool Present) key)
        {
            builds++;
            return $"{key.Seat} · {(key.Present ? "présent(e)" : "absent(e)")}";
        }

        var first = cache.Get(("Collège salariés", true), Build);
        var second = cache.Get(("Collège salariés", true), Build);
        var other = cache.Get(("Collège salariés", false), Build);

        Assert.Equal("Collège salariés · présent(e)", first);
        Assert.Same(first, second);
        Assert.Equal("Collège salariés · absent(e)", other);
        Assert.Equal(2, builds);
    }

    [Fact]
    public void Past_its_capacity_a_text_is_still_right_but_not_kept()
    {
        var cache = new TextCache<int>(capacity: 2);

        cache.Get(1, k => $"n° {k}");
        cache.Get(2, k => $"n° {k}");
        var third = cache.Get(3, k => $"n° {k}");
        var again = cache.Get(3, k => $"n° {k}");

        Assert.Equal("n° 3", third);
        Assert.NotSame(third, again);
        Assert.Equal(2, cache.Count);
    }
}
