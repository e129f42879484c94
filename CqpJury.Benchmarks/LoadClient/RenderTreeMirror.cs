namespace CqpJury.Benchmarks.LoadClient;

/// <summary>A node of the client's mirror of the page (the logical tree blazor.web.js keeps over the DOM).</summary>
public abstract class MirrorNode
{
    public MirrorContainer? Parent { get; internal set; }
}

/// <summary>A node with logical children: an element, or a component's place in its parent.</summary>
public abstract class MirrorContainer : MirrorNode
{
    public List<MirrorNode> Children { get; } = [];

    /// <summary>Elements below this node, depth first, through components.</summary>
    public IEnumerable<MirrorElement> Descendants()
    {
        foreach (var child in Children)
        {
            if (child is MirrorElement element)
            {
                yield return element;
            }

            if (child is MirrorContainer container)
            {
                foreach (var below in container.Descendants())
                {
                    yield return below;
                }
            }
        }
    }

    /// <summary>An indented outline of this node's subtree (elements with their attributes and handlers, components, texts): for failure messages.</summary>
    public string Outline()
    {
        var text = new System.Text.StringBuilder();
        void Write(MirrorNode node, int depth)
        {
            var indent = new string(' ', depth * 2);
            switch (node)
            {
                case MirrorElement e:
                    text.Append(indent).Append(e).Append(e.Handlers.Count > 0 ? " on:" + string.Join(',', e.Handlers.Keys) : "").AppendLine();
                    break;
                case MirrorComponent c:
                    text.Append(indent).Append("[component ").Append(c.ComponentId).AppendLine("]");
                    break;
                case MirrorText t:
                    text.Append(indent).Append('"').Append(t.Content.Trim()).AppendLine("\"");
                    break;
                case MirrorMarkup:
                    text.Append(indent).AppendLine("[markup]");
                    break;
            }

            if (node is MirrorContainer container)
            {
                foreach (var child in container.Children)
                {
                    Write(child, depth + 1);
                }
            }
        }

        Write(this, 0);
        return text.ToString();
    }

    /// <summary>The text of the text nodes below this node, concatenated.</summary>
    public string Text() => string.Concat(Children.Select(c => c switch
    {
        MirrorText t => t.Content,
        MirrorContainer n => n.Text(),
        _ => "",
    }));
}

public sealed class MirrorElement(string name) : MirrorContainer
{
    public string Name { get; } = name;

    public Dictionary<string, string> Attributes { get; } = new(StringComparer.Ordinal);

    /// <summary>Event name ("click", "change") → the server's event handler id and the component that rendered it.</summary>
    public Dictionary<string, (ulong HandlerId, int ComponentId)> Handlers { get; } = new(StringComparer.Ordinal);

    public string? this[string attribute] => Attributes.TryGetValue(attribute, out var value) ? value : null;

    /// <summary>As a browser would not act on it: the disabled attribute, or aria-disabled="true".</summary>
    public bool IsDisabled => Attributes.ContainsKey("disabled") || this["aria-disabled"] == "true";

    public override string ToString() => $"<{Name} {string.Join(' ', Attributes.Select(a => $"{a.Key}=\"{a.Value}\""))}>";
}

/// <summary>Where a component's output goes (blazor.web.js's logical container).</summary>
public sealed class MirrorComponent(int componentId) : MirrorContainer
{
    public int ComponentId { get; } = componentId;
}

public sealed class MirrorText(string content) : MirrorNode
{
    public string Content { get; set; } = content;
}

/// <summary>
/// A markup frame (static HTML, one logical child as in blazor.web.js): its HTML, and the elements parsed from it
/// (<see cref="MarkupParser"/>) as children, so that queries find e.g. a constant data-testid in it. Nothing in it
/// has an event handler.
/// </summary>
public sealed class MirrorMarkup : MirrorContainer
{
    public MirrorMarkup(string html)
    {
        Html = html;
        MarkupParser.ParseInto(html, this);
    }

    public string Html { get; }
}

/// <summary>
/// The client's copy of the page rendered by the circuit: render batches applied to it as blazor.web.js's
/// BrowserRenderer applies them to the DOM (same edit semantics: logical children, regions flattened into their
/// parent, components as logical containers). Enough to find elements by attribute and read their event handler ids.
/// Not thread-safe: the circuit client applies batches and runs queries under its own lock.
/// </summary>
public sealed class RenderTreeMirror
{
    private readonly Dictionary<int, MirrorComponent> _components = [];

    /// <summary>The root components attached by the server (JS.AttachComponent), in order.</summary>
    public MirrorComponent Document { get; } = new(-1);

    public int ComponentCount => _components.Count;

    /// <summary>A root component: the server's component id for the page's SSR component (its selector).</summary>
    public void AttachRoot(int componentId)
    {
        var root = Component(componentId);
        if (root.Parent is null)
        {
            root.Parent = Document;
            Document.Children.Add(root);
        }
    }

    public void Apply(RenderBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        foreach (var diff in batch.Diffs)
        {
            ApplyEdits(batch, Component(diff.ComponentId), diff);
        }

        foreach (var id in batch.DisposedComponentIds)
        {
            _components.Remove(id);
        }
    }

    public IEnumerable<MirrorElement> Elements() => Document.Descendants();

    /// <summary>The first element with <c>data-testid</c> = <paramref name="testId"/> (below <paramref name="within"/> if given), or null.</summary>
    public MirrorElement? ByTestId(string testId, MirrorContainer? within = null) =>
        (within ?? Document).Descendants().FirstOrDefault(e => e["data-testid"] == testId);

    public IEnumerable<MirrorElement> AllByTestId(string testId) => Document.Descendants().Where(e => e["data-testid"] == testId);

    /// <summary>The first element with id = <paramref name="id"/>, or null.</summary>
    public MirrorElement? ById(string id) => Document.Descendants().FirstOrDefault(e => e["id"] == id);

    private MirrorComponent Component(int id)
    {
        if (!_components.TryGetValue(id, out var component))
        {
            component = new MirrorComponent(id);
            _components[id] = component;
        }

        return component;
    }

    private void ApplyEdits(RenderBatch batch, MirrorComponent component, ComponentDiff diff)
    {
        MirrorContainer parent = component;
        var depth = 0;
        var childIndexAtDepth = 0;
        List<(int From, int To)>? permutation = null;
        foreach (var edit in diff.Edits)
        {
            var index = childIndexAtDepth + edit.SiblingIndex;
            switch (edit.Type)
            {
                case EditType.PrependFrame:
                    InsertFrame(batch, diff.ComponentId, parent, index, edit.ReferenceFrameIndex);
                    break;
                case EditType.RemoveFrame:
                    RemoveChild(parent, index);
                    break;
                case EditType.SetAttribute:
                    ApplyAttribute(Child<MirrorElement>(parent, index, edit), diff.ComponentId, batch.ReferenceFrames[edit.ReferenceFrameIndex]);
                    break;
                case EditType.RemoveAttribute:
                    RemoveAttribute(Child<MirrorElement>(parent, index, edit), edit.RemovedAttributeName!);
                    break;
                case EditType.UpdateText:
                    Child<MirrorText>(parent, index, edit).Content = batch.ReferenceFrames[edit.ReferenceFrameIndex].Value ?? "";
                    break;
                case EditType.UpdateMarkup:
                    RemoveChild(parent, index);
                    Insert(parent, index, new MirrorMarkup(batch.ReferenceFrames[edit.ReferenceFrameIndex].Value ?? ""));
                    break;
                case EditType.StepIn:
                    parent = Child<MirrorContainer>(parent, index, edit);
                    depth++;
                    childIndexAtDepth = 0;
                    break;
                case EditType.StepOut:
                    parent = parent.Parent ?? throw new InvalidDataException($"Component {diff.ComponentId}: step out of the root.");
                    depth--;
                    childIndexAtDepth = 0;
                    break;
                case EditType.PermutationListEntry:
                    (permutation ??= []).Add((index, childIndexAtDepth + edit.ReferenceFrameIndex));
                    break;
                case EditType.PermutationListEnd:
                    Permute(parent, permutation ?? []);
                    permutation = null;
                    break;
                default:
                    throw new InvalidDataException($"Component {diff.ComponentId}: unknown edit type {(int)edit.Type}.");
            }
        }

        if (depth != 0)
        {
            throw new InvalidDataException($"Component {diff.ComponentId}: the edits end {depth} level(s) below the component.");
        }
    }

    /// <summary>Inserts the frame and its descendants; returns how many logical children it added (0 or 1, or a region's count).</summary>
    private int InsertFrame(RenderBatch batch, int componentId, MirrorContainer parent, int childIndex, int frameIndex)
    {
        var frame = batch.ReferenceFrames[frameIndex];
        switch (frame.Type)
        {
            case FrameType.Element:
                var element = new MirrorElement(frame.Name ?? "");
                Insert(parent, childIndex, element);
                var end = frameIndex + frame.SubtreeLength;
                for (var i = frameIndex + 1; i < end; i++)
                {
                    var descendant = batch.ReferenceFrames[i];
                    if (descendant.Type == FrameType.Attribute)
                    {
                        ApplyAttribute(element, componentId, descendant);
                    }
                    else
                    {
                        InsertRange(batch, componentId, element, 0, i, end);
                        break;
                    }
                }

                return 1;
            case FrameType.Text:
                Insert(parent, childIndex, new MirrorText(frame.Value ?? ""));
                return 1;
            case FrameType.Markup:
                Insert(parent, childIndex, new MirrorMarkup(frame.Value ?? ""));
                return 1;
            case FrameType.Component:
                var child = Component(frame.ComponentId);
                child.Parent?.Children.Remove(child);
                Insert(parent, childIndex, child);
                return 1;
            case FrameType.Region:
                return InsertRange(batch, componentId, parent, childIndex, frameIndex + 1, frameIndex + frame.SubtreeLength);
            case FrameType.Attribute:
                throw new InvalidDataException($"Component {componentId}: an attribute frame inserted as a child.");
            default:
                return 0; // element/component references, render modes, named events: nothing in the page
        }
    }

    private int InsertRange(RenderBatch batch, int componentId, MirrorContainer parent, int childIndex, int start, int endExclusive)
    {
        var first = childIndex;
        for (var i = start; i < endExclusive; i++)
        {
            var frame = batch.ReferenceFrames[i];
            childIndex += InsertFrame(batch, componentId, parent, childIndex, i);
            if (frame.Type is FrameType.Element or FrameType.Component or FrameType.Region)
            {
                i += frame.SubtreeLength - 1; // its descendants are inserted with it
            }
        }

        return childIndex - first;
    }

    private static void ApplyAttribute(MirrorElement element, int componentId, Frame frame)
    {
        var name = frame.Name ?? throw new InvalidDataException("An attribute frame without a name.");
        if (frame.EventHandlerId != 0)
        {
            element.Handlers[name.StartsWith("on", StringComparison.Ordinal) ? name[2..] : name] = (frame.EventHandlerId, componentId);
            return;
        }

        if (frame.Value is null)
        {
            element.Attributes.Remove(name);
        }
        else
        {
            element.Attributes[name] = frame.Value;
        }
    }

    private static void RemoveAttribute(MirrorElement element, string name)
    {
        if (!element.Attributes.Remove(name) && name.StartsWith("on", StringComparison.Ordinal))
        {
            element.Handlers.Remove(name[2..]);
        }
    }

    private static void Insert(MirrorContainer parent, int index, MirrorNode node)
    {
        if (index < 0 || index > parent.Children.Count)
        {
            throw new InvalidDataException($"Insert at {index} in a node of {parent.Children.Count} children.");
        }

        node.Parent = parent;
        parent.Children.Insert(index, node);
    }

    private static void RemoveChild(MirrorContainer parent, int index)
    {
        if (index < 0 || index >= parent.Children.Count)
        {
            throw new InvalidDataException($"Remove at {index} in a node of {parent.Children.Count} children.");
        }

        parent.Children[index].Parent = null;
        parent.Children.RemoveAt(index);
    }

    private static T Child<T>(MirrorContainer parent, int index, Edit edit)
        where T : MirrorNode =>
        index >= 0 && index < parent.Children.Count && parent.Children[index] is T child
            ? child
            : throw new InvalidDataException($"{edit.Type} at {index}: no {typeof(T).Name} there ({parent.Children.Count} children).");

    private static void Permute(MirrorContainer parent, List<(int From, int To)> moves)
    {
        var before = parent.Children.ToArray();
        foreach (var (from, to) in moves)
        {
            parent.Children[to] = before[from];
        }
    }
}
