using System.Net;
using CqpJury.Domain.Juries;
using CqpJury.Tests.TestSupport;
using static CqpJury.Tests.Integration.Statistics.StatisticsHistory;

namespace CqpJury.Tests.Integration.Statistics;

/// <summary>Issue 24: the statistics page as a browser first gets it (server-rendered), for the secretariat only.</summary>
public sealed class StatisticsPageTests : IDisposable
{
    private readonly CqpJuryAppFactory _factory = new();

    [Fact]
    public async Task The_secretariat_gets_the_figures_each_chart_with_its_table_and_the_export_links_and_no_name()
    {
        await SeedAsync(_factory);
        var (email, password) = await _factory.CreateSecretariatAsync();
        using var client = _factory.CreateBrowserLikeClient();
        Assert.True((await client.SignInAsync(email, password)).IsRedirect());

        var response = await client.GetAsync(new Uri("/secretariat/statistiques", UriKind.Relative));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"figure-presented\"", html, StringComparison.Ordinal);
        Assert.Matches("Dossiers présentés</dt>\\s*<dd><span class=\"cqp-stat-value\">10</span>", html);
        Assert.Matches("CQP délivrés</dt>\\s*<dd><span class=\"cqp-stat-value\">4</span>", html);
        foreach (var chart in new[] { "chart-time", "chart-groups", "chart-competences" })
        {
            Assert.Contains($"data-testid=\"{chart}\"", html, StringComparison.Ordinal);
        }

        Assert.Contains("<caption>Résultats par mois</caption>", html, StringComparison.Ordinal);
        Assert.Contains("janvier 2025", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/secretariat/statistiques/export.xlsx\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/secretariat/statistiques/export.csv?tableau=competences\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretName, html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task R16_A_jury_member_does_not_get_the_page()
    {
        await SeedAsync(_factory);
        var (_, email, password) = await _factory.CreateMemberWithAccountAsync("Jeanne", "Membre", Seat.TradeExpert);
        using var client = _factory.CreateBrowserLikeClient();
        Assert.True((await client.SignInAsync(email, password)).IsRedirect());

        using var response = await client.GetAsync(new Uri("/secretariat/statistiques", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        // Refused by the page's role requirement (a redirect or 403 without content, or the French access-denied text).
        Assert.True(response.StatusCode != HttpStatusCode.OK || html.Contains("Accès refusé", StringComparison.Ordinal), $"{response.StatusCode}");
        Assert.DoesNotContain("data-testid=\"stats-summary\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Dossiers présentés", html, StringComparison.Ordinal);
    }

    public void Dispose() => _factory.Dispose();
}
