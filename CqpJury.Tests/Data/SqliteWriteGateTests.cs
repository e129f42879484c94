using System.Data.Common;
using System.Diagnostics;
using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CqpJury.Tests.Data;

/// <summary>
/// The SQLite write queue of one process: write transactions take turns (no two at once, so none
/// sleeps in SQLite's busy handler), every save commits, and a transaction that ends without a
/// commit or a rollback does not keep the turn.
/// </summary>
public sealed class SqliteWriteGateTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cqpjury-gate-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly SqliteWriteGate _gate = new();
    private readonly InFlight _inFlight = new();

    public SqliteWriteGateTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        _gate.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Forty_concurrent_saves_of_several_rows_take_turns_and_all_commit()
    {
        await MigrateAsync();
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
        {
            await using var db = Context();
            db.AuditEntries.Add(new AuditEntry { At = DateTimeOffset.UtcNow, UserName = "Test", Action = $"Vote {i:00}" });
            db.AuditEntries.Add(new AuditEntry { At = DateTimeOffset.UtcNow, UserName = "Test", Action = $"Trace {i:00}" });
            await db.SaveChangesAsync();
        })));

        await using var check = Context();
        Assert.Equal(80, await check.AuditEntries.CountAsync(a => a.UserName == "Test"));
        Assert.True(_inFlight.Started >= 40, $"{_inFlight.Started} write transactions seen: the saves did not use transactions, the queue was not exercised.");
        Assert.Equal(1, _inFlight.Max);
    }

    [Fact]
    public async Task A_second_write_waits_for_its_turn_before_sqlite_is_asked_for_the_lock()
    {
        await MigrateAsync();
        await using var first = Context();
        var transaction = await first.Database.BeginTransactionAsync();
        first.AuditEntries.Add(new AuditEntry { At = DateTimeOffset.UtcNow, UserName = "Test", Action = "Premier" });
        await first.SaveChangesAsync();

        var second = Task.Run(async () =>
        {
            await using var db = Context();
            db.AuditEntries.Add(new AuditEntry { At = DateTimeOffset.UtcNow, UserName = "Test", Action = "Second 1" });
            db.AuditEntries.Add(new AuditEntry { At = DateTimeOffset.UtcNow, UserName = "Test", Action = "Second 2" });
            await db.SaveChangesAsync();
        });
        await Task.Delay(300);

        // Queued in the process (a waiting task, no thread asleep in SQLite's busy handler): SQLite was asked for one write lock only.
        Assert.False(second.IsCompleted);
        Assert.Equal(1, _inFlight.Asked);

        await transaction.CommitAsync();
        await transaction.DisposeAsync();
        await second.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, _inFlight.Asked);
        await using var check = Context();
        Assert.Equal(3, await check.AuditEntries.CountAsync(a => a.UserName == "Test"));
    }

    [Fact]
    public async Task A_transaction_disposed_without_commit_or_rollback_gives_the_turn_back()
    {
        await MigrateAsync();
        await using (var abandoned = Context())
        {
            await using var transaction = await abandoned.Database.BeginTransactionAsync();
            abandoned.AuditEntries.Add(new AuditEntry { At = DateTimeOffset.UtcNow, UserName = "Test", Action = "Abandonné" });
            await abandoned.SaveChangesAsync();
        } // disposed: rolled back by SQLite, the connection closes

        var clock = Stopwatch.StartNew();
        await using var db = Context();
        db.AuditEntries.Add(new AuditEntry { At = DateTimeOffset.UtcNow, UserName = "Test", Action = "Suivant 1" });
        db.AuditEntries.Add(new AuditEntry { At = DateTimeOffset.UtcNow, UserName = "Test", Action = "Suivant 2" });
        await db.SaveChangesAsync();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"The next save waited {clock.Elapsed.TotalSeconds:0.0} s for a turn nobody held.");
        Assert.Equal(new[] { "Suivant 1", "Suivant 2" }, await db.AuditEntries.Where(a => a.UserName == "Test").OrderBy(a => a.Action).Select(a => a.Action).ToListAsync());
    }

    private async Task MigrateAsync()
    {
        await using var db = Context();
        await db.Database.MigrateAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;");
        _inFlight.Reset();
    }

    private SqliteCqpJuryDbContext Context() =>
        new(new DbContextOptionsBuilder<SqliteCqpJuryDbContext>()
            .UseSqlite($"Data Source={Path.Combine(_folder, "gate.db")}")
            .AddInterceptors(new SqliteConnectionSetup(), _gate, _inFlight)
            .Options);

    /// <summary>Counts write transactions open at the same time (after the queue has given its turn).</summary>
    private sealed class InFlight : DbTransactionInterceptor
    {
        private int _now;

        public int Max { get; private set; }

        public int Started { get; private set; }

        /// <summary>Transactions about to ask SQLite for the write lock (after their turn in the queue).</summary>
        public int Asked { get; private set; }

        public void Reset()
        {
            Max = 0;
            Started = 0;
            Asked = 0;
        }

        public override ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        {
            lock (this)
            {
                Asked++;
            }

            return ValueTask.FromResult(result);
        }

        public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
        {
            lock (this)
            {
                Started++;
                Max = Math.Max(Max, ++_now);
            }

            return ValueTask.FromResult(result);
        }

        // Counted out as the commit or rollback begins, while the transaction still holds its turn: the gate, registered
        // before this counter, gives the turn back in its own "committed" handler, so a count taken there could see the
        // next transaction start first (CI once saw 2 at once that way, with SQLite's write lock already released).
        public override ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            Ended();
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult> TransactionRollingBackAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            Ended();
            return ValueTask.FromResult(result);
        }

        private void Ended()
        {
            lock (this)
            {
                _now--;
            }
        }
    }
}
