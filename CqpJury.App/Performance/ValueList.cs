using System.Collections;
using System.Runtime.CompilerServices;

// In Performance/ with the other savings (README.md); in the room services' namespace, whose views use it.
namespace CqpJury.App.Services.Room;

/// <summary>
/// A read-only list equal to another with the same items in the same order. A room view whose lists are value
/// lists is equal to the same view read again (records compare their members with <c>Equals</c>): the room's
/// parts see that nothing they show changed after a vote and do not render again (<see cref="Components.Pages.Room.RoomPart"/>).
/// </summary>
[CollectionBuilder(typeof(ValueList), nameof(ValueList.Create))]
public sealed class ValueList<T> : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    private readonly T[] _items;

    private ValueList(T[] items) => _items = items;

    private static readonly ValueList<T> Empty = new([]);

    public int Count => _items.Length;

    public T this[int index] => _items[index];

    internal static ValueList<T> Of(T[] items) => items.Length == 0 ? Empty : new(items);

    public bool Equals(ValueList<T>? other) =>
        ReferenceEquals(this, other) || (other is not null && _items.AsSpan().SequenceEqual(other._items, EqualityComparer<T>.Default));

    public override bool Equals(object? obj) => Equals(obj as ValueList<T>);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in _items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>Builds <see cref="ValueList{T}"/>s.</summary>
public static class ValueList
{
    /// <summary>For collection expressions (<c>[]</c>, <c>[a, b]</c>).</summary>
    public static ValueList<T> Create<T>(ReadOnlySpan<T> items) => ValueList<T>.Of(items.ToArray());

    /// <summary>The items, in their order, as a value list.</summary>
    public static ValueList<T> ToValueList<T>(this IEnumerable<T> items) => ValueList<T>.Of(items.ToArray());
}
