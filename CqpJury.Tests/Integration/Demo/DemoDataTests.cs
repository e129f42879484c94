using CqpJury.App.Data.Demo;
using CqpJury.App.Data.Entities;
using CqpJury.App.Services;
using CqpJury.App.Services.Statistics;
using CqpJury.Domain.Deliberations;
using CqpJury.Domain.Dossiers;
using CqpJury.Domain.Evaluations;
using CqpJury.Domain.Juries;
using CqpJury.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CqpJury.Tests.Integration.Demo;

public sealed class DemoDataTests : IDisposable
{
    private readonly CqpJuryAppFactory _factory = new();

    private Task<IReadOnlyList<DemoCredential>> SeedAsync() =>
        _factory.WithScopeAsync(sp => sp.GetRequiredService<DemoDataSeeder>().SeedAsync());

    [Fact]
    public async Task Demo_seeds_a_secretariat_and_five_members_2_2_1_who_can_sign_in()
    {
        var credentials = await SeedAsync();

        Assert.Equal(6, credentials.Count);
        Assert.Single(credentials, c => c.Role == "Secrétariat");
        using var client = _factory.CreateBrowserLikeClient();
        foreach (var credential in credentials)
        {
            using var fresh = _factory.CreateBrowserLikeClient();
            var response = await fresh.SignInAsync(credential.Email, credential.Password);
            Assert.True(response.IsRedirect(), $"{credential.Email} could not sign in");
        }

        await _factory.WithDbAsync(async db =>
        {
            var members = await db.JuryMembers.ToListAsync();
            Assert.True(JuryComposition.IsValid(members.Select(m => m.ToDomain())), "R8: the demo jury must be 2+2+1");
        });
    }

    [Fact]
    public async Task Demo_session_holds_six_complete_dossiers_and_keeps_the_incomplete_one_off_the_agenda()
    {
        await SeedAsync();
        var catalog = _factory.Services.GetRequiredService<ReferentialCatalog>();

        await _factory.WithDbAsync(async db =>
        {
            var session = await db.Sessions.Include(s => s.Agenda).Include(s => s.Members)
                .SingleAsync(s => s.Title == DemoDataSeeder.DemoSessionTitle);
            var dossiers = await db.Dossiers.AsNoTracking()
                .Where(d => !d.Reference.StartsWith(DemoDataSeeder.HistoryReferencePrefix))
                .Include(d => d.Evaluations).ThenInclude(e => e.Elements)
                .Include(d => d.Documents).Include(d => d.ActivityPeriods).Include(d => d.EarlierValidations)
                .Include(d => d.SectorProfessional).Include(d => d.ExternalAssessor)
                .ToListAsync();
            var today = DateOnly.FromDateTime(_factory.Clock.GetUtcNow().UtcDateTime);

            Assert.Equal(SessionStatus.Open, session.Status);
            Assert.Equal(5, session.Members.Count);
            Assert.Equal(6, session.Agenda.Count);
            var onAgenda = session.Agenda.Select(a => a.DossierId).ToHashSet();
            foreach (var dossier in dossiers)
            {
                var complete = CompletenessCheck.IsComplete(dossier.ToDomain(), catalog.Get(dossier.CertificateCode), today);
                Assert.Equal(complete, onAgenda.Contains(dossier.Id));
            }

            Assert.Single(dossiers, d => !onAgenda.Contains(d.Id));
            Assert.Contains(dossiers, d => d.CertificateCode == "CQP-AF" && d.Route == Route.Vae);
            Assert.Contains(dossiers, d => d.CertificateCode == "CQP-CCF" && d.Route == Route.SkillsDevelopment);
            Assert.Contains(dossiers, d => d.EarlierValidations.Count > 0);
            Assert.Contains(dossiers, d => d.HasObservations());
            Assert.Contains(dossiers, d => d.ToDomain().Evaluation.Discrepancies(catalog.Get(d.CertificateCode)).Count > 0);
            Assert.All(dossiers.SelectMany(d => d.Documents), doc =>
                Assert.True(File.Exists(Path.Combine(_factory.DataRoot, "documents", doc.StoredFileName))));
        });
    }

    [Fact]
    public async Task R10_Demo_has_a_known_conflict_with_a_candidates_employer()
    {
        await SeedAsync();
        await _factory.WithDbAsync(async db =>
        {
            var members = await db.JuryMembers.Include(m => m.Links).ToListAsync();
            var dossiers = await db.Dossiers.Include(d => d.Employer).Include(d => d.TrainingOrganisation).ToListAsync();
            Assert.Contains(dossiers, d => members.Any(m => m.Seat != Seat.TradeExpert && App.Services.Security.KnownConflicts.Exists(m, d)));
            Assert.Contains(dossiers, d => members.Any(m => m.Seat == Seat.TradeExpert && App.Services.Security.KnownConflicts.Exists(m, d)));
        });
    }

    [Fact]
    public async Task Running_the_demo_twice_adds_nothing_and_changes_the_passwords()
    {
        var first = await SeedAsync();
        var historyDossiers = 0;
        await _factory.WithDbAsync(async db => historyDossiers = await db.Dossiers.CountAsync(d => d.Reference.StartsWith(DemoDataSeeder.HistoryReferencePrefix)));
        var second = await SeedAsync();

        await _factory.WithDbAsync(async db =>
        {
            Assert.Equal(7, await db.Dossiers.CountAsync(d => !d.Reference.StartsWith(DemoDataSeeder.HistoryReferencePrefix)));
            Assert.Equal(historyDossiers, await db.Dossiers.CountAsync(d => d.Reference.StartsWith(DemoDataSeeder.HistoryReferencePrefix)));
            Assert.Equal(8, await db.Sessions.CountAsync(s => s.Title.EndsWith(DemoDataSeeder.HistoryMarker)));
            Assert.Equal(5, await db.JuryMembers.CountAsync());
            Assert.Equal(6, await db.Users.CountAsync());
        });
        Assert.All(first.Zip(second), pair => Assert.NotEqual(pair.First.Password, pair.Second.Password));
        using var client = _factory.CreateBrowserLikeClient();
        Assert.False((await client.SignInAsync(first[0].Email, first[0].Password)).IsRedirect());
    }

    [Fact]
    public async Task Demo_history_gives_the_statistics_page_signed_decisions_of_both_CQPs_and_routes()
    {
        var credentials = await SeedAsync();
        var secretariat = credentials.Single(c => c.Role == "Secrétariat").Email;

        var report = await _factory.AsUserAsync(secretariat, sp => sp.GetRequiredService<StatisticsService>().ComputeAsync(new StatisticsFilter()));

        await _factory.WithDbAsync(async db =>
        {
            var sessions = await db.Sessions.AsNoTracking().Where(s => s.Title.EndsWith(DemoDataSeeder.HistoryMarker)).ToListAsync();
            Assert.Equal(8, sessions.Count);
            Assert.All(sessions, s => Assert.Equal(SessionStatus.Closed, s.Status));
            var today = DateOnly.FromDateTime(_factory.Clock.GetUtcNow().UtcDateTime);
            Assert.InRange(sessions.Min(s => s.Date), today.AddYears(-2), today.AddYears(-1));
            Assert.All(sessions, s => Assert.True(s.Date < today));
            var ids = sessions.Select(s => s.Id).ToList();
            var records = await db.Deliberations.AsNoTracking().Include(r => r.Events).Where(r => ids.Contains(r.SessionId)).ToListAsync();
            // Decisions as the room stores them: one proposal, one vote per panel member, the text, the signature.
            Assert.All(records.Where(r => r.State == DeliberationState.Decided), r =>
            {
                Assert.NotNull(r.SignedAt);
                Assert.Equal(r.Panel.Count, r.Events.Count(e => e.Kind == DeliberationEventKind.VoteCast));
                Assert.Equal(DeliberationEventKind.DecisionSigned, r.Events.MaxBy(e => e.Version)!.Kind);
            });
        });
        Assert.All(report.ByCertificate, row => Assert.True(row.Counts.Decided > 0, row.Label));
        Assert.All(report.ByRoute, row => Assert.True(row.Counts.Decided > 0, row.Label));
        Assert.True(report.Totals.Awarded > 0 && report.Totals.PartiallyValidated > 0 && report.Totals.NotValidated > 0);
        Assert.Equal(1, report.Totals.Postponed); // the one postponed at the last history session; the others were decided next time
        Assert.True(report.ReturningAwarded > 0, "R4.2: returning candidates complete their CQP");
        Assert.True(report.DiscrepancyCompetences > 0, "R2.2");
        Assert.Contains(report.ByCompetence, c => c.DeclinedAlthoughMastered > 0);
        Assert.NotNull(report.MedianDaysToDecision);
        Assert.True(report.ByPeriod.Count >= 20, "about two years of months");
    }

    public void Dispose() => _factory.Dispose();
}

internal static class DossierEntityTestExtensions
{
    public static bool HasObservations(this DossierEntity dossier) => !string.IsNullOrWhiteSpace(dossier.CandidateObservations);
}
