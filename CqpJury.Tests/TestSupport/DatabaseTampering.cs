using CqpJury.App.Data;
using Microsoft.EntityFrameworkCore;

namespace CqpJury.Tests.TestSupport;

/// <summary>
/// What someone with direct access to the database could do: drop the finality triggers
/// (<see cref="FinalityTriggers"/>), change a row, and put them back. Tests of the verification
/// page use it to prove that a tampered decision is detected all the same.
/// </summary>
public static class DatabaseTampering
{
    public static async Task TamperAsync(this CqpJuryAppFactory factory, Func<CqpJuryDbContext, Task> change)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(change);
        var postgres = TestDatabase.Current.Provider == DatabaseProvider.Postgres;
        await factory.WithDbAsync(async db =>
        {
            foreach (var sql in postgres ? FinalityTriggers.PostgresDrop : FinalityTriggers.SqliteDrop)
            {
                await db.Database.ExecuteSqlRawAsync(sql);
            }

            try
            {
                await change(db);
            }
            finally
            {
                foreach (var sql in postgres ? FinalityTriggers.PostgresCreate : FinalityTriggers.SqliteCreate)
                {
                    await db.Database.ExecuteSqlRawAsync(sql);
                }
            }
        });
    }
}
