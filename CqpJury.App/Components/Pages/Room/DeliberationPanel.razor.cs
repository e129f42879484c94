using CqpJury.App.Services.Room;
using CqpJury.Domain.Deliberations;
using CqpJury.Domain.Outcomes;
using Microsoft.AspNetCore.Components;

namespace CqpJury.App.Components.Pages.Room;

/// <summary>
/// A dossier's deliberation (R11): the state, the proposal under vote with its outcome and the live tally,
/// the member's vote, the chair's proposal editor and postponement, then the decision and its signature.
/// </summary>
public sealed partial class DeliberationPanel
{
    private string? _voteComment;

    [Parameter, EditorRequired]
    public RoomView Room { get; set; } = default!;

    [Parameter, EditorRequired]
    public DossierView Dossier { get; set; } = default!;

    [Parameter]
    public bool Busy { get; set; }

    [Parameter]
    public EventCallback<IReadOnlyDictionary<string, bool>> OnPropose { get; set; }

    [Parameter]
    public Func<IReadOnlyDictionary<string, bool>, Task<OutcomeResult>>? OnPreview { get; set; }

    [Parameter]
    public EventCallback<(VoteChoice Choice, string? Comment)> OnVote { get; set; }

    [Parameter]
    public EventCallback<string> OnPostpone { get; set; }

    [Parameter]
    public EventCallback<(string? Comments, string? Answer)> OnWriteText { get; set; }

    [Parameter]
    public EventCallback<(string? Comments, string? Answer, string Password)> OnSign { get; set; }

    private DeliberationView? Deliberation => Dossier.Deliberation;

    private bool IAmChair => Deliberation?.IAmChair ?? Dossier.Panel?.ChairId == Room.MyMemberId;

    /// <summary>The chair proposes (or amends) and may postpone while no decision is taken, once the panel is valid.</summary>
    private bool ChairMayPropose =>
        IAmChair && !Room.IsClosed && Deliberation?.State is null or DeliberationState.Open or DeliberationState.Voting && (Dossier.Panel?.IsValid ?? false);

    protected override void OnParametersSet()
    {
        if (Deliberation?.MyVote is not null)
        {
            _voteComment = null;
        }
    }

    // One text per paragraph or line: the panel's render tree stays within 128 frames while a member votes.
    private static string StateLine(DeliberationView d) =>
        $"État : {StateText(d.State)}{(d.Round > 0 ? $" · tour de vote n° {d.Round}" : "")} · règle : {d.DecisionRuleText}{(d.ChairName is not null ? $" · préside ce dossier : {d.ChairName}" : "")}";

    private static string StateText(DeliberationState state) => state switch
    {
        DeliberationState.Open => "ouverte",
        DeliberationState.Voting => "vote en cours",
        DeliberationState.Decided => "décision prise",
        DeliberationState.Postponed => "ajourné",
        _ => state.ToString(),
    };

    private static string VoteSign(VoteStatus status) => status switch
    {
        VoteStatus.Approved => "✔ ",
        VoteStatus.Objected => "✘ ",
        _ => "… ",
    };

    private static string VoteLine(VoteLine line) =>
        line.Comment is null ? VoteText(line.Status) : $"{VoteText(line.Status)} – « {line.Comment} »";

    private static string VoteText(VoteStatus status) => status switch
    {
        VoteStatus.Approved => "approuve",
        VoteStatus.Objected => "s'oppose (objection)",
        _ => "n'a pas encore voté",
    };
}
