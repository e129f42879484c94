using CqpJury.App.Services;
using CqpJury.App.Services.Room;
using CqpJury.Domain.Outcomes;
using Microsoft.AspNetCore.Components;

namespace CqpJury.App.Components.Pages.Room;

/// <summary>
/// The chair's proposal (R3, R4, R11): one check box per competence to decide, prefilled from the evaluation or
/// from the proposal under vote, with the outcome it would give; submitted as a new round.
/// </summary>
public sealed partial class ProposalEditor
{
    private Dictionary<string, bool> _validations = new(StringComparer.Ordinal);
    private OutcomeResult? _preview;
    private IReadOnlyDictionary<string, bool>? _seededFrom;

    [Parameter, EditorRequired]
    public DossierContent Content { get; set; } = default!;

    [Parameter]
    public IReadOnlyDictionary<string, bool>? Current { get; set; }

    [Parameter]
    public bool IsAmendment { get; set; }

    [Parameter]
    public bool Busy { get; set; }

    [Parameter]
    public EventCallback<IReadOnlyDictionary<string, bool>> OnPropose { get; set; }

    [Parameter]
    public Func<IReadOnlyDictionary<string, bool>, Task<OutcomeResult>>? OnPreview { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        // Prefilled from the evaluation (R3) or from the proposal under vote; kept while the chair edits.
        if (_validations.Count == 0 || !SameProposal(_seededFrom, Current))
        {
            _seededFrom = Current;
            _validations = Content.Competences.Where(c => c.Situation == CompetenceSituation.ToDecide)
                .ToDictionary(c => c.Code, c => Current is not null && Current.TryGetValue(c.Code, out var v) ? v : c.MayBeValidated, StringComparer.Ordinal);
            await RefreshPreviewAsync();
        }
    }

    private static string CheckLabel(CompetenceView competence) =>
        competence.MayBeValidated
            ? $"Compétence {competence.Position} validée"
            : $"Compétence {competence.Position} validée – impossible : non indiquée maîtrisée (R3)";

    private Task SubmitAsync() => Busy ? Task.CompletedTask : OnPropose.InvokeAsync(_validations);

    /// <summary>A refresh brings a new but identical dictionary: only a really different proposal reseeds the editor.</summary>
    private static bool SameProposal(IReadOnlyDictionary<string, bool>? a, IReadOnlyDictionary<string, bool>? b) =>
        a is null ? b is null : b is not null && a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);

    private async Task ToggleAsync(string code, bool value)
    {
        _validations[code] = value;
        await RefreshPreviewAsync();
    }

    private async Task RefreshPreviewAsync()
    {
        if (OnPreview is not null)
        {
            try
            {
                _preview = await OnPreview(_validations);
            }
            catch (UserFacingException)
            {
                _preview = null;
            }
        }
    }
}
