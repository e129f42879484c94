using CqpJury.App.Data.Entities;
using CqpJury.App.Services.Audit;
using CqpJury.App.Services.Privacy;
using CqpJury.Domain.Deliberations;
using CqpJury.Tests.Integration.UploadedDocuments;
using CqpJury.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CqpJury.Tests.Integration.Privacy;

/// <summary>
/// R16 — retention, on a fake clock across the boundaries: working documents go 6 months after the
/// decision is signed, the candidate's identity 6 years after (never before five years, R4.1), access
/// history lines after 24 months; the dry run shows exactly what the run then does; the run is journaled
/// and the journal's chain stays intact; the daily job runs it by itself.
/// </summary>
public sealed class RetentionTests : IDisposable
{
    private readonly CqpJuryAppFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private static RetentionService Service(IServiceProvider sp) => sp.GetRequiredService<RetentionService>();

    /// <summary>A dossier with two uploaded documents and a decision signed now; returns the scenario and the signing time.</summary>
    private async Task<(DocumentScenario Scenario, DateTimeOffset SignedAt)> DecidedDossierAsync()
    {
        var d = await DocumentScenario.CreateAsync(_factory);
        await d.UploadAsync(DocumentScenario.MinimalPdf, "Outil 1.pdf", CqpJury.Domain.Dossiers.DocumentKind.Outil1);
        await d.UploadAsync(DocumentScenario.MinimalPdf, "Outil 2.pdf");
        var signedAt = _factory.Clock.GetUtcNow();
        await _factory.WithDbAsync(async db =>
        {
            db.Deliberations.Add(new DeliberationRecord
            {
                Id = Guid.NewGuid(), SessionId = d.SessionId, DossierId = d.DossierId, State = DeliberationState.Decided,
                OpenedAt = signedAt, DecidedAt = signedAt, SignedAt = signedAt, SignedByName = "Président Test",
            });
            await db.SaveChangesAsync();
        });
        return (d, signedAt);
    }

    private Task<RetentionPlan> PlanAsync() => _factory.WithScopeAsync(sp => Service(sp).PlanAsync(_factory.Clock.GetUtcNow()));

    [Fact]
    public async Task R16_working_documents_are_kept_until_six_months_after_the_decision_then_deleted_rows_and_files_journaled()
    {
        var (d, signedAt) = await DecidedDossierAsync();
        _factory.Clock.SetUtcNow(signedAt.AddMonths(6).AddMinutes(-1));
        var before = await PlanAsync();
        _factory.Clock.SetUtcNow(signedAt.AddMonths(6));
        var dryRun = await PlanAsync();

        var done = await _factory.WithScopeAsync(sp => Service(sp).RunAsync());

        Assert.Empty(before.Documents);
        var due = Assert.Single(dryRun.Documents);
        Assert.Equal((d.DossierId, 2), (due.DossierId, due.Count));
        Assert.Equal(dryRun.Documents, done.Documents);
        Assert.Empty(dryRun.Candidates); // the identity stays (R4.1)
        Assert.Empty(d.StoredFiles());
        await _factory.WithDbAsync(async db =>
        {
            Assert.False(await db.Documents.AnyAsync(x => x.DossierId == d.DossierId));
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "Conservation : documents de travail supprimés" && a.DossierId == d.DossierId));
            Assert.NotEqual(CandidateErasure.AnonymousLastName, (await db.Dossiers.Include(x => x.Candidate).SingleAsync(x => x.Id == d.DossierId)).Candidate!.LastName);
        });
        Assert.Empty((await PlanAsync()).Documents);
        var verdict = await _factory.Services.GetRequiredService<JournalVerifier>().VerifyAsync();
        Assert.True(verdict.Intact, verdict.Text);
    }

    [Fact]
    public async Task R16_the_candidate_is_anonymised_six_years_after_the_last_decision_not_before_and_the_chain_still_verifies()
    {
        var (d, signedAt) = await DecidedDossierAsync();
        _factory.Clock.SetUtcNow(signedAt.AddYears(6).AddMinutes(-1));
        var before = await PlanAsync();
        _factory.Clock.SetUtcNow(signedAt.AddYears(6));

        await _factory.WithScopeAsync(sp => Service(sp).RunAsync());

        Assert.Empty(before.Candidates);
        await _factory.WithDbAsync(async db =>
        {
            var candidate = (await db.Dossiers.Include(x => x.Candidate).SingleAsync(x => x.Id == d.DossierId)).Candidate!;
            Assert.Equal((CandidateErasure.AnonymousLastName, string.Empty, (DateOnly?)null, (string?)null), (candidate.LastName, candidate.FirstName, candidate.BirthDate, candidate.Email));
            Assert.Equal(_factory.Clock.GetUtcNow(), candidate.AnonymisedAt);
            Assert.All(await db.AuditEntries.Where(a => a.DossierId == d.DossierId && a.Action != "Conservation : documents de travail supprimés").ToListAsync(),
                a => Assert.True(a.Details is null, a.Action));
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "Anonymisation d'un candidat"));
        });
        Assert.Empty((await PlanAsync()).Candidates);
        var verdict = await _factory.Services.GetRequiredService<JournalVerifier>().VerifyAsync();
        Assert.True(verdict.Intact, verdict.Text);
    }

    [Fact]
    public async Task R16_access_history_lines_older_than_24_months_are_deleted_the_younger_kept()
    {
        var d = await DocumentScenario.CreateAsync(_factory);
        var start = _factory.Clock.GetUtcNow();
        await _factory.WithScopeAsync(async sp =>
        {
            var history = sp.GetRequiredService<AccessHistory>();
            await history.RecordAsync(null, AccessPlaces.Room, d.DossierId, d.SessionId);
            _factory.Clock.Advance(TimeSpan.FromDays(2));
            await history.RecordAsync(null, AccessPlaces.Room, d.DossierId, d.SessionId);
            return 0;
        });
        _factory.Clock.SetUtcNow(start.AddMonths(24).AddDays(1));

        var plan = await _factory.WithScopeAsync(sp => Service(sp).RunAsync());

        Assert.Equal(1, plan.AccessLines);
        await _factory.WithDbAsync(async db => Assert.Equal(1, await db.DossierAccesses.CountAsync(a => a.DossierId == d.DossierId)));
    }

    [Fact]
    public void R16_the_daily_run_is_at_the_set_hour_Paris_time_across_the_change_of_time()
    {
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 2, 0, 0, TimeSpan.Zero), RetentionJob.NextRun(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero), 3));
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 1, 0, 0, TimeSpan.Zero), RetentionJob.NextRun(new DateTimeOffset(2026, 6, 30, 1, 0, 0, TimeSpan.Zero), 3));
    }

    [Fact]
    public async Task R16_the_daily_job_runs_the_retention_by_itself_at_its_hour()
    {
        _factory.Settings["Retention:Enabled"] = "true";
        var (d, signedAt) = await DecidedDossierAsync();

        _factory.Clock.SetUtcNow(signedAt.AddMonths(6).AddDays(1)); // passes at least one 03:00 (Paris)
        for (var i = 0; i < 100 && d.StoredFiles().Length > 0; i++)
        {
            await Task.Delay(100);
        }

        Assert.Empty(d.StoredFiles());
        await _factory.WithDbAsync(async db => Assert.False(await db.Documents.AnyAsync(x => x.DossierId == d.DossierId)));
    }
}
