using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using CqpJury.App.Services;
using CqpJury.App.Services.Sessions;
using CqpJury.Tests.Integration.Room;
using CqpJury.Tests.Integration.Sessions;
using CqpJury.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CqpJury.Tests.Integration.Finality;

/// <summary>A session is what it says: its information changes only while a draft, each change journaled once; it opens only on its own date (Paris time).</summary>
public sealed class SessionInformationTests : IDisposable
{
    private readonly CqpJuryAppFactory _factory = new();

    private static SessionInput Input(string title = "Jury paritaire de décembre", DateOnly? date = null, string place = "Paris, salle 3") =>
        new() { Title = title, Date = date ?? SessionTestData.SessionDate, StartTime = new TimeOnly(9, 30), Place = place };

    /// <summary>A draft session with a valid 1+1+1 jury and one complete dossier: ready to open on its date.</summary>
    private static async Task<Guid> ReadySessionAsync(SessionTestData data)
    {
        var sessionId = await data.CreateSessionAsync();
        await data.ConveneAsync(sessionId, await data.AddJuryAsync(1, 1, 1));
        await data.AddToAgendaAsync(sessionId, (await data.AddCompleteDossierAsync()).Id);
        return sessionId;
    }

    [Fact]
    public async Task An_open_sessions_title_date_time_and_place_are_frozen_and_a_refused_change_saves_nothing()
    {
        var data = await SessionTestData.CreateAsync(_factory);
        var sessionId = await ReadySessionAsync(data);
        data.OnSessionDay();
        await data.AsSecretariatAsync(async s => await s.OpenAsync(sessionId, (await s.GetAsync(sessionId)).ConcurrencyStamp));
        var opened = await data.SessionRowAsync(sessionId);
        var journal = (await data.AsSecretariatAsync(s => s.AuditAsync(sessionId))).Count;

        var ex = await Assert.ThrowsAsync<UserFacingException>(() => data.AsSecretariatAsync(s =>
            s.UpdateAsync(sessionId, Input("Titre changé pendant la séance", new DateOnly(2026, 12, 17), "Ailleurs"), opened.ConcurrencyStamp)));

        Assert.Equal(SessionAdminService.InformationFrozenMessage, ex.Message);
        var after = await data.SessionRowAsync(sessionId);
        Assert.Equal((opened.Title, opened.Date, opened.StartTime, opened.Place, opened.ConcurrencyStamp), (after.Title, after.Date, after.StartTime, after.Place, after.ConcurrencyStamp));
        Assert.Equal(journal, (await data.AsSecretariatAsync(s => s.AuditAsync(sessionId))).Count);
    }

    [Fact]
    public async Task A_draft_sessions_change_is_journaled_once_with_before_and_after_and_an_unchanged_save_writes_nothing()
    {
        var data = await SessionTestData.CreateAsync(_factory);
        var sessionId = await data.CreateSessionAsync();
        var stamp = (await data.GetAsync(sessionId)).ConcurrencyStamp;

        await data.AsSecretariatAsync(s => s.UpdateAsync(sessionId, Input(date: new DateOnly(2026, 12, 11)), stamp));
        var changed = await data.GetAsync(sessionId);
        await data.AsSecretariatAsync(s => s.UpdateAsync(sessionId, Input(date: new DateOnly(2026, 12, 11)), changed.ConcurrencyStamp));

        var journal = await data.AsSecretariatAsync(s => s.AuditAsync(sessionId));
        var line = Assert.Single(journal, l => l.Action == "Modification de la session");
        Assert.Contains("Avant : Jury paritaire de décembre — 10/12/2026", line.Details, StringComparison.Ordinal);
        Assert.Contains("Après : Jury paritaire de décembre — 11/12/2026", line.Details, StringComparison.Ordinal);
        Assert.Equal(changed.ConcurrencyStamp, (await data.GetAsync(sessionId)).ConcurrencyStamp);
    }

    [Theory]
    [InlineData("2026-12-09T22:30:00Z", false)] // 23:30 in Paris on the 9th: the day before
    [InlineData("2026-12-09T23:30:00Z", true)] // 00:30 in Paris on the 10th, still the 9th in UTC
    [InlineData("2026-12-10T22:59:00Z", true)] // 23:59 in Paris on the 10th
    [InlineData("2026-12-10T23:01:00Z", false)] // 00:01 in Paris on the 11th
    public async Task A_session_opens_only_on_its_own_date_in_Paris_time_otherwise_a_French_refusal_says_to_reschedule_first(string utcNow, bool opens)
    {
        var data = await SessionTestData.CreateAsync(_factory);
        var sessionId = await ReadySessionAsync(data);
        _factory.Clock.SetUtcNow(DateTimeOffset.Parse(utcNow, System.Globalization.CultureInfo.InvariantCulture));
        var stamp = (await data.GetAsync(sessionId)).ConcurrencyStamp;

        if (opens)
        {
            await data.AsSecretariatAsync(s => s.OpenAsync(sessionId, stamp));
            Assert.Equal(SessionStatus.Open, (await data.SessionRowAsync(sessionId)).Status);
            return;
        }

        var ex = await Assert.ThrowsAsync<InputValidationException>(() => data.AsSecretariatAsync(s => s.OpenAsync(sessionId, stamp)));
        var message = Assert.Single(ex.Errors).Message;
        Assert.Contains("10/12/2026", message, StringComparison.Ordinal);
        Assert.Contains("modifiez d'abord sa date", message.Replace("reprogrammez-la d'abord (modifiez sa date)", "modifiez d'abord sa date", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(SessionStatus.Draft, (await data.SessionRowAsync(sessionId)).Status);
        Assert.Contains(message, (await data.GetAsync(sessionId)).OpeningBlockers);
    }

    [Fact]
    public async Task The_session_page_offers_opening_only_on_the_sessions_date_and_no_information_change_once_open()
    {
        var data = await SessionTestData.CreateAsync(_factory);
        var sessionId = await ReadySessionAsync(data);

        var before = await GetPageAsync(data, sessionId);
        data.OnSessionDay();
        var onTheDay = await GetPageAsync(data, sessionId);
        await data.AsSecretariatAsync(async s => await s.OpenAsync(sessionId, (await s.GetAsync(sessionId)).ConcurrencyStamp));
        var opened = await GetPageAsync(data, sessionId);

        Assert.Contains("La session est prévue le 10/12/2026 : elle ne peut être ouverte que ce jour-là (heure de Paris). Si elle se tient aujourd'hui, modifiez d'abord sa date.", before, StringComparison.Ordinal);
        Assert.DoesNotContain("elle ne peut être ouverte que ce jour-là", onTheDay, StringComparison.Ordinal);
        Assert.Contains("La session peut être ouverte", onTheDay, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"information-frozen\"", opened, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"information-frozen\"", onTheDay, StringComparison.Ordinal);
        Assert.Contains(">Enregistrer<", Compact(onTheDay), StringComparison.Ordinal);
        Assert.DoesNotContain(">Enregistrer<", Compact(opened), StringComparison.Ordinal);
        Assert.DoesNotContain("Ouvrir la session", opened, StringComparison.Ordinal);

        static string Compact(string html) => System.Text.RegularExpressions.Regex.Replace(html, "<svg.*?</svg>|\\s+", string.Empty);
    }

    [Fact]
    public async Task R6_Two_instances_inscribing_one_dossier_on_two_sessions_at_the_same_moment_end_with_one_agenda_line()
    {
        var barrier = new SaveBarrier();
        using var first = new SharedBarrierAppFactory(null, barrier);
        using var second = new SharedBarrierAppFactory(first.DataRoot, barrier);
        var data = await SessionTestData.CreateAsync(first);
        var december = await data.CreateSessionAsync();
        var january = await data.CreateSessionAsync("Jury paritaire de janvier", new DateOnly(2027, 1, 14));
        var dossier = await data.AddCompleteDossierAsync();
        var decemberStamp = (await data.GetAsync(december)).ConcurrencyStamp;
        var januaryStamp = (await data.GetAsync(january)).ConcurrencyStamp;
        _ = second.Server; // started before the race
        barrier.Arm<AgendaItem>();

        var results = await Task.WhenAll(
            Attempt(first, december, decemberStamp),
            Attempt(second, january, januaryStamp));

        Assert.Equal(1, results.Count(r => r is null));
        Assert.Single(results, r => r is DbUpdateConcurrencyException or InputValidationException);
        await first.WithDbAsync(async db => Assert.Equal(1, await db.AgendaItems.CountAsync(a => a.DossierId == dossier.Id)));

        async Task<Exception?> Attempt(CqpJuryAppFactory factory, Guid sessionId, Guid stamp)
        {
            try
            {
                await factory.AsUserAsync(data.SecretariatEmail, sp => sp.GetRequiredService<SessionAdminService>().AddDossierAsync(sessionId, dossier.Id, stamp));
                return null;
            }
            catch (Exception ex) when (ex is DbUpdateConcurrencyException or InputValidationException)
            {
                return ex;
            }
        }
    }

    private async Task<string> GetPageAsync(SessionTestData data, Guid sessionId)
    {
        using var client = await _factory.SignedInClientAsync(data.SecretariatEmail, data.SecretariatPassword);
        using var response = await client.GetAsync(new Uri($"/secretariat/sessions/{sessionId}", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    public void Dispose() => _factory.Dispose();
}

/// <summary>An app instance whose database contexts meet a <see cref="SaveBarrier"/> shared with another instance on the same database.</summary>
internal sealed class SharedBarrierAppFactory(string? dataRoot, SaveBarrier barrier) : CqpJuryAppFactory(dataRoot, deleteOnDispose: dataRoot is null)
{
    public SaveBarrier Barrier => barrier;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => TestDatabase.Current.AddInterceptor(services, barrier));
    }
}
