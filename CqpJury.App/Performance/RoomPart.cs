using Microsoft.AspNetCore.Components;

// In Performance/ with the other savings (README.md); in the room components' namespace, which uses it.
namespace CqpJury.App.Components.Pages.Room;

/// <summary>
/// A part of the room page that its page does not render again when every parameter it receives equals the one it
/// last received (work per vote: Performance/README.md). After a vote the page reloads and renders again; the header,
/// the presence list, the agenda… receive a view equal to the one they show (the views' lists are
/// <see cref="Services.Room.ValueList{T}"/>s) and stay as they are, and the batch sent to the browser carries only
/// what changed.
/// <para>
/// The part's own events (a click, a field typed in) render it as usual. A part must receive only values that do not
/// change in place: the room's views (records), strings, numbers and callbacks; an object changed in place would be
/// equal to itself, and not shown again.
/// </para>
/// </summary>
public abstract class RoomPart : ComponentBase
{
    private ParameterValue[]? _received;
    private bool _unchanged;

    public override Task SetParametersAsync(ParameterView parameters)
    {
        var received = ReadAll(parameters);
        _unchanged = _received is not null && Same(_received, received);
        _received = received;
        try
        {
            // The base sets the parameters and asks to render (ShouldRender) before it returns, or waits for an
            // OnParametersSetAsync: then it renders once that is done, as for any other change.
            return base.SetParametersAsync(parameters);
        }
        finally
        {
            _unchanged = false;
        }
    }

    protected override bool ShouldRender() => !_unchanged;

    private static ParameterValue[] ReadAll(ParameterView parameters)
    {
        var values = new List<ParameterValue>();
        foreach (var parameter in parameters)
        {
            values.Add(parameter);
        }

        return [.. values];
    }

    private static bool Same(ParameterValue[] before, ParameterValue[] now)
    {
        if (before.Length != now.Length)
        {
            return false;
        }

        for (var i = 0; i < now.Length; i++)
        {
            if (before[i].Name != now[i].Name || !Equals(before[i].Value, now[i].Value))
            {
                return false;
            }
        }

        return true;
    }
}
