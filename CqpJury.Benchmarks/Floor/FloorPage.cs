using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Components.Web;

namespace CqpJury.Benchmarks.Floor;

/// <summary>
/// Figure 11g's page: the smallest interactive server page shaped like a vote in the room. Five members of a group
/// each have a line in the group's tally; a click on the member's button counts one more for them, renders the
/// clicker's page while the action runs and once done (as the room's pages do, <c>Busy</c>), and re-renders the four
/// others (as the room's notifier does) — no database, no sign-in, no reading.
/// </summary>
[Route(Path)]
[FloorInteractiveServer]
public sealed class FloorPage : ComponentBase, IDisposable
{
    public const string Path = "/plancher";

    private IDisposable? _subscription;
    private bool _busy;

    [SupplyParameterFromQuery(Name = "groupe")]
    public int Group { get; set; }

    [SupplyParameterFromQuery(Name = "membre")]
    public string Member { get; set; } = "";

    [Inject]
    private FloorGroups Groups { get; set; } = default!;

    protected override void OnInitialized()
    {
        if (RendererInfo.IsInteractive)
        {
            _subscription = Groups.Subscribe(Group, Member, () => InvokeAsync(StateHasChanged));
        }
    }

    private async Task VoteAsync()
    {
        _busy = true;
        await Task.Yield(); // the page renders here with the button disabled, as a room page while its command runs
        Groups.Vote(Group, Member);
        _busy = false;
    }

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenElement(0, "main");
        builder.OpenElement(1, "ul");
        builder.AddAttribute(2, "data-testid", "tally");
        foreach (var (member, count) in Groups.Tally(Group))
        {
            builder.OpenElement(3, "li");
            builder.SetKey(member);
            builder.AddAttribute(4, "data-voter", member);
            builder.AddAttribute(5, "data-vote", count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.AddContent(6, $"{member} : {count}");
            builder.CloseElement();
        }

        builder.CloseElement();
        builder.OpenElement(7, "button");
        builder.AddAttribute(8, "type", "button");
        builder.AddAttribute(9, "data-testid", "floor-vote");
        builder.AddAttribute(10, "disabled", _busy || !RendererInfo.IsInteractive);
        builder.AddAttribute(11, "onclick", EventCallback.Factory.Create<MouseEventArgs>(this, VoteAsync));
        builder.AddContent(12, "Voter");
        builder.CloseElement();
        builder.CloseElement();
    }

    public void Dispose() => _subscription?.Dispose();
}

/// <summary>The floor's render mode (what <c>@rendermode InteractiveServer</c> on a Razor page compiles to).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class FloorInteractiveServerAttribute : RenderModeAttribute
{
    public override IComponentRenderMode Mode => RenderMode.InteractiveServer;
}

/// <summary>The floor's HTML document: a router for <see cref="FloorPage"/>, nothing else (no script: the load client needs none).</summary>
public sealed class FloorDocument : ComponentBase
{
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.AddMarkupContent(0, "<!DOCTYPE html>");
        builder.OpenElement(1, "html");
        builder.AddAttribute(2, "lang", "fr");
        builder.AddMarkupContent(3, "<head><meta charset=\"utf-8\"><title>Plancher</title></head>");
        builder.OpenElement(4, "body");
        builder.OpenComponent<Router>(5);
        builder.AddComponentParameter(6, nameof(Router.AppAssembly), typeof(FloorPage).Assembly);
        builder.AddComponentParameter(7, nameof(Router.Found), (RenderFragment<RouteData>)(route => inner =>
        {
            inner.OpenComponent<RouteView>(0);
            inner.AddComponentParameter(1, nameof(RouteView.RouteData), route);
            inner.CloseComponent();
        }));
        builder.CloseComponent();
        builder.CloseElement();
        builder.CloseElement();
    }
}

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
