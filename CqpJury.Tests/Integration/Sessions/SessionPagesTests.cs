using System.Net;
using CqpJury.Domain.Juries;
using CqpJury.Tests.TestSupport;

namespace CqpJury.Tests.Integration.Sessions;

/// <summary>The session pages as a browser gets them (server-rendered first paint).</summary>
public sealed class SessionPagesTests : IDisposable
{
    private readonly CqpJuryAppFactory _factory = new();

    [Fact]
    public async Task The_session_page_shows_members_R8_findings_agenda_and_known_conflicts()
    {
        var data = await SessionTestData.CreateAsync(_factory);
        var employer = EntityBuilders.Employer("Transports Lumière SA");
        var sessionId = await data.CreateSessionAsync("Jury paritaire de décembre");
        var dossier = await data.AddCompleteDossierAsync(employer: employer, reference: "D-2026-0042");
        var jury = await data.AddMembersAsync(
            EntityBuilders.Member("Anne", "Salis", Seat.EmployeeRepresentative),
            EntityBuilders.Member("Marc", "Salis", Seat.EmployeeRepresentative),
            EntityBuilders.Member("Bruno", "Carrel", Seat.EmployerRepresentative, employer.Id),
            EntityBuilders.Member("Eve", "Expert", Seat.TradeExpert));
        await data.ConveneAsync(sessionId, jury);
        await data.AddToAgendaAsync(sessionId, dossier.Id);
        var html = await GetAsSecretariatAsync(data, $"/secretariat/sessions/{sessionId}");

        Assert.Contains("<h1", html, StringComparison.Ordinal);
        Assert.Contains("Jury paritaire de décembre", html, StringComparison.Ordinal);
        Assert.Contains("Le 10/12/2026 à 09:30", html, StringComparison.Ordinal);
        Assert.Contains("Le jury n'est pas paritaire : 2 représentant(s) du collège salariés pour 1 du collège entreprises.", html, StringComparison.Ordinal);
        Assert.Contains("Collège entreprises", html, StringComparison.Ordinal);
        Assert.Contains("D-2026-0042", html, StringComparison.Ordinal);
        Assert.Contains("Conflit d'intérêts connu : Bruno Carrel appartient à l'entreprise du candidat (Transports Lumière SA).", html, StringComparison.Ordinal);
        Assert.Contains("La session ne peut pas encore être ouverte", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_list_and_the_journal_show_the_session_in_French()
    {
        var data = await SessionTestData.CreateAsync(_factory);
        var sessionId = await data.CreateSessionAsync("Jury paritaire de décembre");

        var list = await GetAsSecretariatAsync(data, "/secretariat/sessions");
        var journal = await GetAsSecretariatAsync(data, $"/secretariat/sessions/{sessionId}/journal");

        Assert.Contains("10/12/2026", list, StringComparison.Ordinal);
        Assert.Contains("En préparation", list, StringComparison.Ordinal);
        Assert.Contains("Composition invalide", list, StringComparison.Ordinal);
        Assert.Contains("Création de la session", journal, StringComparison.Ordinal);
        Assert.Contains("Secrétariat Test", journal, StringComparison.Ordinal);
        Assert.Contains("27/11/2026 10:00:00", journal, StringComparison.Ordinal);
    }

    private async Task<string> GetAsSecretariatAsync(SessionTestData data, string path)
    {
        using var client = _factory.CreateBrowserLikeClient();
        Assert.True((await client.SignInAsync(data.SecretariatEmail, data.SecretariatPassword)).IsRedirect());
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    public void Dispose() => _factory.Dispose();
}
