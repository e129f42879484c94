using System.Diagnostics;
using System.Text.Json;
using CqpJury.App.Realtime;
using CqpJury.App.Services.Members;
using CqpJury.App.Services.Room;
using CqpJury.Domain.Deliberations;
using CqpJury.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CqpJury.Tests.Integration.Room.RoomScenario;

namespace CqpJury.Tests.Integration.Room;

/// <summary>
/// One read of a session's room for the pages that reload for the same event (RoomReads): shared only
/// when it started after what the page must see, and still cut per member (R10.2).
/// </summary>
public sealed class RoomReadsTests : IDisposable
{
    private readonly CqpJuryAppFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    /// <summary>A full GC once the current method has yielded (its awaiters' temporaries are gone).</summary>
    private static async Task CollectGarbageAsync()
    {
        await Task.Yield();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private RoomReads Reads => _factory.Services.GetRequiredService<RoomReads>();

    [Fact]
    public async Task R10_2_pages_reloading_for_the_same_event_share_one_reading_and_a_member_in_conflict_still_gets_no_content()
    {
        var s = await SeedAsync(_factory);
        await s.EnterAllWithPresidentAsync();
        await s.AsAsync(Olivier, room => room.SetCurrentDossierAsync(s.SessionId, s.Dossier("Fontaine")));
        await s.DeclareNoLinkAsync("Fontaine", Karim, Amandine);

        var eventDelivered = Stopwatch.GetTimestamp();
        var started = Reads.ReadingsStarted;
        var reading = await Reads.ReadAsync(s.SessionId, eventDelivered);
        await CollectGarbageAsync(); // a GC meanwhile: RoomReads keeps the reading, the pages below still share it

        // Hélène (known conflict) reloads first: the reading does not read the dossier's content for her.
        var (_, helenes) = await s.AsAsync(Helene, room => room.GetRoomAndDossierAsync(s.SessionId, null, eventDelivered));
        Assert.NotNull(helenes);
        Assert.Equal(Participation.Recused, helenes.Participation);
        Assert.Null(helenes.Content);
        Assert.Null(helenes.Deliberation);
        Assert.Empty(reading.DossiersRead);

        // Karim and Amandine (no link) get the content, from the same reading, read once for both.
        var (_, karims) = await s.AsAsync(Karim, room => room.GetRoomAndDossierAsync(s.SessionId, null, eventDelivered));
        var (_, amandines) = await s.AsAsync(Amandine, room => room.GetRoomAndDossierAsync(s.SessionId, null, eventDelivered));
        Assert.Equal(Participation.Participant, karims!.Participation);
        Assert.NotNull(karims.Content);
        Assert.Same(karims.Content, amandines!.Content);
        Assert.Equal([s.Dossier("Fontaine")], reading.DossiersRead);
        Assert.Equal(started + 1, Reads.ReadingsStarted);

        // Each member's own view from the shared reading: the same as read alone.
        var alone = await s.DossierAsync(Karim, "Fontaine");
        Assert.Equal(alone.Content!.CandidateName, karims.Content.CandidateName);
        var helenesAlone = await s.DossierAsync(Helene, "Fontaine");
        Assert.Null(helenesAlone.Content);
    }

    [Fact]
    public async Task A_reading_started_before_a_vote_is_not_shared_with_the_pages_reloading_for_that_vote()
    {
        var s = await SeedAsync(_factory);
        var dossierId = await s.OpenLeroyVoteAsync();
        using var events = s.RecordEvents();
        var before = await Reads.ReadAsync(s.SessionId, Stopwatch.GetTimestamp());

        await s.VoteAsync(Karim, "Leroy", VoteChoice.Object);
        var vote = events.Seen.Single(e => e.Kind == RoomEventKind.DeliberationChanged);
        Assert.True(vote.DeliveredAt > before.StartedAt, "the event is stamped when delivered, after the commit");

        var (_, amandines) = await s.AsAsync(Amandine, room => room.GetRoomAndDossierAsync(s.SessionId, dossierId, vote.DeliveredAt));
        Assert.Contains(amandines!.Deliberation!.Tally, l => l.Name.StartsWith(Karim, StringComparison.Ordinal) && l.Status == VoteStatus.Objected);
        var after = await Reads.ReadAsync(s.SessionId, vote.DeliveredAt);
        Assert.NotSame(before, after);
        Assert.True(after.StartedAt >= vote.DeliveredAt);

        // A page reacting to an older event shares the latest reading (it shows more, never less).
        Assert.Same(after, await Reads.ReadAsync(s.SessionId, before.StartedAt));
    }

    [Fact]
    public async Task After_a_vote_the_pages_read_only_the_deliberations_and_keep_the_content_they_had()
    {
        var s = await SeedAsync(_factory);
        var dossierId = await s.OpenLeroyVoteAsync();
        using var events = s.RecordEvents();
        var baseReading = await Reads.ReadAsync(s.SessionId, Stopwatch.GetTimestamp());
        var (_, before) = await s.AsAsync(Amandine, room => room.GetRoomAndDossierAsync(s.SessionId, dossierId, baseReading.StartedAt));
        Assert.Equal([dossierId], baseReading.DossiersRead); // the page's content came from that reading

        await s.VoteAsync(Karim, "Leroy", VoteChoice.Object);
        var vote = events.Seen.Single(e => e.Kind == RoomEventKind.DeliberationChanged);
        using var sql = new SqlCommandLog(_factory);
        var refreshes = Reads.DeliberationRefreshes;
        var (_, amandines) = await s.AsAsync(Amandine, room => room.GetRoomAndDossierAsync(s.SessionId, dossierId, vote.DeliveredAt, deliberationsOnly: true));
        var (_, olivers) = await s.AsAsync(Olivier, room => room.GetRoomAndDossierAsync(s.SessionId, dossierId, vote.DeliveredAt, deliberationsOnly: true));

        // The vote is on both screens, from one refresh of the deliberations.
        Assert.Contains(amandines!.Deliberation!.Tally, l => l.Name.StartsWith(Karim, StringComparison.Ordinal) && l.Status == VoteStatus.Objected);
        Assert.Contains(olivers!.Deliberation!.Tally, l => l.Name.StartsWith(Karim, StringComparison.Ordinal) && l.Status == VoteStatus.Objected);
        Assert.Equal(refreshes + 1, Reads.DeliberationRefreshes);
        var refreshed = await Reads.ReadAsync(s.SessionId, vote.DeliveredAt, deliberationsOnly: true);
        Assert.Equal(baseReading.StructureAt, refreshed.StructureAt);
        Assert.True(refreshed.StartedAt >= vote.DeliveredAt);

        // What was read: the session's deliberation rows and the dossier's facts; not the room's other tables, not the content.
        Assert.Single(sql.Touching("Deliberations"));
        Assert.Single(sql.Touching("DeliberationEvents"));
        Assert.Empty(sql.Touching("AgendaItems"));
        Assert.Empty(sql.Touching("ConflictDeclarations"));
        Assert.Empty(sql.Touching("CompetenceEvaluations"));
        Assert.Same(before!.Content, amandines.Content);
    }

    [Fact]
    public async Task R10_2_a_link_the_secretariat_records_during_a_deliberation_takes_the_content_from_the_linked_members_page_at_its_next_reload()
    {
        var s = await SeedAsync(_factory);
        var dossierId = await s.OpenLeroyVoteAsync();
        using var events = s.RecordEvents();
        var (_, before) = await s.AsAsync(Amandine, room => room.GetRoomAndDossierAsync(s.SessionId, dossierId, Stopwatch.GetTimestamp()));
        Assert.NotNull(before!.Content);

        // A vote: the pages refresh the deliberations only, from the reading they had.
        await s.VoteAsync(Karim, "Leroy", VoteChoice.Approve);
        var vote = events.Seen.Single(e => e.Kind == RoomEventKind.DeliberationChanged);
        await s.AsAsync(Amandine, room => room.GetRoomAndDossierAsync(s.SessionId, dossierId, vote.DeliveredAt, deliberationsOnly: true));

        // The secretariat records that Amandine is linked to the candidate's employer (a known conflict, R10).
        Guid amandineId = default, organisationId = default;
        await _factory.WithDbAsync(async db =>
        {
            amandineId = (await db.JuryMembers.SingleAsync(m => m.FirstName == Amandine)).Id;
            var dossier = await db.Dossiers.SingleAsync(d => d.Id == dossierId);
            organisationId = (dossier.EmployerId ?? dossier.TrainingOrganisationId)!.Value;
        });
        await _factory.AsUserAsync(s.SecretariatEmail, sp => sp.GetRequiredService<JuryMemberService>()
            .AddLinkAsync(amandineId, new MemberLinkInput { OrganisationId = organisationId, Description = "Ancienne salariée" }));

        // The room is told (a change other than a deliberation's): her page reads the whole room again and gets no content.
        var linked = Assert.Single(events.Seen, e => e.Kind == RoomEventKind.MemberChanged);
        Assert.Equal(amandineId, linked.MemberId);
        var (_, after) = await s.AsAsync(Amandine, room => room.GetRoomAndDossierAsync(s.SessionId, dossierId, linked.DeliveredAt));
        Assert.Equal(Participation.Recused, after!.Participation);
        Assert.Null(after.Content);
        Assert.Null(after.Deliberation);
    }

    [Fact]
    public async Task A_change_other_than_a_deliberation_reads_the_whole_room_again_even_after_a_vote_was_refreshed()
    {
        var s = await SeedAsync(_factory);
        var dossierId = await s.OpenLeroyVoteAsync();
        using var events = s.RecordEvents();
        await Reads.ReadAsync(s.SessionId, Stopwatch.GetTimestamp());

        // A declaration on another dossier, then a vote: a page reacting to the vote first refreshes the deliberations only…
        await s.AsAsync(Karim, room => room.DeclareConflictAsync(s.SessionId, s.Dossier("Fontaine"), false, null));
        await s.VoteAsync(Amandine, "Leroy", VoteChoice.Approve);
        var declared = events.Seen.Single(e => e.Kind == RoomEventKind.ConflictsChanged);
        var vote = events.Seen.Single(e => e.Kind == RoomEventKind.DeliberationChanged);
        var refreshed = await Reads.ReadAsync(s.SessionId, vote.DeliveredAt, deliberationsOnly: true);
        Assert.True(refreshed.StructureAt < declared.DeliveredAt);

        // …and the page reacting to the declaration does not take that reading: it reads everything, and shows the declaration.
        var full = await Reads.ReadAsync(s.SessionId, declared.DeliveredAt);
        Assert.NotSame(refreshed, full);
        Assert.True(full.StructureAt >= declared.DeliveredAt);
        var (_, karims) = await s.AsAsync(Karim, room => room.GetRoomAndDossierAsync(s.SessionId, s.Dossier("Fontaine"), declared.DeliveredAt));
        Assert.Equal(Participation.Participant, karims!.Participation);
        var (_, amandines) = await s.AsAsync(Amandine, room => room.GetRoomAndDossierAsync(s.SessionId, dossierId, declared.DeliveredAt));
        Assert.Equal(VoteChoice.Approve, amandines!.Deliberation!.MyVote);
    }

    [Fact]
    public async Task Pages_reloading_for_a_vote_while_an_earlier_refresh_is_still_running_refresh_the_deliberations_only()
    {
        var s = await SeedAsync(_factory);
        var dossierId = await s.OpenLeroyVoteAsync();
        using var events = s.RecordEvents();
        await Reads.ReadAsync(s.SessionId, Stopwatch.GetTimestamp());

        await s.VoteAsync(Karim, "Leroy", VoteChoice.Approve);
        var vote = events.Seen.Single(e => e.Kind == RoomEventKind.DeliberationChanged);
        var (started, refreshes) = (Reads.ReadingsStarted, Reads.DeliberationRefreshes);

        // The voter's page reloads at its commit; a moment later, while that refresh still runs, the other pages
        // reload for the event: a second refresh from the first one, not a read of the whole room.
        var voters = Reads.ReadAsync(s.SessionId, vote.DeliveredAt - 1, deliberationsOnly: true);
        var others = Reads.ReadAsync(s.SessionId, Stopwatch.GetTimestamp(), deliberationsOnly: true);
        var (first, second) = (await voters, await others);

        Assert.Equal(started + 2, Reads.ReadingsStarted);
        Assert.Equal(refreshes + 2, Reads.DeliberationRefreshes);
        Assert.Equal(first.StructureAt, second.StructureAt);
        var (_, amandines) = await s.AsAsync(Amandine, room => room.GetRoomAndDossierAsync(s.SessionId, dossierId, second.StartedAt, deliberationsOnly: true));
        Assert.Contains(amandines!.Deliberation!.Tally, l => l.Name.StartsWith(Karim, StringComparison.Ordinal) && l.Status == VoteStatus.Approved);
    }

    [Fact]
    public async Task Pages_reloading_for_votes_in_quick_succession_each_show_every_vote()
    {
        var s = await SeedAsync(_factory);
        var dossierId = await s.OpenLeroyVoteAsync();
        using var events = s.RecordEvents();
        var panel = new[] { Amandine, Karim, Helene, Olivier, Sophie };
        var proposal = await s.DefaultProposalAsync(Olivier, "Leroy");

        Task<(string Member, DossierView? View)[]> ReloadAll(RoomEvent e) =>
            Task.WhenAll(panel.Select(async m => (m, (await s.AsAsync(m, room => room.GetRoomAndDossierAsync(s.SessionId, dossierId, e.DeliveredAt, deliberationsOnly: true))).Dossier)));

        for (var round = 0; round < 3; round++)
        {
            // Four votes, the next one cast while the pages still reload for the last (the round stays open: one objects).
            Task<(string Member, DossierView? View)[]>? reloading = null;
            string? lastVoter = null;
            for (var i = 0; i < 4; i++)
            {
                var voter = panel[(round + i) % panel.Length];
                await s.VoteAsync(voter, "Leroy", i == 0 ? VoteChoice.Object : VoteChoice.Approve);
                var vote = events.Seen.Last(e => e.Kind == RoomEventKind.DeliberationChanged);
                if (reloading is not null)
                {
                    AssertShows(await reloading, lastVoter!);
                }

                reloading = ReloadAll(vote);
                lastVoter = voter;
            }

            AssertShows(await reloading!, lastVoter!);

            // The chair amends: a new round, every screen's tally back to pending.
            await s.AsAsync(Olivier, room => room.ProposeAsync(s.SessionId, dossierId, proposal));
            var amended = events.Seen.Last(e => e.Kind == RoomEventKind.DeliberationChanged);
            foreach (var (member, view) in await ReloadAll(amended))
            {
                Assert.True(view!.Deliberation!.Tally.All(l => l.Status == VoteStatus.Pending), $"{member} still sees votes of the previous round");
            }
        }

        void AssertShows((string Member, DossierView? View)[] screens, string voter)
        {
            foreach (var (member, view) in screens)
            {
                Assert.True(view!.Deliberation!.Tally.Any(l => l.Name.StartsWith(voter, StringComparison.Ordinal) && l.Status != VoteStatus.Pending),
                    $"{member}'s screen does not show {voter}'s vote");
            }
        }
    }

    [Fact]
    public async Task After_its_own_deliberation_command_a_page_may_share_a_reading_started_since_the_commit_once()
    {
        var s = await SeedAsync(_factory);
        await s.OpenLeroyVoteAsync();

        await s.AsAsync(Amandine, async room =>
        {
            var beforeVote = Stopwatch.GetTimestamp();
            await room.VoteAsync(s.SessionId, s.Dossier("Leroy"), VoteChoice.Approve);
            var committed = room.TakeCommittedAt();
            Assert.NotNull(committed);
            Assert.True(committed >= beforeVote);
            Assert.Null(room.TakeCommittedAt()); // taken once: a later reload reads anew

            await room.DeclareConflictAsync(s.SessionId, s.Dossier("Fontaine"), false, null); // not a deliberation command
            Assert.Null(room.TakeCommittedAt());
        });
    }

    [Fact]
    public async Task The_delivery_stamp_is_local_to_the_instance_and_never_sent_between_instances()
    {
        var s = await SeedAsync(_factory);
        using var events = s.RecordEvents();
        var before = Stopwatch.GetTimestamp();

        await _factory.Services.GetRequiredService<IDeliberationNotifier>().PublishAsync(new RoomEvent(s.SessionId, RoomEventKind.PresenceChanged));

        var delivered = events.Seen.Single();
        Assert.InRange(delivered.DeliveredAt, before, Stopwatch.GetTimestamp());
        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web); // as the Redis envelope writes events
        var json = JsonSerializer.Serialize(delivered, web);
        Assert.DoesNotContain("delivered", json, StringComparison.OrdinalIgnoreCase);
        var received = JsonSerializer.Deserialize<RoomEvent>(json, web)!;
        Assert.Equal(0, received.DeliveredAt);
        Assert.Equal(delivered, received); // the same event: the stamp is not part of its identity
    }

    /// <summary>A page's reload: it reads the room and keeps nothing of the reading (only the views built from it).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private async Task ReadAndLetGoAsync(Guid sessionId) => _ = (await Reads.ReadAsync(sessionId, Stopwatch.GetTimestamp())).StartedAt;

    [Fact]
    public async Task A_vote_after_the_pages_let_go_of_their_reading_still_refreshes_the_deliberations_only()
    {
        var s = await SeedAsync(_factory);
        var dossierId = await s.OpenLeroyVoteAsync();
        using var events = s.RecordEvents();
        await ReadAndLetGoAsync(s.SessionId);
        await CollectGarbageAsync(); // between two votes nothing holds the reading: the GC runs meanwhile

        await s.VoteAsync(Karim, "Leroy", VoteChoice.Approve);
        var vote = events.Seen.Single(e => e.Kind == RoomEventKind.DeliberationChanged);
        var (started, refreshes) = (Reads.ReadingsStarted, Reads.DeliberationRefreshes);
        var (_, amandines) = await s.AsAsync(Amandine, room => room.GetRoomAndDossierAsync(s.SessionId, dossierId, vote.DeliveredAt, deliberationsOnly: true));

        Assert.Contains(amandines!.Deliberation!.Tally, l => l.Name.StartsWith(Karim, StringComparison.Ordinal) && l.Status == VoteStatus.Approved);
        Assert.Equal(started + 1, Reads.ReadingsStarted);
        Assert.Equal(refreshes + 1, Reads.DeliberationRefreshes); // not a read of the whole room
    }

    [Fact]
    public async Task A_session_nobody_read_for_five_minutes_is_read_whole_again_and_no_longer_kept()
    {
        var s = await SeedAsync(_factory);
        var kept = await Reads.ReadAsync(s.SessionId, Stopwatch.GetTimestamp());

        // Within the keep period a page reacting to a deliberation's change refreshes from the kept reading…
        _factory.Clock.Advance(RoomReads.KeepFor - TimeSpan.FromSeconds(1));
        Assert.Same(kept, await Reads.ReadAsync(s.SessionId, kept.StartedAt, deliberationsOnly: true));

        // …past it (counted from that last use), the next reading of any session lets it go: the room is read whole again.
        _factory.Clock.Advance(RoomReads.KeepFor + TimeSpan.FromSeconds(1));
        var sessionsBefore = Reads.SessionsKept;
        var (started, refreshes) = (Reads.ReadingsStarted, Reads.DeliberationRefreshes);
        await Assert.ThrowsAnyAsync<Exception>(() => Reads.ReadAsync(Guid.NewGuid(), Stopwatch.GetTimestamp())); // another session (unknown here)
        Assert.Equal(sessionsBefore, Reads.SessionsKept); // this one dropped, the other one added
        var again = await Reads.ReadAsync(s.SessionId, kept.StartedAt, deliberationsOnly: true);
        Assert.NotSame(kept, again);
        Assert.Equal(started + 2, Reads.ReadingsStarted);
        Assert.Equal(refreshes, Reads.DeliberationRefreshes);
    }
}
