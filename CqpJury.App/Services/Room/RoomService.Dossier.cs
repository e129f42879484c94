using System.Diagnostics;
using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using CqpJury.App.Realtime;
using CqpJury.App.Services.Security;
using CqpJury.Domain.Deliberations;
using CqpJury.Domain.Juries;
using CqpJury.Domain.Outcomes;
using Microsoft.EntityFrameworkCore;

namespace CqpJury.App.Services.Room;

public sealed partial class RoomService
{
    /// <summary>
    /// One dossier as the acting member may see it. A member who has not answered the conflict
    /// question, or who is in conflict or stood aside (R10.2), gets no content at all: it is
    /// never loaded for them, so it never reaches their circuit.
    /// </summary>
    public async Task<DossierView> GetDossierAsync(Guid sessionId, Guid dossierId, CancellationToken cancellationToken = default)
    {
        var (_, memberId) = await RequireConvenedAsync(sessionId, "Consulter un dossier", cancellationToken);
        var reading = await reads.ReadAsync(sessionId, Stopwatch.GetTimestamp());
        return await BuildDossierViewAsync(reading, memberId, dossierId);
    }

    /// <summary>
    /// The room and the dossier shown — <paramref name="viewedDossierId"/>, or the current dossier
    /// when null (none while the president has put none on screen) — as the acting member may see
    /// them, from one authorization check and one read of the room's state: what a room page reloads
    /// after each event (the same views as <see cref="GetRoomAsync"/> and <see cref="GetDossierAsync"/>).
    /// The read is shared with the session's other pages reloading at the same moment
    /// (<see cref="RoomReads"/>): it started at or after <paramref name="notBefore"/> — the event the
    /// page reacts to (<see cref="RoomEvent.DeliveredAt"/>) — or now when null.
    /// </summary>
    public async Task<(RoomView Room, DossierView? Dossier)> GetRoomAndDossierAsync(Guid sessionId, Guid? viewedDossierId, long? notBefore = null, CancellationToken cancellationToken = default)
    {
        var (_, memberId) = await RequireConvenedAsync(sessionId, "Consulter la salle", cancellationToken);
        var reading = await reads.ReadAsync(sessionId, notBefore is > 0 ? notBefore.Value : Stopwatch.GetTimestamp());
        var room = BuildRoomView(reading.State, memberId);
        var shown = viewedDossierId ?? room.CurrentDossierId;
        return (room, shown is { } id ? await BuildDossierViewAsync(reading, memberId, id) : null);
    }

    private async Task<DossierView> BuildDossierViewAsync(RoomReading reading, Guid memberId, Guid dossierId)
    {
        var state = reading.State;
        var item = state.Agenda.FirstOrDefault(a => a.DossierId == dossierId)
            ?? throw new UserFacingException("Ce dossier n'est pas inscrit à l'ordre du jour de la session.");
        var dossier = item.Dossier!;
        var certificate = catalog.Get(dossier.CertificateCode);
        var status = state.StatusOf(dossierId);
        var member = state.Member(memberId);

        var known = KnownConflicts.Reasons(member, dossier);
        var declaration = state.DeclarationOf(memberId, dossierId);
        if (known.Count > 0 || declaration?.HasConflict == true)
        {
            var reason = known.Count > 0
                ? "Conflit d'intérêts connu du secrétariat : " + string.Join(" ", known)
                : "Vous avez déclaré un lien avec l'entreprise ou l'organisme de formation du candidat.";
            return new DossierView(dossierId, dossier.Reference, certificate.Title, status, Participation.Recused, null, reason, null, null, null);
        }

        if (state.HasStoodAside(memberId, dossierId))
        {
            return new DossierView(dossierId, dossier.Reference, certificate.Title, status, Participation.StoodAside, null,
                "Vous vous êtes retiré(e) de ce dossier pour rétablir la parité du collège délibérant.", null, null, null);
        }

        if (declaration is null)
        {
            return new DossierView(dossierId, dossier.Reference, certificate.Title, status, Participation.MustDeclare,
                new ConflictPrompt(dossier.Employer?.Name, dossier.TrainingOrganisation?.Name), null, null, null, null);
        }

        // Participant: the confidential content is read now, and only now (once per reading, for
        // the session's participants reloading together).
        var read = await reading.DossierAsync(dossierId, id => ReadDossierAsync(state, id));
        var record = state.DeliberationOf(dossierId);
        return new DossierView(
            dossierId,
            dossier.Reference,
            certificate.Title,
            status,
            Participation.Participant,
            null,
            null,
            read.Content,
            BuildPanelView(state, dossier, state.PanelFor(dossier), record is not null),
            read.Deliberation is null ? null : BuildDeliberationView(state, read.Deliberation, memberId, read.Full));
    }

    /// <summary>What every participant's view of a dossier is built from: its content and its deliberation, read once.</summary>
    private async Task<DossierReading> ReadDossierAsync(RoomState state, Guid dossierId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var full = await LoadDossierContentAsync(db, dossierId, CancellationToken.None);
        var record = state.DeliberationOf(dossierId);
        var deliberation = record is null ? null : await LoadDeliberationAsync(db, state, record, full, CancellationToken.None);
        var content = sharedContents.Share(dossierId, BuildContent(full, catalog.Get(full.CertificateCode), state.Session.Date));
        return new DossierReading(full, content, deliberation);
    }

    /// <summary>R10: the member answers the conflict question for a dossier. A declared conflict can never be withdrawn.</summary>
    public async Task DeclareConflictAsync(Guid sessionId, Guid dossierId, bool hasConflict, string? reason, CancellationToken cancellationToken = default)
    {
        const string action = "Déclarer un lien d'intérêts";
        var (actor, memberId) = await RequireConvenedAsync(sessionId, action, cancellationToken);
        var changed = false;
        await RetryOnConflictAsync(async () => changed = await DeclareConflictOnceAsync(actor, memberId, sessionId, dossierId, hasConflict, reason, cancellationToken));
        if (changed)
        {
            await PublishAsync(sessionId, RoomEventKind.ConflictsChanged, dossierId, memberId);
        }
    }

    private async Task<bool> DeclareConflictOnceAsync(Actor actor, Guid memberId, Guid sessionId, Guid dossierId, bool hasConflict, string? reason, CancellationToken cancellationToken)
    {
        const string action = "Déclarer un lien d'intérêts";
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var state = await RoomState.LoadAsync(db, sessionId, presence.PresentMembers(sessionId), cancellationToken);
        await EnsureOpenAsync(state, actor, action);
        var dossier = state.Agenda.FirstOrDefault(a => a.DossierId == dossierId)?.Dossier
            ?? throw new UserFacingException("Ce dossier n'est pas inscrit à l'ordre du jour de la session.");
        if (KnownConflicts.Exists(state.Member(memberId), dossier))
        {
            throw new UserFacingException("Un conflit d'intérêts connu du secrétariat est enregistré pour vous sur ce dossier : il ne peut pas être levé.");
        }

        var record = state.DeliberationOf(dossierId);
        if (hasConflict && record is not null && record.Panel.Contains(memberId) && record.State is DeliberationState.Decided)
        {
            throw new UserFacingException("La décision sur ce dossier est déjà prise.");
        }

        var existing = await db.ConflictDeclarations.FirstOrDefaultAsync(c => c.SessionId == sessionId && c.DossierId == dossierId && c.JuryMemberId == memberId, cancellationToken);
        if (existing is { HasConflict: true })
        {
            if (!hasConflict)
            {
                throw new UserFacingException("Vous avez déclaré un lien avec ce dossier : cette déclaration ne peut pas être retirée.");
            }

            return false;
        }

        var trimmed = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (trimmed is { Length: > 1000 })
        {
            throw new InputValidationException("reason", "La précision ne peut pas dépasser 1000 caractères.");
        }

        if (existing is null)
        {
            db.ConflictDeclarations.Add(new ConflictDeclaration
            {
                Id = Guid.NewGuid(),
                SessionId = sessionId,
                DossierId = dossierId,
                JuryMemberId = memberId,
                HasConflict = hasConflict,
                Reason = trimmed,
                DeclaredAt = clock.GetUtcNow(),
            });
        }
        else if (hasConflict)
        {
            existing.HasConflict = true;
            existing.Reason = trimmed;
            existing.DeclaredAt = clock.GetUtcNow();
        }
        else
        {
            return false; // "no link" said twice: nothing new
        }

        audit.Add(db, actor, hasConflict ? "Déclaration d'un conflit d'intérêts" : "Déclaration d'absence de lien", sessionId, dossierId, trimmed);
        // The session stamp serializes changes of who deliberates (a double click re-runs on fresh state).
        await SaveSessionAsync(db, await db.Sessions.FirstAsync(s => s.Id == sessionId, cancellationToken), cancellationToken);
        return true;
    }

    /// <summary>R10.1: apply a parity-restoring proposal: the named member stands aside for this dossier.</summary>
    public async Task ApplyStandAsideAsync(Guid sessionId, Guid dossierId, Guid standingAsideMemberId, CancellationToken cancellationToken = default)
    {
        const string action = "Rétablir la parité (retrait d'un membre)";
        var (actor, memberId) = await RequireConvenedAsync(sessionId, action, cancellationToken);
        await RetryOnConflictAsync(() => ApplyStandAsideOnceAsync(actor, memberId, sessionId, dossierId, standingAsideMemberId, cancellationToken));
        await PublishAsync(sessionId, RoomEventKind.ConflictsChanged, dossierId, standingAsideMemberId);
    }

    private async Task ApplyStandAsideOnceAsync(Actor actor, Guid memberId, Guid sessionId, Guid dossierId, Guid standingAsideMemberId, CancellationToken cancellationToken)
    {
        const string action = "Rétablir la parité (retrait d'un membre)";
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var state = await RoomState.LoadAsync(db, sessionId, presence.PresentMembers(sessionId), cancellationToken);
        await EnsureOpenAsync(state, actor, action);
        var dossier = state.Agenda.FirstOrDefault(a => a.DossierId == dossierId)?.Dossier
            ?? throw new UserFacingException("Ce dossier n'est pas inscrit à l'ordre du jour de la session.");
        if (state.DeliberationOf(dossierId) is not null)
        {
            throw new UserFacingException("La délibération sur ce dossier est déjà ouverte : le collège délibérant ne peut plus changer.");
        }

        var panel = state.PanelFor(dossier);
        await EnsureMayChairAsync(state, actor, memberId, dossier, panel, action);
        var assessment = ParityRestoration.Assess(panel);
        if (assessment.Proposals.All(p => p.Member.Id != standingAsideMemberId))
        {
            throw new UserFacingException("Ce retrait ne rétablit pas la parité du collège délibérant : choisissez l'une des propositions affichées.");
        }

        db.StandAsides.Add(new StandAside
        {
            Id = Guid.NewGuid(),
            SessionId = sessionId,
            DossierId = dossierId,
            JuryMemberId = standingAsideMemberId,
            AppliedByMemberId = memberId,
            At = clock.GetUtcNow(),
        });
        audit.Add(db, actor, "Retrait d'un membre pour rétablir la parité", sessionId, dossierId, state.NameOf(standingAsideMemberId));
        await SaveSessionAsync(db, await db.Sessions.FirstAsync(s => s.Id == sessionId, cancellationToken), cancellationToken);
    }

    private static PanelView BuildPanelView(RoomState state, DossierEntity dossier, Panel panel, bool frozen)
    {
        var assessment = ParityRestoration.Assess(panel);
        var awaiting = frozen
            ? []
            : state.Members.Where(m => state.Present.Contains(m.Id) && !state.HasDeclared(m.Id, dossier) && !state.HasStoodAside(m.Id, dossier.Id))
                .Select(m => state.MemberView(m.Id)).ToList();
        return new PanelView(
            panel.Members.Select(m => state.MemberView(m.Id)).ToList(),
            panel.Recused.Select(m => state.MemberView(m.Id)).ToList(),
            panel.StoodAside.Select(m => state.MemberView(m.Id)).ToList(),
            awaiting,
            assessment.Findings,
            frozen ? [] : assessment.Proposals.Select(p => new StandAsideOption(p.Member.Id, p.Description)).ToList(),
            !frozen && assessment.MustPostpone,
            frozen,
            ChairOf(state, dossier, panel));
    }

    /// <summary>
    /// Who may chair this dossier: the dossier chair (DossierChair: the president, or the panel's
    /// expert when the president is excluded); when the panel cannot deliberate, the president if
    /// not excluded; failing both, any participant (so that a dossier can always be postponed).
    /// </summary>
    private static Guid? ChairOf(RoomState state, DossierEntity dossier, Panel panel)
    {
        if (DossierChair.For(panel, state.Session.PresidentMemberId) is { } chair)
        {
            return chair.Id;
        }

        return state.Session.PresidentMemberId is { } president && !state.IsExcluded(president, dossier) ? president : null;
    }

    private async Task EnsureMayChairAsync(RoomState state, Actor actor, Guid memberId, DossierEntity dossier, Panel panel, string action)
    {
        if (state.Session.PresidentMemberId is null)
        {
            await RefuseAsync(actor, action, state.Session.Id, dossier.Id, "Aucun président n'a encore été désigné : cette action lui est réservée.");
        }

        if (state.IsExcluded(memberId, dossier))
        {
            await RefuseAsync(actor, action, state.Session.Id, dossier.Id,
                "Vous ne participez pas à la délibération sur ce dossier (conflit d'intérêts ou retrait) : cette action vous est refusée.");
        }

        var chair = ChairOf(state, dossier, panel);
        if (chair is not null && chair != memberId)
        {
            await RefuseAsync(actor, action, state.Session.Id, dossier.Id, "Cette action est réservée au président de séance pour ce dossier.");
        }

        if (chair is null && !state.HasDeclared(memberId, dossier))
        {
            await RefuseAsync(actor, action, state.Session.Id, dossier.Id, "Déclarez d'abord vos liens d'intérêts pour ce dossier.");
        }
    }

    private static async Task<DossierEntity> LoadDossierContentAsync(CqpJuryDbContext db, Guid dossierId, CancellationToken cancellationToken) =>
        await db.Dossiers.AsNoTracking().WithContent().FirstAsync(d => d.Id == dossierId, cancellationToken);

    private static DossierContent BuildContent(DossierEntity dossier, Domain.Referential.CertificateDefinition certificate, DateOnly juryDate)
    {
        var domain = dossier.ToDomain();
        var held = OutcomeCalculator.HeldOn(domain.EarlierValidations, juryDate);
        var competences = certificate.Competences.Select((c, i) =>
        {
            var evaluation = domain.Evaluation.For(c.Code);
            var isHeld = held.TryGetValue(c.Code, out var acquisition);
            return new CompetenceView(
                c.Code,
                i + 1,
                c.Title,
                isHeld ? CompetenceSituation.StillHeld : CompetenceSituation.ToDecide,
                acquisition?.ValidUntil,
                evaluation?.EvaluatorsSayMastered,
                evaluation?.Mastery,
                evaluation?.HasDiscrepancy ?? false,
                !isHeld && OutcomeCalculator.MayValidate(evaluation),
                evaluation?.Elements ?? []);
        }).ToList();
        return new DossierContent(
            dossier.Candidate!.OfficialName,
            dossier.Route,
            dossier.Employer?.Name,
            dossier.TrainingOrganisation?.Name,
            dossier.SectorProfessional?.FullName,
            dossier.ExternalAssessor?.FullName,
            dossier.EvaluationDate,
            competences,
            domain.Evaluation.Discrepancies(certificate),
            dossier.CandidateObservations,
            dossier.Documents.OrderBy(d => d.Kind).Select(d => new DocumentView(d.Id, d.Kind, d.OriginalFileName)).ToList());
    }
}
