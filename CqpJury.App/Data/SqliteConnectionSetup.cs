using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace CqpJury.App.Data;

/// <summary>
/// Every SQLite connection waits for a lock instead of failing ("database is locked"): a busy
/// timeout on each connection; WAL is set once on the file at start-up (see DatabaseInitializer).
/// The settings belong to the underlying SQLite handle, which Microsoft.Data.Sqlite's pool keeps open and
/// hands to the next connection opened: they are set once per handle, not at every open (a vote opens a
/// dozen contexts; measured in Performance/README.md).
/// </summary>
public sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    public const int BusyTimeoutMilliseconds = 10_000;

    /// <summary>The handles already set up (weak: a handle closed by the pool is forgotten with it).</summary>
    private static readonly ConditionalWeakTable<sqlite3, object> SetUp = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        Apply(connection);
    }

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } sqlite || SetUp.TryGetValue(handle, out _))
        {
            return;
        }

        using var command = sqlite.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;";
        command.ExecuteNonQuery();
        SetUp.AddOrUpdate(handle, handle);
    }
}
