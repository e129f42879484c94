using System.Diagnostics;
using CqpJury.App.Data;
using CqpJury.App.Data.Demo;
using CqpJury.App.Data.Entities;
using CqpJury.Benchmarks.Core;
using CqpJury.App.Services.Room;
using CqpJury.Domain.Deliberations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CqpJury.Benchmarks.Storage;

/// <summary>
/// Figure 4: vote commits on SQLite with 20 concurrent voters, on the write path RoomService
/// uses (raw path, not the whole service): the app's own DbContext factory (same model, busy
/// timeout, WAL, synchronous=NORMAL), one context per commit, the deliberation record loaded and
/// its Version (the concurrency token) bumped, one DeliberationEvents row with that version (unique
/// per deliberation) and one audit entry, in one SaveChanges; on a concurrency conflict the vote is
/// retried on fresh state with the same attempts and random pause as RoomCommandPipeline.RunAsync, and,
/// as there, the commands on one deliberation queue in process (DeliberationLocks).
/// 20 voters = 4 deliberations of the demo session × its 5 members.
/// </summary>
public static class SqliteVoteCommitBenchmark
{
    public const int Voters = 20;
    private const int Deliberations = 4;
    private const int MaxAttempts = CqpJury.App.Services.Room.Commands.RoomCommandPipeline.MaxCommandAttempts;

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchmarkOptions options, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var (seconds, runs) = options.Mode switch
        {
            BenchmarkMode.Smoke => (1.0, 2),
            BenchmarkMode.Quick => (4.0, 4),
            _ => (15.0, 7),
        };

        await using var host = await AppHost.StartAsync();
        var factory = host.Services.GetRequiredService<IDbContextFactory<CqpJuryDbContext>>();
        var locks = host.Services.GetRequiredService<DeliberationLocks>();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync();
        }

        var (sessionId, members, deliberationIds) = await PrepareAsync(factory);
        var rates = new List<double>();
        var p99s = new List<double>();
        var latencies = new List<double>();
        long lockErrors = 0, conflicts = 0, failures = 0;
        for (var run = -1; run < runs; run++)
        {
            var counters = new Counters();
            var samples = new List<double>[Voters];
            var stopAt = Stopwatch.GetTimestamp() + (long)((run < 0 ? 0.5 : seconds) * Stopwatch.Frequency);
            var sw = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, Voters).Select(v => Task.Run(async () =>
            {
                var mine = samples[v] = [];
                var deliberation = deliberationIds[v % Deliberations];
                var member = members[v % members.Count];
                while (Stopwatch.GetTimestamp() < stopAt)
                {
                    var start = Stopwatch.GetTimestamp();
                    bool committed;
                    using (await locks.EnterAsync(sessionId, deliberation))
                    {
                        committed = await CommitVoteAsync(factory, sessionId, deliberation, member, counters);
                    }

                    if (committed)
                    {
                        mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                    }
                }
            })));
            sw.Stop();
            if (run < 0)
            {
                continue; // warm-up
            }

            var all = samples.SelectMany(s => s).Order().ToArray();
            rates.Add(all.Length / sw.Elapsed.TotalSeconds);
            p99s.Add(Stats.Percentile(all, 99));
            latencies.AddRange(all);
            lockErrors += counters.LockErrors;
            conflicts += counters.Conflicts;
            failures += counters.Failures;
            log($"  sqlite run {run + 1}/{runs}: {all.Length} commits in {sw.Elapsed.TotalMilliseconds:0} ms, p99 {p99s[^1]:0.0} ms, locked {counters.LockErrors}, conflicts {counters.Conflicts}");
        }

        var setup = $"{Voters} voters ({Deliberations} deliberations of the demo session × 5 members), {seconds:0.#} s per run after a 0.5 s warm-up; retries on conflict: {conflicts:N0} in all, votes given up after {MaxAttempts} attempts: {failures:N0}.";
        return
        [
            Figure.FromRuns("4a", "Vote commits on SQLite, 20 concurrent voters (raw write path of RoomService)", "commits/s", rates, "≥ 500/s", r => r >= 500,
                setup + " Raw path: the service's reads before the write (actor, convocation, room state, dossier, event replay) are not included — see the notes."),
            Figure.FromRuns("4b", "Vote commit latency p99 (including retries)", "ms", p99s, "≤ 50 ms", r => r <= 50,
                "Per-run p99; median and min–max of the runs."),
            Figure.FromSamples("4c", "Vote commit latency, all commits", "ms", latencies, runs, "–", null),
            new Figure("4e", "Optimistic-concurrency retries (version conflicts)", "retries", conflicts, conflicts, conflicts, "total", runs, "–", null,
                "Each of the 5 voters of a deliberation votes again as soon as its vote is committed (closed loop); in one instance they queue per deliberation, so a conflict would only come from another process."),
            new Figure("4f", $"Votes given up after {MaxAttempts} conflicting attempts", "votes", failures, failures, failures, "total", runs, "0", failures == 0,
                $"RoomCommandPipeline.RunAsync rethrows the DbUpdateException after {MaxAttempts} attempts: in the app the member would see an error."),
            new Figure("4d", "\"database is locked\" errors (SQLITE_BUSY / SQLITE_LOCKED)", "errors", lockErrors, lockErrors, lockErrors, "total", runs, "0", lockErrors == 0,
                "Total over all runs (not a median)."),
        ];
    }

    private sealed class Counters
    {
        public long LockErrors;
        public long Conflicts;
        public long Failures;
    }

    private static async Task<(Guid SessionId, List<Guid> Members, List<Guid> Deliberations)> PrepareAsync(IDbContextFactory<CqpJuryDbContext> factory)
    {
        await using var db = await factory.CreateDbContextAsync();
        var session = await db.Sessions.AsNoTracking().SingleAsync(s => s.Title == DemoDataSeeder.DemoSessionTitle);
        var members = await db.SessionMembers.AsNoTracking().Where(m => m.SessionId == session.Id).Select(m => m.JuryMemberId).ToListAsync();
        var dossiers = await db.AgendaItems.AsNoTracking().Where(a => a.SessionId == session.Id).OrderBy(a => a.Position).Select(a => a.DossierId).Take(Deliberations).ToListAsync();
        if (members.Count < 5 || dossiers.Count < Deliberations)
        {
            throw new InvalidOperationException("The demo session has fewer members or dossiers than expected.");
        }

        var ids = new List<Guid>();
        foreach (var dossier in dossiers)
        {
            var record = new DeliberationRecord
            {
                Id = Guid.NewGuid(),
                SessionId = session.Id,
                DossierId = dossier,
                PanelMemberIds = string.Join(',', members),
                State = DeliberationState.Open,
                Round = 1,
                Version = 0,
                OpenedAt = DateTimeOffset.UtcNow,
            };
            db.Deliberations.Add(record);
            ids.Add(record.Id);
        }

        await db.SaveChangesAsync();
        return (session.Id, members, ids);
    }

    private static async Task<bool> CommitVoteAsync(IDbContextFactory<CqpJuryDbContext> factory, Guid sessionId, Guid deliberationId, Guid memberId, Counters counters)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync();
            var record = await db.Deliberations.FirstAsync(d => d.Id == deliberationId);
            var now = DateTimeOffset.UtcNow;
            record.Version++;
            db.DeliberationEvents.Add(new DeliberationEvent
            {
                DeliberationId = record.Id,
                Version = record.Version,
                Kind = DeliberationEventKind.VoteCast,
                ActorMemberId = memberId,
                Round = record.Round,
                Choice = VoteChoice.Approve,
                At = now,
            });
            db.AuditEntries.Add(new AuditEntry { At = now, UserName = "Benchmark", Action = "Vote : approbation", SessionId = sessionId, DossierId = record.DossierId });
            try
            {
                await db.SaveChangesAsync();
                return true;
            }
            catch (DbUpdateException ex)
            {
                if (IsLocked(ex))
                {
                    Interlocked.Increment(ref counters.LockErrors);
                }
                else
                {
                    Interlocked.Increment(ref counters.Conflicts);
                }
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode is 5 or 6)
            {
                Interlocked.Increment(ref counters.LockErrors);
            }

            await Task.Delay(CqpJury.App.Services.Room.Commands.RoomCommandPipeline.ConflictPause(attempt));
        }

        Interlocked.Increment(ref counters.Failures);
        return false;
    }

    private static bool IsLocked(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is SqliteException { SqliteErrorCode: 5 or 6 } || e.Message.Contains("database is locked", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
