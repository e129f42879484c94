using CqpJury.App.Data.Entities;
using CqpJury.App.Realtime;
using CqpJury.App.Services;
using CqpJury.App.Services.Room;
using CqpJury.App.Services.Room.Commands;
using CqpJury.Domain.Deliberations;
using CqpJury.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using static CqpJury.Tests.Integration.Room.RoomScenario;

namespace CqpJury.Tests.Integration.Room;

/// <summary>
/// The room's command pipeline itself (RoomCommandPipeline): retry on a concurrent change, nothing
/// told before (or without) a commit, refusals journaled with nothing else written, and commands
/// that change nothing leaving no trace.
/// </summary>
public sealed class RoomCommandPipelineTests
{
    [Fact]
    public async Task A_vote_whose_commit_meets_a_concurrent_change_is_run_again_on_fresh_state_then_committed_once_and_told_once()
    {
        using var factory = new SaveFaultAppFactory();
        var s = await SeedAsync(factory);
        var dossierId = await s.OpenLeroyVoteAsync();
        using var events = s.RecordEvents();

        factory.Fault.FailNext<DeliberationEvent>(2);
        await s.VoteAsync(Karim, "Leroy", VoteChoice.Approve);

        Assert.Equal(3, factory.Fault.Attempts);
        var vote = Assert.Single(await s.FactsAsync("Leroy"), f => f.Kind == DeliberationEventKind.VoteCast);
        Assert.Equal(s.Member(Karim), vote.ActorMemberId);
        Assert.Single(await s.AuditAsync(), a => a.Action.StartsWith("Vote", StringComparison.Ordinal) && a.UserName == "Karim Benali");
        var told = Assert.Single(events.Seen);
        Assert.Equal((RoomEventKind.DeliberationChanged, dossierId, s.Member(Karim)), (told.Kind, told.DossierId!.Value, told.MemberId!.Value));
    }

    [Fact]
    public async Task A_command_whose_commit_keeps_failing_is_given_up_after_the_last_attempt_with_nothing_stored_journaled_nor_told()
    {
        using var factory = new SaveFaultAppFactory();
        var s = await SeedAsync(factory);
        await s.EnterAllWithPresidentAsync(Olivier);
        var auditBefore = (await s.AuditAsync()).Count;
        using var events = s.RecordEvents();

        factory.Fault.FailNext<ConflictDeclaration>(int.MaxValue);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() =>
            s.AsAsync(Amandine, room => room.DeclareConflictAsync(s.SessionId, s.Dossier("Leroy"), false, null)));

        Assert.Equal(RoomCommandPipeline.MaxCommandAttempts, factory.Fault.Attempts);
        Assert.Empty(events.Seen);
        Assert.Equal(auditBefore, (await s.AuditAsync()).Count);
        await factory.WithDbAsync(async db => Assert.False(await db.ConflictDeclarations.AnyAsync(c => c.SessionId == s.SessionId)));
        Assert.Equal(Participation.MustDeclare, (await s.DossierAsync(Amandine, "Leroy")).Participation);
    }

    [Fact]
    public async Task A_refused_command_changes_nothing_tells_nothing_and_leaves_one_journal_line_the_refusal()
    {
        using var factory = new CqpJuryAppFactory();
        var s = await SeedAsync(factory);
        await s.EnterAllWithPresidentAsync(Olivier);
        var sessionBefore = await s.SessionAsync();
        var auditBefore = (await s.AuditAsync()).Count;
        using var events = s.RecordEvents();

        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            s.AsAsync(Karim, room => room.SetCurrentDossierAsync(s.SessionId, s.Dossier("Leroy"))));

        Assert.Equal("Cette action est réservée au président de séance.", refused.Message);
        Assert.Empty(events.Seen);
        var journal = await s.AuditAsync();
        Assert.Equal(auditBefore + 1, journal.Count);
        var refusal = journal[^1];
        Assert.Equal(("Refus : Passer au dossier", "Karim Benali", refused.Message), (refusal.Action, refusal.UserName, refusal.Details));
        Assert.Equal(s.SessionId, refusal.SessionId);
        var sessionAfter = await s.SessionAsync();
        Assert.Null(sessionAfter.CurrentDossierId);
        Assert.Equal(sessionBefore.ConcurrencyStamp, sessionAfter.ConcurrencyStamp);
    }

    [Fact]
    public async Task R9_accepting_the_proposed_president_twice_is_one_acceptance_one_journal_line_and_one_event()
    {
        using var factory = new CqpJuryAppFactory();
        var s = await SeedAsync(factory);
        await s.EnterAsync(Everyone);
        await s.AsAsync(Amandine, room => room.ProposePresidentAsync(s.SessionId, s.Member(Olivier)));
        using var events = s.RecordEvents();

        await s.AsAsync(Karim, room => room.AcceptPresidentAsync(s.SessionId));
        await s.AsAsync(Karim, room => room.AcceptPresidentAsync(s.SessionId));
        await s.AsAsync(Amandine, room => room.AcceptPresidentAsync(s.SessionId)); // the proposer: already counted

        Assert.Single(await s.AuditAsync(), a => a.Action == "Acceptation du président proposé");
        Assert.Single(events.Seen);
        Assert.Single(await PresidencyFactsAsync(factory, s), p => p.Kind == PresidencyEventKind.Accepted);
        var proposal = (await s.RoomAsync(Helene)).PresidencyProposal!;
        Assert.Equal(new[] { s.Member(Amandine), s.Member(Karim) }.Order(), proposal.AcceptedBy.Order());
    }

    [Fact]
    public async Task R9_a_double_click_on_accepting_the_president_at_the_same_moment_is_stored_and_journaled_once()
    {
        using var factory = new BarrierAppFactory();
        var s = await SeedAsync(factory);
        await s.EnterAsync(Everyone);
        await s.AsAsync(Amandine, room => room.ProposePresidentAsync(s.SessionId, s.Member(Olivier)));

        factory.Barrier.Arm<PresidencyEvent>();
        await Task.WhenAll(
            s.AsAsync(Karim, room => room.AcceptPresidentAsync(s.SessionId)),
            s.AsAsync(Karim, room => room.AcceptPresidentAsync(s.SessionId)));
        factory.Barrier.Disarm();

        Assert.Equal(2, factory.Barrier.Arrived);
        Assert.Single(await PresidencyFactsAsync(factory, s), p => p.Kind == PresidencyEventKind.Accepted);
        Assert.Single(await s.AuditAsync(), a => a.Action == "Acceptation du président proposé");
    }

    private static async Task<List<PresidencyEvent>> PresidencyFactsAsync(CqpJuryAppFactory factory, RoomScenario s)
    {
        List<PresidencyEvent> facts = [];
        await factory.WithDbAsync(async db => facts = await db.PresidencyEvents.AsNoTracking().Where(p => p.SessionId == s.SessionId).ToListAsync());
        return facts;
    }
}

/// <summary>
/// Once armed, the next <c>count</c> SaveChanges that add an entity of type <c>T</c> fail as a
/// concurrent change would (before anything is written); counts the saves it saw since armed.
/// </summary>
internal sealed class SaveFault : SaveChangesInterceptor
{
    private readonly Lock _gate = new();
    private Func<DbContext, bool>? _matches;
    private int _failures;

    public int Attempts { get; private set; }

    public void FailNext<T>(int count)
        where T : class
    {
        lock (_gate)
        {
            _matches = db => db.ChangeTracker.Entries<T>().Any(e => e.State == EntityState.Added);
            _failures = count;
            Attempts = 0;
        }
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_matches is { } matches && eventData.Context is { } context && matches(context))
            {
                Attempts++;
                if (_failures > 0)
                {
                    _failures--;
                    throw new DbUpdateConcurrencyException("Simulated concurrent change.");
                }
            }
        }

        return ValueTask.FromResult(result);
    }
}

/// <summary>The real app with a <see cref="SaveFault"/> on every database context.</summary>
internal sealed class SaveFaultAppFactory : CqpJuryAppFactory
{
    public SaveFault Fault { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => TestDatabase.Current.AddInterceptor(services, Fault));
    }
}
