using CqpJury.App.Data.Entities;
using CqpJury.Domain.Juries;
using CqpJury.Tests.TestSupport;

namespace CqpJury.Tests.Integration.Accounts;

/// <summary>Issue 19: after sign-in each user lands where their work starts, not on the référentiel page.</summary>
public sealed class LandingTests : IDisposable
{
    private static readonly DateOnly Today = new(2026, 11, 27); // the factory clock's day in Paris

    private readonly CqpJuryAppFactory _factory = new();

    [Fact]
    public async Task The_secretariat_lands_on_its_sessions()
    {
        var (email, password) = await _factory.CreateSecretariatAsync();

        Assert.Equal("/secretariat/sessions", await LandingAfterSignInAsync(email, password));
    }

    [Fact]
    public async Task A_member_without_a_session_open_today_lands_on_my_sessions()
    {
        var member = await _factory.CreateMemberWithAccountAsync("Léa", "Durand", Seat.TradeExpert);
        await ConveneAsync(member.MemberId, EntityBuilders.Session(Today.AddDays(7), status: SessionStatus.Draft));
        // Open, but another day (a session left open from yesterday) does not pull the member in.
        await ConveneAsync(member.MemberId, EntityBuilders.Session(Today.AddDays(-1), status: SessionStatus.Open));

        Assert.Equal("/mes-sessions", await LandingAfterSignInAsync(member.Email, member.Password));
    }

    [Fact]
    public async Task A_member_whose_session_is_open_today_lands_in_its_room()
    {
        var member = await _factory.CreateMemberWithAccountAsync("Léa", "Durand", Seat.TradeExpert);
        var open = EntityBuilders.Session(Today, status: SessionStatus.Open);
        await ConveneAsync(member.MemberId, open);
        // Another member's open session today is not theirs.
        var other = await _factory.CreateMemberWithAccountAsync("Paul", "Martin", Seat.EmployerRepresentative);
        await ConveneAsync(other.MemberId, EntityBuilders.Session(Today, "Autre jury", SessionStatus.Open));

        Assert.Equal($"/sessions/{open.Id}", await LandingAfterSignInAsync(member.Email, member.Password));
    }

    [Fact]
    public async Task A_member_with_two_sessions_open_today_chooses_on_my_sessions()
    {
        var member = await _factory.CreateMemberWithAccountAsync("Léa", "Durand", Seat.TradeExpert);
        await ConveneAsync(member.MemberId, EntityBuilders.Session(Today, "Jury du matin", SessionStatus.Open));
        await ConveneAsync(member.MemberId, EntityBuilders.Session(Today, "Jury de l'après-midi", SessionStatus.Open));

        Assert.Equal("/mes-sessions", await LandingAfterSignInAsync(member.Email, member.Password));
    }

    [Fact]
    public async Task A_page_asked_for_before_sign_in_wins_over_the_landing()
    {
        var (email, password) = await _factory.CreateSecretariatAsync();
        using var client = _factory.CreateBrowserLikeClient();
        var form = await client.GetStringAsync(new Uri("/connexion?returnUrl=/secretariat/dossiers", UriKind.Relative));
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });

        using var response = await client.PostAsync(new Uri("/connexion?returnUrl=/secretariat/dossiers", UriKind.Relative), content);

        Assert.True(response.IsRedirect(), $"Expected a redirect, got {(int)response.StatusCode}");
        Assert.Equal("/secretariat/dossiers", Path(response));
    }

    public void Dispose() => _factory.Dispose();

    private async Task<string> LandingAfterSignInAsync(string email, string password)
    {
        using var client = _factory.CreateBrowserLikeClient();
        using var response = await client.SignInAsync(email, password);
        Assert.True(response.IsRedirect(), $"Expected a redirect, got {(int)response.StatusCode}");
        return Path(response);
    }

    private static string Path(HttpResponseMessage response) =>
        response.Headers.Location!.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal);

    private Task ConveneAsync(Guid memberId, JurySession session) =>
        _factory.WithDbAsync(async db =>
        {
            db.Sessions.Add(session);
            db.SessionMembers.Add(new SessionMember { SessionId = session.Id, JuryMemberId = memberId });
            await db.SaveChangesAsync();
        });
}
