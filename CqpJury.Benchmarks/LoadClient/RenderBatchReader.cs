using System.Buffers.Binary;
using System.Text;

namespace CqpJury.Benchmarks.LoadClient;

/// <summary>Frame types of the render batch (Microsoft.AspNetCore.Components.RenderTree.RenderTreeFrameType).</summary>
public enum FrameType
{
    None = 0,
    Element = 1,
    Text = 2,
    Attribute = 3,
    Component = 4,
    Region = 5,
    ElementReferenceCapture = 6,
    ComponentReferenceCapture = 7,
    Markup = 8,
    ComponentRenderMode = 9,
    NamedEvent = 10,
}

/// <summary>Edit types of a component's diff (RenderTreeEditType).</summary>
public enum EditType
{
    PrependFrame = 1,
    RemoveFrame = 2,
    SetAttribute = 3,
    RemoveAttribute = 4,
    UpdateText = 5,
    StepIn = 6,
    StepOut = 7,
    UpdateMarkup = 8,
    PermutationListEntry = 9,
    PermutationListEnd = 10,
}

/// <summary>
/// One reference frame. <see cref="Name"/> is the element's or attribute's name, <see cref="Value"/> the attribute's
/// value (null: absent; "" for a boolean true), the text, the markup or the element reference's id.
/// </summary>
public readonly record struct Frame(FrameType Type, int SubtreeLength, int ComponentId, string? Name, string? Value, ulong EventHandlerId);

/// <summary>One edit; <see cref="ReferenceFrameIndex"/> is the move-to sibling index for a permutation entry.</summary>
public readonly record struct Edit(EditType Type, int SiblingIndex, int ReferenceFrameIndex, string? RemovedAttributeName);

public sealed record ComponentDiff(int ComponentId, IReadOnlyList<Edit> Edits);

/// <summary>A render batch as the server sends it in <c>JS.RenderBatch</c>.</summary>
public sealed record RenderBatch(
    IReadOnlyList<ComponentDiff> Diffs,
    IReadOnlyList<Frame> ReferenceFrames,
    IReadOnlyList<int> DisposedComponentIds,
    IReadOnlyList<ulong> DisposedEventHandlerIds);

/// <summary>
/// Reads the binary format of the server's RenderBatchWriter, as blazor.web.js's OutOfProcessRenderBatch does:
/// little-endian; the last 20 bytes are the offsets of the updated components, the reference frames, the disposed
/// component ids, the disposed event handler ids and the string table. Each of the first four is a count followed by
/// its entries (a diff's offset: 4 bytes; a frame: 20 bytes; a component id: 4; an event handler id: 8). A diff is
/// its component id then a count and 16-byte edits (type, sibling index, reference frame index, removed attribute
/// name). A frame is its type then 16 bytes whose meaning depends on it. Strings are indexes into the string table
/// (-1 = null), each entry the offset of a 7-bit-length-prefixed UTF-8 string.
/// </summary>
public static class RenderBatchReader
{
    private const int FrameSize = 20;
    private const int EditSize = 16;

    public static RenderBatch Read(ReadOnlySpan<byte> data)
    {
        if (data.Length < 20)
        {
            throw new InvalidDataException($"A render batch of {data.Length} bytes is shorter than its 20-byte trailer.");
        }

        var strings = new StringTable(data);
        var updated = Int(data, data.Length - 20);
        var references = Int(data, data.Length - 16);
        var disposedComponents = Int(data, data.Length - 12);
        var disposedHandlers = Int(data, data.Length - 8);

        var diffCount = Int(data, updated);
        var diffs = new List<ComponentDiff>(diffCount);
        for (var i = 0; i < diffCount; i++)
        {
            var diff = Int(data, updated + 4 + (4 * i));
            var componentId = Int(data, diff);
            var editCount = Int(data, diff + 4);
            var edits = new Edit[editCount];
            for (var e = 0; e < editCount; e++)
            {
                var at = diff + 8 + (EditSize * e);
                edits[e] = new Edit((EditType)Int(data, at), Int(data, at + 4), Int(data, at + 8), strings.Read(data, Int(data, at + 12)));
            }

            diffs.Add(new ComponentDiff(componentId, edits));
        }

        var frameCount = Int(data, references);
        var frames = new Frame[frameCount];
        for (var i = 0; i < frameCount; i++)
        {
            frames[i] = ReadFrame(data, references + 4 + (FrameSize * i), strings);
        }

        var componentCount = Int(data, disposedComponents);
        var components = new int[componentCount];
        for (var i = 0; i < componentCount; i++)
        {
            components[i] = Int(data, disposedComponents + 4 + (4 * i));
        }

        var handlerCount = Int(data, disposedHandlers);
        var handlers = new ulong[handlerCount];
        for (var i = 0; i < handlerCount; i++)
        {
            handlers[i] = BinaryPrimitives.ReadUInt64LittleEndian(data[(disposedHandlers + 4 + (8 * i))..]);
        }

        return new RenderBatch(diffs, frames, components, handlers);
    }

    private static Frame ReadFrame(ReadOnlySpan<byte> data, int at, StringTable strings)
    {
        var type = (FrameType)Int(data, at);
        return type switch
        {
            FrameType.Element => new Frame(type, Int(data, at + 4), 0, strings.Read(data, Int(data, at + 8)), null, 0),
            FrameType.Component => new Frame(type, Int(data, at + 4), Int(data, at + 8), null, null, 0),
            FrameType.Region => new Frame(type, Int(data, at + 4), 0, null, null, 0),
            FrameType.Attribute => new Frame(type, 0, 0, strings.Read(data, Int(data, at + 4)), strings.Read(data, Int(data, at + 8)), BinaryPrimitives.ReadUInt64LittleEndian(data[(at + 12)..])),
            FrameType.Text or FrameType.Markup or FrameType.ElementReferenceCapture => new Frame(type, 0, 0, null, strings.Read(data, Int(data, at + 4)), 0),
            _ => new Frame(type, 0, 0, null, null, 0),
        };
    }

    private static int Int(ReadOnlySpan<byte> data, int at)
    {
        if (at < 0 || at + 4 > data.Length)
        {
            throw new InvalidDataException($"Render batch offset {at} is outside its {data.Length} bytes.");
        }

        return BinaryPrimitives.ReadInt32LittleEndian(data[at..]);
    }

    /// <summary>The batch's strings, each decoded once (attribute names and values repeat across frames).</summary>
    private sealed class StringTable(ReadOnlySpan<byte> data)
    {
        private readonly int _start = Int(data, data.Length - 4);
        private readonly Dictionary<int, string> _decoded = [];

        public string? Read(ReadOnlySpan<byte> data, int index)
        {
            if (index == -1)
            {
                return null;
            }

            if (_decoded.TryGetValue(index, out var known))
            {
                return known;
            }

            var at = Int(data, _start + (4 * index));
            var length = 0;
            var shift = 0;
            int b;
            do
            {
                b = data[at++];
                length |= (b & 0x7F) << shift;
                shift += 7;
            }
            while (b >= 0x80 && shift < 35);

            var text = Encoding.UTF8.GetString(data.Slice(at, length));
            _decoded[index] = text;
            return text;
        }
    }
}
