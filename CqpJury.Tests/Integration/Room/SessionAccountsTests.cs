using CqpJury.App.Data.Entities;
using CqpJury.App.Realtime;
using CqpJury.App.Services;
using CqpJury.App.Services.Room;
using CqpJury.Domain.Deliberations;
using CqpJury.Tests.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CqpJury.Tests.Integration.Room.RoomScenario;

namespace CqpJury.Tests.Integration.Room;

/// <summary>
/// The room pages reloading for the same event check their accounts from one read of the session's member accounts
/// (SessionAccounts, read with the shared reading after the event) instead of one account query per page — and an
/// account deactivated or signed out elsewhere is still refused at the next reload, with no event of its own.
/// </summary>
public sealed class SessionAccountsTests : IDisposable
{
    private readonly CqpJuryAppFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task The_pages_reloading_for_a_vote_read_the_members_accounts_once_and_each_shows_the_vote()
    {
        var s = await SeedAsync(_factory);
        var dossierId = await s.OpenLeroyVoteAsync();
        var pages = await OpenPagesAsync(s, Amandine, Helene, Olivier, Sophie);
        try
        {
            using var events = s.RecordEvents();
            await s.VoteAsync(Karim, "Leroy", VoteChoice.Object);
            var vote = events.Seen.Single(e => e.Kind == RoomEventKind.DeliberationChanged);

            using var sql = new SqlCommandLog(_factory);
            foreach (var (_, room) in pages)
            {
                var (_, dossier) = await room.GetRoomAndDossierAsync(s.SessionId, dossierId, vote.DeliveredAt, deliberationsOnly: true);
                Assert.Contains(dossier!.Deliberation!.Tally, l => l.Name.StartsWith(Karim, StringComparison.Ordinal) && l.Status == VoteStatus.Objected);
            }

            Assert.Single(sql.Touching("AspNetUsers")); // one read of the accounts for the four pages, not four
        }
        finally
        {
            await CloseAsync(pages);
        }
    }

    [Fact]
    public async Task An_account_deactivated_without_any_event_is_refused_at_its_pages_next_reload_and_the_others_still_see_the_room()
    {
        var s = await SeedAsync(_factory);
        var dossierId = await s.OpenLeroyVoteAsync();
        var pages = await OpenPagesAsync(s, Amandine, Olivier);
        try
        {
            // Written straight to the database (as another instance, or a script, would): no room event.
            await _factory.WithDbAsync(db => db.Users.Where(u => u.Email == s.Email(Amandine)).ExecuteUpdateAsync(u => u.SetProperty(x => x.IsActive, false)));
            await s.AssertNextReloadRefusesAsync(pages, Amandine, dossierId);
        }
        finally
        {
            await CloseAsync(pages);
        }
    }

    [Fact]
    public async Task A_sign_out_elsewhere_refuses_the_pages_signed_in_before_at_their_next_reload()
    {
        var s = await SeedAsync(_factory);
        var dossierId = await s.OpenLeroyVoteAsync();
        var pages = await OpenPagesAsync(s, Amandine, Olivier);
        try
        {
            // A sign-out on another device renews the account's security stamp (issue 23).
            await _factory.AsUserAsync(s.Email(Amandine), async sp =>
            {
                var users = sp.GetRequiredService<UserManager<AppUser>>();
                await users.UpdateSecurityStampAsync((await users.FindByEmailAsync(s.Email(Amandine)))!);
            });
            await s.AssertNextReloadRefusesAsync(pages, Amandine, dossierId);
        }
        finally
        {
            await CloseAsync(pages);
        }
    }

    /// <summary>Each member's page, kept open: entered the room (and its confidentiality commitment accepted), then reloaded once.</summary>
    private async Task<Dictionary<string, RoomService>> OpenPagesAsync(RoomScenario s, params string[] members)
    {
        var pages = new Dictionary<string, RoomService>();
        foreach (var member in members)
        {
            var scope = await _factory.SignedInScopeAsync(s.Email(member));
            _scopes.Add(scope);
            var room = scope.ServiceProvider.GetRequiredService<RoomService>();
            await room.EnterAsync(s.SessionId);
            await room.GetRoomAndDossierAsync(s.SessionId, null);
            pages[member] = room;
        }

        return pages;
    }

    private readonly List<AsyncServiceScope> _scopes = [];

    private async Task CloseAsync(Dictionary<string, RoomService> pages)
    {
        foreach (var room in pages.Values)
        {
            await room.LeaveAsync();
        }

        foreach (var scope in _scopes)
        {
            await scope.DisposeAsync();
        }
    }
}

internal static class SessionAccountsScenario
{
    /// <summary>
    /// Karim votes: <paramref name="refused"/>'s page is refused at its reload for that vote (in French, nothing of the room
    /// shown), the other pages show the vote.
    /// </summary>
    public static async Task AssertNextReloadRefusesAsync(this RoomScenario s, Dictionary<string, RoomService> pages, string refused, Guid dossierId)
    {
        using var events = s.RecordEvents();
        await s.VoteAsync(Karim, "Leroy", VoteChoice.Approve);
        var vote = events.Seen.Single(e => e.Kind == RoomEventKind.DeliberationChanged);

        var error = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            pages[refused].GetRoomAndDossierAsync(s.SessionId, dossierId, vote.DeliveredAt, deliberationsOnly: true));
        Assert.Contains("reconnectez-vous", error.Message, StringComparison.Ordinal);

        foreach (var (member, room) in pages.Where(p => p.Key != refused))
        {
            var (_, dossier) = await room.GetRoomAndDossierAsync(s.SessionId, dossierId, vote.DeliveredAt, deliberationsOnly: true);
            Assert.Contains(dossier!.Deliberation!.Tally, l => l.Name.StartsWith(Karim, StringComparison.Ordinal) && l.Status == VoteStatus.Approved);
        }
    }
}
