using CqpJury.App.Services.Room;
using Microsoft.AspNetCore.Components;

namespace CqpJury.App.Components.Pages.Room;

/// <summary>The chair writes the decision's text (R13: comments, the answer to the candidate's observations) and signs it with their password (R14).</summary>
public sealed partial class DecisionSigningForm
{
    private string? _comments;
    private string? _answer;
    private string? _password;
    private bool _loaded;

    [Parameter, EditorRequired]
    public DeliberationView Deliberation { get; set; } = default!;

    [Parameter]
    public bool Busy { get; set; }

    [Parameter]
    public EventCallback<(string? Comments, string? Answer)> OnWriteText { get; set; }

    [Parameter]
    public EventCallback<(string? Comments, string? Answer, string Password)> OnSign { get; set; }

    protected override void OnParametersSet()
    {
        if (!_loaded)
        {
            _comments = Deliberation.Comments;
            _answer = Deliberation.ObservationsAnswer;
            _loaded = true;
        }
    }

    private async Task SignAsync()
    {
        // What is signed is what is on screen: the page saves a changed text first, and signs only if that worked.
        var password = _password!;
        _password = null;
        await OnSign.InvokeAsync((_comments, _answer, password));
    }
}
