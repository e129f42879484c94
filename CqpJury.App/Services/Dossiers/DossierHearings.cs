using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using CqpJury.App.Services.Sessions;
using CqpJury.Domain.Common;
using CqpJury.Domain.Deliberations;
using CqpJury.Domain.Dossiers;
using CqpJury.Domain.Outcomes;
using Microsoft.EntityFrameworkCore;

namespace CqpJury.App.Services.Dossiers;

/// <summary>
/// A session whose agenda holds (or held) the dossier, and how the dossier stands there: pending,
/// postponed (with the reason) or decided and signed (with the outcome). The dossier's history.
/// </summary>
public sealed record DossierSessionInfo(
    Guid SessionId,
    string Title,
    DateOnly Date,
    SessionStatus Status,
    HearingOutcome Outcome = HearingOutcome.Pending,
    DateTimeOffset? At = null,
    string? PostponementReason = null,
    DecisionOutcome? Decision = null)
{
    /// <summary>One line of the dossier's history, e.g. « Ajourné lors de la session « X » du 10/12/2026 : motif ».</summary>
    public string HistoryLine => Outcome switch
    {
        HearingOutcome.Postponed => $"Ajourné lors de la session « {Title} » du {FrenchFormat.Date(Date)}" + (PostponementReason is { Length: > 0 } reason ? $" : {reason}" : "."),
        HearingOutcome.DecisionSigned => $"Décision signée lors de la session « {Title} » du {FrenchFormat.Date(Date)}" + (Decision is { } outcome ? $" : {outcome.ToFrench()}." : "."),
        _ => $"Inscrit à la session « {Title} » du {FrenchFormat.Date(Date)} ({Status.ToFrench().ToLower(FrenchFormat.Culture)}).",
    };

    /// <summary>The domain's view of this hearing (R12, <see cref="AgendaEligibility"/>).</summary>
    public Hearing ToHearing() => new(SessionId, Title, Date, Status == SessionStatus.Closed, Outcome, At);
}

/// <summary>Loads dossiers' hearings (agenda entries and their signed or postponed deliberations) for <see cref="AgendaEligibility"/>.</summary>
internal static class DossierHearings
{
    /// <summary>The hearings of <paramref name="dossierIds"/> (every dossier when null), oldest session first.</summary>
    public static async Task<ILookup<Guid, DossierSessionInfo>> LoadAsync(
        CqpJuryDbContext db, IReadOnlyCollection<Guid>? dossierIds, CancellationToken cancellationToken)
    {
        var agendaQuery = from a in db.AgendaItems
                          join s in db.Sessions on a.SessionId equals s.Id
                          select new { a.DossierId, SessionId = s.Id, s.Title, s.Date, s.Status };
        // Read apart from the agenda: a signed decision counts even if its agenda line were gone.
        var decidedQuery = from d in db.Deliberations
                           join s in db.Sessions on d.SessionId equals s.Id
                           where d.SignedAt != null || d.State == DeliberationState.Postponed
                           select new { d.DossierId, d.SessionId, s.Title, s.Date, s.Status, d.SignedAt, d.PostponedAt, d.PostponementReason, d.Outcome };
        if (dossierIds is not null)
        {
            agendaQuery = agendaQuery.Where(a => dossierIds.Contains(a.DossierId));
            decidedQuery = decidedQuery.Where(d => dossierIds.Contains(d.DossierId));
        }

        var agenda = await agendaQuery.AsNoTracking().ToListAsync(cancellationToken);
        var decided = await decidedQuery.AsNoTracking().ToListAsync(cancellationToken);
        var hearings = new Dictionary<(Guid Dossier, Guid Session), DossierSessionInfo>();
        foreach (var a in agenda)
        {
            hearings[(a.DossierId, a.SessionId)] = new DossierSessionInfo(a.SessionId, a.Title, a.Date, a.Status);
        }

        foreach (var d in decided)
        {
            hearings[(d.DossierId, d.SessionId)] = d.SignedAt is { } signedAt
                ? new DossierSessionInfo(d.SessionId, d.Title, d.Date, d.Status, HearingOutcome.DecisionSigned, signedAt, Decision: d.Outcome)
                : new DossierSessionInfo(d.SessionId, d.Title, d.Date, d.Status, HearingOutcome.Postponed, d.PostponedAt, d.PostponementReason);
        }

        return hearings
            .OrderBy(h => h.Value.Date).ThenBy(h => h.Value.At)
            .ToLookup(h => h.Key.Dossier, h => h.Value);
    }

    public static async Task<IReadOnlyList<DossierSessionInfo>> OfAsync(CqpJuryDbContext db, Guid dossierId, CancellationToken cancellationToken) =>
        (await LoadAsync(db, [dossierId], cancellationToken))[dossierId].ToList();
}

/// <summary>Where a dossier stands, from its hearings: what its page's one banner says.</summary>
public enum DossierStandingKind
{
    /// <summary>On no agenda: editable.</summary>
    Free,

    /// <summary>On a draft session's agenda: editable until the session opens.</summary>
    OnDraftAgenda,

    /// <summary>On an open session's agenda: read-only.</summary>
    InOpenSession,

    /// <summary>On a closed session's agenda without a decision nor a postponement (not expected: closing needs one or the other).</summary>
    InClosedSession,

    /// <summary>Postponed in a closed session and on no other agenda: editable, may go on a later agenda (R12).</summary>
    Postponed,

    /// <summary>Its decision is signed: final (R12), read-only for ever.</summary>
    DecisionSigned,
}

/// <summary>The true state of a dossier (one banner, one lock) and the session it refers to.</summary>
public sealed record DossierStanding(DossierStandingKind Kind, DossierSessionInfo? Session)
{
    public static DossierStanding Of(IReadOnlyCollection<DossierSessionInfo> sessions)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var signed = sessions.FirstOrDefault(s => s.Outcome == HearingOutcome.DecisionSigned);
        if (signed is not null)
        {
            return new(DossierStandingKind.DecisionSigned, signed);
        }

        if (sessions.FirstOrDefault(s => s.Status == SessionStatus.Open) is { } open)
        {
            return new(DossierStandingKind.InOpenSession, open);
        }

        if (sessions.FirstOrDefault(s => s.Status == SessionStatus.Draft) is { } draft)
        {
            return new(DossierStandingKind.OnDraftAgenda, draft);
        }

        if (sessions.FirstOrDefault(s => s.Outcome == HearingOutcome.Pending) is { } closed)
        {
            return new(DossierStandingKind.InClosedSession, closed);
        }

        return sessions.LastOrDefault(s => s.Outcome == HearingOutcome.Postponed) is { } postponed
            ? new(DossierStandingKind.Postponed, postponed)
            : new(DossierStandingKind.Free, null);
    }

    /// <summary>Read-only: on an open session's agenda, decided and signed, or held by a closed session.</summary>
    public bool IsLocked => Kind is DossierStandingKind.InOpenSession or DossierStandingKind.DecisionSigned or DossierStandingKind.InClosedSession;

    /// <summary>
    /// May a document still be added? Yes while the jury sits (it sees it at its next reload), not
    /// once the decision is signed (R12) or the session that holds it closed.
    /// </summary>
    public bool AcceptsDocuments => Kind is not (DossierStandingKind.DecisionSigned or DossierStandingKind.InClosedSession);

    /// <summary>What the dossier's page says, and the refusal of a change when locked.</summary>
    public string Message => Kind switch
    {
        DossierStandingKind.OnDraftAgenda =>
            $"Ce dossier est inscrit à la session « {Session!.Title} » du {FrenchFormat.Date(Session.Date)}, en préparation : il reste modifiable jusqu'à l'ouverture de la session.",
        DossierStandingKind.InOpenSession =>
            $"Ce dossier est inscrit à la session « {Session!.Title} » du {FrenchFormat.Date(Session.Date)}, ouverte : il ne peut plus être modifié.",
        DossierStandingKind.InClosedSession =>
            $"Ce dossier est inscrit à la session « {Session!.Title} » du {FrenchFormat.Date(Session.Date)}, clôturée : il ne peut plus être modifié.",
        DossierStandingKind.Postponed =>
            $"Ce dossier a été ajourné lors de la session « {Session!.Title} » du {FrenchFormat.Date(Session.Date)} : il peut être complété et inscrit à une nouvelle session.",
        DossierStandingKind.DecisionSigned =>
            $"La décision sur ce dossier a été signée{SignedOn} lors de la session « {Session!.Title} » du {FrenchFormat.Date(Session.Date)} : elle est définitive. " +
            "Le dossier ne peut plus être modifié ni inscrit à une autre session.",
        _ => "Ce dossier n'est inscrit à aucune session : il reste modifiable.",
    };

    private string SignedOn => Session?.At is { } at ? " le " + FrenchTime.Format(at, "dd/MM/yyyy") : string.Empty;
}
