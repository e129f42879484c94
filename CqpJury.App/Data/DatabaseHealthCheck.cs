using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CqpJury.App.Data;

/// <summary>
/// Readiness of the database (issue 26): it answers a read AND takes a write, which changes nothing.
/// SQLite: a connection of its own, opened afresh (not from the pool: a file that became read-only or
/// immutable is then opened read-only by SQLite), a read, then <c>BEGIN IMMEDIATE</c> (the write lock) and
/// an UPDATE that touches no row (refused on a read-only database: the lock alone is not), rolled back.
/// PostgreSQL: the same UPDATE in a transaction rolled back (refused in a read-only transaction, on a
/// standby, or without the right to write).
/// </summary>
public sealed class DatabaseHealthCheck(IDbContextFactory<CqpJuryDbContext> dbFactory, ILogger<DatabaseHealthCheck> logger) : IHealthCheck
{
    private const string Read = "SELECT COUNT(*) FROM \"__EFMigrationsHistory\"";
    private const string Write = "UPDATE \"__EFMigrationsHistory\" SET \"ProductVersion\" = \"ProductVersion\" WHERE 1 = 0";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (db.Database.IsSqlite())
            {
                await CheckSqliteAsync(db.Database.GetConnectionString()!, cancellationToken);
            }
            else
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                await db.Database.ExecuteSqlRawAsync(Read, cancellationToken);
                await db.Database.ExecuteSqlRawAsync(Write, cancellationToken);
                await transaction.RollbackAsync(cancellationToken);
            }

            return HealthCheckResult.Healthy("Base de données disponible en lecture et en écriture");
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or TimeoutException)
        {
            logger.LogWarning(ex, "Database readiness check failed");
            return HealthCheckResult.Unhealthy("Base de données indisponible en lecture ou en écriture");
        }
    }

    private static async Task CheckSqliteAsync(string connectionString, CancellationToken cancellationToken)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString) { Pooling = false, Mode = SqliteOpenMode.ReadWrite, DefaultTimeout = 5 };
        await using var connection = new SqliteConnection(csb.ToString());
        await connection.OpenAsync(cancellationToken);
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA busy_timeout = 5000;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var read = connection.CreateCommand())
        {
            read.CommandText = Read;
            await read.ExecuteScalarAsync(cancellationToken);
        }

        await using var write = connection.CreateCommand();
        write.CommandText = $"BEGIN IMMEDIATE; {Write}; ROLLBACK;";
        await write.ExecuteNonQueryAsync(cancellationToken);
    }
}
