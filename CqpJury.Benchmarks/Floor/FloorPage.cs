using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
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
