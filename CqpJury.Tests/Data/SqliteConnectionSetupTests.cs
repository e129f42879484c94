using CqpJury.App.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CqpJury.Tests.Data;

/// <summary>
/// Every SQLite connection the app opens waits for locks, enforces foreign keys and syncs as configured — whether its
/// handle is new or handed back by the pool — and the settings are sent once per handle, not at every open.
/// </summary>
public sealed class SqliteConnectionSetupTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cqpjury-setup-" + Guid.NewGuid().ToString("N")[..8]);

    public SqliteConnectionSetupTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_pooled_handle_keeps_its_settings_and_gets_them_once_and_a_new_handle_gets_them_too()
    {
        var first = await OpenAsync(connection => Execute(connection, "PRAGMA busy_timeout = 1234;"));
        Assert.Equal((10_000L, 1L, 1L), first.Settings); // read before the change above

        // The pool hands the same handle back: its settings hold, and the setup is not sent again (it would have
        // put the busy timeout back to 10 s).
        var again = await OpenAsync();
        Assert.Equal(first.Handle, again.Handle);
        Assert.Equal((1234L, 1L, 1L), again.Settings);

        SqliteConnection.ClearAllPools(); // the pool closes its handles: the next open makes a new one, set up
        var fresh = await OpenAsync();
        Assert.Equal((10_000L, 1L, 1L), fresh.Settings);
    }

    /// <summary>
    /// Opens a context's connection as the app does and reads what it runs with — busy timeout, foreign keys,
    /// synchronous (NORMAL is 1) — then runs <paramref name="then"/> on it.
    /// </summary>
    private async Task<(IntPtr Handle, (long, long, long) Settings)> OpenAsync(Action<SqliteConnection>? then = null)
    {
        await using var db = new SqliteCqpJuryDbContext(new DbContextOptionsBuilder<SqliteCqpJuryDbContext>()
            .UseSqlite($"Data Source={Path.Combine(_folder, "setup.db")}")
            .AddInterceptors(new SqliteConnectionSetup())
            .Options);
        await db.Database.OpenConnectionAsync();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var result = (connection.Handle!.DangerousGetHandle(), (Pragma(connection, "busy_timeout"), Pragma(connection, "foreign_keys"), Pragma(connection, "synchronous")));
        then?.Invoke(connection);
        return result;
    }

    private static long Pragma(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return (long)command.ExecuteScalar()!;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
