using System.Net;
using CqpJury.Domain.Dossiers;
using CqpJury.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CqpJury.Tests.Integration.Dossiers;

/// <summary>The dossier pages render (prerendered HTML) for the secretariat, with the dossier's data and live findings.</summary>
public sealed class DossierPagesTests : IDisposable
{
    private readonly CqpJuryAppFactory _factory = new();

    [Fact]
    public async Task Secretariat_sees_the_list_and_the_detail_page_with_its_completeness_findings()
    {
        var (email, password) = await _factory.CreateSecretariatAsync();
        var dossier = await DossierTestData.AddCompleteDossierAsync(_factory, Route.Vae);
        using var client = _factory.CreateBrowserLikeClient();
        Assert.True((await client.SignInAsync(email, password)).IsRedirect());

        var list = await client.GetAsync(new Uri("/secretariat/dossiers", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var listHtml = WebUtility.HtmlDecode(await list.Content.ReadAsStringAsync());
        Assert.Contains(dossier.Reference, listHtml, StringComparison.Ordinal);
        Assert.Contains("LEFÈVRE Élodie", listHtml, StringComparison.Ordinal);
        Assert.Contains("Non vérifié", listHtml, StringComparison.Ordinal);

        var detail = await client.GetAsync(new Uri($"/secretariat/dossiers/{dossier.Id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
        var html = WebUtility.HtmlDecode(await detail.Content.ReadAsStringAsync());
        Assert.Contains($"Dossier {dossier.Reference} – LEFÈVRE Élodie", html, StringComparison.Ordinal);
        Assert.Contains("Complet : aucun constat.", html, StringComparison.Ordinal);
        Assert.Contains("Recevabilité VAE (R5.3)", html, StringComparison.Ordinal);
        Assert.Contains("Compétence 6 – Coordonner des informations liées aux prestations de formation", html, StringComparison.Ordinal);

        var create = await client.GetAsync(new Uri("/secretariat/dossiers/nouveau", UriKind.Relative));
        Assert.Contains("Créer le dossier", WebUtility.HtmlDecode(await create.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var import = await client.GetAsync(new Uri("/secretariat/dossiers/import", UriKind.Relative));
        Assert.Contains("Importer des dossiers (JSON)", WebUtility.HtmlDecode(await import.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_candidate_without_email_is_listed_for_delivery_by_post_or_by_hand()
    {
        var (email, password) = await _factory.CreateSecretariatAsync();
        var dossier = await DossierTestData.AddCompleteDossierAsync(_factory);
        var withEmail = await DossierTestData.AddCompleteDossierAsync(_factory);
        await _factory.WithDbAsync(async db =>
        {
            (await db.Candidates.SingleAsync(c => c.Id == withEmail.CandidateId)).Email = "joignable@example.org";
            await db.SaveChangesAsync();
        });
        using var client = _factory.CreateBrowserLikeClient();
        Assert.True((await client.SignInAsync(email, password)).IsRedirect());

        var list = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/secretariat/dossiers", UriKind.Relative)));
        var detail = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri($"/secretariat/dossiers/{dossier.Id}", UriKind.Relative)));
        var reachable = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri($"/secretariat/dossiers/{withEmail.Id}", UriKind.Relative)));

        Assert.Equal(1, list.Split("à remettre par courrier ou en main propre").Length - 1);
        Assert.Contains("Pas d'adresse électronique : décision à remettre par courrier ou en main propre.", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("à remettre par courrier", reachable, StringComparison.Ordinal);
        Assert.Contains("Adresse postale (facultative)", detail, StringComparison.Ordinal);
    }

    public void Dispose() => _factory.Dispose();
}
