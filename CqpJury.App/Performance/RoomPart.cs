using Microsoft.AspNetCore.Components;

// In Performance/ with the other savings (README.md); in the room components' namespace, which uses it.
namespace CqpJury.App.Components.Pages.Room;

/// <summary>
/// A part of the room page that its page does not set nor render again when every parameter it receives equals the one
/// it holds (work per vote: Performance/README.md). After a vote the page reloads and renders again; the header, the
/// presence list, the agenda… receive a view equal to the one they show (the views' lists are
/// <see cref="Services.Room.ValueList{T}"/>s): they keep the instance they hold — the one their render captured, so a
/// page holds one copy of its views, not two — and the batch sent to the browser carries only what changed. The
/// framework does the same by itself for a component whose parameters are all strings or numbers.
/// <para>
/// The part's own events (a click, a field typed in) render it as usual. A part must receive only values that do not
/// change in place: the room's views (records), strings, numbers and callbacks; an object changed in place would be
/// equal to itself, and not shown again. It has no <c>OnParametersSet</c> work that must run for equal parameters.
/// </para>
/// </summary>
public abstract class RoomPart : ComponentBase
{
    private ParameterValue[]? _held;

    public override Task SetParametersAsync(ParameterView parameters)
    {
        var received = ReadAll(parameters);
        if (_held is not null && Same(_held, received))
        {
            return Task.CompletedTask; // nothing it shows changed: nothing to set, nothing to render
        }

        _held = received;
        return base.SetParametersAsync(parameters);
    }

    private static ParameterValue[] ReadAll(ParameterView parameters)
    {
        var values = new List<ParameterValue>();
        foreach (var parameter in parameters)
        {
            values.Add(parameter);
        }

        return [.. values];
    }

    private static bool Same(ParameterValue[] held, ParameterValue[] received)
    {
        if (held.Length != received.Length)
        {
            return false;
        }

        for (var i = 0; i < received.Length; i++)
        {
            if (held[i].Name != received[i].Name || !Equals(held[i].Value, received[i].Value))
            {
                return false;
            }
        }

        return true;
    }
}
