using System.IO.Compression;
using System.Net;
using CqpJury.App.OfficialDocuments.Pdf;
using CqpJury.App.Services;
using CqpJury.App.Services.OfficialDocuments;
using CqpJury.Tests.Integration.OfficialDocuments;
using CqpJury.Tests.Integration.Room;
using CqpJury.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using static CqpJury.Tests.Integration.Room.RoomScenario;

namespace CqpJury.Tests.Integration.Finality;

/// <summary>
/// The demo session presided by Hélène, who has a known conflict with Élodie Fontaine's employer:
/// Sophie (the expert) chaired Fontaine's dossier. Hélène issued the documents once closed.
/// </summary>
public sealed class ConflictedPresidentFixture : IAsyncLifetime
{
    public CqpJuryAppFactory Factory { get; } = new();

    internal RoomScenario S { get; private set; } = null!;

    internal ProgressRecorder Progress { get; } = new();

    public async Task InitializeAsync()
    {
        S = await SeedAsync(Factory);
        await ClosedSession.RunToClosingAsync(S, president: Helene);
        Factory.Clock.Advance(TimeSpan.FromMinutes(2));
        await As(Helene, d => d.IssueAsync(S.SessionId, ClosedSessionFixture.BaseUri, Progress));
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }

    internal Task<T> As<T>(string firstName, Func<OfficialDocumentService, Task<T>> work) =>
        Factory.AsUserAsync(S.Email(firstName), sp => work(sp.GetRequiredService<OfficialDocumentService>()));

    internal Task<T> AsSecretariat<T>(Func<OfficialDocumentService, Task<T>> work) =>
        Factory.AsUserAsync(S.SecretariatEmail, sp => work(sp.GetRequiredService<OfficialDocumentService>()));
}

/// <summary>Issue 26: a member in conflict never gets the conflicted dossier, after the session either (R10.2, R16); R17 falls to each dossier's chair.</summary>
public sealed class ConflictedPresidentDocumentsTests(ConflictedPresidentFixture f) : IClassFixture<ConflictedPresidentFixture>
{
    private static bool IsFontaine(string? candidateName) => candidateName?.StartsWith("FONTAINE ", StringComparison.Ordinal) == true;

    [Fact]
    public async Task R10_2_A_president_in_conflict_lists_opens_and_zips_every_document_but_the_conflicted_dossiers()
    {
        var all = await f.AsSecretariat(d => d.ListAsync(f.S.SessionId));
        var hers = await f.As(Helene, d => d.ListAsync(f.S.SessionId));
        var fontaine = all.Where(d => IsFontaine(d.CandidateName)).ToList();

        Assert.NotEmpty(fontaine);
        Assert.Equal(all.Where(d => !IsFontaine(d.CandidateName)).Select(d => d.Id).Order(), hers.Select(d => d.Id).Order());
        Assert.Contains(hers, d => d.Kind == IssuedDocumentKind.SessionMinutes);
        var (issued, total) = await f.As(Helene, d => d.CountAsync(f.S.SessionId));
        Assert.Equal((hers.Count, hers.Count), (issued, total));
        Assert.DoesNotContain(f.Progress.Reports, r => r.Current?.Contains("FONTAINE", StringComparison.Ordinal) == true);

        foreach (var document in fontaine)
        {
            var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => f.As(Helene, d => d.OpenAsync(document.Id)));
            Assert.Equal("Ce document officiel concerne un dossier dont vous n'avez pas présidé la délibération : il ne vous est pas accessible.", refused.Message);
        }

        Assert.Contains(await f.S.AuditAsync(), a => a.Action == "Refus : Télécharger un document officiel" && a.UserName == "Hélène Marchand" && a.DossierId == f.S.Dossier("Fontaine"));
        var (zipBytes, _) = await f.As(Helene, d => d.ZipAsync(f.S.SessionId));
        using var zip = new ZipArchive(new MemoryStream(zipBytes), ZipArchiveMode.Read);
        Assert.Equal(hers.Count, zip.Entries.Count);
        Assert.DoesNotContain(zip.Entries, e => e.FullName.Contains("fontaine", StringComparison.Ordinal));
    }

    [Fact]
    public async Task R10_2_Over_HTTP_each_conflicted_dossiers_document_is_403_for_the_president_in_conflict_and_200_for_its_chair_and_her_zip_leaves_them_out()
    {
        var fontaine = (await f.AsSecretariat(d => d.ListAsync(f.S.SessionId))).Where(d => IsFontaine(d.CandidateName)).ToList();
        using var helene = await SignedInAsync(Helene);
        using var sophie = await SignedInAsync(Sophie);

        Assert.Contains(fontaine, d => d.Kind == IssuedDocumentKind.DecisionSheet);
        foreach (var document in fontaine)
        {
            var url = new Uri($"/documents-officiels/{document.Id}", UriKind.Relative);
            using var refused = await helene.GetAsync(url);
            using var served = await sophie.GetAsync(url);

            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.DoesNotContain("%PDF", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.Equal("application/pdf", served.Content.Headers.ContentType?.MediaType);
        }

        using var zipResponse = await helene.GetAsync(new Uri($"/documents-officiels/session/{f.S.SessionId}/archive.zip", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, zipResponse.StatusCode);
        using var zip = new ZipArchive(new MemoryStream(await zipResponse.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        Assert.NotEmpty(zip.Entries);
        Assert.DoesNotContain(zip.Entries, e => e.FullName.Contains("fontaine", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task R17_The_expert_who_chaired_the_conflicted_dossier_gets_only_its_documents_and_the_list_names_who_communicates_each_decision()
    {
        var all = await f.AsSecretariat(d => d.ListAsync(f.S.SessionId));
        var sophies = await f.As(Sophie, d => d.ListAsync(f.S.SessionId));

        Assert.Equal(all.Where(d => IsFontaine(d.CandidateName)).Select(d => d.Id).Order(), sophies.Select(d => d.Id).Order());
        Assert.All(all.Where(d => IsFontaine(d.CandidateName)), d => Assert.Equal("Sophie Lambert", d.ChairName));
        Assert.All(all.Where(d => d.CandidateName is not null && !IsFontaine(d.CandidateName)), d => Assert.Equal("Hélène Marchand", d.ChairName));
        Assert.All(all.Where(d => d.CandidateName is null), d => Assert.Null(d.ChairName));
        var karim = await Assert.ThrowsAsync<AccessDeniedException>(() => f.As(Karim, d => d.ListAsync(f.S.SessionId)));
        Assert.Contains("au membre qui a présidé sa délibération", karim.Message, StringComparison.Ordinal);
    }

    private Task<HttpClient> SignedInAsync(string firstName) => f.Factory.SignedInClientAsync(f.S.Email(firstName), f.S.Password(firstName));
}
