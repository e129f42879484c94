using CqpJury.App.Realtime;
using CqpJury.App.Services;
using CqpJury.App.Services.Members;
using CqpJury.Domain.Deliberations;
using CqpJury.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using static CqpJury.Tests.Integration.Room.RoomScenario;

namespace CqpJury.Tests.Integration.Room;

/// <summary>A member deactivated by the secretariat loses access at once, including an open room.</summary>
public sealed class RoomDeactivationTests : IDisposable
{
    private readonly CqpJuryAppFactory _factory = new();

    [Fact]
    public async Task A_member_deactivated_mid_session_is_dropped_from_the_room_and_refused_every_action()
    {
        var s = await SeedAsync(_factory);
        var leroy = await s.OpenLeroyVoteAsync();
        using var events = s.RecordEvents();

        await _factory.AsUserAsync(s.SecretariatEmail, sp => sp.GetRequiredService<JuryMemberService>().DeactivateAsync(s.Member(Karim)));

        Assert.Contains(events.Seen, e => e.Kind == RoomEventKind.AccountDeactivated && e.MemberId == s.Member(Karim));
        await Assert.ThrowsAsync<AccessDeniedException>(() => s.RoomAsync(Karim));
        await Assert.ThrowsAsync<AccessDeniedException>(() => s.VoteAsync(Karim, "Leroy", VoteChoice.Approve));
        var room = await s.RoomAsync(Amandine);
        Assert.False(room.Members.Single(m => m.Id == s.Member(Karim)).Present);
        Assert.NotEqual(Guid.Empty, leroy);
    }

    [Fact]
    public async Task A_room_window_remembers_that_its_member_is_convened_but_not_that_the_account_is_active()
    {
        var s = await SeedAsync(_factory);
        await s.OpenLeroyVoteAsync();

        await s.AsAsync(Karim, async room =>
        {
            await room.EnterAsync(s.SessionId);
            var (view, _) = await room.GetRoomAndDossierAsync(s.SessionId, null);
            Assert.Equal(s.SessionId, view.SessionId);

            // Another session (here one that does not exist) is still checked: the window only knows its own.
            var other = await Assert.ThrowsAsync<AccessDeniedException>(() => room.GetRoomAndDossierAsync(Guid.NewGuid(), null));
            Assert.Equal("Vous n'êtes pas convoqué(e) à cette session de jury.", other.Message);

            // Deactivated while this window is open: its next reload and its next vote are refused.
            await _factory.AsUserAsync(s.SecretariatEmail, sp => sp.GetRequiredService<JuryMemberService>().DeactivateAsync(s.Member(Karim)));
            await Assert.ThrowsAsync<AccessDeniedException>(() => room.GetRoomAndDossierAsync(s.SessionId, null));
            await Assert.ThrowsAsync<AccessDeniedException>(() => room.VoteAsync(s.SessionId, s.Dossier("Leroy"), VoteChoice.Approve));
        });
    }

    [Fact]
    public async Task A_member_cannot_open_more_than_the_allowed_number_of_room_windows()
    {
        var s = await SeedAsync(_factory);
        for (var i = 0; i < App.Services.Room.RoomService.MaxCircuitsPerMember; i++)
        {
            await s.EnterAsync(Amandine); // each call is a separate scope: a separate window
        }

        var ex = await Assert.ThrowsAsync<UserFacingException>(() => s.EnterAsync(Amandine));
        Assert.Contains("fenêtres ouvertes sur cette salle", ex.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _factory.Dispose();
}
