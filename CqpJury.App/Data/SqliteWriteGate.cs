using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CqpJury.App.Data;

/// <summary>
/// SQLite has one writer at a time. Writers that find the file locked wait in SQLite's busy handler,
/// which sleeps in growing steps (up to 100 ms): the long tail of a busy room. This interceptor makes
/// this process's saves queue on a semaphore per database file instead, so their write transactions
/// follow each other without sleeping. SQLite's busy timeout still covers other processes.
/// The gate is taken when SaveChanges starts its own transaction (after every SavingChanges
/// interceptor) and released when the save ends, whatever the outcome (saved, failed, cancelled,
/// or a concurrency conflict, which EF reports on its own path). A save inside an explicit
/// transaction does not take it: that transaction may already hold the file's lock, and waiting for
/// the gate would then deadlock with a saver waiting for that lock.
/// </summary>
public sealed class SqliteWriteGate : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate;

    /// <summary>Contexts saving without an explicit transaction (they take the gate when the save's transaction starts).</summary>
    private readonly ConcurrentDictionary<DbContext, byte> _saving = new(ReferenceEqualityComparer.Instance);

    /// <summary>Contexts whose save holds the gate now.</summary>
    private readonly ConcurrentDictionary<DbContext, byte> _holders = new(ReferenceEqualityComparer.Instance);

    public SqliteWriteGate(string connectionString)
    {
        _gate = Gates.GetOrAdd(connectionString, _ => new SemaphoreSlim(1, 1));
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        MarkSaving(eventData);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        MarkSaving(eventData);
        return result;
    }

    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context && _saving.TryRemove(context, out _))
        {
            await _gate.WaitAsync(cancellationToken);
            _holders[context] = 0;
        }

        return result;
    }

    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context && _saving.TryRemove(context, out _))
        {
            _gate.Wait();
            _holders[context] = 0;
        }

        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Release(eventData);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Release(eventData);
        return result;
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData);
        return Task.CompletedTask;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Release(eventData);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Release(eventData);

    // Since EF Core 7 a concurrency conflict does not raise SaveChangesFailed: release here too.
    public override ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(ConcurrencyExceptionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Release(eventData);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult ThrowingConcurrencyException(ConcurrencyExceptionEventData eventData, InterceptionResult result)
    {
        Release(eventData);
        return result;
    }

    private void MarkSaving(DbContextEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context && context.Database.CurrentTransaction is null)
        {
            _saving[context] = 0;
        }
    }

    private void Release(DbContextEventData eventData)
    {
        if (eventData?.Context is not { } context)
        {
            return;
        }

        _saving.TryRemove(context, out _);
        if (_holders.TryRemove(context, out _))
        {
            _gate.Release();
        }
    }
}
