using System.Net;
using CqpJury.App.Data.Entities;
using CqpJury.App.Services;
using CqpJury.App.Services.Sessions;
using CqpJury.Domain.Juries;
using CqpJury.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CqpJury.Tests.Integration.Sessions;

public sealed class MySessionsServiceTests : IDisposable
{
    private readonly CqpJuryAppFactory _factory = new();

    [Fact]
    public async Task A_member_sees_only_the_sessions_they_are_convened_to_with_their_seat_and_dossier_count()
    {
        var data = await SessionTestData.CreateAsync(_factory);
        var mine = await data.CreateSessionAsync("Jury de décembre");
        var notMine = await data.CreateSessionAsync("Jury de janvier", new DateOnly(2027, 1, 14));
        var (memberId, email, _) = await _factory.CreateMemberWithAccountAsync("Inès", "Roussel", Seat.EmployeeRepresentative);
        var others = await data.AddJuryAsync(1, 1, 1);
        var stamp = (await data.GetAsync(mine)).ConcurrencyStamp;
        await data.AsSecretariatAsync(s => s.AddMemberAsync(mine, memberId, stamp));
        await data.ConveneAsync(notMine, others);
        var dossier = await data.AddCompleteDossierAsync();
        await data.AddToAgendaAsync(mine, dossier.Id);

        var sessions = await _factory.AsUserAsync(email, sp => sp.GetRequiredService<MySessionsService>().ListAsync());

        var session = Assert.Single(sessions);
        Assert.Equal(mine, session.Id);
        Assert.Equal("Jury de décembre", session.Title);
        Assert.Equal(Seat.EmployeeRepresentative, session.Seat);
        Assert.Equal(1, session.DossierCount);
        Assert.Equal(SessionStatus.Draft, session.Status);
        Assert.False(session.CanJoin);
    }

    [Fact]
    public async Task A_member_can_join_the_room_only_once_the_session_is_open()
    {
        var data = await SessionTestData.CreateAsync(_factory);
        var sessionId = await data.CreateSessionAsync();
        var (memberId, email, _) = await _factory.CreateMemberWithAccountAsync("Hugo", "Perrin", Seat.TradeExpert);
        var stamp = (await data.GetAsync(sessionId)).ConcurrencyStamp;
        await data.AsSecretariatAsync(s => s.AddMemberAsync(sessionId, memberId, stamp));
        await data.ConveneAsync(sessionId, await data.AddJuryAsync(1, 1, 0));
        await data.AddToAgendaAsync(sessionId, (await data.AddCompleteDossierAsync()).Id);
        stamp = (await data.GetAsync(sessionId)).ConcurrencyStamp;
        data.OnSessionDay();
        await data.AsSecretariatAsync(s => s.OpenAsync(sessionId, stamp));

        var session = Assert.Single(await _factory.AsUserAsync(email, sp => sp.GetRequiredService<MySessionsService>().ListAsync()));

        Assert.Equal(SessionStatus.Open, session.Status);
        Assert.True(session.CanJoin);
    }

    [Fact]
    public async Task A_deactivated_member_no_longer_sees_their_sessions()
    {
        var (memberId, email, _) = await _factory.CreateMemberWithAccountAsync("Zoé", "Marchand", Seat.EmployerRepresentative);
        await _factory.WithDbAsync(db => db.JuryMembers.Where(m => m.Id == memberId).ExecuteUpdateAsync(s => s.SetProperty(m => m.IsActive, false)));

        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            _factory.AsUserAsync(email, sp => sp.GetRequiredService<MySessionsService>().ListAsync()));
    }

    [Fact]
    public async Task Anonymous_visitors_of_the_sessions_pages_are_sent_to_the_sign_in_page()
    {
        using var client = _factory.CreateBrowserLikeClient();

        foreach (var path in new[] { "/secretariat/sessions", "/secretariat/sessions/nouvelle", "/mes-sessions" })
        {
            var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.IsRedirect(), $"{path}: expected a redirect, got {(int)response.StatusCode}");
            Assert.StartsWith("/connexion", response.Headers.Location!.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_signed_in_secretariat_gets_the_sessions_page_in_French()
    {
        var (email, password) = await _factory.CreateSecretariatAsync();
        using var client = _factory.CreateBrowserLikeClient();
        await client.SignInAsync(email, password);

        var response = await client.GetAsync(new Uri("/secretariat/sessions", UriKind.Relative));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Sessions de jury", html, StringComparison.Ordinal);
        Assert.Contains("Nouvelle session", html, StringComparison.Ordinal);
    }

    public void Dispose() => _factory.Dispose();
}
