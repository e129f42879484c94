using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using CqpJury.Domain.Deliberations;
using CqpJury.Domain.Outcomes;
using Microsoft.EntityFrameworkCore;

namespace CqpJury.App.Services.Room;

/// <summary>A deliberation replayed from its facts, with its chair.</summary>
internal sealed record LoadedDeliberation(DeliberationRecord Record, Deliberation? Aggregate, Guid? ChairId);

/// <summary>What a participant's view of a dossier is built from (<see cref="RoomReading.DossierAsync"/>).</summary>
internal sealed record DossierReading(DossierEntity Full, DossierContent Content, LoadedDeliberation? Deliberation);

public sealed partial class RoomService
{
    private async Task<LoadedDeliberation> LoadDeliberationAsync(CqpJuryDbContext db, RoomState state, DeliberationRecord record, DossierEntity full, CancellationToken cancellationToken)
    {
        var facts = await db.DeliberationEvents.AsNoTracking().Where(e => e.DeliberationId == record.Id).OrderBy(e => e.Version).ToListAsync(cancellationToken);
        var certificate = catalog.Get(full.CertificateCode);
        var aggregate = DeliberationReplay.Rebuild(facts, DeliberationReplay.Subject(full, certificate, state.Session.Date), PanelMembers(state, record), state.Session.PresidentMemberId);
        var panel = state.PanelFor(full);
        return new LoadedDeliberation(record, aggregate, ChairOf(state, full, panel));
    }

    private DeliberationView BuildDeliberationView(RoomState state, LoadedDeliberation loaded, Guid memberId, DossierEntity full)
    {
        var certificate = catalog.Get(full.CertificateCode);
        var ruleText = certificate.DecisionRule.ToFrench();
        var aggregate = loaded.Aggregate;
        var chairName = loaded.ChairId is { } chair ? state.NameOf(chair) : null;
        if (aggregate is null)
        {
            return new DeliberationView(loaded.Record.State, 0, null, null, [], false, null, false, loaded.ChairId == memberId, chairName,
                null, null, null, null, null, null, loaded.Record.PostponementReason, false, ruleText);
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
            ruleText);
    }

    /// <summary>The outcome a proposal would give (R4), for the chair's editor; nothing changes.</summary>
    public async Task<OutcomeResult> PreviewAsync(Guid sessionId, Guid dossierId, IReadOnlyDictionary<string, bool> validations, CancellationToken cancellationToken = default)
    {
        var view = await GetDossierAsync(sessionId, dossierId, cancellationToken);
        if (view.Content is null)
        {
            throw new AccessDeniedException("Vous ne participez pas à la délibération sur ce dossier.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var full = await LoadDossierContentAsync(db, dossierId, cancellationToken);
        var session = await db.Sessions.AsNoTracking().FirstAsync(s => s.Id == sessionId, cancellationToken);
        var subject = DeliberationReplay.Subject(full, catalog.Get(full.CertificateCode), session.Date);
        try
        {
            return subject.Evaluate(validations);
        }
        catch (DeliberationException ex)
        {
            throw new UserFacingException(ex.Message);
        }
    }
}
