using CqpJury.TestServers;
using System.Security.Cryptography;
using System.Text;
using CqpJury.App.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CqpJury.Tests.TestSupport;

/// <summary>
/// PostgreSQL: one database per data folder on <see cref="PostgresServer"/>, copied from a template
/// migrated once per test run (a copy takes a fraction of the time of running the migrations).
/// </summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    private static readonly SemaphoreSlim Creating = new(1, 1);
    private static string? _template;

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override string ConnectionString(string dataRoot)
    {
        var name = DatabaseName(dataRoot);
        Creating.Wait();
        try
        {
            _template ??= CreateTemplate();
            using var admin = new NpgsqlConnection(PostgresServer.AdminConnectionString);
            admin.Open();
            if (!Exists(admin, name))
            {
                Execute(admin, $"CREATE DATABASE \"{name}\" TEMPLATE \"{_template}\"");
            }
        }
        finally
        {
            Creating.Release();
        }

        return DatabaseConnectionString(dataRoot);
    }

    private static string DatabaseConnectionString(string dataRoot) =>
        new NpgsqlConnectionStringBuilder(PostgresServer.AdminConnectionString) { Database = DatabaseName(dataRoot), Pooling = true }.ConnectionString;

    public override void AddInterceptor(IServiceCollection services, IInterceptor interceptor) =>
        services.ConfigureDbContext<PostgresCqpJuryDbContext>(options => options.AddInterceptors(interceptor));

    /// <summary>Every text value of every table, one per line.</summary>
    public override async Task<byte[]> ReadRawContentAsync(string dataRoot)
    {
        await using var connection = new NpgsqlConnection(DatabaseConnectionString(dataRoot));
        await connection.OpenAsync();
        var columns = new List<(string Table, string Column)>();
        await using (var command = new NpgsqlCommand(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'bytea')",
            connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                columns.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        var all = new StringBuilder();
        foreach (var (table, column) in columns)
        {
            await using var command = new NpgsqlCommand($"SELECT \"{column}\"::text FROM \"{table}\" WHERE \"{column}\" IS NOT NULL", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                all.AppendLine(reader.GetString(0));
            }
        }

        return Encoding.UTF8.GetBytes(all.ToString());
    }

    public override void Drop(string dataRoot)
    {
        using (var pooled = new NpgsqlConnection(DatabaseConnectionString(dataRoot)))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        using var admin = new NpgsqlConnection(PostgresServer.AdminConnectionString);
        admin.Open();
        Execute(admin, $"DROP DATABASE IF EXISTS \"{DatabaseName(dataRoot)}\" WITH (FORCE)");
    }

    public override async Task<int> ExecuteRawAsync(string dataRoot, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(DatabaseConnectionString(dataRoot)) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>A stable name per data folder, so a restarted factory finds its data again.</summary>
    private static string DatabaseName(string dataRoot) =>
        "cqpjury_t_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(dataRoot))))[..24];

    /// <summary>The migrated template of this run (named after the migrations, so a new migration makes a new one).</summary>
    private static string CreateTemplate()
    {
        using var probe = new PostgresCqpJuryDbContext(Options(PostgresServer.AdminConnectionString));
        var migrations = string.Join(",", probe.Database.GetMigrations());
        var name = "cqpjury_template_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(migrations)))[..16];
        using var admin = new NpgsqlConnection(PostgresServer.AdminConnectionString);
        admin.Open();
        if (Exists(admin, name))
        {
            return name;
        }

        var building = name + "_" + Guid.NewGuid().ToString("N")[..8];
        var csb = new NpgsqlConnectionStringBuilder(PostgresServer.AdminConnectionString) { Database = building, Pooling = false };
        using (var db = new PostgresCqpJuryDbContext(Options(csb.ConnectionString)))
        {
            db.Database.Migrate();
        }

        // Built under a temporary name and renamed: another run never copies a half-migrated template.
        try
        {
            Execute(admin, $"ALTER DATABASE \"{building}\" RENAME TO \"{name}\"");
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            Execute(admin, $"DROP DATABASE \"{building}\" WITH (FORCE)");
        }

        return name;
    }

    private static DbContextOptions<PostgresCqpJuryDbContext> Options(string connectionString) =>
        new DbContextOptionsBuilder<PostgresCqpJuryDbContext>().UseNpgsql(connectionString).Options;

    private static bool Exists(NpgsqlConnection admin, string name)
    {
        using var command = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", admin);
        command.Parameters.AddWithValue("name", name);
        return command.ExecuteScalar() is not null;
    }

    private static void Execute(NpgsqlConnection admin, string sql)
    {
        using var command = new NpgsqlCommand(sql, admin);
        command.ExecuteNonQuery();
    }
}
