using CqpJury.App.Services;
using CqpJury.Domain.Dossiers;
using CqpJury.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CqpJury.Tests.Integration;

/// <summary>The builders other tests rely on produce what they promise, after a round trip through SQLite.</summary>
public sealed class TestSupportSelfTests : IDisposable
{
    private readonly CqpJuryAppFactory _factory = new();

    [Theory]
    [InlineData(Route.SkillsDevelopment)]
    [InlineData(Route.Vae)]
    public async Task R6_Complete_dossier_builder_passes_the_completeness_check_after_saving(Route route)
    {
        var candidate = EntityBuilders.Candidate();
        var sp = EntityBuilders.Evaluator(EvaluatorRole.SectorProfessional);
        var ea = EntityBuilders.Evaluator(EvaluatorRole.ExternalAssessor, "Externe");
        var dossier = EntityBuilders.CompleteDossier(candidate, sp, ea, route);
        await _factory.WithDbAsync(async db =>
        {
            db.AddRange(candidate, sp, ea, dossier);
            await db.SaveChangesAsync();
        });

        var catalog = _factory.Services.GetRequiredService<ReferentialCatalog>();
        await _factory.WithDbAsync(async db =>
        {
            var loaded = await db.Dossiers.AsNoTracking()
                .Include(d => d.Evaluations).ThenInclude(e => e.Elements)
                .Include(d => d.Documents).Include(d => d.ActivityPeriods).Include(d => d.EarlierValidations)
                .Include(d => d.SectorProfessional).Include(d => d.ExternalAssessor)
                .SingleAsync(d => d.Id == dossier.Id);
            var findings = CompletenessCheck.Check(loaded.ToDomain(), catalog.Get("CQP-AF"), new DateOnly(2026, 11, 27));
            Assert.Empty(findings);
        });
    }

    public void Dispose() => _factory.Dispose();
}
