using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CqpJury.App.Data;

/// <summary>
/// SQLite has one writer at a time per file. When two of this process's contexts write at the same
/// moment, the second waits in SQLite's busy handler, which sleeps 1, 2, 5, 10, 15… ms between tries
/// (blocking its thread: Microsoft.Data.Sqlite is synchronous): the slowest votes of a busy room
/// waited there. Write transactions of one process (every SaveChanges of several rows, and explicit
/// transactions) queue here instead, in order and without sleeping. The turn is given back when the
/// transaction ends (committed, rolled back, failed) or, at the latest, when its connection closes;
/// a transaction that waits longer than <see cref="SqliteConnectionSetup.BusyTimeoutMilliseconds"/>
/// goes on and lets SQLite's own lock decide, so nothing waits here forever. Other processes (a
/// backup, a second app) are kept out by SQLite's lock and busy timeout, as before.
/// </summary>
public sealed class SqliteWriteGate : DbTransactionInterceptor, IDbConnectionInterceptor, IDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly ConditionalWeakTable<DbConnection, Turn> _held = [];

    public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (await _turn.WaitAsync(SqliteConnectionSetup.BusyTimeoutMilliseconds, cancellationToken).ConfigureAwait(false))
        {
            Hold(connection);
        }

        return result;
    }

    public override InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (_turn.Wait(SqliteConnectionSetup.BusyTimeoutMilliseconds))
        {
            Hold(connection);
        }

        return result;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => GiveBack(ConnectionOf(eventData));

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        GiveBack(ConnectionOf(eventData));
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => GiveBack(ConnectionOf(eventData));

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        GiveBack(ConnectionOf(eventData));
        return Task.CompletedTask;
    }

    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => GiveBack(ConnectionOf(eventData));

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        GiveBack(ConnectionOf(eventData));
        return Task.CompletedTask;
    }

    void IDbConnectionInterceptor.ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => GiveBack(connection);

    Task IDbConnectionInterceptor.ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        GiveBack(connection);
        return Task.CompletedTask;
    }

    public void Dispose() => _turn.Dispose();

    /// <summary>The transaction's connection (a SQLite transaction forgets it once committed; the context does not).</summary>
    private static DbConnection? ConnectionOf(DbContextEventData? eventData) => eventData?.Context?.Database.GetDbConnection();

    private void Hold(DbConnection connection)
    {
        // A turn still held on this connection (a transaction that ended unseen) is given back first.
        GiveBack(connection);
        _held.AddOrUpdate(connection, new Turn(_turn));
    }

    private void GiveBack(DbConnection? connection)
    {
        if (connection is not null && _held.TryGetValue(connection, out var turn))
        {
            _held.Remove(connection);
            turn.Release();
        }
    }

    private sealed class Turn(SemaphoreSlim turn)
    {
        private SemaphoreSlim? _turn = turn;

        public void Release() => Interlocked.Exchange(ref _turn, null)?.Release();
    }
}
