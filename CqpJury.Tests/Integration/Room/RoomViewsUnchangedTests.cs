using CqpJury.Domain.Deliberations;
using CqpJury.Tests.TestSupport;
using static CqpJury.Tests.Integration.Room.RoomScenario;

namespace CqpJury.Tests.Integration.Room;

/// <summary>
/// A page's views read again are equal, value by value, when nothing they show changed — what lets the room's
/// parts skip rendering after a vote (RoomPart) — and unequal as soon as something they show did.
/// </summary>
public sealed class RoomViewsUnchangedTests : IDisposable
{
    private readonly CqpJuryAppFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task After_a_vote_the_room_and_the_panel_read_again_are_equal_and_the_deliberation_is_not()
    {
        var s = await SeedAsync(_factory);
        await s.OpenLeroyVoteAsync();
        var roomBefore = await s.RoomAsync(Karim);
        var dossierBefore = await s.DossierAsync(Karim, "Leroy");

        await s.VoteAsync(Amandine, "Leroy", VoteChoice.Approve);

        var roomAfter = await s.RoomAsync(Karim);
        var dossierAfter = await s.DossierAsync(Karim, "Leroy");
        Assert.NotSame(roomBefore, roomAfter);
        Assert.Equal(roomBefore, roomAfter);
        Assert.NotSame(dossierBefore.Panel, dossierAfter.Panel);
        Assert.Equal(dossierBefore.Panel, dossierAfter.Panel);
        Assert.NotEqual(dossierBefore.Deliberation, dossierAfter.Deliberation);
        Assert.Contains(dossierAfter.Deliberation!.Tally, line => line.MemberId == s.Member(Amandine) && line.Status == App.Services.Room.VoteStatus.Approved);
    }

    [Fact]
    public async Task The_decision_changes_the_room_read_again_its_agenda_and_what_blocks_closing()
    {
        var s = await SeedAsync(_factory);
        await s.OpenLeroyVoteAsync();
        var before = await s.RoomAsync(Karim);

        foreach (var member in Everyone)
        {
            await s.VoteAsync(member, "Leroy", VoteChoice.Approve);
        }

        var after = await s.RoomAsync(Karim);
        Assert.NotEqual(before, after);
        Assert.NotEqual(before.Agenda, after.Agenda);
        Assert.NotEqual(before.CloseBlockers, after.CloseBlockers);
        Assert.Equal(before.Members, after.Members);
    }

    [Fact]
    public async Task A_member_entering_changes_the_presence_the_others_read_again()
    {
        var s = await SeedAsync(_factory);
        await s.EnterAsync(Amandine, Karim, Helene, Olivier);
        var before = await s.RoomAsync(Karim);

        await s.EnterAsync(Sophie);

        var after = await s.RoomAsync(Karim);
        Assert.NotEqual(before, after);
        Assert.NotEqual(before.Members, after.Members);
        Assert.False(before.Members.Single(m => m.Id == s.Member(Sophie)).Present);
        Assert.True(after.Members.Single(m => m.Id == s.Member(Sophie)).Present);
    }
}
