using CqpJury.App.Realtime;
using CqpJury.App.Services;
using CqpJury.App.Services.Privacy;
using CqpJury.App.Services.Room;
using CqpJury.App.Components.Shared;
using CqpJury.Domain.Deliberations;
using CqpJury.Domain.Outcomes;
using Microsoft.AspNetCore.Components;

namespace CqpJury.App.Components.Pages.Room;

/// <summary>
/// The session room. Subscribes to the session's events and, on each, reloads through
/// <see cref="RoomService"/> what this member may see (the event itself carries ids only).
/// </summary>
public sealed partial class RoomPage
{
    private readonly SemaphoreSlim _reload = new(1, 1);
    private IDisposable? _subscription;
    private bool _entered;
    private volatile bool _disposed;

    [Parameter]
    public Guid SessionId { get; set; }

    [Inject]
    private RoomService Room { get; set; } = default!;

    [Inject]
    private IDeliberationNotifier Notifier { get; set; } = default!;

    private RoomView? View { get; set; }

    private DossierView? Dossier { get; set; }

    /// <summary>The dossier this member looks at; null = follow the current one.</summary>
    private Guid? ViewedDossierId { get; set; }

    private string? LoadError { get; set; }

    /// <summary>Where the member stands with the session's confidentiality commitment (R16).</summary>
    private CommitmentStep Commitment { get; set; }

    private enum CommitmentStep
    {
        Unknown,
        ToAccept,
        Declined,
        Accepted,
    }

    /// <summary>The last change announced to assistive technology (polite live region).</summary>
    private string Announcement { get; set; } = string.Empty;

    private Guid? ShownDossierId => ViewedDossierId ?? View?.CurrentDossierId;

    private bool IsFollowingCurrent => ViewedDossierId is null || ViewedDossierId == View?.CurrentDossierId;

    protected override async Task OnInitializedAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            return; // prerendering: the circuit enters the room once it is attached
        }

        try
        {
            // Subscribe before entering, then load under the reload lock: a member who joins in
            // between is never missed (the event reloads after this first load).
            _subscription = Notifier.Subscribe(SessionId, OnRoomEventAsync);
            await EnterAsync();
        }
        catch (UserFacingException ex)
        {
            LoadError = ex.Message;
        }
    }

    /// <summary>Enters the room, or shows the confidentiality commitment first (R16: the server shows nothing of the dossiers before).</summary>
    private async Task EnterAsync()
    {
        try
        {
            await Room.EnterAsync(SessionId);
        }
        catch (ConfidentialityRequiredException)
        {
            Commitment = CommitmentStep.ToAccept;
            return;
        }

        Commitment = CommitmentStep.Accepted;
        _entered = true;
        await Room.CompleteDesignationIfPossibleAsync(SessionId);
        await ReloadAsync();
    }

    /// <summary>R16: the member accepts the commitment, then enters.</summary>
    private Task AcceptCommitmentAsync() => ActOnCommitmentAsync(async () =>
    {
        await Room.AcceptConfidentialityAsync(SessionId);
        await EnterAsync();
    });

    /// <summary>R16: the member refuses: journaled, and they stay outside the room.</summary>
    private Task DeclineCommitmentAsync() => ActOnCommitmentAsync(async () =>
    {
        await Room.DeclineConfidentialityAsync(SessionId);
        Commitment = CommitmentStep.Declined;
    });

    private void ReadCommitmentAgain() => Commitment = CommitmentStep.ToAccept;

    private async Task ActOnCommitmentAsync(Func<Task> action)
    {
        if (!Busy)
        {
            await RunAsync(action); // a double click sends nothing twice
        }
    }

    private async Task OnRoomEventAsync(RoomEvent roomEvent)
    {
        // This page's own deliberation command: it reloaded right after the command (ActAsync).
        // A page still on the confidentiality commitment shows nothing of the room (R16): other
        // members' events leave it as it is (reading the room would be refused, and the commitment lost).
        if (_disposed || Room.IsOwnCommand(roomEvent) || !_entered)
        {
            return;
        }

        try
        {
            await InvokeAsync(async () =>
            {
                if (roomEvent.Kind == RoomEventKind.SessionChanged)
                {
                    ViewedDossierId = null; // closed: every screen shows the summary, not the last dossier
                }

                var before = View;
                var dossierBefore = Dossier;
                await ReloadAsync(roomEvent.DeliveredAt, roomEvent.Kind == RoomEventKind.DeliberationChanged);
                Announcement = Describe(roomEvent, before, dossierBefore);
                StateHasChanged();
            });
        }
        catch (ObjectDisposedException)
        {
            // The circuit is being torn down (page closed, server stopping): nobody to update.
            return;
        }

        if (roomEvent.Kind == RoomEventKind.PresenceChanged)
        {
            await Room.CompleteDesignationIfPossibleAsync(SessionId);
        }
    }

    /// <param name="notBefore">What the reload must show: the event's delivery or the page's own command's commit (a reading of the
    /// room started since then is shared with the session's other pages); null = now.</param>
    /// <param name="deliberationsOnly">What happened since <paramref name="notBefore"/> changed deliberations only (a vote, a proposal…).</param>
    private async Task ReloadAsync(long? notBefore = null, bool deliberationsOnly = false)
    {
        await _reload.WaitAsync();
        try
        {
            (View, Dossier) = await Room.GetRoomAndDossierAsync(SessionId, ViewedDossierId, notBefore, deliberationsOnly);
        }
        catch (UserFacingException ex)
        {
            // Refused now (deactivated account, session gone): drop everything shown so far.
            LoadError = ex.Message;
            View = null;
            Dossier = null;
        }
        finally
        {
            _reload.Release();
        }
    }

    private async Task LoadDossierAsync()
    {
        Dossier = ShownDossierId is { } id ? await Room.GetDossierAsync(SessionId, id) : null;
    }

    private async Task ViewDossierAsync(Guid dossierId)
    {
        ViewedDossierId = dossierId == View?.CurrentDossierId ? null : dossierId;
        await RunAsync(LoadDossierAsync);
    }

    private Task BackToCurrentAsync() => ViewDossierAsync(View?.CurrentDossierId ?? Guid.Empty);

    /// <summary>Runs a room action; the page reloads itself at once (others get the event).</summary>
    private async Task ActAsync(Func<Task> action, string? success = null) => await TryActAsync(action, success);

    /// <summary><see cref="ActAsync"/>, true when the action succeeded.</summary>
    private async Task<bool> TryActAsync(Func<Task> action, string? success = null)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        if (!await RunAsync(action, success))
        {
            return false;
        }

        // After a deliberation command, a reading of the room started since its commit will do (it changed deliberations only).
        var committed = Room.TakeCommittedAt() is { } at && at >= started ? at : (long?)null;
        await ReloadAsync(committed, committed is not null);
        return true;
    }

    private Task ProposePresidentAsync(Guid candidateId) => ActAsync(() => Room.ProposePresidentAsync(SessionId, candidateId), "Proposition envoyée aux membres présents.");

    private Task AcceptPresidentAsync() => ActAsync(() => Room.AcceptPresidentAsync(SessionId), "Vous avez accepté la proposition.");

    private async Task PutOnScreenAsync(Guid dossierId)
    {
        await ActAsync(() => Room.SetCurrentDossierAsync(SessionId, dossierId));
        ViewedDossierId = null;
        await RunAsync(LoadDossierAsync);
    }

    /// <summary>What closing would do, for the confirmation (null when refused: the message says why).</summary>
    private async Task<ClosingPreview?> PreviewClosingAsync()
    {
        ClosingPreview? preview = null;
        await RunAsync(async () => preview = await Room.PreviewClosingAsync(SessionId));
        return preview;
    }

    /// <summary>Closes the session once the president confirmed it (AgendaPanel asks first); then the summary, not the last dossier.</summary>
    private async Task CloseSessionAsync()
    {
        if (await TryActAsync(() => Room.CloseSessionAsync(SessionId), "La session est clôturée."))
        {
            ViewedDossierId = null;
            Dossier = null;
        }
    }

    private Task DeclareAsync((bool HasConflict, string? Reason) answer) =>
        ActAsync(() => Room.DeclareConflictAsync(SessionId, ShownDossierId!.Value, answer.HasConflict, answer.Reason),
            answer.HasConflict ? "Votre déclaration de lien est enregistrée : vous ne participez pas à ce dossier." : "Déclaration enregistrée.");

    private Task StandAsideAsync(Guid memberId) => ActAsync(() => Room.ApplyStandAsideAsync(SessionId, ShownDossierId!.Value, memberId), "La parité est rétablie pour ce dossier.");

    /// <summary>
    /// Like a vote, a proposal is confirmed by the page itself (the new round: « tour de vote n° … », an empty
    /// tally) and the live region, not a pop-up: the chair may amend after every round, and a message each time
    /// would be noise on screen (and an animation on the chair's page while everyone's screen updates).
    /// </summary>
    private async Task ProposeAsync(IReadOnlyDictionary<string, bool> validations)
    {
        if (Busy)
        {
            return; // a second click while the first proposal is on its way (the button stays focusable while busy)
        }

        var round = Dossier?.Deliberation?.Round ?? 0;
        if (await TryActAsync(() => Room.ProposeAsync(SessionId, ShownDossierId!.Value, validations)) && Dossier?.Deliberation is { } d && d.Round > round)
        {
            Announcement = $"Proposition soumise au vote : tour de vote n° {d.Round}.";
        }
    }

    /// <summary>
    /// The vote's confirmation is the page itself (« Votre vote : … » in place of the buttons, the
    /// member's line in the tally) and the live region, not a pop-up message: in a room where every
    /// member votes on every dossier, a message per vote would be noise on screen.
    /// </summary>
    private async Task VoteAsync((VoteChoice Choice, string? Comment) vote)
    {
        await ActAsync(() => Room.VoteAsync(SessionId, ShownDossierId!.Value, vote.Choice, vote.Comment));
        if (Dossier?.Deliberation?.MyVote is { } mine)
        {
            Announcement = mine == VoteChoice.Approve ? "Votre vote est enregistré : approbation." : "Votre vote est enregistré : objection.";
        }
    }

    private Task PostponeAsync(string reason) => ActAsync(() => Room.PostponeAsync(SessionId, ShownDossierId!.Value, reason), "Le dossier est ajourné.");

    private Task WriteTextAsync((string? Comments, string? Answer) text) =>
        ActAsync(() => Room.WriteDecisionTextAsync(SessionId, ShownDossierId!.Value, text.Comments, text.Answer), "Texte de la décision enregistré.");

    private async Task SignAsync((string? Comments, string? Answer, string Password) signing)
    {
        var dossierId = ShownDossierId!.Value;
        var saved = Dossier?.Deliberation;
        if (saved is null || Normalize(signing.Comments) != saved.Comments || Normalize(signing.Answer) != saved.ObservationsAnswer)
        {
            var written = await RunAsync(() => Room.WriteDecisionTextAsync(SessionId, dossierId, signing.Comments, signing.Answer));
            if (!written)
            {
                return; // the text was refused: nothing is signed
            }

            await ReloadAsync(); // the text is saved even if the signature below is refused
        }

        await ActAsync(() => Room.SignAsync(SessionId, dossierId, signing.Password), "La décision est signée.");
    }

    private static string? Normalize(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>The chair's preview, from the dossier this page shows (read for this member: nothing is read again).</summary>
    private Task<Domain.Outcomes.OutcomeResult> PreviewAsync(IReadOnlyDictionary<string, bool> validations) =>
        Task.FromResult(Dossier is { } shown ? shown.PreviewOutcome(validations) : throw new UserFacingException("Aucun dossier n'est affiché."));

    /// <summary>
    /// What the live region says after <paramref name="e"/> (the views are already reloaded). A vote on the
    /// dossier shown is said with the new count and the decision with its result: a text identical to the
    /// previous one would not be read again.
    /// </summary>
    private string Describe(RoomEvent e, RoomView? before, DossierView? dossierBefore) => e.Kind switch
    {
        RoomEventKind.DeliberationChanged when dossierBefore?.DossierId == e.DossierId && Dossier?.Deliberation is { } d =>
            d is { State: DeliberationState.Decided, DecisionAnnouncement: { } decided }
                ? $"{decided}."
                : $"Le vote sur le dossier affiché a évolué : {d.TallySummary}",
        RoomEventKind.PresenceChanged => "La liste des membres présents a changé.",
        RoomEventKind.PresidencyChanged => "La désignation du président a évolué.",
        RoomEventKind.CurrentDossierChanged => "Le président a changé le dossier en cours.",
        RoomEventKind.ConflictsChanged => "Les déclarations de liens d'intérêts ont changé.",
        RoomEventKind.DeliberationChanged => dossierBefore?.DossierId == e.DossierId ? "Le vote sur le dossier affiché a évolué." : "Une délibération a évolué.",
        RoomEventKind.SessionChanged => "La session a été clôturée.",
        RoomEventKind.AccountDeactivated => "Un compte a été désactivé par le secrétariat.",
        RoomEventKind.MemberChanged => "Le secrétariat a mis à jour la fiche d'un membre du jury.",
        RoomEventKind.Resynchronised => "La liaison entre les serveurs est rétablie : l'écran a été actualisé.",
        _ => string.Empty,
    };

    public async ValueTask DisposeAsync()
    {
        // The semaphore is not disposed: an event already on its way may still wait on it.
        _disposed = true;
        _subscription?.Dispose();
        if (_entered)
        {
            await Room.LeaveAsync();
        }
    }
}
