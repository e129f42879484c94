using System.Diagnostics;
using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using CqpJury.App.Services;
using CqpJury.App.Services.Security;
using CqpJury.App.Services.Statistics;
using CqpJury.Benchmarks.Core;
using CqpJury.Benchmarks.Storage;
using CqpJury.Domain.Deliberations;
using CqpJury.Domain.Dossiers;
using CqpJury.Domain.Evaluations;
using CqpJury.Domain.Outcomes;
using CqpJury.TestServers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Route = CqpJury.Domain.Dossiers.Route;

namespace CqpJury.Benchmarks.Statistics;

/// <summary>
/// Issue 24 (figure 8): the statistics page's queries and its exports on 10,000 signed decisions,
/// through the app's own <see cref="StatisticsService"/> (the secretariat's check, the four queries,
/// the domain's rules, the .xlsx and CSV writers), on SQLite and on PostgreSQL. The history: 100 closed
/// sessions over four years, both CQPs and both routes, six competences of three grid elements each
/// (180,000 elements), one dossier in ten returning with earlier validations, one in twenty postponed
/// once before its decision, one in fifteen with an evaluator discrepancy.
/// </summary>
public static class StatisticsBenchmark
{
    public const int Decisions = 10_000;
    private const int Sessions = 100;
    private const int Chunk = 500;
    private static readonly string[] Codes = ["C1", "C2", "C3", "C4", "C5", "C6"];
    private static readonly string[] Held = ["C1", "C2", "C3"];

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchmarkOptions options, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var runs = options.Mode == BenchmarkMode.Full ? 7 : 3;
        var figures = new List<Figure>();
        // CQPJURY_BENCH_SQL=1 logs each SQL command with its duration (diagnosis).
        IReadOnlyDictionary<string, string?>? diagnosis = Environment.GetEnvironmentVariable("CQPJURY_BENCH_SQL") == "1"
            ? new Dictionary<string, string?> { ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Information" }
            : null;
        await using (var sqlite = await AppHost.StartAsync(diagnosis))
        {
            figures.AddRange(await MeasureAsync(sqlite, "SQLite", ["8a", "8b", "8c", "8g", "8h"], runs, log));
        }

        if (PostgresServer.SkipReason is { } why)
        {
            figures.Add(Figure.NotMeasured("8d", "Statistics on PostgreSQL", "≤ 1000 ms", why));
            return figures;
        }

        var database = "cqpjury_bench_stats_" + Guid.NewGuid().ToString("N")[..8];
        var connection = new NpgsqlConnectionStringBuilder(PostgresServer.AdminConnectionString) { Database = database, Pooling = true }.ConnectionString;
        try
        {
            await using var postgres = await AppHost.StartAsync(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Postgres",
                ["ConnectionStrings:CqpJury"] = connection,
                ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = diagnosis is null ? "None" : "Information",
            });
            figures.AddRange(await MeasureAsync(postgres, "PostgreSQL", ["8d", "8e", "8f", "8i", "8j"], runs, log));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(PostgresServer.AdminConnectionString);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }

        return figures;
    }

    private static async Task<IReadOnlyList<Figure>> MeasureAsync(AppHost host, string engine, string[] ids, int runs, Action<string> log)
    {
        var seeding = Stopwatch.StartNew();
        await SeedAsync(host.Services.GetRequiredService<IDbContextFactory<CqpJuryDbContext>>());
        log($"  {engine}: {Decisions} decisions seeded in {seeding.Elapsed.TotalSeconds:0.0} s");
        var email = "statistiques@bench.test";
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AccountService>().CreateSecretariatAsync(email, "Secrétariat");
        }

        var page = new List<double>();
        var filtered = new List<double>();
        var export = new List<double>();
        var pageCpu = new List<double>();
        var exportCpu = new List<double>();
        var report = default(StatisticsReport);
        var bytes = 0;
        for (var run = -1; run < runs; run++)
        {
            await using var scope = await host.SignedInScopeAsync(email);
            var statistics = scope.ServiceProvider.GetRequiredService<StatisticsService>();

            // The page's first load: the filters' choices and the figures of everything.
            var cpu = AppHost.ProcessCpu();
            var sw = Stopwatch.StartNew();
            await statistics.GetChoicesAsync();
            report = await statistics.ComputeAsync(new StatisticsFilter());
            var pageMs = sw.Elapsed.TotalMilliseconds;
            var pageCpuMs = (AppHost.ProcessCpu() - cpu).TotalMilliseconds;

            // A filter change: one CQP, one year, by quarter.
            sw.Restart();
            await statistics.ComputeAsync(new StatisticsFilter(new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31), "CQP-AF", Grouping: StatisticsGrouping.Quarter));
            var filteredMs = sw.Elapsed.TotalMilliseconds;

            // The export of the whole selection: the workbook (one request), then the largest CSV (another).
            cpu = AppHost.ProcessCpu();
            sw.Restart();
            var xlsx = await statistics.ExportXlsxAsync(new StatisticsFilter());
            var exportMs = sw.Elapsed.TotalMilliseconds;
            var exportCpuMs = (AppHost.ProcessCpu() - cpu).TotalMilliseconds;
            var csv = await statistics.ExportCsvAsync(new StatisticsFilter(), StatisticsTable.Competences);
            bytes = xlsx.Content.Length + csv.Content.Length;
            if (run >= 0)
            {
                page.Add(pageMs);
                filtered.Add(filteredMs);
                export.Add(exportMs);
                pageCpu.Add(pageCpuMs);
                exportCpu.Add(exportCpuMs);
            }
        }

        if (report!.Totals.Presented != Decisions)
        {
            throw new InvalidOperationException($"{engine}: {report.Totals.Presented} dossiers counted instead of {Decisions}.");
        }

        var how = $"{engine}, {Decisions} signed decisions ({report.Totals.Awarded} délivrés, {report.Totals.PartiallyValidated} partielles, {report.Totals.NotValidated} non validations), " +
                  $"{runs} runs after a warm-up, each in a fresh signed-in scope (the service's role check included).";
        return
        [
            Figure.FromRuns(ids[0], $"Statistics page, first load (choices + figures of everything), {engine}", "ms", page, "≤ 1000 ms", v => v <= 1000, how),
            Figure.FromRuns(ids[1], $"Statistics page, a filter change (CQP + year, by quarter), {engine}", "ms", filtered, "≤ 1000 ms", v => v <= 1000, how),
            Figure.FromRuns(ids[2], $"Statistics export of everything (.xlsx, all tables), {engine}", "ms", export, "≤ 1000 ms", v => v <= 1000,
                $"{how} Files: {bytes / 1024} KB for the .xlsx and the CSV per competence."),
            Figure.FromRuns(ids[3], $"Statistics page, first load: CPU time of the app process, {engine}", "ms", pageCpu,
                engine == "SQLite" ? "≤ 1000 ms (all the work is in process: the wall time of an idle core)" : "– (the database server's CPU is not counted)",
                engine == "SQLite" ? v => v <= 1000 : null, "The process's CPU time (getrusage) over the same calls: unlike the wall time, it does not grow when other processes share the cores."),
            Figure.FromRuns(ids[4], $"Statistics export (.xlsx): CPU time of the app process, {engine}", "ms", exportCpu,
                engine == "SQLite" ? "≤ 1000 ms (all the work is in process: the wall time of an idle core)" : "– (the database server's CPU is not counted)",
                engine == "SQLite" ? v => v <= 1000 : null),
        ];
    }

    /// <summary>The history, written in chunks (one context each, no change tracking kept between them).</summary>
    private static async Task SeedAsync(IDbContextFactory<CqpJuryDbContext> factory)
    {
        var first = new DateOnly(2022, 1, 10);
        var sessions = Enumerable.Range(0, Sessions).Select(i => new JurySession
        {
            Id = Guid.NewGuid(),
            Title = $"Session de mesure {i + 1}",
            Date = first.AddDays(i * 14),
            Status = SessionStatus.Closed,
            CreatedAt = DateTimeOffset.UtcNow,
        }).ToList();
        await using (var db = await factory.CreateDbContextAsync())
        {
            db.Sessions.AddRange(sessions);
            await db.SaveChangesAsync();
        }

        var random = new Random(24);
        for (var start = 0; start < Decisions; start += Chunk)
        {
            await using var db = await factory.CreateDbContextAsync();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = start; i < Math.Min(Decisions, start + Chunk); i++)
            {
                var session = sessions[i % Sessions];
                AddDecision(db, i, session, i % 20 == 0 && i % Sessions > 0 ? sessions[(i % Sessions) - 1] : null, random);
            }

            await db.SaveChangesAsync();
        }
    }

    private static void AddDecision(CqpJuryDbContext db, int i, JurySession session, JurySession? postponedAt, Random random)
    {
        var candidate = new Candidate { Id = Guid.NewGuid(), FirstName = "Candidat", LastName = $"Mesure {i}" };
        var certificate = i % 2 == 0 ? "CQP-AF" : "CQP-CCF";
        var dossier = new DossierEntity
        {
            Id = Guid.NewGuid(),
            Reference = $"B-{i:00000}",
            CandidateId = candidate.Id,
            CertificateCode = certificate,
            Route = i % 3 == 0 ? Route.Vae : Route.SkillsDevelopment,
            CreatedAt = DateTimeOffset.UtcNow,
            CompletenessCheckedAt = new DateTimeOffset(session.Date.AddDays(-random.Next(5, 120)).ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero),
            CompletenessCheckPassed = true,
        };
        var held = i % 10 == 0 ? Held : [];
        dossier.EarlierValidations.AddRange(held.Select(c => new EarlierValidationEntity { Id = Guid.NewGuid(), DossierId = dossier.Id, CompetenceCode = c, ValidatedOn = session.Date.AddYears(-1) }));
        var validations = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var code in Codes.Except(held))
        {
            var mastered = random.NextDouble() < 0.85;
            var evaluation = new CompetenceEvaluationEntity { Id = Guid.NewGuid(), DossierId = dossier.Id, CompetenceCode = code, EvaluatorsSayMastered = mastered || i % 15 == 0 };
            for (var e = 0; e < 3; e++)
            {
                evaluation.Elements.Add(new GridElementEntity
                {
                    Id = Guid.NewGuid(),
                    CompetenceEvaluationId = evaluation.Id,
                    Position = e + 1,
                    Label = $"Élément {e + 1}",
                    IsEssential = e < 2,
                    Status = !mastered && e == 0 ? ElementStatus.NotAcquired : ElementStatus.Acquired,
                });
            }

            dossier.Evaluations.Add(evaluation);
            validations[code] = mastered && random.NextDouble() < 0.95;
        }

        var total = validations.Count(v => v.Value) + held.Length;
        db.Candidates.Add(candidate);
        db.Dossiers.Add(dossier);
        if (postponedAt is not null)
        {
            db.Deliberations.Add(new DeliberationRecord
            {
                Id = Guid.NewGuid(), SessionId = postponedAt.Id, DossierId = dossier.Id, State = DeliberationState.Postponed, Round = 0, Version = 1,
                OpenedAt = DateTimeOffset.UtcNow, PostponedAt = DateTimeOffset.UtcNow, PostponementReason = "Mesure",
            });
        }

        var signedAt = new DateTimeOffset(session.Date.ToDateTime(new TimeOnly(15, 0)), TimeSpan.Zero);
        db.Deliberations.Add(new DeliberationRecord
        {
            Id = Guid.NewGuid(),
            SessionId = session.Id,
            DossierId = dossier.Id,
            State = DeliberationState.Decided,
            Round = 1,
            Version = 8,
            OpenedAt = signedAt.AddHours(-1),
            Outcome = total == 6 ? DecisionOutcome.Awarded : total > 0 ? DecisionOutcome.PartiallyValidated : DecisionOutcome.NotValidated,
            DecidedAt = signedAt.AddMinutes(-10),
            DecidedValidations = string.Join(';', validations.Select(v => $"{v.Key}={(v.Value ? 1 : 0)}")),
            SignedAt = signedAt,
            SignedByName = "Président",
        });
    }
}
