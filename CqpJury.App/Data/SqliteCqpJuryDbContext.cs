using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CqpJury.App.Data;

/// <summary>
/// The SQLite flavour of the database: its own migrations set (Data/Migrations/Sqlite).
/// SQLite cannot order or compare DateTimeOffset values, so they are stored as UTC ticks.
/// </summary>
public sealed class SqliteCqpJuryDbContext(DbContextOptions<SqliteCqpJuryDbContext> options) : CqpJuryDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
