using CqpJury.App.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CqpJury.Tests.TestSupport;

/// <summary>
/// The database engine the integration tests run on. SQLite (a file in the factory's data folder)
/// unless a test assembly switches to PostgreSQL (CqpJury.Tests.Postgres runs the same suite there).
/// One database per data folder: a factory restarted on the same folder finds the same data.
/// </summary>
public abstract class TestDatabase
{
    public static TestDatabase Current { get; set; } = new SqliteTestDatabase();

    /// <summary>The value of <c>Database:Provider</c>.</summary>
    public abstract DatabaseProvider Provider { get; }

    /// <summary>The connection string of the database of <paramref name="dataRoot"/> (created when needed).</summary>
    public abstract string ConnectionString(string dataRoot);

    /// <summary>Adds <paramref name="interceptor"/> to every context of the app under test.</summary>
    public abstract void AddInterceptor(IServiceCollection services, IInterceptor interceptor);

    /// <summary>Everything the engine stored for <paramref name="dataRoot"/>, as raw bytes (to prove a secret is not in it).</summary>
    public abstract Task<byte[]> ReadRawContentAsync(string dataRoot);

    /// <summary>Deletes the database of <paramref name="dataRoot"/>.</summary>
    public abstract void Drop(string dataRoot);

    /// <summary>
    /// Runs <paramref name="sql"/> on the database of <paramref name="dataRoot"/> over a raw connection of its own
    /// (the SQLite file opened directly; a plain PostgreSQL connection): a change made behind the app's back.
    /// Returns the number of rows changed.
    /// </summary>
    public abstract Task<int> ExecuteRawAsync(string dataRoot, string sql);
}

/// <summary>SQLite: <c>cqpjury.db</c> in the data folder (deleted with the folder).</summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override string ConnectionString(string dataRoot) => $"Data Source={Path.Combine(dataRoot, "cqpjury.db")}";

    public override void AddInterceptor(IServiceCollection services, IInterceptor interceptor) =>
        services.ConfigureDbContext<SqliteCqpJuryDbContext>(options => options.AddInterceptors(interceptor));

    public override async Task<byte[]> ReadRawContentAsync(string dataRoot)
    {
        using var all = new MemoryStream();
        foreach (var file in Directory.GetFiles(dataRoot, "cqpjury.db*"))
        {
            // Main file and write-ahead log, read while the app still has them open.
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            await stream.CopyToAsync(all);
        }

        return all.ToArray();
    }

    public override void Drop(string dataRoot) => Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

    public override async Task<int> ExecuteRawAsync(string dataRoot, string sql)
    {
        var csb = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = Path.Combine(dataRoot, "cqpjury.db"), Pooling = false, DefaultTimeout = 30 };
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(csb.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync();
    }
}
