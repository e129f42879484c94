using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using CqpJury.App.Realtime;
using CqpJury.App.Services.Room;
using CqpJury.Domain.Deliberations;
using CqpJury.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CqpJury.Tests.Integration.Room.RoomScenario;

namespace CqpJury.Tests.Integration.Room;

public sealed class RoomDurabilityTests : IDisposable
{
    private readonly List<IDisposable> _factories = [];

    public void Dispose()
    {
        foreach (var factory in _factories)
        {
            factory.Dispose();
        }
    }

    private T Track<T>(T factory)
        where T : IDisposable
    {
        _factories.Add(factory);
        return factory;
    }

    [Fact]
    public async Task Every_vote_and_the_decision_are_committed_before_the_notifier_publishes_them()
    {
        var factory = Track(new CqpJuryAppFactory());
        var s = await SeedAsync(factory);
        var dossierId = await s.OpenLeroyVoteAsync();
        var dbFactory = factory.Services.GetRequiredService<IDbContextFactory<CqpJuryDbContext>>();
        var observed = new List<(int Votes, DeliberationState State, bool Audited)>();
        using var subscription = s.Subscribe(async e =>
        {
            if (e.Kind != RoomEventKind.DeliberationChanged || e.DossierId != dossierId)
            {
                return;
            }

            await using var db = await dbFactory.CreateDbContextAsync();
            var record = await db.Deliberations.AsNoTracking().SingleAsync(d => d.SessionId == s.SessionId && d.DossierId == dossierId);
            var votes = await db.DeliberationEvents.CountAsync(f => f.DeliberationId == record.Id && f.Kind == DeliberationEventKind.VoteCast);
            var audited = await db.AuditEntries.CountAsync(a => a.DossierId == dossierId && a.Action.StartsWith("Vote"));
            lock (observed)
            {
                observed.Add((votes, record.State, audited == votes));
            }
        });

        var expected = 0;
        foreach (var name in Everyone)
        {
            await s.VoteAsync(name, "Leroy", VoteChoice.Approve);
            expected++;
            Assert.Equal(expected, observed.Count);
            Assert.Equal(expected, observed[^1].Votes);
            Assert.True(observed[^1].Audited, "the audit entry is committed with the vote");
        }

        Assert.Equal(DeliberationState.Decided, observed[^1].State);
        Assert.All(observed.SkipLast(1), o => Assert.Equal(DeliberationState.Voting, o.State));
    }

    [Fact]
    public async Task After_a_server_restart_members_come_back_to_the_same_round_votes_and_decisions()
    {
        var dataRoot = Path.Combine(Path.GetTempPath(), "cqpjury-tests", Guid.NewGuid().ToString("N"));
        var first = new CqpJuryAppFactory(dataRoot, deleteOnDispose: false);
        DossierView before;
        DossierView signedBefore;
        try
        {
            var s1 = await SeedAsync(first);
            await s1.OpenLeroyVoteAsync();
            await s1.VoteAsync(Karim, "Leroy", VoteChoice.Object);
            var amended = new Dictionary<string, bool>(await s1.DefaultProposalAsync(Olivier, "Leroy"), StringComparer.Ordinal) { ["C6"] = false };
            await s1.AsAsync(Olivier, room => room.ProposeAsync(s1.SessionId, s1.Dossier("Leroy"), amended));
            await s1.VoteAsync(Amandine, "Leroy", VoteChoice.Approve);
            await s1.VoteAsync(Karim, "Leroy", VoteChoice.Approve);

            await s1.DeclareNoLinkAsync("Mercier", Everyone);
            var proposal = await s1.DefaultProposalAsync(Olivier, "Mercier");
            await s1.AsAsync(Olivier, room => room.ProposeAsync(s1.SessionId, s1.Dossier("Mercier"), proposal));
            foreach (var name in Everyone)
            {
                await s1.VoteAsync(name, "Mercier", VoteChoice.Approve);
            }

            await s1.AsAsync(Olivier, room => room.WriteDecisionTextAsync(s1.SessionId, s1.Dossier("Mercier"), "Validation partielle.", null));
            await s1.AsAsync(Olivier, room => room.SignAsync(s1.SessionId, s1.Dossier("Mercier"), s1.Password(Olivier)));
            before = await s1.DossierAsync(Sophie, "Leroy");
            signedBefore = await s1.DossierAsync(Sophie, "Mercier");
        }
        finally
        {
            first.Dispose();
        }

        var second = Track(new CqpJuryAppFactory(dataRoot, deleteOnDispose: true));
        var s2 = await SeedAsync(second);
        await s2.EnterAsync(Everyone);

        var room = await s2.RoomAsync(Sophie);
        var after = await s2.DossierAsync(Sophie, "Leroy");
        var signedAfter = await s2.DossierAsync(Sophie, "Mercier");

        Assert.Equal(s2.Member(Olivier), room.PresidentId);
        Assert.Equal(2, after.Deliberation!.Round);
        Assert.Equal(DeliberationState.Voting, after.Deliberation.State);
        Assert.False(after.Deliberation.Proposal!["C6"]);
        Assert.Equal(before.Deliberation!.Tally, after.Deliberation.Tally);
        Assert.Equal(
            new[] { s2.Member(Amandine), s2.Member(Karim) }.Order(),
            after.Deliberation.Tally.Where(v => v.Status == VoteStatus.Approved).Select(v => v.MemberId).Order());
        Assert.Equal(AgendaItemStatus.DecisionSigned, signedAfter.Status);
        Assert.Equal(signedBefore.Deliberation!.DecisionOutcome!.Outcome, signedAfter.Deliberation!.DecisionOutcome!.Outcome);
        Assert.Equal(signedBefore.Deliberation.DecisionOutcome.Competences, signedAfter.Deliberation.DecisionOutcome.Competences);
        Assert.Equal(signedBefore.Deliberation.DecidedAt, signedAfter.Deliberation.DecidedAt);
        Assert.Equal(signedBefore.Deliberation.SignedAt, signedAfter.Deliberation.SignedAt);
        Assert.Equal("Olivier Garnier", signedAfter.Deliberation.SignedByName);
        Assert.Equal("Validation partielle.", signedAfter.Deliberation.Comments);

        // The deliberation goes on where it stopped.
        foreach (var name in new[] { Helene, Sophie, Olivier })
        {
            await s2.VoteAsync(name, "Leroy", VoteChoice.Approve);
        }

        Assert.Equal(DeliberationState.Decided, (await s2.DossierAsync(Amandine, "Leroy")).Deliberation!.State);
        Assert.Equal(2, (await s2.FactsAsync("Leroy")).Count(f => f.Kind == DeliberationEventKind.ProposalPut));
    }

    [Fact]
    public async Task R11_the_last_two_panel_members_approving_at_the_same_moment_reach_the_decision_without_losing_a_vote()
    {
        var factory = Track(new BarrierAppFactory());
        var s = await SeedAsync(factory);
        await s.OpenLeroyVoteAsync();
        foreach (var name in new[] { Amandine, Karim, Helene })
        {
            await s.VoteAsync(name, "Leroy", VoteChoice.Approve);
        }

        factory.Barrier.Arm<DeliberationEvent>();
        await Task.WhenAll(
            s.VoteAsync(Sophie, "Leroy", VoteChoice.Approve),
            s.VoteAsync(Olivier, "Leroy", VoteChoice.Approve));
        factory.Barrier.Disarm();

        Assert.Equal(2, factory.Barrier.Arrived);
        var view = await s.DossierAsync(Amandine, "Leroy");
        Assert.Equal(DeliberationState.Decided, view.Deliberation!.State);
        Assert.All(view.Deliberation.Tally, v => Assert.Equal(VoteStatus.Approved, v.Status));
        var votes = (await s.FactsAsync("Leroy")).Where(f => f.Kind == DeliberationEventKind.VoteCast).ToList();
        Assert.Equal(5, votes.Count);
        Assert.Equal(Everyone.Select(s.Member).Order(), votes.Select(v => v.ActorMemberId).Order());
        Assert.All(votes, v => Assert.Equal(1, v.Round));
    }

    [Fact]
    public async Task R11_the_same_vote_sent_twice_at_the_same_moment_counts_once()
    {
        var factory = Track(new BarrierAppFactory());
        var s = await SeedAsync(factory);
        await s.OpenLeroyVoteAsync();

        factory.Barrier.Arm<DeliberationEvent>();
        await Task.WhenAll(
            s.VoteAsync(Amandine, "Leroy", VoteChoice.Approve),
            s.VoteAsync(Amandine, "Leroy", VoteChoice.Approve));
        factory.Barrier.Disarm();

        Assert.Equal(2, factory.Barrier.Arrived);
        Assert.Single(await s.FactsAsync("Leroy"), f => f.Kind == DeliberationEventKind.VoteCast);
        var tally = (await s.DossierAsync(Olivier, "Leroy")).Deliberation!.Tally;
        Assert.Equal(s.Member(Amandine), Assert.Single(tally, v => v.Status == VoteStatus.Approved).MemberId);
    }

    [Fact]
    public async Task R10_the_same_declaration_sent_twice_at_the_same_moment_is_stored_once_without_error()
    {
        var factory = Track(new BarrierAppFactory());
        var s = await SeedAsync(factory);
        await s.EnterAsync(Everyone);

        factory.Barrier.Arm<ConflictDeclaration>();
        await Task.WhenAll(
            s.AsAsync(Amandine, room => room.DeclareConflictAsync(s.SessionId, s.Dossier("Leroy"), false, null)),
            s.AsAsync(Amandine, room => room.DeclareConflictAsync(s.SessionId, s.Dossier("Leroy"), false, null)));
        factory.Barrier.Disarm();

        Assert.Equal(2, factory.Barrier.Arrived);
        await factory.WithDbAsync(async db =>
            Assert.Equal(1, await db.ConflictDeclarations.CountAsync(c => c.SessionId == s.SessionId && c.JuryMemberId == s.Member(Amandine))));
        Assert.Equal(Participation.Participant, (await s.DossierAsync(Amandine, "Leroy")).Participation);
    }
    [Fact]
    public async Task R10_1_two_stand_asides_applied_at_the_same_moment_keep_the_panel_valid()
    {
        var factory = Track(new BarrierAppFactory());
        var s = await SeedAsync(factory);
        await s.EnterAllWithPresidentAsync(Olivier);
        await s.DeclareNoLinkAsync("Fontaine", Amandine, Karim, Olivier, Sophie);

        // The chair's two open tabs each apply one of the two proposals at the same moment.
        factory.Barrier.Arm<StandAside>();
        var outcome = await Task.WhenAll(
            Capture(s.AsAsync(Olivier, room => room.ApplyStandAsideAsync(s.SessionId, s.Dossier("Fontaine"), s.Member(Amandine)))),
            Capture(s.AsAsync(Olivier, room => room.ApplyStandAsideAsync(s.SessionId, s.Dossier("Fontaine"), s.Member(Karim)))));
        factory.Barrier.Disarm();

        Assert.Equal(2, factory.Barrier.Arrived);
        var panel = (await s.DossierAsync(Olivier, "Fontaine")).Panel!;
        Assert.True(panel.IsValid, string.Join(" ", panel.Findings.Select(f => f.Message)));
        Assert.Single(panel.StoodAside);
        Assert.Single(outcome, e => e is null);
    }

    private static async Task<Exception?> Capture(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return ex;
        }
    }
}
