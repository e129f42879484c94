using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CqpJury.App.Data;

/// <summary>
/// Recognises a unique-index violation whatever the provider, so a save that lost a race (two
/// secretaries, two instances) is reported like the check that should have caught it.
/// </summary>
public static class DatabaseErrors
{
    /// <summary>SQLite's SQLITE_CONSTRAINT (primary code).</summary>
    private const int SqliteConstraint = 19;

    /// <summary>A unique index or key was violated by this save.</summary>
    public static bool IsUniqueViolation(DbUpdateException ex) => IsUniqueViolation(ex, table: null, column: null);

    /// <summary>
    /// The unique index on <paramref name="table"/>.<paramref name="column"/> was violated.
    /// SQLite says "UNIQUE constraint failed: Table.Column"; PostgreSQL names the index ("IX_Table_Column").
    /// </summary>
    public static bool IsUniqueViolation(DbUpdateException ex, string? table, string? column)
    {
        ArgumentNullException.ThrowIfNull(ex);
        return ex.InnerException switch
        {
            SqliteException sqlite when sqlite.SqliteErrorCode == SqliteConstraint
                && sqlite.Message.Contains("UNIQUE", StringComparison.Ordinal) =>
                table is null || sqlite.Message.Contains($"{table}.{column}", StringComparison.Ordinal),
            PostgresException postgres when postgres.SqlState == PostgresErrorCodes.UniqueViolation =>
                table is null || (string.Equals(postgres.TableName, table, StringComparison.Ordinal)
                    && postgres.ConstraintName?.Contains(column ?? string.Empty, StringComparison.Ordinal) == true),
            _ => false,
        };
    }
}
