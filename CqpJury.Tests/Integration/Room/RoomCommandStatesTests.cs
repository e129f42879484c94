using CqpJury.App.Data.Entities;
using CqpJury.App.Services;
using CqpJury.App.Services.Members;
using CqpJury.App.Services.Room;
using CqpJury.Domain.Deliberations;
using CqpJury.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CqpJury.Tests.Integration.Room.RoomScenario;

namespace CqpJury.Tests.Integration.Room;

/// <summary>
/// The room state a deliberation command starts from, kept per session between commands (RoomCommandStates):
/// used only while the session's concurrency stamp has not moved, so every change of who deliberates is seen
/// by the next command — on this instance or another (the kept state listens to no event: the stamp alone decides).
/// </summary>
public sealed class RoomCommandStatesTests : IDisposable
{
    private readonly CqpJuryAppFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private RoomCommandStates States => _factory.Services.GetRequiredService<RoomCommandStates>();

    [Fact]
    public async Task A_vote_after_another_reads_the_sessions_row_and_deliberations_not_the_rest_of_the_room_nor_the_dossiers_content_and_hearings()
    {
        var s = await SeedAsync(_factory);
        var dossierId = await s.OpenLeroyVoteAsync();
        await s.VoteAsync(Karim, "Leroy", VoteChoice.Approve); // the proposal renewed the stamp (it opened the deliberation): this vote reads the room
        var fullReads = States.FullReads;

        using var sql = new SqlCommandLog(_factory);
        await s.VoteAsync(Amandine, "Leroy", VoteChoice.Object);

        Assert.Equal(fullReads, States.FullReads);
        Assert.Empty(sql.Touching("AgendaItems")); // neither the agenda nor the dossier's hearings (R12)
        Assert.Empty(sql.Touching("ConflictDeclarations"));
        Assert.Empty(sql.Touching("StandAsides"));
        Assert.Empty(sql.Touching("PresidencyEvents"));
        Assert.Empty(sql.Touching("CompetenceEvaluations"));
        Assert.Empty(sql.Touching("DossierDocuments"));

        // The vote is recorded and counted as before.
        var facts = await s.FactsAsync("Leroy");
        Assert.Contains(facts, f => f.Kind == DeliberationEventKind.VoteCast && f.ActorMemberId == s.Member(Amandine) && f.Choice == VoteChoice.Object);
        var view = await s.AsAsync(Olivier, room => room.GetDossierAsync(s.SessionId, dossierId));
        Assert.Contains(view.Deliberation!.Tally, l => l.Name.StartsWith(Amandine, StringComparison.Ordinal) && l.Status == VoteStatus.Objected);
    }

    [Fact]
    public async Task R10_2_a_link_the_secretariat_records_on_another_instance_between_two_votes_refuses_the_linked_members_vote_on_this_one()
    {
        var s = await SeedAsync(_factory);
        var dossierId = await s.OpenLeroyVoteAsync();
        await s.VoteAsync(Karim, "Leroy", VoteChoice.Approve); // this instance now keeps the room's state
        var stampBefore = (await s.SessionAsync()).ConcurrencyStamp;

        // On another instance of the app (same database, no event between the two), the secretariat records that
        // Amandine is linked to the candidate's employer (a known conflict, R10).
        using var other = new CqpJuryAppFactory(_factory.DataRoot, deleteOnDispose: false);
        Guid organisationId = default;
        await other.WithDbAsync(async db =>
        {
            var dossier = await db.Dossiers.SingleAsync(d => d.Id == dossierId);
            organisationId = (dossier.EmployerId ?? dossier.TrainingOrganisationId)!.Value;
        });
        await other.AsUserAsync(s.SecretariatEmail, sp => sp.GetRequiredService<JuryMemberService>()
            .AddLinkAsync(s.Member(Amandine), new MemberLinkInput { OrganisationId = organisationId, Description = "Ancienne salariée" }));

        // The link renewed the session's stamp with it: this instance's next command reads the room again and refuses her vote.
        Assert.NotEqual(stampBefore, (await s.SessionAsync()).ConcurrencyStamp);
        var fullReads = States.FullReads;
        await Assert.ThrowsAsync<AccessDeniedException>(() => s.VoteAsync(Amandine, "Leroy", VoteChoice.Approve));
        Assert.Equal(fullReads + 1, States.FullReads);
        Assert.DoesNotContain(await s.FactsAsync("Leroy"), f => f.Kind == DeliberationEventKind.VoteCast && f.ActorMemberId == s.Member(Amandine));
    }

    [Fact]
    public async Task A_declaration_in_the_room_between_two_votes_makes_the_next_vote_read_the_room_again()
    {
        var s = await SeedAsync(_factory);
        await s.OpenLeroyVoteAsync();
        await s.VoteAsync(Karim, "Leroy", VoteChoice.Approve);
        var fullReads = States.FullReads;

        await s.AsAsync(Sophie, room => room.DeclareConflictAsync(s.SessionId, s.Dossier("Fontaine"), false, null));
        await s.VoteAsync(Amandine, "Leroy", VoteChoice.Approve);

        Assert.Equal(fullReads + 1, States.FullReads);
        Assert.Contains(await s.FactsAsync("Leroy"), f => f.Kind == DeliberationEventKind.VoteCast && f.ActorMemberId == s.Member(Amandine));
    }

    [Fact]
    public async Task A_member_deactivated_between_two_votes_renews_the_stamp_and_their_next_vote_is_refused()
    {
        var s = await SeedAsync(_factory);
        await s.OpenLeroyVoteAsync();
        await s.VoteAsync(Karim, "Leroy", VoteChoice.Approve);
        var stampBefore = (await s.SessionAsync()).ConcurrencyStamp;

        await _factory.AsUserAsync(s.SecretariatEmail, sp => sp.GetRequiredService<JuryMemberService>().DeactivateAsync(s.Member(Sophie)));

        Assert.NotEqual(stampBefore, (await s.SessionAsync()).ConcurrencyStamp);
        await Assert.ThrowsAsync<AccessDeniedException>(() => s.VoteAsync(Sophie, "Leroy", VoteChoice.Approve));
    }
}
