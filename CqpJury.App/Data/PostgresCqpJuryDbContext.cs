using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CqpJury.App.Data;

/// <summary>
/// The PostgreSQL flavour of the database (several instances share it): its own migrations set
/// (Data/Migrations/Postgres). Instants are <c>timestamp with time zone</c>, always written in UTC.
/// </summary>
public sealed class PostgresCqpJuryDbContext(DbContextOptions<PostgresCqpJuryDbContext> options) : CqpJuryDbContext(options);

/// <summary>Lets <c>dotnet ef migrations add … --context PostgresCqpJuryDbContext</c> build the model without a server.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresCqpJuryDbContext>
{
    public PostgresCqpJuryDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresCqpJuryDbContext>()
            .UseNpgsql("Host=localhost;Database=cqpjury_design", o => o.MigrationsAssembly(typeof(PostgresCqpJuryDbContext).Assembly.GetName().Name))
            .Options);
}
