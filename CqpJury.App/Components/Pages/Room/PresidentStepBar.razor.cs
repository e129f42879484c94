using CqpJury.App.Services.Room;
using CqpJury.Domain.Deliberations;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace CqpJury.App.Components.Pages.Room;

/// <summary>
/// The president's step bar (issue 19): what the current step asks and a button that jumps to its
/// action (put on screen, declare, restore parity, propose, vote, sign, next dossier, close), so that
/// at 1280×720 and at 768 px wide the action is reached without hunting down a long page.
/// </summary>
public sealed partial class PresidentStepBar : IAsyncDisposable
{
    private IJSObjectReference? _module;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Parameter, EditorRequired]
    public RoomView View { get; set; } = default!;

    /// <summary>The dossier shown in the main column (null when none is under deliberation).</summary>
    [Parameter]
    public DossierView? Dossier { get; set; }

    /// <summary>False while the president reads another dossier than the one under deliberation.</summary>
    [Parameter]
    public bool FollowingCurrent { get; set; } = true;

    private PresidentStep Step => PresidentStep.Of(View, Dossier, FollowingCurrent);

    private async Task GoToActionAsync()
    {
        if (Step.Target is not { } target)
        {
            return;
        }

        _module ??= await JS.InvokeAsync<IJSObjectReference>("import", "./Components/Pages/Room/PresidentStepBar.razor.js");
        if (_module is not null)
        {
            await _module.InvokeAsync<bool>("focusAction", target);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_module is not null)
        {
            try
            {
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // the circuit is gone: nothing to release in the browser
            }
        }
    }
}

/// <summary>One step of the president's work: what it asks, the action's button label and a CSS selector of the action.</summary>
public sealed record PresidentStep(string Text, string? ActionLabel = null, string? Target = null)
{
    public static PresidentStep Of(RoomView view, DossierView? dossier, bool followingCurrent)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (!followingCurrent)
        {
            return new("Vous consultez un autre dossier que celui en cours de délibération.", "Revenir au dossier en cours", "[data-testid=back-to-current]");
        }

        if (dossier is null || dossier.Status is AgendaItemStatus.DecisionSigned or AgendaItemStatus.Postponed)
        {
            return Next(view, dossier);
        }

        var reference = $"Dossier {dossier.Reference} : ";
        if (dossier.Participation == Participation.MustDeclare)
        {
            return new(reference + "déclarez d'abord vos liens d'intérêts.", "Déclarer mes liens", "[data-testid=declare-no-link]");
        }

        if (dossier.IsExcluded)
        {
            return new(reference + "vous ne participez pas ; un autre membre le préside.");
        }

        var panel = dossier.Panel;
        var iChair = panel?.ChairId == view.MyMemberId;
        var deliberation = dossier.Deliberation;
        if (deliberation is null || deliberation.State == DeliberationState.Open)
        {
            return BeforeTheVote(reference, panel, iChair);
        }

        if (deliberation.State == DeliberationState.Voting)
        {
            if (deliberation.IAmInPanel && deliberation.MyVote is null)
            {
                return new(reference + "votez sur la proposition.", "Voter", "[data-testid=vote-approve]");
            }

            return deliberation.RoundDefeated && iChair
                ? new(reference + "la proposition n'est pas adoptée : modifiez-la et soumettez-la à nouveau au vote, ou ajournez le dossier.", "Modifier la proposition", "[data-testid=submit-proposal]")
                : new(reference + "vote en cours, en attente des autres membres du collège délibérant.");
        }

        return deliberation.State == DeliberationState.Decided && iChair
            ? new(reference + "décision prise : rédigez le texte de la décision et signez-la.", "Signer la décision", "[data-testid=sign-password]")
            : new(reference + "décision prise, en attente de la signature.");
    }

    private static PresidentStep BeforeTheVote(string reference, PanelView? panel, bool iChair)
    {
        if (panel is { IsValid: false })
        {
            if (panel.AwaitingDeclaration.Count > 0)
            {
                return new(reference + "en attente des déclarations de liens d'intérêts des membres présents.");
            }

            if (panel.MustPostpone)
            {
                return new(reference + "le collège délibérant ne peut pas être rendu paritaire : ajournez le dossier.", "Ajourner", "[data-testid=postpone-reason]");
            }

            return iChair && panel.Proposals.Count > 0
                ? new(reference + "rétablissez la parité du collège délibérant.", "Rétablir la parité", "[data-testid=stand-aside]")
                : new(reference + "le collège délibérant n'est pas paritaire.");
        }

        return iChair
            ? new(reference + "cochez les compétences validées, puis soumettez la proposition au vote.", "Aller à la proposition", "[data-testid=submit-proposal]")
            : new(reference + "en attente de la proposition de la présidence du dossier.");
    }

    private static PresidentStep Next(RoomView view, DossierView? done)
    {
        var next = view.Agenda.FirstOrDefault(a => a.Status is AgendaItemStatus.Pending && a.DossierId != view.CurrentDossierId);
        var lead = done is null ? "Aucun dossier en délibération." : $"Dossier {done.Reference} traité.";
        if (next is not null)
        {
            return new($"{lead} Dossier suivant : {next.Reference}.", "Mettre en délibération le dossier suivant",
                $"[data-testid=agenda] li[data-dossier=\"{next.Reference}\"] [data-testid=put-on-screen]");
        }

        return view.CanClose
            ? new($"{lead} Tous les dossiers sont signés ou ajournés.", "Clôturer la session", "[data-testid=close-session]")
            : new($"{lead} Terminez les dossiers restants avant de clôturer la session.");
    }
}
