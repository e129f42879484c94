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

/// <summary>A deliberation replayed from its facts, with its chair.</summary>
internal sealed record LoadedDeliberation(DeliberationRecord Record, Deliberation? Aggregate, Guid? ChairId);

/// <summary>What a participant's view of a dossier is built from (<see cref="RoomReading.DossierAsync"/>).</summary>
internal sealed record DossierReading(DossierEntity Full, DossierContent Content, DeliberationSubject Subject, LoadedDeliberation? Deliberation);

/// <summary>
/// What a member sees of the room (scoped: one per circuit): the room, and a dossier as this member
/// may see it — nothing of a dossier's content for a member who has not answered the conflict
/// question, is in conflict or stood aside (R10.2). Reads only; the changes are commands
/// (<see cref="Commands.RoomCommandPipeline"/>).
/// </summary>
public sealed class RoomQueries(
    IDbContextFactory<CqpJuryDbContext> dbFactory,
    RoomAccess access,
    ReferentialCatalog catalog,
    SharedDossierContents sharedContents,
    RoomReads reads,
    PresenceRegistry presence,
    Privacy.AccessHistory history)
{
    /// <summary>The room as the acting member may see it.</summary>
    public async Task<RoomView> GetRoomAsync(Guid sessionId, CancellationToken cancellationToken = default)
    {
        var (actor, memberId) = await access.RequireConvenedAsync(sessionId, "Consulter la salle", cancellationToken);
        await access.RequireCommitmentAsync(actor, sessionId, memberId, "Consulter la salle", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var state = await RoomState.LoadAsync(db, sessionId, presence.PresentMembers(sessionId), cancellationToken);
        return BuildRoomView(state, memberId);
    }

    /// <summary>
    /// What closing the session would do, for the president to confirm (closing cannot be undone); the
    /// counts come from the same state as the room. Refused to anyone but the president (R9), like closing.
    /// </summary>
    public async Task<ClosingPreview> PreviewClosingAsync(Guid sessionId, CancellationToken cancellationToken = default)
    {
        var room = await GetRoomAsync(sessionId, cancellationToken);
        if (!room.IAmPresident)
        {
            throw new AccessDeniedException(new ActionReservedToThePresidentRule(room.PresidentId, room.MyMemberId).Message);
        }

        // Issue 20: the decision messages closing will queue (the same plan as CloseSession's), named as the room
        // names the dossiers; nothing of a dossier the president does not take part in (R10.2).
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var plan = await Mail.DecisionMail.PlanAsync(db, catalog, sessionId, cancellationToken);
        var mail = Mail.ClosingMailPreview.Of(plan, room.Agenda.OrderBy(a => a.Position).Select(a => (a.DossierId, a.Label, a.IAmExcluded)));

        // R16: the recipients' addresses are personal data: each dossier whose recipients the president reads is in its access history.
        var (actor, _) = await access.RequireConvenedAsync(sessionId, "Confirmer la clôture", cancellationToken);
        await history.RecordAllAsync(actor, Privacy.AccessPlaces.ClosingConfirmation,
            mail.Dossiers.Where(d => !d.Withheld).Select(d => ((Guid?)d.DossierId, (Guid?)sessionId, (Guid?)null, (string?)null)), cancellationToken);
        return ClosingPreview.Of(
            room.Agenda.Count(a => a.Status == AgendaItemStatus.DecisionSigned),
            room.Agenda.Count(a => a.Status == AgendaItemStatus.Postponed)) with { Mail = mail };
    }

    /// <summary>
    /// One dossier as the acting member may see it. A member who has not answered the conflict
    /// question, or who is in conflict or stood aside (R10.2), gets no content at all: it is
    /// never loaded for them, so it never reaches their circuit.
    /// </summary>
    public async Task<DossierView> GetDossierAsync(Guid sessionId, Guid dossierId, CancellationToken cancellationToken = default)
    {
        var (actor, memberId) = await access.RequireConvenedAsync(sessionId, "Consulter un dossier", cancellationToken);
        await access.RequireCommitmentAsync(actor, sessionId, memberId, "Consulter un dossier", cancellationToken);
        var reading = await reads.ReadAsync(sessionId, Stopwatch.GetTimestamp());
        return await BuildDossierViewAsync(reading, actor, memberId, dossierId);
    }

    /// <summary>
    /// The room and the dossier shown — <paramref name="viewedDossierId"/>, or the current dossier
    /// when null (none while the president has put none on screen) — as the acting member may see
    /// them, from one authorization check and one read of the room's state: what a room page reloads
    /// after each event (the same views as <see cref="GetRoomAsync"/> and <see cref="GetDossierAsync"/>).
    /// The read is shared with the session's other pages reloading at the same moment
    /// (<see cref="RoomReads"/>): it started at or after <paramref name="notBefore"/> — the event the
    /// page reacts to (<see cref="RoomEvent.DeliveredAt"/>) — or now when null; <paramref name="deliberationsOnly"/>:
    /// what happened since then changed deliberations only (the reading may refresh just those).
    /// </summary>
    public async Task<(RoomView Room, DossierView? Dossier)> GetRoomAndDossierAsync(Guid sessionId, Guid? viewedDossierId, long? notBefore = null, bool deliberationsOnly = false, CancellationToken cancellationToken = default)
    {
        var (actor, memberId) = await access.RequireConvenedAsync(sessionId, "Consulter la salle", cancellationToken);
        await access.RequireCommitmentAsync(actor, sessionId, memberId, "Consulter la salle", cancellationToken);
        var reading = await reads.ReadAsync(sessionId, notBefore is > 0 ? notBefore.Value : Stopwatch.GetTimestamp(), deliberationsOnly && notBefore is > 0);
        var room = BuildRoomView(reading.State, memberId);
        var shown = viewedDossierId ?? room.CurrentDossierId;
        return (room, shown is { } id ? await BuildDossierViewAsync(reading, actor, memberId, id) : null);
    }

    /// <summary>The outcome a proposal would give (R4), for the chair's editor; nothing changes (<see cref="DossierView.PreviewOutcome"/>).</summary>
    public async Task<OutcomeResult> PreviewAsync(Guid sessionId, Guid dossierId, IReadOnlyDictionary<string, bool> validations, CancellationToken cancellationToken = default) =>
        (await GetDossierAsync(sessionId, dossierId, cancellationToken)).PreviewOutcome(validations);

    private RoomView BuildRoomView(RoomState state, Guid memberId)
    {
        var members = state.Members.Select(m => state.MemberView(m.Id)).OrderBy(m => m.Seat).ThenBy(m => m.Name, StringComparer.CurrentCulture).ToValueList();
        var presentMembers = state.Members.Where(m => state.Present.Contains(m.Id)).Select(m => m.ToDomain()).ToList();
        var agenda = state.Agenda.Select(item =>
        {
            var dossier = item.Dossier!;
            var excluded = state.IsExcluded(memberId, dossier);
            var certificate = catalog.Find(dossier.CertificateCode);
            return new AgendaItemView(
                dossier.Id,
                item.Position,
                dossier.Reference,
                excluded ? $"Dossier {dossier.Reference}" : $"{dossier.Candidate!.OfficialName} ({dossier.Reference})",
                certificate?.Title ?? dossier.CertificateCode,
                state.StatusOf(dossier.Id),
                excluded);
        }).ToValueList();

        return new RoomView(
            state.Session.Id,
            state.Session.Title,
            state.Session.Date,
            state.Session.StartTime,
            state.Session.Place,
            state.Session.VideoLink,
            state.Session.Status,
            members,
            JuryComposition.Check(presentMembers, "Le jury présent").ToValueList(),
            state.Session.PresidentMemberId,
            BuildProposalView(state),
            agenda,
            state.Session.CurrentDossierId,
            memberId,
            state.CloseBlockers().ToValueList());
    }

    private static PresidencyProposalView? BuildProposalView(RoomState state)
    {
        if (state.Session.PresidentMemberId is not null || state.Designation.ProposedPresidentId is not { } candidate)
        {
            return null;
        }

        var present = state.Present.ToList();
        return new PresidencyProposalView(
            candidate,
            state.NameOf(candidate),
            state.NameOf(state.Designation.ProposedBy ?? candidate),
            state.Designation.Acceptances.ToValueList(),
            state.Designation.AwaitedFrom(present).ToValueList());
    }

    private async Task<DossierView> BuildDossierViewAsync(RoomReading reading, Actor actor, Guid memberId, Guid dossierId)
    {
        var state = reading.State;
        var dossier = state.AgendaDossier(dossierId);
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
            await access.RecordDossierShownAsync(actor, state.Session.Id, dossierId, reason); // R16: kept from the content, in the history
            return new DossierView(dossierId, dossier.Reference, certificate.Title, status, Participation.Recused, null, reason, null, null, null);
        }

        if (state.StandAsideOf(memberId, dossierId) is { } standAside)
        {
            // Issue 19: the member reads who decided the stand-aside (the dossier's chair, or themselves).
            var decidedBy = standAside.AppliedByMemberId == memberId
                ? "Vous vous êtes retiré(e) de ce dossier pour rétablir la parité du collège délibérant."
                : $"{state.NameOf(standAside.AppliedByMemberId)}, qui préside ce dossier, a décidé votre retrait pour rétablir la parité du collège délibérant : vous ne participez ni à la délibération ni au vote.";
            await access.RecordDossierShownAsync(actor, state.Session.Id, dossierId, "Retiré(e) du dossier pour rétablir la parité du collège délibérant.");
            return new DossierView(dossierId, dossier.Reference, certificate.Title, status, Participation.StoodAside, null, decidedBy, null, null, null);
        }

        if (declaration is null)
        {
            return new DossierView(dossierId, dossier.Reference, certificate.Title, status, Participation.MustDeclare,
                new ConflictPrompt(dossier.Employer?.Name, dossier.TrainingOrganisation?.Name), null, null, null, null);
        }

        // Participant: the confidential content is read now, and only now (once per reading, for
        // the session's participants reloading together).
        var read = await reading.DossierAsync(dossierId, (id, known) => ReadDossierAsync(state, id, known));
        await access.RecordDossierShownAsync(actor, state.Session.Id, dossierId, null); // R16: who read what
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
            read.Deliberation is null ? null : BuildDeliberationView(state, read.Deliberation, memberId, read.Full)) { Subject = read.Subject };
    }

    /// <summary>
    /// What every participant's view of a dossier is built from: its content (read, or <paramref name="known"/> from
    /// the reading this one refreshes) and its deliberation (always replayed from its facts), read once per reading.
    /// </summary>
    private async Task<DossierReading> ReadDossierAsync(RoomState state, Guid dossierId, DossierContentRead? known)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var full = known?.Full ?? await RoomState.LoadDossierContentAsync(db, dossierId, CancellationToken.None);
        var certificate = catalog.Get(full.CertificateCode);
        var subject = known?.Subject ?? DeliberationReplay.Subject(full, certificate, state.Session.Date);
        var record = state.DeliberationOf(dossierId);
        var deliberation = record is null ? null : await LoadDeliberationAsync(db, state, record, full, subject, CancellationToken.None);
        var content = known?.Content ?? sharedContents.Share(dossierId, BuildContent(full, certificate, state.Session.Date));
        return new DossierReading(full, content, subject, deliberation);
    }

    private static async Task<LoadedDeliberation> LoadDeliberationAsync(CqpJuryDbContext db, RoomState state, DeliberationRecord record, DossierEntity full, DeliberationSubject subject, CancellationToken cancellationToken)
    {
        var facts = await db.DeliberationEvents.AsNoTracking().Where(e => e.DeliberationId == record.Id).OrderBy(e => e.Version).ToListAsync(cancellationToken);
        var aggregate = DeliberationReplay.Rebuild(facts, subject, state.PanelMembersOf(record), state.Session.PresidentMemberId);
        return new LoadedDeliberation(record, aggregate, state.ChairOf(full, state.PanelFor(full)));
    }

    private static PanelView BuildPanelView(RoomState state, DossierEntity dossier, Panel panel, bool frozen)
    {
        var assessment = ParityRestoration.Assess(panel);
        var awaiting = frozen ? [] : state.AwaitingDeclaration(dossier).Select(m => state.MemberView(m.Id)).ToValueList();
        return new PanelView(
            panel.Members.Select(m => state.MemberView(m.Id)).ToValueList(),
            panel.Recused.Select(m => state.MemberView(m.Id)).ToValueList(),
            panel.StoodAside.Select(m => state.MemberView(m.Id)).ToValueList(),
            awaiting,
            assessment.Findings.ToValueList(),
            frozen ? [] : assessment.Proposals.Select(p => new StandAsideOption(p.Member.Id, p.Description)).ToValueList(),
            !frozen && assessment.MustPostpone,
            frozen,
            state.ChairOf(dossier, panel));
    }

    private DeliberationView BuildDeliberationView(RoomState state, LoadedDeliberation loaded, Guid memberId, DossierEntity full)
    {
        var certificate = catalog.Get(full.CertificateCode);
        var rule = certificate.DecisionRule;
        var aggregate = loaded.Aggregate;
        var chairName = loaded.ChairId is { } chair ? state.NameOf(chair) : null;
        if (aggregate is null)
        {
            return new DeliberationView(loaded.Record.State, 0, null, null, [], false, null, false, loaded.ChairId == memberId, chairName,
                null, null, null, null, null, null, loaded.Record.PostponementReason, false, rule);
        }

        var tally = aggregate.Panel.Members.Select(m =>
        {
            var vote = aggregate.Votes.FirstOrDefault(v => v.MemberId == m.Id);
            var status = vote is null ? VoteStatus.Pending : vote.Choice == VoteChoice.Approve ? VoteStatus.Approved : VoteStatus.Objected;
            return new VoteLine(m.Id, m.Name, m.Seat, status, vote?.Comment);
        }).ToList();
        var decision = aggregate.Decision;
        return new DeliberationView(
            aggregate.State,
            aggregate.Round,
            aggregate.CurrentProposal?.Validations,
            aggregate.CurrentProposal?.Outcome,
            tally,
            aggregate.IsRoundDefeated,
            aggregate.Votes.FirstOrDefault(v => v.MemberId == memberId)?.Choice,
            aggregate.Panel.Contains(memberId),
            loaded.ChairId == memberId,
            chairName,
            decision?.Outcome,
            decision?.DecidedAt,
            aggregate.Comments,
            aggregate.ObservationsAnswer,
            aggregate.Signature is { } s ? state.NameOf(s.SignedBy) : null,
            aggregate.Signature?.SignedAt,
            aggregate.PostponementReason,
            aggregate.Subject.HasCandidateObservations,
            rule);
    }

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
