using Microsoft.EntityFrameworkCore;

namespace CqpJury.App.Data;

/// <summary>
/// Lets services ask for <c>IDbContextFactory&lt;CqpJuryDbContext&gt;</c> whatever the provider's
/// derived context is (each provider's context owns its migrations set).
/// </summary>
internal sealed class ContextFactoryAdapter<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<CqpJuryDbContext>
    where TContext : CqpJuryDbContext
{
    public CqpJuryDbContext CreateDbContext() => inner.CreateDbContext();
}
