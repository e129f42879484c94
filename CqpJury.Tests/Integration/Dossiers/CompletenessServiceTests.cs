using CqpJury.App.Services.Dossiers;
using CqpJury.Domain.Dossiers;
using CqpJury.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CqpJury.Tests.Integration.Dossiers;

public sealed class CompletenessServiceTests : IDisposable
{
    private readonly CqpJuryAppFactory _factory = new();

    [Fact]
    public async Task R6_Skills_development_dossier_without_Outil_1_is_incomplete_and_the_check_is_recorded_with_who_and_when()
    {
        var (email, _) = await _factory.CreateSecretariatAsync();
        var dossier = await DossierTestData.AddCompleteDossierAsync(_factory, Route.SkillsDevelopment);
        await _factory.WithDbAsync(db => db.Documents.Where(d => d.DossierId == dossier.Id && d.Kind == DocumentKind.Outil1).ExecuteDeleteAsync());
        _factory.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 14, 30, 0, TimeSpan.Zero));

        var findings = await _factory.AsUserAsync(email, sp => sp.GetRequiredService<CompletenessService>().CheckAsync(dossier.Id));
        var finding = Assert.Single(findings);
        Assert.Equal("R6 : Document manquant : Outil 1 – Livret de repérage des compétences acquises et des besoins en formation.", finding.ToString());

        var recorded = await _factory.AsUserAsync(email, sp => sp.GetRequiredService<CompletenessService>().RecordCheckAsync(dossier.Id));
        Assert.False(recorded.Passed);

        await _factory.WithDbAsync(async db =>
        {
            var saved = await db.Dossiers.SingleAsync(d => d.Id == dossier.Id);
            Assert.Equal("Secrétariat Test", saved.CompletenessCheckedBy);
            Assert.Equal(new DateTimeOffset(2026, 11, 27, 14, 30, 0, TimeSpan.Zero), saved.CompletenessCheckedAt);
            Assert.False(saved.CompletenessCheckPassed);
            Assert.Equal("R6 : Document manquant : Outil 1 – Livret de repérage des compétences acquises et des besoins en formation.", saved.CompletenessFindings);
            var entry = await db.AuditEntries.SingleAsync(a => a.DossierId == dossier.Id && a.Action == "Contrôle de complétude");
            Assert.Equal("Secrétariat Test", entry.UserName);
            Assert.Contains("incomplet (1 constat)", entry.Details, StringComparison.Ordinal);
        });

        var details = await _factory.AsUserAsync(email, sp => sp.GetRequiredService<DossierService>().GetAsync(dossier.Id));
        Assert.NotNull(details.LastCheck);
        Assert.False(details.LastCheck.Passed);
        Assert.Single(details.LastCheck.Findings);
    }

    [Fact]
    public async Task R6_Complete_dossier_is_recorded_as_complete()
    {
        var (email, _) = await _factory.CreateSecretariatAsync();
        var dossier = await DossierTestData.AddCompleteDossierAsync(_factory, Route.Vae);

        var recorded = await _factory.AsUserAsync(email, sp => sp.GetRequiredService<CompletenessService>().RecordCheckAsync(dossier.Id));

        Assert.True(recorded.Passed);
        Assert.Empty(recorded.Findings);
        await _factory.WithDbAsync(async db => Assert.True((await db.Dossiers.SingleAsync(d => d.Id == dossier.Id)).CompletenessCheckPassed));
    }

    [Fact]
    public async Task Recording_a_check_from_an_outdated_page_is_refused_as_a_concurrent_change()
    {
        var (email, _) = await _factory.CreateSecretariatAsync();
        var dossier = await DossierTestData.AddCompleteDossierAsync(_factory);
        var details = await _factory.AsUserAsync(email, sp => sp.GetRequiredService<DossierService>().GetAsync(dossier.Id));
        await _factory.AsUserAsync(email, sp => sp.GetRequiredService<DossierService>().UpdateAsync(dossier.Id, details.Input));

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => _factory.AsUserAsync(email, sp =>
            sp.GetRequiredService<CompletenessService>().RecordCheckAsync(dossier.Id, details.Input.ConcurrencyStamp)));
    }

    public void Dispose() => _factory.Dispose();
}
